package hs

// builder assembles a canonical layer from pieces appended in increasing
// order. Interning each sub-set when its first piece arrives is what makes
// the result canonical without sorting: equal subs share one index, and
// indexes are handed out in order of first appearance, which is the order of
// their keys' minimums.
type builder[V algebra[V]] struct {
	runs   []run
	subs   []V
	hashes []uint64
	// prevSame[i] is the previous sub with hash hashes[i], or -1: the chain
	// that keeps interning correct under hash collisions.
	prevSame []int32
	byHash   index
}

// intern returns the index of v among the subs, adding it if new, or -1 if v
// is empty (the caller then drops the piece).
func (b *builder[V]) intern(v V) int32 {
	if v.isEmpty() {
		return -1
	}
	h := v.hash()
	head, ok := b.byHash.get(h)
	if !ok {
		head = -1
	}
	for k := head; k >= 0; k = b.prevSame[k] {
		if b.subs[k].equal(v) {
			return k
		}
	}
	i := int32(len(b.subs))
	b.subs = append(b.subs, v)
	b.hashes = append(b.hashes, h)
	b.prevSame = append(b.prevSame, head)
	b.byHash.put(h, i)
	return i
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
		h = mix(r.mix(h), uint64(r.idx))
	}
	for _, x := range b.hashes {
		h = mix(h, x)
	}
	return layer[V]{runs: b.runs, subs: b.subs, h: h}
}

// index maps uint64 keys to int32 values. Most layers have a handful of subs,
// so it scans a short slice and only switches to a map once it grows; a map
// per operation would otherwise dominate the cost of small layers.
type index struct {
	keys []uint64
	vals []int32
	m    map[uint64]int32
}

const indexScanMax = 8

func (x *index) get(k uint64) (int32, bool) {
	if x.m != nil {
		v, ok := x.m[k]
		return v, ok
	}
	for i, kk := range x.keys {
		if kk == k {
			return x.vals[i], true
		}
	}
	return 0, false
}

func (x *index) put(k uint64, v int32) {
	if x.m != nil {
		x.m[k] = v
		return
	}
	for i, kk := range x.keys {
		if kk == k {
			x.vals[i] = v
			return
		}
	}
	if len(x.keys) < indexScanMax {
		x.keys = append(x.keys, k)
		x.vals = append(x.vals, v)
		return
	}
	x.m = make(map[uint64]int32, 2*indexScanMax)
	for i, kk := range x.keys {
		x.m[kk] = x.vals[i]
	}
	x.m[k] = v
	x.keys, x.vals = nil, nil
}
