package hs

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// collide is a spans whose hash is constant, so that every equality decision
// of a layer over it goes through the hash-collision paths.
type collide struct{ s spans }

func (c collide) union(d collide) collide     { return collide{c.s.union(d.s)} }
func (c collide) intersect(d collide) collide { return collide{c.s.intersect(d.s)} }
func (c collide) subtract(d collide) collide  { return collide{c.s.subtract(d.s)} }
func (c collide) containsAll(d collide) bool  { return c.s.containsAll(d.s) }
func (c collide) overlaps(d collide) bool     { return c.s.overlaps(d.s) }
func (c collide) insideBox(d collide) bool    { return c.s.insideBox(d.s) }
func (c collide) isEmpty() bool               { return c.s.isEmpty() }
func (c collide) equal(d collide) bool        { return c.s.equal(d.s) }
func (c collide) hash() uint64                { return 42 }
func (c collide) size() float64               { return c.s.size() }

func sameShape(l layer[spans], m layer[collide]) bool {
	return slices.Equal(l.runs, m.runs) &&
		slices.EqualFunc(l.subs, m.subs, func(x spans, y collide) bool { return x.equal(y.s) })
}

// TestHashCollisions checks that layers built with colliding hashes come out
// exactly as those built with real ones.
func TestHashCollisions(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	small := func() spans {
		var in []span
		for range 1 + r.IntN(3) {
			lo := r.IntN(16)
			in = append(in, span{smallPoint(uint16(lo)), smallPoint(uint16(lo + r.IntN(16-lo)))})
		}
		return normalize(in)
	}
	random := func() (layer[spans], layer[collide]) {
		var l layer[spans]
		var m layer[collide]
		for range 1 + r.IntN(6) {
			key, sub := small(), small()
			l = l.union(single(key, sub))
			m = m.union(single(key, collide{sub}))
		}
		return l, m
	}
	for range 3000 {
		la, ma := random()
		lb, mb := random()
		for _, o := range []op{opUnion, opIntersect, opSubtract} {
			l, m := la.combine(lb, o), ma.combine(mb, o)
			if !sameShape(l, m) {
				t.Fatalf("op %d differs under collisions:\n%v\n%v", o, l, m)
			}
			if err := validateLayer(l); err != nil {
				t.Fatal(err)
			}
		}
		if la.containsAll(lb) != ma.containsAll(mb) {
			t.Fatal("containsAll differs under collisions")
		}
	}
}
