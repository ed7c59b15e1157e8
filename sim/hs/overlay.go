package hs

import "slices"

// run is one interval of a layer's partition, mapped to the sub-set idx.
type run struct {
	span
	idx int32
}

// overlay sweeps two sorted, disjoint run lists in one merge and reports
// every maximal piece of the line on which the pair of mapped sub-sets is
// constant, in increasing order, with ia or ib -1 where the piece is outside
// a or b. Pieces only in a are reported when keepA is set, pieces only in b
// when keepB is; the runs that only those pieces would cover are skipped by
// binary search, which makes intersecting with a small operand cheap. emit
// returns false to stop the sweep.
func overlay(a, b []run, keepA, keepB bool, emit func(s span, ia, ib int32) bool) {
	i, j := 0, 0
	// x and y are a[i] and b[j] with their lo advanced past what has been
	// reported.
	var x, y run
	if len(a) > 0 {
		x = a[0]
	}
	if len(b) > 0 {
		y = b[0]
	}
	for i < len(a) && j < len(b) {
		switch {
		case x.hi.less(y.lo):
			if keepA {
				if !emit(x.span, x.idx, -1) {
					return
				}
				i++
			} else {
				i = skipTo(a, i+1, y.lo)
			}
			if i < len(a) {
				x = a[i]
			}
		case y.hi.less(x.lo):
			if keepB {
				if !emit(y.span, -1, y.idx) {
					return
				}
				j++
			} else {
				j = skipTo(b, j+1, x.lo)
			}
			if j < len(b) {
				y = b[j]
			}
		default:
			// Overlap: first the part of whichever starts earlier that
			// precedes the other, then the common part.
			if x.lo.less(y.lo) {
				if keepA && !emit(span{x.lo, y.lo.prev()}, x.idx, -1) {
					return
				}
				x.lo = y.lo
			} else if y.lo.less(x.lo) {
				if keepB && !emit(span{y.lo, x.lo.prev()}, -1, y.idx) {
					return
				}
				y.lo = x.lo
			}
			hi := minU(x.hi, y.hi)
			if !emit(span{x.lo, hi}, x.idx, y.idx) {
				return
			}
			// hi.next() is only taken where the other run goes past hi,
			// so it cannot wrap.
			if x.hi == hi {
				if i++; i < len(a) {
					x = a[i]
				}
			} else {
				x.lo = hi.next()
			}
			if y.hi == hi {
				if j++; j < len(b) {
					y = b[j]
				}
			} else {
				y.lo = hi.next()
			}
		}
	}
	for k := i; keepA && k < len(a); k++ {
		if k > i {
			x = a[k]
		}
		if !emit(x.span, x.idx, -1) {
			return
		}
	}
	for k := j; keepB && k < len(b); k++ {
		if k > j {
			y = b[k]
		}
		if !emit(y.span, -1, y.idx) {
			return
		}
	}
}

// skipTo returns the first index from i on whose run ends at or after p.
func skipTo(rs []run, i int, p u128) int {
	k, _ := slices.BinarySearchFunc(rs[i:], p, func(r run, p u128) int { return r.hi.cmp(p) })
	return i + k
}
