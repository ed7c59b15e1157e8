package hs

import (
	"math"
	"strconv"
	"strings"
)

// PortRange is the inclusive port range [Lo, Hi].
type PortRange struct{ Lo, Hi uint16 }

// PortSet is an immutable set of ports. The zero value is the empty set.
type PortSet struct {
	// r is canonical (see spans) and within [0, 65535].
	r spans
}

var allPorts = spans{{u128{}, u128{0, math.MaxUint16}}}

// PortSetOf returns the union of the ranges; a range with Lo > Hi is empty.
func PortSetOf(rs ...PortRange) PortSet {
	in := make([]span, len(rs))
	for i, r := range rs {
		in[i] = span{smallPoint(r.Lo), smallPoint(r.Hi)}
	}
	return PortSet{normalize(in)}
}

// AllPorts is 0-65535.
func AllPorts() PortSet { return PortSet{allPorts} }

// smallPoint places a port or protocol number on the common u128 line.
func smallPoint(v uint16) u128 { return u128{0, uint64(v)} }

// Union returns the union of s and t. Like Intersect and Subtract it may
// return an operand itself, which is safe as PortSets are immutable.
func (s PortSet) Union(t PortSet) PortSet     { return PortSet{s.r.union(t.r)} }
func (s PortSet) Intersect(t PortSet) PortSet { return PortSet{s.r.intersect(t.r)} }
func (s PortSet) Subtract(t PortSet) PortSet  { return PortSet{s.r.subtract(t.r)} }
func (s PortSet) IsEmpty() bool               { return s.r.isEmpty() }
func (s PortSet) Equal(t PortSet) bool        { return s.r.equal(t.r) }
func (s PortSet) Contains(p uint16) bool      { return s.r.contains(smallPoint(p)) }

// ContainsSet reports whether t is a subset of s.
func (s PortSet) ContainsSet(t PortSet) bool { return s.r.containsAll(t.r) }

// Overlaps reports whether s and t share a port.
func (s PortSet) Overlaps(t PortSet) bool { return s.r.overlaps(t.r) }

// Ranges returns the canonical ranges: sorted, disjoint and non-adjacent.
func (s PortSet) Ranges() []PortRange {
	out := make([]PortRange, len(s.r))
	for i, x := range s.r {
		out[i] = PortRange{uint16(x.lo.lo), uint16(x.hi.lo)}
	}
	return out
}

// String renders the ranges joined by ",", each as "443" or "8000-8080";
// all ports are "*" and the empty set is "none".
func (s PortSet) String() string {
	switch {
	case len(s.r) == 0:
		return "none"
	case s.r.equal(allPorts):
		return "*"
	}
	var b strings.Builder
	for i, x := range s.r {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(x.lo.lo, 10))
		if x.lo != x.hi {
			b.WriteByte('-')
			b.WriteString(strconv.FormatUint(x.hi.lo, 10))
		}
	}
	return b.String()
}
