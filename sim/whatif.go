package sim

import (
	"slices"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// IntentChange is an intent whose verdict or blocked packets differ after
// a change.
type IntentChange struct {
	Intent         string
	Before, After  model.Verdict // "" when the intent exists on one side only
	Reason         model.Reason
	Ref            string // what now blocks, or what blocked before and no longer does
	NewlyBlocked   hs.Set
	NewlyReachable hs.Set
	AfterResult    *Result
}

// PairChange is one protocol class of a pair whose reachability changed.
type PairChange struct {
	Source, Destination string
	Protocol, Ports     string
	Before, After       model.Verdict // of the pair's packets of this class
	Ref                 string
	Packets             hs.Set // the packets whose fate changed
	NewlyBlocked        bool
}

// Diff compares two networks (before and after a change): every intent and
// every pair whose reachability changes. Pairs cover all protocols and
// ports, reported by protocol and port class. A proof whose consulted
// elements the change left alone is not redone (impact.go).
func Diff(before, after *Network) ([]IntentChange, []PairChange, error) {
	changed := changedElements(before, after)
	intents, err := diffIntents(before, after, changed)
	if err != nil {
		return nil, nil, err
	}
	pairs, err := diffPairs(before, after, changed)
	return intents, pairs, err
}

func diffIntents(before, after *Network, changed map[string]bool) ([]IntentChange, error) {
	b, a := before.Intents(), after.Intents()
	var out []IntentChange
	for _, name := range intentNameUnion(b, a) {
		ib, ia := findIntent(b, name), findIntent(a, name)
		rb, touched, err := proveIntent(before, ib)
		if err != nil {
			return nil, err
		}
		ra := rb
		reuse := ib != nil && ia != nil && dump(ia) == dump(ib) && sameQuery(before, after, ib) && !affected(touched, changed)
		if !reuse {
			if ra, _, err = proveIntent(after, ia); err != nil {
				return nil, err
			}
		}
		if c, changed := compareResults(name, rb, ra); changed {
			out = append(out, c)
		}
	}
	return out, nil
}

// proveIntent proves an intent (nil for none) and says what it consulted.
func proveIntent(n *Network, in *model.Intent) (*Result, map[string]bool, error) {
	if in == nil {
		return nil, nil, nil
	}
	q, err := n.intentQuery(in)
	if err != nil {
		return nil, nil, err
	}
	return n.proveTouched(q)
}

func intentNameUnion(lists ...[]*model.Intent) []string {
	var names []string
	for _, l := range lists {
		for _, in := range l {
			if !slices.Contains(names, in.Name) {
				names = append(names, in.Name)
			}
		}
	}
	return names
}

func findIntent(list []*model.Intent, name string) *model.Intent {
	for _, in := range list {
		if in.Name == name {
			return in
		}
	}
	return nil
}

// sameQuery reports whether an intent names the same packets on both sides.
func sameQuery(before, after *Network, in *model.Intent) bool {
	qb, err1 := before.intentQuery(in)
	qa, err2 := after.intentQuery(in)
	if err1 != nil || err2 != nil {
		return false
	}
	pb, _ := qb.Packets()
	pa, _ := qa.Packets()
	return pb.Equal(pa) && qb.Source.Tag == qa.Source.Tag
}

// compareResults reports whether an intent's proof changed: its verdict,
// its delivered packets, or the reasons and elements that block the rest.
func compareResults(name string, rb, ra *Result) (IntentChange, bool) {
	c := IntentChange{Intent: name, AfterResult: ra}
	switch {
	case rb == nil && ra == nil:
		return c, false
	case rb == nil:
		c.After = ra.Verdict
		c.NewlyReachable = ra.Delivered
		c.Reason, c.Ref = firstBlock(ra, ra.Packets)
		return c, true
	case ra == nil:
		c.Before = rb.Verdict
		return c, true
	}
	c.Before, c.After = rb.Verdict, ra.Verdict
	c.NewlyBlocked = ra.Packets.Subtract(ra.Delivered).Intersect(rb.Delivered)
	c.NewlyReachable = ra.Delivered.Subtract(rb.Delivered)
	switch {
	case !c.NewlyBlocked.IsEmpty():
		c.Reason, c.Ref = firstBlock(ra, c.NewlyBlocked)
	case !c.NewlyReachable.IsEmpty():
		c.Reason, c.Ref = firstBlock(rb, c.NewlyReachable)
	default:
		c.Reason, c.Ref = firstBlock(ra, ra.Packets)
	}
	return c, rb.Verdict != ra.Verdict || !rb.Delivered.Equal(ra.Delivered) || !sameBlocks(rb, ra)
}

// firstBlock is the reason and element of the first blocked region that
// meets set.
func firstBlock(r *Result, set hs.Set) (model.Reason, string) {
	for _, b := range r.Blocked {
		if !b.Set.Intersect(set).IsEmpty() {
			return b.Reason, b.Ref
		}
	}
	return "", ""
}

func sameBlocks(a, b *Result) bool {
	return slices.EqualFunc(a.Blocked, b.Blocked, func(x, y Blocked) bool {
		return x.Reason == y.Reason && x.Ref == y.Ref && x.Set.Equal(y.Set)
	})
}

// diffPairs proves, for each source subnet, every destination at once,
// and splits the results by destination only where they changed.
func diffPairs(before, after *Network, changed map[string]bool) ([]PairChange, error) {
	dstsB, dstsA := before.destinationPlaces(), after.destinationPlaces()
	var out []PairChange
	for _, src := range after.subnetPlaces(false) {
		old := placeNamed(before.subnetPlaces(false), src.Expr)
		if old == nil {
			continue // a new subnet: its pairs did not exist before
		}
		qb := Query{Source: *old, Destination: Place{Addrs: unionAddrs(dstsB)}, Protocol: model.AnyProtocol}
		qa := Query{Source: src, Destination: Place{Addrs: unionAddrs(dstsA)}, Protocol: model.AnyProtocol}
		rb, touched, err := before.proveTouched(qb)
		if err != nil {
			return nil, err
		}
		pb, _ := qb.Packets()
		pa, _ := qa.Packets()
		if pb.Equal(pa) && !affected(touched, changed) {
			continue
		}
		ra, err := after.Prove(qa)
		if err != nil {
			return nil, err
		}
		if ra.Delivered.Equal(rb.Delivered) {
			continue
		}
		for _, d := range dstsA {
			od := placeNamed(dstsB, d.Expr)
			if od == nil || d.Expr == src.Expr || !od.Addrs.Equal(d.Addrs) {
				continue
			}
			p := Pair{Source: src.Expr, Destination: d.Expr}
			out = append(out, pairChanges(p, restrictDst(rb, d.Addrs), restrictDst(ra, d.Addrs))...)
		}
	}
	return out, nil
}

func placeNamed(ps []Place, name string) *Place {
	for i := range ps {
		if ps[i].Expr == name {
			return &ps[i]
		}
	}
	return nil
}

func unionAddrs(ps []Place) hs.IPSet {
	var set hs.IPSet
	for _, p := range ps {
		set = set.Union(p.Addrs)
	}
	return set
}

// restrictDst is a result seen only for destinations in addrs.
func restrictDst(r *Result, addrs hs.IPSet) *Result {
	d := dstOnly(addrs)
	out := &Result{Packets: r.Packets.Intersect(d), Delivered: r.Delivered.Intersect(d)}
	for _, b := range r.Blocked {
		if part := b.Set.Intersect(d); !part.IsEmpty() {
			b.Set = part
			out.Blocked = append(out.Blocked, b)
		}
	}
	return out
}

// pairChanges reports, class by class, the packets of a pair that became
// blocked and those that became reachable.
func pairChanges(p Pair, rb, ra *Result) []PairChange {
	var out []PairChange
	blocked := ra.Packets.Subtract(ra.Delivered).Intersect(rb.Delivered)
	reachable := ra.Delivered.Subtract(rb.Delivered)
	for _, side := range []struct {
		set   hs.Set
		newly bool
		blame *Result
	}{{blocked, true, ra}, {reachable, false, rb}} {
		for _, cl := range Classes(side.set) {
			whole := ra.Packets.Intersect(hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: cl.Set.Protos(), SrcPorts: hs.AllPorts(), DstPorts: cl.Set.DstPortSet()}))
			_, ref := firstBlock(side.blame, cl.Set)
			out = append(out, PairChange{Source: p.Source, Destination: p.Destination, Protocol: cl.Protocol, Ports: cl.Ports,
				Before: verdictOn(whole, rb.Delivered), After: verdictOn(whole, ra.Delivered), Ref: ref, Packets: cl.Set, NewlyBlocked: side.newly})
		}
	}
	return out
}

// verdictOn is the verdict for the packets of set given what is delivered.
func verdictOn(set, delivered hs.Set) model.Verdict {
	got := set.Intersect(delivered)
	switch {
	case got.IsEmpty():
		return model.Blocked
	case got.Equal(set):
		return model.Reachable
	}
	return model.Partial
}
