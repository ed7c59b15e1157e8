package model

import (
	"cmp"
	"net/netip"
	"slices"
)

// nonPublic are the ranges that are not publicly routable: the private and
// shared ranges Azure treats as private, and the special-purpose ones
// (azure-semantics.md §2, the definition of Internet).
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("224.0.0.0/4"),
	netip.MustParsePrefix("240.0.0.0/4"),
}

// nonPublicRange returns the first non-public range that p overlaps.
func nonPublicRange(p netip.Prefix) (netip.Prefix, bool) {
	for _, r := range nonPublic {
		if r.Overlaps(p) {
			return r, true
		}
	}
	return netip.Prefix{}, false
}

// lastAddr is the last address of p, for either address family.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// comparePrefix orders prefixes by first address, then larger first.
func comparePrefix(a, b netip.Prefix) int {
	return cmp.Or(a.Addr().Compare(b.Addr()), cmp.Compare(a.Bits(), b.Bits()))
}

// overlapping finds, among prefixes (masked, one family), each one that
// overlaps another, paired with one it overlaps: for i, the pair (i, j).
// CIDR prefixes are nested or disjoint, so after sorting by first address
// a prefix overlaps an earlier one exactly when the earlier one reaching
// furthest contains its first address; that makes it O(n log n), for VNets
// of thousands of subnets. Pairs come in input order of i.
func overlapping(prefixes []netip.Prefix) [][2]int {
	order := make([]int, len(prefixes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return comparePrefix(prefixes[a], prefixes[b]) })
	var pairs [][2]int
	reach := -1 // the index, among those seen, of the prefix reaching furthest
	for _, i := range order {
		p := prefixes[i]
		if reach >= 0 && prefixes[reach].Contains(p.Addr()) {
			// Report the later of the two in the input, pointing at the
			// earlier, as people read top to bottom.
			pairs = append(pairs, [2]int{max(i, reach), min(i, reach)})
		}
		if reach < 0 || lastAddr(p).Compare(lastAddr(prefixes[reach])) > 0 {
			reach = i
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return pairs
}

// hostCount is the number of addresses in p, saturated at 1<<62.
func hostCount(p netip.Prefix) uint64 {
	return 1 << min(p.Addr().BitLen()-p.Bits(), 62)
}
