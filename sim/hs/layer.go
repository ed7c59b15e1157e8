package hs

import "slices"

// algebra is what a layer needs from the sets it maps to: the next layer
// down, or at the bottom a plain spans. Every implementation is immutable
// and canonical, so equal is structural.
type algebra[V any] interface {
	union(V) V
	intersect(V) V
	subtract(V) V
	containsAll(V) bool
	overlaps(V) bool
	insideBox(V) bool
	isEmpty() bool
	equal(V) bool
	hash() uint64
	size() float64
}

// layer is a set over one dimension times the remaining ones: it maps
// disjoint parts (keys) of the dimension to non-empty sets V over the rest.
// Read as a list of (key, sub) pairs it is a canonical form: keys disjoint
// and non-empty, subs non-empty and pairwise unequal (pairs with equal subs
// are one pair with the union of their keys), pairs sorted by their key's
// minimum. So is every sub, recursively, which makes equality structural. It is stored with
// the keys flattened into one sorted partition so that a binary operation is
// a single linear merge of the two partitions (overlay) rather than a
// pairwise comparison of keys. The zero value is the empty set.
type layer[V algebra[V]] struct {
	// runs is sorted by lo and disjoint; runs[k].idx names its sub. Two runs
	// that touch never share an idx (they would be one run), so the key of
	// subs[i], the union of the runs with idx i, is read off in canonical
	// form.
	runs []run
	// subs[i] is non-empty and unequal to every other sub, and subs are
	// ordered by their key's minimum, i.e. by their first run; so
	// runs[0].idx is 0.
	subs []V
	// h hashes runs and subs, to reject unequal layers in O(1).
	h uint64
}

func (a layer[V]) union(b layer[V]) layer[V]     { return a.combine(b, opUnion) }
func (a layer[V]) intersect(b layer[V]) layer[V] { return a.combine(b, opIntersect) }
func (a layer[V]) subtract(b layer[V]) layer[V]  { return a.combine(b, opSubtract) }

// containsAll reports whether b is a subset of a.
func (a layer[V]) containsAll(b layer[V]) bool {
	ok := true
	var checked index
	overlay(a.runs, b.runs, false, true, func(_ span, ia, ib int32) bool {
		if ia < 0 {
			ok = false
			return false
		}
		if k := pairKey(ia, ib); !checked.has(k) {
			ok = a.subs[ia].containsAll(b.subs[ib])
			checked.put(k, 0)
		}
		return ok
	})
	return ok
}

// overlaps reports whether a and b share an element, without building
// their intersection: it stops at the first pair of subs that overlap.
func (a layer[V]) overlaps(b layer[V]) bool {
	found := false
	var checked index
	overlay(a.runs, b.runs, false, false, func(_ span, ia, ib int32) bool {
		if k := pairKey(ia, ib); !checked.has(k) {
			found = a.subs[ia].overlaps(b.subs[ib])
			checked.put(k, 0)
		}
		return !found
	})
	return found
}

// insideBox is a subset test, false when unsure, that only succeeds if b is
// one box (one run and one sub, all the way down) containing a. It walks a
// only while b keeps looking like a box and allocates nothing, which lets
// operations with sets unrestricted in the lower dimensions, such as route
// partitions, skip rebuilding what they leave unchanged.
func (a layer[V]) insideBox(b layer[V]) bool {
	if len(a.runs) == 0 || len(b.runs) != 1 ||
		a.runs[0].lo.less(b.runs[0].lo) || b.runs[0].hi.less(a.runs[len(a.runs)-1].hi) {
		return false
	}
	for _, v := range a.subs {
		if !v.insideBox(b.subs[0]) {
			return false
		}
	}
	return true
}

func (a layer[V]) isEmpty() bool { return len(a.runs) == 0 }

func (a layer[V]) hash() uint64 { return a.h }

// equal is O(1) when the hashes differ or a and b are one layer, as an
// operation that leaves an operand unchanged returns it.
func (a layer[V]) equal(b layer[V]) bool {
	if a.h != b.h || len(a.runs) != len(b.runs) {
		return false
	}
	if len(a.runs) == 0 || &a.runs[0] == &b.runs[0] {
		return true
	}
	return slices.Equal(a.runs, b.runs) &&
		slices.EqualFunc(a.subs, b.subs, func(x, y V) bool { return x.equal(y) })
}

func (a layer[V]) size() float64 {
	subSize := make([]float64, len(a.subs))
	for i, v := range a.subs {
		subSize[i] = v.size()
	}
	n := 0.0
	for _, r := range a.runs {
		n += r.count() * subSize[r.idx]
	}
	return n
}

// lookup returns the sub that point p maps to.
func (a layer[V]) lookup(p u128) (V, bool) {
	i, found := slices.BinarySearchFunc(a.runs, p, func(r run, p u128) int {
		switch {
		case r.hi.less(p):
			return -1
		case p.less(r.lo):
			return 1
		}
		return 0
	})
	if !found {
		var zero V
		return zero, false
	}
	return a.subs[a.runs[i].idx], true
}

// keys returns the key of every sub, in canonical form.
func (a layer[V]) keys() []spans {
	ks := make([]spans, len(a.subs))
	for _, r := range a.runs {
		ks[r.idx] = append(ks[r.idx], r.span)
	}
	return ks
}

// key returns the key of subs[i].
func (a layer[V]) key(i int32) spans {
	var k spans
	for _, r := range a.runs {
		if r.idx == i {
			k = append(k, r.span)
		}
	}
	return k
}

// mapSubs replaces every sub v by f(v), re-canonicalising: subs that become
// equal merge, and empty ones drop out with their keys.
func (a layer[V]) mapSubs(f func(V) V) layer[V] {
	var bld builder[V]
	memo := unknownMemo(len(a.subs), nil)
	for _, r := range a.runs {
		if memo[r.idx] == unknown {
			memo[r.idx] = bld.intern(f(a.subs[r.idx]))
		}
		if memo[r.idx] >= 0 {
			bld.add(r.span, memo[r.idx])
		}
	}
	return bld.done()
}

// rekey maps key to the union of all subs: a's projection onto the other
// dimensions, moved to key.
func (a layer[V]) rekey(key spans) layer[V] {
	return single(key, unionAll(a.subs))
}

// single is the product key x sub.
func single[V algebra[V]](key spans, sub V) layer[V] {
	var bld builder[V]
	if r := bld.intern(sub); r >= 0 {
		for _, s := range key {
			bld.add(s, r)
		}
	}
	return bld.done()
}

// unionAll unions vs pairwise in rounds, so that n operands cost about
// log n merges of growing size rather than n merges into one growing
// accumulator.
func unionAll[V algebra[V]](vs []V) V {
	var zero V
	if len(vs) == 0 {
		return zero
	}
	vs = slices.Clone(vs)
	for len(vs) > 1 {
		n := 0
		for i := 0; i < len(vs); i += 2 {
			if i+1 < len(vs) {
				vs[n] = vs[i].union(vs[i+1])
			} else {
				vs[n] = vs[i]
			}
			n++
		}
		vs = vs[:n]
	}
	return vs[0]
}

// subsOf lists the subs of every layer in ls, one level down.
func subsOf[V algebra[V]](ls []layer[V]) []V {
	var out []V
	for _, l := range ls {
		out = append(out, l.subs...)
	}
	return out
}

// coverOf is the union of the covers of ls.
func coverOf[V algebra[V]](ls []layer[V]) spans {
	var all []span
	for _, l := range ls {
		for _, r := range l.runs {
			all = append(all, r.span)
		}
	}
	return normalize(all)
}
