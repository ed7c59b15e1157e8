package sim

import (
	"fmt"
	"slices"
	"sync"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// engine propagates branches through the network. Each step splits a
// branch by what the element does to its packets; every packet ends
// delivered (and its reply back home) or in exactly one drop.
type engine struct {
	n      *Network
	trace  bool
	drops  []drop
	ok     []branch // replies that came home: their sets are reachable
	err    error
	srcTag string     // the query's source tag, for fixes
	names  []FlowName // the names the query's destinations were given by

	// touched, when not nil, records the elements the proof consulted
	// (impact.go): a change that touches none of them cannot change it.
	touched map[string]bool

	// pre caches rule matches pulled back through a header transform: many
	// branches meet the same rules with the same translation.
	pre map[preKey]hs.Set
}

// preKey names one rule of a list seen through a transform.
type preKey struct {
	rules *ruleList
	rule  int
	xf    transform
}

// pulled is rule i of rules in query coordinates of a branch read through
// xf.
func (e *engine) pulled(rules *ruleList, i int, xf transform) hs.Set {
	set := rules.specs[i].match
	if xf.isIdentity() {
		return set
	}
	k := preKey{rules, i, xf}
	if got, ok := e.pre[k]; ok {
		return got
	}
	if e.pre == nil {
		e.pre = map[preKey]hs.Set{}
	}
	e.pre[k] = xf.preimage(set)
	return e.pre[k]
}

// splitBy splits a branch's packets by the first rule of rules that
// matches each.
func (e *engine) splitBy(b branch, rules *ruleList) []rulePart {
	return rules.split(b.set, func(i int) hs.Set { return e.pulled(rules, i, b.xf) })
}

func (e *engine) touch(key string) {
	if e.touched != nil {
		e.touched[key] = true
	}
}

func (e *engine) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *engine) hop(b *branch, at, step, decision, ref, detail string) {
	if e.trace {
		b.hops = grow(b.hops, Hop{At: at, Step: step, Decision: decision, Ref: ref, Detail: detail})
	}
}

func (e *engine) drop(b branch, set hs.Set, reason model.Reason, ref, fix string, explain func(w hs.Packet) string) {
	if set.IsEmpty() {
		return
	}
	e.drops = append(e.drops, drop{set: set, reason: reason, ref: ref, reply: b.reply, fix: fix, explain: explain, xf: b.xf, hops: b.hops, replyAt: b.replyAt})
}

// enter records a visit to a node and reports a loop when the branch has
// been there before with the same header transform.
func (e *engine) enter(b *branch, node string) bool {
	for _, v := range b.visits {
		if v.node == node && v.xf == b.xf {
			route := b.route
			e.drop(*b, b.set, model.RoutingLoop, route, "change "+describeRef(route)+" so that it does not send the packets back to "+node,
				func(w hs.Packet) string {
					return fmt.Sprintf("%s to %s comes back to %s after %s: a routing loop", b.what(), w.Dst, node, b.routeTxt)
				})
			return false
		}
	}
	b.visits = grow(b.visits, visit{node: node, xf: b.xf})
	return true
}

func (b branch) what() string {
	if b.reply {
		return "the reply"
	}
	return "the packet"
}

// cross meets a waypoint: requests record it; replies must meet the one
// the request met last, or the connection is asymmetric.
func (e *engine) cross(b *branch, w string) bool {
	if !b.reply {
		b.ways = grow(b.ways, waypoint{name: w})
		return true
	}
	if len(b.expect) > 0 && b.expect[0].name == w {
		if undo := b.expect[0].undo; undo != nil {
			b.xf.src, b.xf.sport = undo.dst, undo.dport
		}
		b.expect = b.expect[1:]
		return true
	}
	want := "its destination"
	if len(b.expect) > 0 {
		want = b.expect[0].name
	}
	e.asymmetric(*b, w, want)
	return false
}

func (e *engine) asymmetric(b branch, got, want string) {
	route := b.route
	e.drop(b, b.set, model.AsymmetricReturn, route, e.asymmetricFix(b), func(w hs.Packet) string {
		return fmt.Sprintf("the reply to %s matches %s and leaves through %s, not through %s the request came by",
			w.Dst, b.routeTxt, got, want)
	})
}

// arrive ends a reply at the original source: it must have retraced every
// waypoint.
func (e *engine) arrive(b branch, at string) {
	if len(b.expect) > 0 {
		e.asymmetric(b, "a direct path to "+at, b.expect[0].name)
		return
	}
	e.ok = append(e.ok, b)
}

// deliver ends a request at the owner of its destination and sends the
// reply back from there.
func (e *engine) deliver(b branch, at string, replyFrom func(r branch)) {
	if b.reply {
		e.arrive(b, at)
		return
	}
	r := b
	r.replyAt = len(b.hops)
	r.reply = true
	r.applied = false
	r.xf = b.xf.reversed()
	if u := b.hostUndo; u != nil {
		r.xf.src, r.xf.sport = u.dst, u.dport
		r.hostUndo = nil
	}
	r.expect = reverse(b.ways)
	r.ways = nil
	r.visits = nil
	r.route, r.routeTxt = "", ""
	replyFrom(r)
}

// hostDnat translates a request's destination and port where no waypoint
// keeps the connection (an internal load balancer): the destination's host
// undoes it on the reply at once.
func (b *branch) hostDnat(to xfAddr, port *uint16) {
	b.hostUndo = &dnatUndo{dst: b.xf.dst, dport: b.xf.dport}
	b.xf.dst = to
	if port != nil {
		b.xf.dport = xfPort{fixed: true, c: *port}
	}
}

// dnat translates a request's destination (and, when port is not nil, its
// destination port) at the waypoint it crossed last, which undoes it for
// the reply. The branch's waypoints are copied: siblings share them.
func (b *branch) dnat(to xfAddr, port *uint16) {
	b.ways = slices.Clone(b.ways)
	b.ways[len(b.ways)-1].undo = &dnatUndo{dst: b.xf.dst, dport: b.xf.dport}
	b.xf.dst = to
	if port != nil {
		b.xf.dport = xfPort{fixed: true, c: *port}
	}
}

func reverse[T any](ws []T) []T {
	out := make([]T, len(ws))
	for i, w := range ws {
		out[len(ws)-1-i] = w
	}
	return out
}

// decide applies one rule list (an NSG direction, an appliance, a
// firewall policy): what a rule denies is dropped (reason, fix), and the
// allowed parts are returned with their rules.
func (e *engine) decide(b branch, rules *ruleList, at, step string, reason model.Reason, fix func(r ruleRegion) string) []rulePart {
	var allowed []rulePart
	for _, p := range e.splitBy(b, rules) {
		r := rules.region(p.rule, p.set)
		if r.allow {
			allowed = append(allowed, p)
			continue
		}
		rb := b
		e.hop(&rb, at, step, "Deny", r.ref, "")
		e.drop(rb, p.set, reason, r.ref, fix(r), func(w hs.Packet) string {
			return fmt.Sprintf("%s %s %s is denied by %s at %s", protoName(w.Proto), flowText(w), portText(w), ruleText(r), at)
		})
	}
	return allowed
}

// filterStage applies one rule list and continues with what it allows.
func (e *engine) filterStage(b branch, rules *ruleList, at, step string, reason model.Reason, fix func(r ruleRegion) string) (branch, bool) {
	allowed := e.decide(b, rules, at, step, reason, fix)
	if len(allowed) == 0 {
		return b, false
	}
	var set hs.Set
	for _, p := range allowed {
		set = set.Union(p.set)
	}
	nb := b.with(set)
	e.hop(&nb, at, step, "Allow", rules.specs[allowed[0].rule].ref, "")
	return nb, true
}

// nsgRules compiles (once) the rules of nsg in direction dir for subnet s.
func (e *engine) nsgRules(cache *nsgCache, nsg *model.NetworkSecurityGroup, dir model.Direction, s *subnet) *ruleList {
	i := 0
	if dir == model.Outbound {
		i = 1
	}
	cache.once[i].Do(func() { cache.rules[i], cache.err[i] = e.n.compileNSG(nsg, dir, s) })
	if cache.err[i] != nil {
		e.fail(cache.err[i])
		return nil
	}
	return cache.rules[i]
}

// nsgCache holds an NSG compiled for a subnet, by direction (inbound,
// outbound), filled on first use. What-if shares it between the networks
// before and after a change where the subnet did not change.
// Compiled once, whatever the number of proofs running at once.
type nsgCache struct {
	once  [2]sync.Once
	rules [2]*ruleList
	err   [2]error
}

// nsgLevel is an NSG as one level (subnet or NIC) applies it, with the
// cache of its compiled directions.
type nsgLevel struct {
	nsg   *model.NetworkSecurityGroup
	cache *nsgCache
}

// nsgLevels are the NSGs of subnet s and NIC c (nil for none) that exist.
func nsgLevels(s *subnet, c *nic) []nsgLevel {
	var out []nsgLevel
	if s.nsg != nil {
		out = append(out, nsgLevel{s.nsg, s.nsgDir})
	}
	if c != nil && c.nsg != nil {
		out = append(out, nsgLevel{c.nsg, c.nsgDir})
	}
	return out
}

// nsgStep applies one NSG if there is one (no NSG allows everything).
func (e *engine) nsgStep(b branch, nsg *model.NetworkSecurityGroup, cache *nsgCache, dir model.Direction, s *subnet, at, step string) (branch, bool) {
	e.touch(keySubnet(s))
	if nsg == nil || b.reply {
		return b, true // NSGs are stateful: replies pass (azure-semantics.md §1)
	}
	rules := e.nsgRules(cache, nsg, dir, s)
	if rules == nil {
		return b, false
	}
	return e.filterStage(b, rules, at, step, model.NsgDenied, func(r ruleRegion) string { return nsgFix(nsg, dir, r) })
}

// nicAt names a NIC in a trace as "<endpoint>/<address>".
func (e *engine) nicAt(c *nic, addrs hs.IPSet) string {
	if a, ok := addrs.Min(); ok && e.trace {
		return c.ep.Name + "/" + a.String()
	}
	return c.ep.Name
}

// outbound applies the NIC NSG, then the subnet NSG (azure-semantics.md §1).
func (e *engine) outbound(b branch, c *nic, s *subnet) (branch, bool) {
	ok := true
	if c != nil {
		b, ok = e.nsgStep(b, c.nsg, c.nsgDir, model.Outbound, s, e.nicAt(c, b.xf.curSrc(b.set)), "NicNsgOutbound")
	}
	if ok {
		b, ok = e.nsgStep(b, s.nsg, s.nsgDir, model.Outbound, s, s.id, "SubnetNsgOutbound")
	}
	return b, ok
}

// inbound applies the subnet NSG, then the NIC NSG.
func (e *engine) inbound(b branch, c *nic, s *subnet) (branch, bool) {
	b, ok := e.nsgStep(b, s.nsg, s.nsgDir, model.Inbound, s, s.id, "SubnetNsgInbound")
	if ok && c != nil {
		b, ok = e.nsgStep(b, c.nsg, c.nsgDir, model.Inbound, s, e.nicAt(c, b.xf.curDst(b.set)), "NicNsgInbound")
	}
	return b, ok
}
