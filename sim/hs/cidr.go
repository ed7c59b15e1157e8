package hs

import (
	"net/netip"
	"strings"
)

// Prefixes returns the minimal CIDR cover, sorted. IPv4-mapped blocks are
// returned as IPv4 prefixes; blocks wider than the IPv4 space as IPv6.
func (s IPSet) Prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, x := range s.r {
		for lo := x.lo; ; {
			// The largest block that starts at lo (alignment) and ends
			// within the range (length).
			k := min(lo.trailingZeros(), blockBits(x.hi.sub(lo)))
			end := lo.or(lowOnes(k))
			out = append(out, prefixOf(lo, 128-k))
			if end == x.hi {
				break
			}
			lo = end.next()
		}
	}
	return out
}

// blockBits is log2 of the largest power of two not above n+1.
func blockBits(n u128) int {
	if n == lowOnes(128) {
		return 128
	}
	return n.next().bitLen() - 1
}

// cidrBits returns the prefix length when x is exactly one CIDR block.
func (x span) cidrBits() (int, bool) {
	n := x.hi.sub(x.lo)
	k := blockBits(n)
	return 128 - k, n == lowOnes(k) && x.lo.trailingZeros() >= k
}

// prefixOf maps IPv4-mapped blocks, which are never wider than the /96 that
// holds them, back to IPv4 prefixes.
func prefixOf(lo u128, bits int) netip.Prefix {
	a := Addr(lo).Netip()
	if a.Is4() {
		bits -= 96
	}
	return netip.PrefixFrom(a, bits)
}

// String renders the ranges joined by ",": a single address as itself, a
// range that is one CIDR block of at least 8 addresses as the CIDR, anything
// else as "lo-hi". The whole IPv4 space is "*" and the empty set is "none".
func (s IPSet) String() string {
	switch {
	case len(s.r) == 0:
		return "none"
	case len(s.r) == 1 && s.r[0] == ipv4Space:
		return "*"
	}
	parts := make([]string, len(s.r))
	for i, x := range s.r {
		parts[i] = addrRangeString(x)
	}
	return strings.Join(parts, ",")
}

func addrRangeString(x span) string {
	if x.lo == x.hi {
		return Addr(x.lo).String()
	}
	if bits, ok := x.cidrBits(); ok && bits <= 128-3 {
		return prefixOf(x.lo, bits).String()
	}
	return Addr(x.lo).String() + "-" + Addr(x.hi).String()
}
