package hs

// op is a binary set operation.
type op uint8

const (
	opUnion op = iota
	opIntersect
	opSubtract
)

func apply[V algebra[V]](o op, x, y V) V {
	switch o {
	case opUnion:
		return x.union(y)
	case opIntersect:
		return x.intersect(y)
	case opSubtract:
		return x.subtract(y)
	}
	panic("hs: unknown op")
}

// combine applies o piece by piece over the overlay of a and b. A piece's
// sub depends only on the pair of subs it lies in, so each pair is computed
// once, and pieces in only one operand keep their sub as it is.
//
// It takes two passes. The first computes every pair result. Knowing them
// all up front saves the second, which lays out the result, from interning
// most subs of a subtraction: a's subs are pairwise unequal, so one passed
// through can only equal a pair result, whose hash must then be among the
// pair results' hashes. A union interns every sub, as subs of a and b may be
// equal.
//
// Its state lives in local variables with small fixed buffers rather than
// in a struct, so that the many tiny combines deep in a Set stay off the heap
// apart from their result.
func (a layer[V]) combine(b layer[V], o op) layer[V] {
	if r, ok := trivial(a, b, o); ok {
		return r
	}

	// pairAt maps pairKey(ia, ib) to the pair's position in pairs.
	pairAt := index{hint: min(len(a.subs)*len(b.subs), len(a.runs)+len(b.runs))}
	var pairBuf [4]pairResult[V]
	pairs := pairBuf[:0]
	var pairHashes index
	overlaps, nonEmpty, distinct := 0, 0, 0
	overlay(a.runs, b.runs, false, false, func(_ span, ia, ib int32) bool {
		overlaps++
		k := pairKey(ia, ib)
		if !pairAt.has(k) {
			v := apply(o, a.subs[ia], b.subs[ib])
			pairAt.put(k, int32(len(pairs)))
			pairs = append(pairs, pairResult[V]{v, unknown})
			if v.isEmpty() {
				return true
			}
			nonEmpty++
			if h := v.hash(); !pairHashes.has(h) {
				distinct++
				pairHashes.put(h, 0)
			}
		}
		return true
	})
	if o == opIntersect && nonEmpty == 0 {
		return layer[V]{}
	}

	// aOut[i] and bOut[i] memoise the index in the result of a.subs[i] and
	// b.subs[i].
	var aBuf, bBuf [8]int32
	var aOut, bOut []int32
	// Size the result from the first pass; append grows past an estimate
	// that falls short. An intersection has at most one sub per distinct
	// pair result and one run per overlap, but equal results merge their
	// runs, so a few runs per sub is the likelier size. The other operations
	// have about one run more per run of either operand.
	var bld builder[V]
	if o == opIntersect {
		bld = newBuilder[V](min(overlaps, 4*distinct+4), distinct)
	} else {
		aOut = unknownMemo(len(a.subs), aBuf[:])
		bld = newBuilder[V](overlaps+len(a.runs)+len(b.runs), len(a.subs)+nonEmpty)
	}
	if o == opUnion {
		bOut = unknownMemo(len(b.subs), bBuf[:])
	}
	overlay(a.runs, b.runs, aOut != nil, bOut != nil, func(s span, ia, ib int32) bool {
		var r int32
		switch {
		case ib < 0:
			if r = aOut[ia]; r == unknown {
				if v := a.subs[ia]; o == opSubtract && !pairHashes.has(v.hash()) {
					r = bld.addDistinct(v)
				} else {
					r = bld.intern(v)
				}
				aOut[ia] = r
			}
		case ia < 0:
			if r = bOut[ib]; r == unknown {
				r = bld.intern(b.subs[ib])
				bOut[ib] = r
			}
		default:
			p, _ := pairAt.get(pairKey(ia, ib))
			if r = pairs[p].out; r == unknown {
				r = bld.intern(pairs[p].v)
				pairs[p].out = r
			}
		}
		if r >= 0 {
			bld.add(s, r)
		}
		return true
	})

	// Hand back an operand the result equals, usually at the cost of a hash
	// comparison, so that unchanged parts stay shared and compare in O(1).
	switch res := bld.done(); {
	case res.equal(a):
		return a
	case res.equal(b):
		return b
	default:
		return res
	}
}

// trivial settles empty, equal and boxed-in operands without building
// anything.
func trivial[V algebra[V]](a, b layer[V], o op) (layer[V], bool) {
	var none layer[V]
	switch {
	case b.isEmpty():
		if o == opIntersect {
			return none, true
		}
		return a, true
	case a.isEmpty():
		if o == opUnion {
			return b, true
		}
		return none, true
	case a.equal(b):
		if o == opSubtract {
			return none, true
		}
		return a, true
	case a.insideBox(b):
		switch o {
		case opUnion:
			return b, true
		case opIntersect:
			return a, true
		}
		return none, true
	case o != opSubtract && b.insideBox(a):
		if o == opUnion {
			return a, true
		}
		return b, true
	}
	return none, false
}

// pairResult is the result of a pair of subs, and once interned its index
// in the result.
type pairResult[V any] struct {
	v   V
	out int32
}

func pairKey(ia, ib int32) uint64 { return uint64(ia)<<32 | uint64(ib) }

// unknown marks a memo slot not yet computed.
const unknown = -2

// unknownMemo returns n memo slots, from buf when it is large enough.
func unknownMemo(n int, buf []int32) []int32 {
	m := buf[:0]
	if n > len(buf) {
		m = make([]int32, 0, n)
	}
	for range n {
		m = append(m, unknown)
	}
	return m
}
