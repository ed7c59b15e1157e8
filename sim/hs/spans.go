package hs

import (
	"math/big"
	"slices"
)

// span is the inclusive interval [lo, hi]; lo <= hi.
type span struct{ lo, hi u128 }

// count is hi-lo+1 as a float, exact up to 2^53 and never overflowing.
func (x span) count() float64 { return x.hi.sub(x.lo).float() + 1 }

// spans is an interval list in canonical form: sorted by lo, pairwise
// disjoint and non-adjacent, so two lists hold the same points exactly when
// they are element-wise equal. It is the shared implementation behind IPSet,
// PortSet and the keys of a Set's layers. A spans is immutable once built:
// no code appends to or writes into a spans it did not allocate itself, which
// is what lets operations return an operand unchanged.
type spans []span

// normalize builds the canonical form of arbitrary intervals, dropping those
// with lo > hi.
func normalize(in []span) spans {
	tmp := make([]span, 0, len(in))
	for _, s := range in {
		if !s.hi.less(s.lo) {
			tmp = append(tmp, s)
		}
	}
	slices.SortFunc(tmp, func(a, b span) int { return a.lo.cmp(b.lo) })
	var out spans
	for _, s := range tmp {
		out = out.push(s)
	}
	return out
}

// push appends x, merging it into the last interval when they overlap or
// touch. x.lo must not be below the last interval's lo.
func (s spans) push(x span) spans {
	if n := len(s); n > 0 {
		last := &s[n-1]
		// When last.hi is the maximum, the first test already holds, so the
		// wrap of next cannot cause a false merge.
		if !last.hi.less(x.lo) || last.hi.next() == x.lo {
			if last.hi.less(x.hi) {
				last.hi = x.hi
			}
			return s
		}
	}
	return append(s, x)
}

func (s spans) isEmpty() bool { return len(s) == 0 }

func (s spans) equal(t spans) bool { return s.same(t) || slices.Equal(s, t) }

// same reports whether s and t are one slice, which operations that leave an
// operand unchanged return so that later comparisons are O(1).
func (s spans) same(t spans) bool {
	return len(s) == len(t) && (len(s) == 0 || &s[0] == &t[0])
}

// insideBox reports whether s lies inside t's single interval: an O(1)
// subset test, false when unsure, that catches the frequent operations with
// everything.
func (s spans) insideBox(t spans) bool {
	return len(s) > 0 && len(t) == 1 && !s[0].lo.less(t[0].lo) && !t[0].hi.less(s[len(s)-1].hi)
}

// disjointHull reports whether the hulls of s and t do not meet.
func (s spans) disjointHull(t spans) bool {
	return len(s) == 0 || len(t) == 0 || s[len(s)-1].hi.less(t[0].lo) || t[len(t)-1].hi.less(s[0].lo)
}

func (s spans) union(t spans) spans {
	if len(s) == 0 {
		return t
	}
	if len(t) == 0 {
		return s
	}
	out := make(spans, 0, len(s)+len(t))
	i, j := 0, 0
	for i < len(s) || j < len(t) {
		if j == len(t) || i < len(s) && s[i].lo.less(t[j].lo) {
			out = out.push(s[i])
			i++
		} else {
			out = out.push(t[j])
			j++
		}
	}
	return out
}

func (s spans) intersect(t spans) spans {
	switch {
	case s.insideBox(t):
		return s
	case t.insideBox(s):
		return t
	case s.disjointHull(t):
		return nil
	}
	var out spans
	for i, j := 0, 0; i < len(s) && j < len(t); {
		lo, hi := maxU(s[i].lo, t[j].lo), minU(s[i].hi, t[j].hi)
		if !hi.less(lo) {
			out = append(out, span{lo, hi})
		}
		if s[i].hi.less(t[j].hi) {
			i++
		} else {
			j++
		}
	}
	return out
}

func (s spans) subtract(t spans) spans {
	switch {
	case s.disjointHull(t):
		return s
	case s.insideBox(t):
		return nil
	}
	var out spans
	j := 0
	for _, x := range s {
		for j < len(t) && t[j].hi.less(x.lo) {
			j++
		}
		cut := false
		for ; j < len(t) && !x.hi.less(t[j].lo); j++ {
			if x.lo.less(t[j].lo) {
				out = append(out, span{x.lo, t[j].lo.prev()})
			}
			if !t[j].hi.less(x.hi) {
				// t[j] may also cut the next interval of s: keep j.
				cut = true
				break
			}
			x.lo = t[j].hi.next()
		}
		if !cut {
			out = append(out, x)
		}
	}
	return out
}

// find returns the index of the first interval with hi >= p.
func (s spans) find(p u128) int {
	i, _ := slices.BinarySearchFunc(s, p, func(x span, p u128) int { return x.hi.cmp(p) })
	return i
}

func (s spans) contains(p u128) bool {
	i := s.find(p)
	return i < len(s) && !p.less(s[i].lo)
}

// containsAll reports whether t is a subset of s.
func (s spans) containsAll(t spans) bool {
	i := 0
	for _, y := range t {
		for i < len(s) && s[i].hi.less(y.lo) {
			i++
		}
		if i == len(s) || y.lo.less(s[i].lo) || s[i].hi.less(y.hi) {
			return false
		}
	}
	return true
}

// overlaps looks each span of the shorter list up in the longer one, so
// that a small set against a large one costs a few binary searches.
func (s spans) overlaps(t spans) bool {
	if len(s) > len(t) {
		s, t = t, s
	}
	for _, x := range s {
		// The first span of t that ends at or after x begins.
		j, _ := slices.BinarySearchFunc(t, x.lo, func(y span, p u128) int { return y.hi.cmp(p) })
		if j < len(t) && !x.hi.less(t[j].lo) {
			return true
		}
	}
	return false
}

func (s spans) hash() uint64 {
	h := uint64(len(s))
	for _, x := range s {
		h = x.mix(h)
	}
	return h
}

// mix folds x into h with two rounds rather than one per word: layers rehash
// every run on every operation.
func (x span) mix(h uint64) uint64 {
	return mix(mix(h, x.lo.hi*golden^x.lo.lo), x.hi.hi*golden^x.hi.lo)
}

func (s spans) size() float64 {
	n := 0.0
	for _, x := range s {
		n += x.count()
	}
	return n
}

func (s spans) bigSize() *big.Int {
	n := new(big.Int)
	for _, x := range s {
		n.Add(n, x.hi.sub(x.lo).big())
		n.Add(n, big.NewInt(1))
	}
	return n
}

func minU(a, b u128) u128 {
	if b.less(a) {
		return b
	}
	return a
}

func maxU(a, b u128) u128 {
	if a.less(b) {
		return b
	}
	return a
}
