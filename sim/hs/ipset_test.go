package hs_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

func addr(s string) hs.Addr { return hs.MustParseAddr(s) }

func rng(lo, hi string) hs.IPRange { return hs.IPRange{Lo: addr(lo), Hi: addr(hi)} }

const maxV6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"

func TestAddr(t *testing.T) {
	if got := addr(maxV6).Next(); got != addr("::") {
		t.Errorf("max.Next() = %v, want the documented wrap to ::", got)
	}
	if got := addr("::").Prev(); got != addr(maxV6) {
		t.Errorf("::.Prev() = %v, want the documented wrap to max", got)
	}
	if got := addr("255.255.255.255").Next(); got != addr("::1:0:0:0") {
		t.Errorf("255.255.255.255.Next() = %v, want ::1:0:0:0", got)
	}
	if got := addr("10.0.0.255").Next(); got.String() != "10.0.1.0" {
		t.Errorf("carry: %v", got)
	}
	if got := addr("::ffff:ffff:ffff:ffff").Next(); got.String() != "0:0:0:1::" {
		t.Errorf("carry across the 64-bit halves: %v", got)
	}
	if got := addr("0:0:0:1::").Prev(); got.String() != "::ffff:ffff:ffff:ffff" {
		t.Errorf("borrow across the 64-bit halves: %v", got)
	}
	if got := hs.AddrFrom(netip.MustParseAddr("fe80::1%eth0")); got.Netip() != netip.MustParseAddr("fe80::1") {
		t.Errorf("zone not dropped: %v", got)
	}
	if got := hs.AddrFrom(netip.Addr{}); got != addr("::") {
		t.Errorf("invalid netip.Addr gave %v", got)
	}
	v4 := netip.MustParseAddr("10.1.2.3")
	if got := hs.AddrFrom(v4); got.Netip() != v4 || got != addr("::ffff:10.1.2.3") || got.String() != "10.1.2.3" {
		t.Errorf("IPv4 round trip: %v", got)
	}
	ordered := []hs.Addr{addr("::"), addr("::1"), addr("0.0.0.0"), addr("10.0.0.1"), addr("255.255.255.255"), addr("2001:db8::"), addr(maxV6)}
	for i := range ordered {
		for j := range ordered {
			if got, want := ordered[i].Compare(ordered[j]), cmpInt(i, j); got != want {
				t.Errorf("Compare(%v, %v) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestIPSetTable(t *testing.T) {
	two128 := new(big.Int).Lsh(big.NewInt(1), 128)
	tests := []struct {
		name     string
		set      hs.IPSet
		str      string
		prefixes string
		size     *big.Int
	}{
		{"empty", hs.IPSet{}, "none", "[]", big.NewInt(0)},
		{"single", ips("10.0.1.4/32"), "10.0.1.4", "[10.0.1.4/32]", big.NewInt(1)},
		{"/30 prints as a range", ips("10.0.1.4/30"), "10.0.1.4-10.0.1.7", "[10.0.1.4/30]", big.NewInt(4)},
		{"/29 prints as CIDR", ips("10.0.1.8/29"), "10.0.1.8/29", "[10.0.1.8/29]", big.NewInt(8)},
		{"masked first", ips("20.36.0.7/27"), "20.36.0.0/27", "[20.36.0.0/27]", big.NewInt(32)},
		{"adjacent prefixes merge", ips("10.0.0.128/25", "10.0.0.0/25"), "10.0.0.0/24", "[10.0.0.0/24]", big.NewInt(256)},
		{"adjacent ranges merge", hs.IPSetFromRanges(rng("10.0.0.4", "10.0.0.9"), rng("10.0.0.1", "10.0.0.3")), "10.0.0.1-10.0.0.9", "[10.0.0.1/32 10.0.0.2/31 10.0.0.4/30 10.0.0.8/31]", big.NewInt(9)},
		{"overlapping ranges merge", hs.IPSetFromRanges(rng("10.0.0.1", "10.0.0.8"), rng("10.0.0.3", "10.0.0.4")), "10.0.0.1-10.0.0.8", "[10.0.0.1/32 10.0.0.2/31 10.0.0.4/30 10.0.0.8/32]", big.NewInt(8)},
		{"reversed range is empty", hs.IPSetFromRanges(rng("10.0.0.9", "10.0.0.1")), "none", "[]", big.NewInt(0)},
		{"gap kept", ips("10.0.0.0/32", "10.0.0.2/32"), "10.0.0.0,10.0.0.2", "[10.0.0.0/32 10.0.0.2/32]", big.NewInt(2)},
		{"IPv4 /0", ips("0.0.0.0/0"), "*", "[0.0.0.0/0]", big.NewInt(1 << 32)},
		{"IPv4 /0 is AllIPv4", hs.AllIPv4(), "*", "[0.0.0.0/0]", big.NewInt(1 << 32)},
		{"IPv4 /1", ips("128.0.0.0/1"), "128.0.0.0/1", "[128.0.0.0/1]", big.NewInt(1 << 31)},
		{"IPv6 /0", ips("::/0"), "::/0", "[::/0]", two128},
		{"IPv6 prefix", ips("2001:db8::/32"), "2001:db8::/32", "[2001:db8::/32]", new(big.Int).Lsh(big.NewInt(1), 96)},
		{"IPv6 range", hs.IPSetFromRanges(rng("2001:db8::1", "2001:db8::5")), "2001:db8::1-2001:db8::5", "[2001:db8::1/128 2001:db8::2/127 2001:db8::4/127]", big.NewInt(5)},
		{"max address", hs.IPSetFromRanges(rng(maxV6, maxV6)), maxV6, "[" + maxV6 + "/128]", big.NewInt(1)},
		{"ranges touching max merge", hs.IPSetFromRanges(rng("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"), rng(maxV6, maxV6)), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/125", "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/125]", big.NewInt(8)},
		{"v6 below v4 above", ips("2001:db8::/126", "10.0.0.0/8", "::1/128"), "::1,10.0.0.0/8,2001:db8::-2001:db8::3", "[::1/128 10.0.0.0/8 2001:db8::/126]", big.NewInt(1<<24 + 5)},
		{"across the end of IPv4", hs.IPSetFromRanges(rng("255.255.255.255", "::1:0:0:0")), "255.255.255.255-::1:0:0:0", "[255.255.255.255/32 ::1:0:0:0/128]", big.NewInt(2)},
		{"everything but max", ips("::/0").Subtract(hs.IPSetFromRanges(rng(maxV6, maxV6))), "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "", new(big.Int).Sub(two128, big.NewInt(1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := hs.ValidateIPSet(tt.set); err != nil {
				t.Fatal(err)
			}
			if got := tt.set.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := fmt.Sprint(tt.set.Prefixes()); tt.prefixes != "" && got != tt.prefixes {
				t.Errorf("Prefixes() = %s, want %s", got, tt.prefixes)
			}
			if got := tt.set.Size(); got.Cmp(tt.size) != 0 {
				t.Errorf("Size() = %v, want %v", got, tt.size)
			}
			if !hs.IPSetOf(tt.set.Prefixes()...).Equal(tt.set) || !hs.IPSetFromRanges(tt.set.Ranges()...).Equal(tt.set) {
				t.Errorf("Prefixes or Ranges do not rebuild the set")
			}
			lo, ok := tt.set.Min()
			if ok != !tt.set.IsEmpty() || ok && (!tt.set.Contains(lo) || tt.set.Contains(lo.Prev()) && lo != addr("::")) {
				t.Errorf("Min() = %v, %v", lo, ok)
			}
		})
	}
}

func TestIPSetInvalidPrefixIgnored(t *testing.T) {
	if s := hs.IPSetOf(netip.Prefix{}, netip.MustParsePrefix("10.0.0.0/8")); !s.Equal(ips("10.0.0.0/8")) {
		t.Errorf("got %v", s)
	}
}

// TestIPSetEdges checks the IPSet operations against a bit mask model on the
// 64 lowest and the 64 highest addresses, where wrap-around bugs would live.
func TestIPSetEdges(t *testing.T) {
	pos := func(i int) hs.Addr { // 0-63: ::0-::3f; 64-127: max-63..max
		if i < 64 {
			return hs.MustParseAddr(fmt.Sprintf("::%x", i))
		}
		return hs.MustParseAddr(fmt.Sprintf("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff%x", 0xc0+i-64))
	}
	type bits128 [2]uint64
	r := rand.New(rand.NewPCG(1, 2))
	random := func() (hs.IPSet, bits128) {
		var m bits128
		var rs []hs.IPRange
		for range r.IntN(4) {
			lo := r.IntN(128)
			hi := lo + r.IntN(128-lo)
			if r.IntN(8) == 0 {
				hi = 127
			}
			rs = append(rs, hs.IPRange{Lo: pos(lo), Hi: pos(hi)})
			for i := lo; i <= hi; i++ {
				m[i/64] |= 1 << (i % 64)
			}
		}
		return hs.IPSetFromRanges(rs...), m
	}
	check := func(name string, s hs.IPSet, m bits128) {
		t.Helper()
		if err := hs.ValidateIPSet(s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range 128 {
			if s.Contains(pos(i)) != (m[i/64]&(1<<(i%64)) != 0) {
				t.Fatalf("%s: Contains(%v) wrong in %v", name, pos(i), s)
			}
		}
		ps := s.Prefixes()
		if !hs.IPSetOf(ps...).Equal(s) {
			t.Fatalf("%s: Prefixes %v do not rebuild %v", name, ps, s)
		}
		for i := 1; i < len(ps); i++ {
			a, b := ps[i-1], ps[i]
			if a.Bits() == b.Bits() && a.Bits() > 0 {
				pa, _ := a.Addr().Prefix(a.Bits() - 1)
				pb, _ := b.Addr().Prefix(b.Bits() - 1)
				if pa == pb {
					t.Fatalf("%s: Prefixes not minimal: %v and %v merge", name, a, b)
				}
			}
		}
	}
	for range 3000 {
		a, am := random()
		b, bm := random()
		check("a", a, am)
		check("a|b", a.Union(b), bits128{am[0] | bm[0], am[1] | bm[1]})
		check("a&b", a.Intersect(b), bits128{am[0] & bm[0], am[1] & bm[1]})
		check("a-b", a.Subtract(b), bits128{am[0] &^ bm[0], am[1] &^ bm[1]})
		subset := am[0]&^bm[0] == 0 && am[1]&^bm[1] == 0
		if b.ContainsSet(a) != subset || a.Overlaps(b) != (am[0]&bm[0] != 0 || am[1]&bm[1] != 0) || a.Equal(b) != (am == bm) {
			t.Fatalf("relations wrong for %v and %v", a, b)
		}
	}
}

func TestIPSetRangesAreCopies(t *testing.T) {
	s := ips("10.0.0.0/8")
	rs := s.Ranges()
	rs[0].Hi = addr("11.0.0.0")
	if !slices.Equal(s.Ranges(), []hs.IPRange{rng("10.0.0.0", "10.255.255.255")}) {
		t.Errorf("Ranges exposed internal state: %v", s)
	}
}
