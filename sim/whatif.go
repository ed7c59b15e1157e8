package sim

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"

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
	shareCompiled(before, after, changed)
	intents, err := diffIntents(before, after, changed)
	if err != nil {
		return nil, nil, err
	}
	pairs, err := diffPairs(before, after, changed)
	return intents, pairs, err
}

// diffIntents proves every intent before and after, on every core; the
// changes come back in intent order.
func diffIntents(before, after *Network, changed map[string]bool) ([]IntentChange, error) {
	b, a := before.Intents(), after.Intents()
	names := intentNameUnion(b, a)
	found := make([]*IntentChange, len(names))
	err := ForEach(len(names), 0, func(i int) error {
		ib, ia := findIntent(b, names[i]), findIntent(a, names[i])
		rb, touched, err := proveIntent(before, ib)
		if err != nil {
			return err
		}
		ra := rb
		reuse := ib != nil && ia != nil && dump(ia) == dump(ib) && sameQuery(before, after, ib) && !affected(touched, changed)
		if !reuse {
			if ra, _, err = proveIntent(after, ia); err != nil {
				return err
			}
		}
		if c, changed := compareResults(names[i], rb, ra); changed {
			found[i] = &c
		}
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	var out []IntentChange
	for _, c := range found {
		if c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// proveIntent proves an intent (nil for none) and says what it consulted.
func proveIntent(n *Network, in *model.Intent) (*Result, map[string]bool, error) {
	if in == nil {
		return nil, nil, nil
	}
	q, note, err := n.intentQueryOrNote(in)
	if note != nil || err != nil {
		return note, map[string]bool{}, err
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

// diffPairs reports the pairs whose reachability changes. The sources in
// scope are proved against every destination at once; when the change is
// local to some subnets, the other sources are proved together against
// only the destinations in those subnets. Results are split by pair only
// where they changed.
func diffPairs(before, after *Network, changed map[string]bool) ([]PairChange, error) {
	scope := pairScope(after, changed)
	srcsB, srcsA := before.subnetPlaces(false), after.subnetPlaces(false)
	dstsB, dstsA := before.destinationPlaces(), after.destinationPlaces()
	var others hs.IPSet
	var inScope []Place // the sources proved against every destination, with their places before
	var inScopeBefore []*Place
	for _, src := range srcsA {
		old := placeNamed(srcsB, src.Expr)
		if old == nil || !old.Addrs.Equal(src.Addrs) {
			continue // a new or resized subnet: its pairs did not exist before
		}
		if !scope.all && !scope.sources[src.Expr] {
			others = others.Union(src.Addrs)
			continue
		}
		inScope, inScopeBefore = append(inScope, src), append(inScopeBefore, old)
	}
	allB, allA := Place{Addrs: unionAddrs(dstsB)}, Place{Addrs: unionAddrs(dstsA)}
	found := make([][]PairChange, len(inScope))
	err := ForEach(len(inScope), 0, func(i int) error {
		qb := Query{Source: *inScopeBefore[i], Destination: allB, Protocol: model.AnyProtocol}
		qa := Query{Source: inScope[i], Destination: allA, Protocol: model.AnyProtocol}
		var err error
		found[i], err = diffQuery(before, after, qb, qa, changed, []Place{inScope[i]}, dstsB, dstsA)
		return err
	}, nil)
	if err != nil {
		return nil, err
	}
	var out []PairChange
	for _, changes := range found {
		out = append(out, changes...)
	}
	if !scope.all && !others.IsEmpty() && !scope.dsts.IsEmpty() {
		q := Query{Source: Place{Addrs: others}, Destination: Place{Addrs: scope.dsts}, Protocol: model.AnyProtocol}
		var srcs []Place
		for _, p := range srcsA {
			if others.Overlaps(p.Addrs) {
				srcs = append(srcs, p)
			}
		}
		changes, err := diffQuery(before, after, q, q, changed, srcs, dstsB, dstsA)
		if err != nil {
			return nil, err
		}
		out = append(out, changes...)
	}
	sortPairs(out, srcsA, dstsA)
	return out, nil
}

// sortPairs orders changes by source, then destination, as the matrix
// lists them; classes of one pair keep their order.
func sortPairs(out []PairChange, srcs, dsts []Place) {
	index := func(ps []Place, name string) int {
		return slices.IndexFunc(ps, func(p Place) bool { return p.Expr == name })
	}
	slices.SortStableFunc(out, func(a, b PairChange) int {
		if c := cmp.Compare(index(srcs, a.Source), index(srcs, b.Source)); c != 0 {
			return c
		}
		return cmp.Compare(index(dsts, a.Destination), index(dsts, b.Destination))
	})
}

// scope is what pairs a change can affect: all of them, or those from
// some sources and those to some destination addresses.
type scope struct {
	all     bool
	sources map[string]bool
	dsts    hs.IPSet
}

// pairScope: a change confined to subnets that carry no one else's traffic
// (no appliance, not a GatewaySubnet, no private endpoint) can only change
// pairs from those subnets and pairs to places in them: NSGs filter only
// their own subnet's hosts, and a subnet's routes carry only what its
// hosts send (requests, and replies to what they receive). Any other
// change may touch transit traffic: every pair is in scope.
func pairScope(n *Network, changed map[string]bool) scope {
	sc := scope{sources: map[string]bool{}}
	for k := range changed {
		id, isSubnet := strings.CutPrefix(k, "subnet:")
		s := n.bySubnet[id]
		if !isSubnet || s == nil || n.carriesTransit(s) {
			sc.all = true
			return sc
		}
		sc.sources[id] = true
		sc.dsts = sc.dsts.Union(s.prefix).Union(n.frontsOf(s))
	}
	return sc
}

// frontsOf are the addresses that lead into subnet s from elsewhere: its
// NICs' public IPs, the frontends of load balancers with backends in it
// (whose probes its NSGs judge), and the addresses of firewalls whose DNAT
// rules translate into it.
func (n *Network) frontsOf(s *subnet) hs.IPSet {
	var as []netip.Addr
	for _, c := range s.nics {
		if c.public.IsValid() {
			as = append(as, c.public)
		}
	}
	for _, lb := range n.lbs {
		for _, fe := range lb.fronts {
			for _, f := range fe.fwds {
				if slices.ContainsFunc(f.backends, func(b backend) bool { return b.nic.sub == s }) {
					as = append(as, fe.addr)
				}
			}
		}
	}
	out := addrSet(as)
	for _, name := range sortedKeys(n.apps) {
		a := n.apps[name]
		for _, g := range a.m.RuleCollectionGroups {
			for _, c := range g.RuleCollections {
				for _, r := range c.Rules {
					if t, err := model.ParseAddr(r.TranslatedAddress); err == nil && s.prefix.Contains(hs.AddrFrom(t)) {
						out = out.Union(prefixSet(r.DestinationAddresses))
					}
				}
			}
		}
	}
	return out
}

// carriesTransit reports whether other subnets' traffic passes through s's
// NSGs or routes: it holds an appliance or a private endpoint, or is where
// a gateway's traffic enters.
func (n *Network) carriesTransit(s *subnet) bool {
	if s.m.Name == "GatewaySubnet" {
		return true
	}
	for _, o := range s.vnet.owners {
		if (o.app != nil || o.paas != nil) && o.addrs.Overlaps(s.prefix) {
			return true
		}
	}
	return false
}

// diffQuery proves q before and after (reusing the proof when nothing it
// consulted changed) and reports the changed pairs among srcs x dsts.
func diffQuery(before, after *Network, qb, qa Query, changed map[string]bool, srcs, dstsB, dstsA []Place) ([]PairChange, error) {
	rb, touched, err := before.proveTouched(qb)
	if err != nil {
		return nil, err
	}
	pb, _ := qb.Packets()
	pa, _ := qa.Packets()
	if pb.Equal(pa) && !affected(touched, changed) {
		return nil, nil
	}
	ra, err := after.Prove(qa)
	if err != nil || ra.Delivered.Equal(rb.Delivered) {
		return nil, err
	}
	var out []PairChange
	for _, src := range srcs {
		sb, sa := restrictTo(rb, srcOnly(src.Addrs)), restrictTo(ra, srcOnly(src.Addrs))
		if sa.Delivered.Equal(sb.Delivered) {
			continue
		}
		for _, d := range dstsA {
			od := placeNamed(dstsB, d.Expr)
			if od == nil || d.Expr == src.Expr || !od.Addrs.Equal(d.Addrs) {
				continue
			}
			db, da := restrictTo(sb, dstOnly(d.Addrs)), restrictTo(sa, dstOnly(d.Addrs))
			if da.Delivered.Equal(db.Delivered) {
				continue
			}
			changes, err := provePair(before, after, src, d)
			if err != nil {
				return nil, err
			}
			out = append(out, changes...)
		}
	}
	return out, nil
}

// provePair reports the changes of one pair, proved whole so that its
// before and after verdicts are exact (the proof that found the change may
// have covered only part of the pair's destinations).
func provePair(before, after *Network, src, dst Place) ([]PairChange, error) {
	q := Query{Source: src, Destination: dst, Protocol: model.AnyProtocol}
	rb, err := before.Prove(q)
	if err != nil {
		return nil, err
	}
	ra, err := after.Prove(q)
	if err != nil {
		return nil, err
	}
	return pairChanges(Pair{Source: src.Expr, Destination: dst.Expr}, rb, ra), nil
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

// restrictTo is a result seen only for the packets of d.
func restrictTo(r *Result, d hs.Set) *Result {
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

// TagChange is a service tag whose prefixes differ between two networks.
type TagChange struct {
	Name           string
	Added, Removed hs.IPSet
}

// TagChanges compares the service tags both networks resolved (those their
// rules, routes and intents use; call after Diff), sorted by name.
func TagChanges(before, after *Network) []TagChange {
	var out []TagChange
	for _, k := range sortedKeys(before.tags) {
		a, ok := after.tags[k]
		b := before.tags[k]
		if !ok {
			a, _ = after.tagSet(k)
		}
		if !a.Equal(b) {
			name := k
			if tag, ok := before.Topo.Tags.Lookup(k); ok {
				name = tag.Name
			}
			out = append(out, TagChange{Name: name, Added: a.Subtract(b), Removed: b.Subtract(a)})
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
