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
// ports, reported by protocol and port class.
func Diff(before, after *Network) ([]IntentChange, []PairChange, error) {
	intents, err := diffIntents(before, after)
	if err != nil {
		return nil, nil, err
	}
	pairs, err := diffPairs(before, after)
	return intents, pairs, err
}

func diffIntents(before, after *Network) ([]IntentChange, error) {
	b, a := before.Intents(), after.Intents()
	names := intentNameUnion(b, a)
	var out []IntentChange
	for _, name := range names {
		ib, ia := findIntent(b, name), findIntent(a, name)
		var rb, ra *Result
		var err error
		if ib != nil {
			if rb, err = before.CheckIntent(ib); err != nil {
				return nil, err
			}
		}
		if ia != nil {
			if ra, err = after.CheckIntent(ia); err != nil {
				return nil, err
			}
		}
		if c, changed := compareResults(name, rb, ra); changed {
			out = append(out, c)
		}
	}
	return out, nil
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

func diffPairs(before, after *Network) ([]PairChange, error) {
	pb := before.Pairs(model.AnyProtocol, nil)
	pa := after.Pairs(model.AnyProtocol, nil)
	byKey := map[[2]string]Pair{}
	for _, p := range pb {
		byKey[[2]string{p.Source, p.Destination}] = p
	}
	var out []PairChange
	for _, p := range pa {
		old, ok := byKey[[2]string{p.Source, p.Destination}]
		if !ok {
			continue // a pair that did not exist before is not a change of reachability
		}
		ra, err := after.Prove(p.Query)
		if err != nil {
			return nil, err
		}
		rb, err := before.Prove(old.Query)
		if err != nil {
			return nil, err
		}
		out = append(out, pairChanges(p, rb, ra)...)
	}
	return out, nil
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
