package hs_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

// intner is the source of choices: a seeded PRNG, or the fuzzer's bytes.
type intner interface{ IntN(n int) int }

// gen builds random Sets inside the oracle's universe through the public
// API, together with their brute-force models built independently.
type gen struct{ r intner }

func (g gen) chance(n int) bool { return g.r.IntN(n) == 0 }

// interval returns a random mask of one interval in [0, 16).
func (g gen) interval() uint16 {
	lo := g.r.IntN(nPort)
	hi := lo + g.r.IntN(nPort-lo)
	return uint16(1<<(hi+1) - 1<<lo)
}

// addrs returns a set of slots, usually within the /28 of the half home.
func (g gen) addrs(home int) (hs.IPSet, uint64) {
	if g.chance(4) {
		home = 1 - home
	}
	var set hs.IPSet
	var mask uint64
	for range 1 + g.r.IntN(2) {
		var part hs.IPSet
		var m uint64
		if g.chance(2) {
			// An unmasked prefix, so IPSetOf must mask it.
			bits := 28 + g.r.IntN(5)
			off := g.r.IntN(16)
			m = uint64(1<<(1<<(32-bits))-1) << (off &^ (1<<(32-bits) - 1))
			part = hs.IPSetOf(netip.PrefixFrom(slotAddr(off).Netip(), bits))
		} else {
			iv := g.interval()
			m = uint64(iv)
			lo, hi := members(m)[0], members(m)[len(members(m))-1]
			part = hs.IPSetFromRanges(hs.IPRange{Lo: slotAddr(lo), Hi: slotAddr(hi)})
		}
		set = set.Union(shiftSlots(part, home))
		mask |= m << (16 * home)
	}
	return set, mask
}

// shiftSlots moves a set of the first /28 to the half home.
func shiftSlots(s hs.IPSet, home int) hs.IPSet {
	if home == 0 {
		return s
	}
	var rs []hs.IPRange
	for _, r := range s.Ranges() {
		lo, _ := addrSlot(r.Lo)
		hi, _ := addrSlot(r.Hi)
		rs = append(rs, hs.IPRange{Lo: slotAddr(lo + 16), Hi: slotAddr(hi + 16)})
	}
	return hs.IPSetFromRanges(rs...)
}

func (g gen) ports() (hs.PortSet, uint16) {
	var set hs.PortSet
	var mask uint16
	for range 1 + g.r.IntN(2) {
		iv := g.interval()
		ms := members(uint64(iv))
		set = set.Union(hs.PortSetOf(hs.PortRange{Lo: uint16(ms[0]), Hi: uint16(ms[len(ms)-1])}))
		mask |= iv
	}
	return set, mask
}

func (g gen) box() (hs.Set, *model) {
	src, srcMask := g.addrs(0)
	dst, dstMask := g.addrs(1)
	protos := uint8(1 + g.r.IntN(1<<nProto-1))
	sports, spMask := g.ports()
	dports, dpMask := g.ports()
	s := hs.FromProduct(hs.Product{Src: src, Dst: dst, Proto: protoSet(protos), SrcPorts: sports, DstPorts: dports})
	return s, fromBox(srcMask, dstMask, protos, spMask, dpMask)
}

// set builds a random set by a random expression of at most depth levels.
func (g gen) set(depth int) (hs.Set, *model) {
	if depth == 0 || g.chance(3) {
		s, m := g.box()
		for range g.r.IntN(3) {
			t, n := g.box()
			s, m = s.Union(t), m.union(n)
		}
		return s, m
	}
	a, A := g.set(depth - 1)
	switch g.r.IntN(6) {
	case 0:
		b, B := g.set(depth - 1)
		return a.Union(b), A.union(B)
	case 1:
		b, B := g.set(depth - 1)
		return a.Intersect(b), A.intersect(B)
	case 2:
		b, B := g.set(depth - 1)
		return a.Subtract(b), A.subtract(B)
	case 3:
		return universeSet().Subtract(a), fromBox(1<<nAddr-1, 1<<nAddr-1, 1<<nProto-1, 0xffff, 0xffff).subtract(A)
	case 4:
		return a.Swap(), A.swap()
	}
	x, X := g.addrs(g.r.IntN(2))
	return a.WithDst(x), A.withDst(X)
}

// checkSet compares s with its model through every unary operation.
func checkSet(t testing.TB, g gen, name string, s hs.Set, want *model) {
	t.Helper()
	if err := hs.Validate(s); err != nil {
		t.Fatalf("%s: invariant: %v\n%v", name, err, s)
	}
	got := toModel(t, s)
	if *got != *want {
		t.Fatalf("%s: packets differ: got %d, want %d\n%v", name, got.count(), want.count(), s)
	}
	n := want.count()
	if s.IsEmpty() != (n == 0) || s.Size() != float64(n) {
		t.Fatalf("%s: IsEmpty %v, Size %v for %d packets", name, s.IsEmpty(), s.Size(), n)
	}
	for range 32 {
		sl, d, p, sp, dp := g.r.IntN(nAddr), g.r.IntN(nAddr), g.r.IntN(nProto), g.r.IntN(nPort), g.r.IntN(nPort)
		if s.Contains(packet(sl, d, p, sp, dp)) != want.has(sl, d, p, sp, dp) {
			t.Fatalf("%s: Contains(%v) wrong in %v", name, packet(sl, d, p, sp, dp), s)
		}
	}
	outside := packet(0, 0, 0, 0, 0)
	outside.DstPort = nPort
	if s.Contains(outside) {
		t.Fatalf("%s: contains %v outside the universe", name, outside)
	}
	sample, ok := s.Sample()
	if ok != (n > 0) || ok && !s.Contains(sample) {
		t.Fatalf("%s: Sample %v, %v not a member of %v", name, sample, ok, s)
	}
	if sl, d, p, sp, dp, in := indexes(sample); ok && (!in || !want.has(sl, d, p, sp, dp)) {
		t.Fatalf("%s: Sample %v not in the model of %v", name, sample, s)
	}
	src, dst, protos, sports, dports := want.projections()
	if !s.SrcAddrs().Equal(slotSet(src)) || !s.DstAddrs().Equal(slotSet(dst)) || s.Protos() != protoSet(protos) ||
		!s.SrcPortSet().Equal(portSet(sports)) || !s.DstPortSet().Equal(portSet(dports)) {
		t.Fatalf("%s: projections %v %v %v %v %v wrong for %v", name, s.SrcAddrs(), s.DstAddrs(), s.Protos(), s.SrcPortSet(), s.DstPortSet(), s)
	}
}

// sameSet checks that two constructions of the same packets are
// indistinguishable.
func sameSet(t testing.TB, name string, got, want hs.Set) {
	t.Helper()
	if !got.Equal(want) || !want.Equal(got) || got.String() != want.String() {
		t.Fatalf("%s: not canonical:\n got %v\nwant %v", name, got, want)
	}
}

// checkPair checks every operation on a and b against the models.
func checkPair(t testing.TB, g gen, a hs.Set, A *model, b hs.Set, B *model) {
	t.Helper()
	checkSet(t, g, "a", a, A)
	checkSet(t, g, "b", b, B)
	u := a.Union(b)
	checkSet(t, g, "a|b", u, A.union(B))
	checkSet(t, g, "a&b", a.Intersect(b), A.intersect(B))
	checkSet(t, g, "a-b", a.Subtract(b), A.subtract(B))
	checkSet(t, g, "b-a", b.Subtract(a), B.subtract(A))
	checkSet(t, g, "swap(a)", a.Swap(), A.swap())
	x, X := g.addrs(g.r.IntN(2))
	checkSet(t, g, "withSrc(a)", a.WithSrc(x), A.withSrc(X))
	checkSet(t, g, "withDst(a)", a.WithDst(x), A.withDst(X))
	pt, PT := g.ports()
	checkSet(t, g, "withSrcPorts(a)", a.WithSrcPorts(pt), A.withSrcPorts(PT))
	checkSet(t, g, "withDstPorts(a)", a.WithDstPorts(pt), A.withDstPorts(PT))

	if a.Equal(b) != (*A == *B) {
		t.Fatalf("Equal %v wrong:\n%v\n%v", a.Equal(b), a, b)
	}
	if a.ContainsSet(b) != B.subsetOf(A) || b.ContainsSet(a) != A.subsetOf(B) {
		t.Fatalf("ContainsSet wrong:\n%v\n%v", a, b)
	}
	if !u.ContainsSet(a) || !a.ContainsSet(a.Intersect(b)) || !a.ContainsSet(hs.Empty()) {
		t.Fatalf("ContainsSet misses a subset:\n%v\n%v", a, b)
	}
	if a.Overlaps(b) != A.overlaps(B) {
		t.Fatalf("Overlaps wrong:\n%v\n%v", a, b)
	}

	sameSet(t, "b|a", b.Union(a), u)
	sameSet(t, "(a-b)|(b-a)|(a&b)", a.Subtract(b).Union(b.Subtract(a)).Union(a.Intersect(b)), u)
	U := universeSet()
	sameSet(t, "U-(U-(a|b))", U.Subtract(U.Subtract(u)), u)
	sameSet(t, "swap(swap(a|b))", u.Swap().Swap(), u)
	var rebuilt hs.Set
	ps := u.Products()
	for i := range ps {
		rebuilt = rebuilt.Union(hs.FromProduct(ps[len(ps)-1-i]))
	}
	sameSet(t, "products(a|b) reversed", rebuilt, u)
}

// fromModel builds the set of m one (src, dst, proto, sport) tuple at a
// time: as different a construction from the generator's as there is.
func fromModel(m *model) hs.Set {
	var parts []hs.Set
	m.eachTuple(func(s, d, p, sp int, dports uint16) {
		parts = append(parts, hs.FromProduct(hs.Product{Src: slotSet(1 << s), Dst: slotSet(1 << d), Proto: protoSet(1 << p), SrcPorts: portSet(1 << sp), DstPorts: portSet(dports)}))
	})
	for len(parts) > 1 {
		var next []hs.Set
		for i := 0; i < len(parts); i += 2 {
			if i+1 < len(parts) {
				next = append(next, parts[i].Union(parts[i+1]))
			} else {
				next = append(next, parts[i])
			}
		}
		parts = next
	}
	if len(parts) == 0 {
		return hs.Empty()
	}
	return parts[0]
}

// TestOracle checks seeded random sets against their models; the seeds are
// split over parallel shards to use every core.
func TestOracle(t *testing.T) {
	const shards = 4
	perShard := uint64(500)
	if testing.Short() {
		perShard = 50
	}
	for shard := range uint64(shards) {
		t.Run(fmt.Sprint("shard", shard), func(t *testing.T) {
			t.Parallel()
			for seed := shard * perShard; seed < (shard+1)*perShard; seed++ {
				g := gen{rand.New(rand.NewPCG(seed, 0x5eed))}
				a, A := g.set(3)
				b, B := g.set(3)
				checkPair(t, g, a, A, b, B)
				if seed%250 == 0 {
					sameSet(t, "fromModel(a)", fromModel(A), a)
				}
			}
		})
	}
}
