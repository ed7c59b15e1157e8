package sim

import "github.com/vnetsim/vnetsim/sim/hs"

// setAcc accumulates the union of many sets in O(n log n) set operations
// rather than the O(n^2) of folding them one by one into a growing set: a
// binary counter of unions, levels[i] holding the union of 2^i sets (or
// nothing).
type setAcc struct{ levels []hs.Set }

func (a *setAcc) add(s hs.Set) {
	if s.IsEmpty() {
		return
	}
	for i := range a.levels {
		if a.levels[i].IsEmpty() {
			a.levels[i] = s
			return
		}
		s = s.Union(a.levels[i])
		a.levels[i] = hs.Set{}
	}
	a.levels = append(a.levels, s)
}

// without is s less everything added so far.
func (a *setAcc) without(s hs.Set) hs.Set {
	for _, l := range a.levels {
		if s.Overlaps(l) {
			s = s.Subtract(l)
		}
	}
	return s
}

// union is everything added.
func (a *setAcc) union() hs.Set {
	var out hs.Set
	for _, l := range a.levels {
		out = out.Union(l)
	}
	return out
}
