package model

import (
	"net/netip"
	"testing"
)

// slowPrefix is ParsePrefix without its fast path: ipaddress-go only.
func slowPrefix(s string) (netip.Prefix, error) {
	a, err := parseIP(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	lower := a.GetLower().GetNetNetIPAddr()
	bits := lower.BitLen()
	if a.IsPrefixed() {
		bits = a.GetNetworkPrefixLen().Len()
	}
	return netip.PrefixFrom(lower, bits), nil
}

// TestParsePrefixFastPathAgrees: where the net/netip fast path answers, it
// answers what ipaddress-go does; everything else still reaches
// ipaddress-go's messages.
func TestParsePrefixFastPathAgrees(t *testing.T) {
	for _, s := range []string{"10.0.1.0/24", "10.0.1.4", "0.0.0.0/0", "255.255.255.255", "20.36.0.0/27",
		"10.0.1.5/24", "010.0.0.1", "1.2.3.4/33", "1.2.3", "::1", "10.0.0.0/8 ", "a.b.c.d"} {
		fast, ok := fastPrefix(s)
		if !ok {
			continue
		}
		slow, err := slowPrefix(s)
		if err != nil || slow != fast {
			t.Errorf("%q: fast path %v, ipaddress-go %v (%v)", s, fast, slow, err)
		}
	}
	if _, err := ParsePrefix("10.0.1.5/24"); err == nil || err.Error() != `"10.0.1.5/24" has host bits set (did you mean 10.0.1.0/24?)` {
		t.Errorf("host bits: %v", err)
	}
}
