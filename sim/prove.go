package sim

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Query names a set of packets: every source address, destination
// address and port it names, for one protocol (or all).
type Query struct {
	Source, Destination Place
	Protocol            model.Protocol
	SourcePorts         []string // default *
	DestinationPorts    []string // default *
}

// names are the flow names the destination carries.
func (q Query) names() []FlowName { return q.Destination.Names }

// Result partitions a query's packets: those delivered with their reply
// back home, and every other region with why (cli-contract.md).
type Result struct {
	Verdict   model.Verdict
	Packets   hs.Set
	Delivered hs.Set
	Blocked   []Blocked
	// Hops and Return are the path of a traced single packet.
	Hops, Return []Hop
	// Note says why a query was not proved (it names no packet); Verdict
	// is then empty.
	Note string
}

// Blocked is one region of packets that do not make it, for one reason at
// one element.
type Blocked struct {
	Reason      model.Reason
	Ref         string
	Set         hs.Set
	Witness     hs.Packet
	Explanation string
	Fix         string
	Reply       bool // the reply, not the request, is what fails
}

// Packets is the header set a query names. A destination port written
// "Udp:5831" is for that protocol, whatever the query's.
func (q Query) Packets() (hs.Set, error) {
	sports, err := portSet(defaultPorts(q.SourcePorts))
	if err != nil {
		return hs.Set{}, err
	}
	p := q.Protocol
	if p == "" {
		p = model.AnyProtocol
	}
	byProto := map[model.Protocol][]string{}
	var order []model.Protocol
	for _, item := range defaultPorts(q.DestinationPorts) {
		proto, _, err := model.ParseIntentPort(item)
		if err != nil {
			return hs.Set{}, err
		}
		ports := item
		if proto == "" {
			proto = p
		} else {
			_, ports, _ = strings.Cut(item, ":")
		}
		if _, ok := byProto[proto]; !ok {
			order = append(order, proto)
		}
		byProto[proto] = append(byProto[proto], ports)
	}
	var set hs.Set
	for _, proto := range order {
		dports, err := portSet(byProto[proto])
		if err != nil {
			return hs.Set{}, err
		}
		set = set.Union(q.product(proto, sports, dports))
	}
	return set, nil
}

// product is the query's packets of one protocol: sources by destinations,
// or, for a destination resolved per source, each source part by what it
// resolves to.
func (q Query) product(p model.Protocol, sports, dports hs.PortSet) hs.Set {
	if q.Destination.resolve == nil {
		return protoProduct(p, q.Source.Addrs, q.Destination.Addrs, sports, dports)
	}
	var set hs.Set
	for _, part := range q.Destination.resolve(q.Source.Addrs) {
		set = set.Union(protoProduct(p, part.src, part.dst, sports, dports))
	}
	return set
}

func defaultPorts(ps []string) []string {
	if len(ps) == 0 {
		return []string{"*"}
	}
	return ps
}

// Prove decides the query over all its packets.
func (n *Network) Prove(q Query) (*Result, error) {
	return n.prove(q, false)
}

func (n *Network) prove(q Query, trace bool) (*Result, error) {
	set, err := q.Packets()
	if err != nil {
		return nil, err
	}
	return n.proveSet(q, set, &engine{n: n, trace: trace})
}

// proveTouched proves a query and says which elements it consulted.
func (n *Network) proveTouched(q Query) (*Result, map[string]bool, error) {
	set, err := q.Packets()
	if err != nil {
		return nil, nil, err
	}
	e := &engine{n: n, touched: map[string]bool{}}
	res, err := n.proveSet(q, set, e)
	return res, e.touched, err
}

func (n *Network) proveSet(q Query, set hs.Set, e *engine) (*Result, error) {
	if set.IsEmpty() {
		return nil, errors.New("the query names no packets (an empty source, destination or port set)")
	}
	trace := e.trace
	e.srcTag = q.Source.Tag
	e.names = q.names()
	e.start(branch{set: set, xf: identity})
	if e.err != nil {
		return nil, e.err
	}
	res := &Result{Packets: set}
	// Branches can share packets (a public frontend proves each node it
	// leads to): a packet is delivered only if no branch blocks it, and the
	// first branch that blocks it, in traversal order, decides.
	var claimed hs.Set
	for i := range e.drops {
		e.drops[i].set = e.drops[i].set.Subtract(claimed)
		claimed = claimed.Union(e.drops[i].set)
	}
	for _, b := range e.ok {
		res.Delivered = res.Delivered.Union(b.set)
	}
	res.Delivered = res.Delivered.Subtract(claimed)
	res.Blocked = groupDrops(e.drops)
	if trace {
		res.Hops, res.Return = tracedPath(e)
	}
	switch {
	case len(res.Blocked) == 0:
		res.Verdict = model.Reachable
	case res.Delivered.IsEmpty():
		res.Verdict = model.Blocked
	default:
		res.Verdict = model.Partial
	}
	return res, nil
}

// tracedPath is the request and reply hops of the first branch to end
// (a traced query is one packet, so there is one).
func tracedPath(e *engine) (request, reply []Hop) {
	split := func(hops []Hop, at int) ([]Hop, []Hop) {
		return append([]Hop{}, hops[:at]...), append([]Hop{}, hops[at:]...)
	}
	switch {
	case len(e.ok) > 0:
		return split(e.ok[0].hops, e.ok[0].replyAt)
	case len(e.drops) > 0:
		d := e.drops[0]
		if d.reply {
			return split(d.hops, d.replyAt)
		}
		return append([]Hop{}, d.hops...), nil
	}
	return nil, nil
}

// Trace follows one packet hop by hop, there and back.
func (n *Network) Trace(q Query, p hs.Packet) (*Result, error) {
	one := hs.FromProduct(hs.Product{
		Src: hs.IPSetFromRanges(hs.IPRange{Lo: p.Src, Hi: p.Src}), Dst: hs.IPSetFromRanges(hs.IPRange{Lo: p.Dst, Hi: p.Dst}),
		Proto: hs.ProtoSetOf(p.Proto), SrcPorts: hs.PortSetOf(hs.PortRange{Lo: p.SrcPort, Hi: p.SrcPort}),
		DstPorts: hs.PortSetOf(hs.PortRange{Lo: p.DstPort, Hi: p.DstPort})})
	return n.proveSet(q, one, &engine{n: n, trace: true})
}

// groupDrops merges the drops of one reason at one element, explains each
// group with its witness, and orders them for output.
func groupDrops(drops []drop) []Blocked {
	type key struct {
		reason model.Reason
		ref    string
		reply  bool
	}
	var order []key
	groups := map[key][]drop{}
	for _, d := range drops {
		if d.set.IsEmpty() {
			continue
		}
		k := key{d.reason, d.ref, d.reply}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], d)
	}
	var out []Blocked
	for _, k := range order {
		ds := groups[k]
		var set hs.Set
		for _, d := range ds {
			set = set.Union(d.set)
		}
		w, _ := set.Sample()
		first := ds[0]
		for _, d := range ds {
			if d.set.Contains(w) {
				first = d
				break
			}
		}
		out = append(out, Blocked{Reason: k.reason, Ref: k.ref, Set: set, Witness: w, Reply: k.reply,
			Explanation: first.explain(first.xf.current(w)), Fix: first.fix})
	}
	slices.SortStableFunc(out, func(a, b Blocked) int {
		return cmp.Or(cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Ref, b.Ref))
	})
	return out
}

// start splits the query by where each source address lives and sends
// each part on its way (azure-semantics.md §4, "Where an address lives").
func (e *engine) start(b branch) {
	e.touch(keyLayout)
	sp := splitSrc(b)
	take := sp.take
	if pb, ok := take(platformAddrs); ok {
		e.fromPlatform(pb)
	}
	for _, c := range e.n.nics {
		if pb, ok := take(c.addrs); ok {
			e.fromNIC(pb, c)
		}
	}
	for _, s := range e.n.subnets {
		if pb, ok := take(s.prefix); ok {
			pb.origin = s
			if pb, ok := e.outbound(pb, nil, s); ok {
				e.route(pb, s)
			}
		}
	}
	for _, name := range sortedKeys(e.n.gateways) {
		g := e.n.gateways[name]
		if pb, ok := take(g.onPrem); ok {
			e.fromOnPremises(pb, g)
		}
	}
	if pb, ok := take(e.n.vnetSpace.Union(privateRanges)); ok {
		e.drop(pb, pb.set, model.NoRoute, "", "use a source address that a subnet, on-premises network or the internet holds",
			func(w hs.Packet) string {
				return fmt.Sprintf("no subnet, on-premises network or internet host holds the source address %s, so nothing sends these packets", w.Src)
			})
	}
	if !sp.rest.IsEmpty() {
		e.fromOutside(sp.left())
	}
}

// fromPlatform: the host's services (health probes, DNS) reach the hosts of
// every VNet (NICs, appliances' own addresses) directly, through their
// inbound NSGs; nothing else.
func (e *engine) fromPlatform(b branch) {
	sp := splitDst(b)
	for _, v := range e.n.vnets {
		e.touch(keyVNet(v))
		for _, o := range v.owners {
			part, ok := sp.take(o.addrs)
			switch {
			case !ok:
			case o.nic != nil:
				e.toNIC(part, o.nic)
			case o.app != nil:
				e.toHost(part, o.app.sub, "appliance "+o.app.m.Name, func(r branch) { e.route(r, o.app.sub) })
			default:
				sp.rest = sp.rest.Union(part.set) // a private endpoint is no host
			}
		}
	}
	if !sp.rest.IsEmpty() {
		e.drop(b, sp.rest, model.NoRoute, "", "the platform's addresses reach only the VNets' own hosts",
			func(w hs.Packet) string {
				return fmt.Sprintf("%s is the Azure host's own service; it sends only to the hosts of the VNets, not to %s", w.Src, w.Dst)
			})
	}
}

func (e *engine) fromNIC(b branch, c *nic) {
	b.origin = c.sub
	if b, ok := e.outbound(b, c, c.sub); ok {
		e.route(b, c.sub)
	}
}

// fromOnPremises sends a request that starts on-premises behind gateway g.
func (e *engine) fromOnPremises(b branch, g *gateway) {
	e.touch("gateway:" + g.m.Name)
	at := "on-premises " + g.m.Name
	local := b.xf.restrictDst(b.set, g.onPrem)
	if !local.IsEmpty() {
		e.deliver(b.with(local), at, func(r branch) { e.arrive(r, at) })
	}
	rest := b.set.Subtract(local)
	in := b.xf.restrictDst(rest, e.n.gatewaySpace(g))
	if !in.IsEmpty() {
		e.gatewayIn(b.with(in), g)
	}
	rest = rest.Subtract(in)
	public := b.xf.restrictDst(rest, publicAddrs)
	e.drop(b, rest.Subtract(public), model.NoRoute, "", "on-premises learns no route to this address through "+g.m.Name,
		func(w hs.Packet) string {
			return fmt.Sprintf("on-premises behind %s has no route to %s", g.m.Name, w.Dst)
		})
	if public.IsEmpty() {
		return
	}
	pb := b.with(public)
	on := g.m.OnPremises
	if on.InternetEgress != model.EgressSnat {
		e.drop(pb, public, model.OnPremisesDropped, "", "set internetEgress: Snat on "+g.m.Name, func(w hs.Packet) string {
			return fmt.Sprintf("on-premises behind %s drops internet-bound traffic to %s", g.m.Name, w.Dst)
		})
		return
	}
	snat, _ := model.ParseAddr(on.SnatAddress)
	nat := natPoint{addr: hs.AddrFrom(snat), gw: g, prev: pb.xf.src, local: true}
	pb.xf.src = xfAddr{from: fromConst, c: nat.addr}
	pb.nats = grow(pb.nats, nat)
	e.internet(pb)
}

// fromOutside sends a request that starts on the internet (a public
// prefix, a service tag, an External endpoint).
func (e *engine) fromOutside(b branch) {
	sp := splitDst(b)
	for _, c := range e.n.nics {
		if part, ok := sp.take(c.addrs); ok {
			e.fromInternet(part, c, false)
		}
	}
	if hidden, ok := sp.take(e.n.vnetSpace.Union(e.n.onPrem)); ok {
		e.notExposed(hidden, "it is a private address inside the network, with no public address in front of it")
	}
	if !sp.rest.IsEmpty() {
		e.internet(sp.left())
	}
}
