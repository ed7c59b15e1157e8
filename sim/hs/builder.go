package hs

import "slices"

// builder assembles a canonical layer from pieces appended in increasing
// order. Interning each sub-set when its first piece arrives is what makes
// the result canonical without sorting: equal subs share one index, and
// indexes are handed out in order of first appearance, which is the order of
// their keys' minimums.
type builder[V algebra[V]] struct {
	runs   []run
	subs   []V
	byHash index // hash of a sub -> its index
}

// newBuilder sizes the builder for about the given number of runs and subs,
// so that building a large layer does not keep regrowing its slices and map.
func newBuilder[V algebra[V]](runs, subs int) builder[V] {
	b := builder[V]{runs: make([]run, 0, runs), subs: make([]V, 0, subs)}
	b.byHash.hint = subs
	return b
}

// intern returns the index of v among the subs, adding it if new, or -1 if v
// is empty (the caller then drops the piece).
func (b *builder[V]) intern(v V) int32 {
	if v.isEmpty() {
		return -1
	}
	h := v.hash()
	k, ok := b.byHash.get(h)
	switch {
	case !ok:
		b.byHash.put(h, int32(len(b.subs)))
	case b.subs[k].equal(v):
		return k
	default:
		// A hash collision: rare enough for a linear scan.
		for i, w := range b.subs {
			if w.equal(v) {
				return int32(i)
			}
		}
	}
	return b.addDistinct(v)
}

// addDistinct adds v, which the caller knows to be non-empty and unequal to
// every other sub of the result, skipping the interning table.
func (b *builder[V]) addDistinct(v V) int32 {
	b.subs = append(b.subs, v)
	return int32(len(b.subs) - 1)
}

// add appends the piece s mapped to sub idx; s must lie above every piece
// added so far.
func (b *builder[V]) add(s span, idx int32) {
	if n := len(b.runs); n > 0 {
		if last := &b.runs[n-1]; last.idx == idx && last.hi.next() == s.lo {
			last.hi = s.hi
			return
		}
	}
	b.runs = append(b.runs, run{s, idx})
}

func (b *builder[V]) done() layer[V] {
	if len(b.runs) == 0 {
		return layer[V]{}
	}
	h := uint64(len(b.subs))
	for _, r := range b.runs {
		h = r.mix(h ^ uint64(r.idx)*golden)
	}
	for _, v := range b.subs {
		h = mix(h, v.hash())
	}
	return layer[V]{runs: tight(b.runs), subs: tight(b.subs), h: h}
}

// tight drops the spare capacity of a generously sized slice, as layers
// can live long and the size estimates are upper bounds.
func tight[T any](s []T) []T {
	if cap(s) > 2*len(s)+8 {
		return slices.Clone(s)
	}
	return s
}

// index maps uint64 keys to int32 values. Most layers have a handful of
// subs, so the first few entries live in an array scanned linearly, which
// costs no allocation; only a larger index moves to a map.
type index struct {
	n     int
	small [indexScanMax]struct {
		k uint64
		v int32
	}
	m map[uint64]int32
	// hint is the expected number of keys, to size the map at once.
	hint int
}

const indexScanMax = 8

func (x *index) has(k uint64) bool {
	_, ok := x.get(k)
	return ok
}

func (x *index) get(k uint64) (int32, bool) {
	if x.m != nil {
		v, ok := x.m[k]
		return v, ok
	}
	for _, e := range x.small[:x.n] {
		if e.k == k {
			return e.v, true
		}
	}
	return 0, false
}

// put adds a key that get does not find.
func (x *index) put(k uint64, v int32) {
	switch {
	case x.m != nil:
		x.m[k] = v
	case x.n < indexScanMax:
		x.small[x.n].k, x.small[x.n].v = k, v
		x.n++
	default:
		x.m = make(map[uint64]int32, max(x.hint, 2*indexScanMax))
		for _, e := range x.small {
			x.m[e.k] = e.v
		}
		x.m[k] = v
	}
}
