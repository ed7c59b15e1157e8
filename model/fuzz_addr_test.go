package model

import (
	"fmt"
	"testing"
)

// FuzzAddrExpr feeds one string to every address and port parser. None
// may panic; what parses is canonical (an IPv4 prefix without host bits,
// a port range in order), the fast path for prefixes agrees with
// ipaddress-go, and an expression that looks like an address is parsed
// as ParsePrefix parses it.
func FuzzAddrExpr(f *testing.F) {
	for _, s := range []string{
		"*", "Any", "any", "10.0.0.0/8", "10.0.1.5/24", "10.0.1.5", "0.0.0.0/0", "255.255.255.255/32",
		"10.0.0.0/33", "10.0.0/24", "010.0.0.0/8", "1.2.3.4/", "/8", "::/0", "2001:db8::/32", "::ffff:10.0.0.1",
		"10.0.0.0-10.0.0.255", "10.0.0.*", "Storage", "Storage.EastUS2", "vnet/subnet", "a/b/c", "abc/def",
		"443", "0", "65535", "65536", "1024-65535", "65535-1024", " 80 - 81 ", "-1", "80-", "-80", "1e3", "0x50",
		"172.17.0.1/16", "10.0.0.1/0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrefix(s)
		if err == nil {
			if !p.Addr().Is4() || p.Masked() != p || !p.IsValid() {
				t.Fatalf("ParsePrefix(%q) = %v: not a masked IPv4 prefix", s, p)
			}
			if fast, ok := fastPrefix(s); ok && fast != p {
				t.Fatalf("ParsePrefix(%q): fast path %v, ipaddress-go %v", s, fast, p)
			}
			if slow, err := ParsePrefix(p.String()); err != nil || slow != p {
				t.Fatalf("ParsePrefix(%q) = %v, which does not parse back: %v %v", s, p, slow, err)
			}
		}
		e, exprErr := ParseAddrExpr(s)
		if looksNumeric(s) && (exprErr == nil) != (err == nil) {
			t.Fatalf("ParseAddrExpr(%q) and ParsePrefix disagree: %v, %v", s, exprErr, err)
		}
		if exprErr == nil && e.Kind == ExprPrefix && e.Prefix != p {
			t.Fatalf("ParseAddrExpr(%q) = %v, ParsePrefix %v", s, e.Prefix, p)
		}
		if a, err := ParseAddr(s); err == nil && (!a.Is4() || !p.IsSingleIP() || p.Addr() != a) {
			t.Fatalf("ParseAddr(%q) = %v, ParsePrefix %v", s, a, p)
		}
		if n, err := ParseInterfacePrefix(s); err == nil && (n.Masked() != n || !n.Addr().Is4()) {
			t.Fatalf("ParseInterfacePrefix(%q) = %v", s, n)
		}
		r, err := ParsePortRange(s)
		if err != nil {
			return
		}
		if r.Lo > r.Hi {
			t.Fatalf("ParsePortRange(%q) = %v: backwards", s, r)
		}
		if back, err := ParsePortRange(fmt.Sprintf("%d-%d", r.Lo, r.Hi)); err != nil || back != r {
			t.Fatalf("ParsePortRange(%q) = %v, which does not parse back: %v %v", s, r, back, err)
		}
	})
}
