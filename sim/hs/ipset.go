package hs

import (
	"math/big"
	"net/netip"
)

// IPRange is the inclusive address range [Lo, Hi].
type IPRange struct{ Lo, Hi Addr }

// IPSet is an immutable set of addresses. The zero value is the empty set.
type IPSet struct {
	// r is canonical (see spans), so Equal is element-wise.
	r spans
}

// ipv4Space is ::ffff:0.0.0.0/96, where IPv4 addresses live.
var ipv4Space = span{u128{0, 0xffff << 32}, u128{0, 0xffff<<32 | 0xffffffff}}

// IPSetOf returns the union of the prefixes, each masked first. Invalid
// (zero) prefixes are ignored. IPv4 prefixes land in the IPv4-mapped space.
func IPSetOf(prefixes ...netip.Prefix) IPSet {
	in := make([]span, 0, len(prefixes))
	for _, p := range prefixes {
		if !p.IsValid() {
			continue
		}
		bits := p.Bits()
		if p.Addr().Is4() {
			bits += 96
		}
		lo := u128(AddrFrom(p.Masked().Addr()))
		in = append(in, span{lo, lo.or(lowOnes(128 - bits))})
	}
	return IPSet{normalize(in)}
}

// IPSetFromRanges returns the union of the ranges; a range with Lo > Hi is
// empty.
func IPSetFromRanges(rs ...IPRange) IPSet {
	in := make([]span, len(rs))
	for i, r := range rs {
		in[i] = span{u128(r.Lo), u128(r.Hi)}
	}
	return IPSet{normalize(in)}
}

// AllIPv4 is 0.0.0.0/0, the IPv4-mapped /96.
func AllIPv4() IPSet { return IPSet{spans{ipv4Space}} }

// Union returns the union of s and t. Like Intersect and Subtract it may
// return an operand itself, which is safe as IPSets are immutable.
func (s IPSet) Union(t IPSet) IPSet     { return IPSet{s.r.union(t.r)} }
func (s IPSet) Intersect(t IPSet) IPSet { return IPSet{s.r.intersect(t.r)} }
func (s IPSet) Subtract(t IPSet) IPSet  { return IPSet{s.r.subtract(t.r)} }
func (s IPSet) IsEmpty() bool           { return s.r.isEmpty() }
func (s IPSet) Equal(t IPSet) bool      { return s.r.equal(t.r) }

// Contains is a binary search.
func (s IPSet) Contains(a Addr) bool { return s.r.contains(u128(a)) }

// ContainsSet reports whether t is a subset of s.
func (s IPSet) ContainsSet(t IPSet) bool { return s.r.containsAll(t.r) }

// Overlaps reports whether s and t share an address.
func (s IPSet) Overlaps(t IPSet) bool { return s.r.overlaps(t.r) }

// Ranges returns the canonical ranges: sorted, disjoint and non-adjacent.
func (s IPSet) Ranges() []IPRange {
	out := make([]IPRange, len(s.r))
	for i, x := range s.r {
		out[i] = IPRange{Addr(x.lo), Addr(x.hi)}
	}
	return out
}

// Size is the exact number of addresses; it can reach 2^128, hence big.Int.
func (s IPSet) Size() *big.Int { return s.r.bigSize() }

// Min returns the lowest address, or false for the empty set.
func (s IPSet) Min() (Addr, bool) {
	if len(s.r) == 0 {
		return Addr{}, false
	}
	return Addr(s.r[0].lo), true
}
