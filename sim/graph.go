package sim

import (
	"cmp"
	"net/netip"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// FlowGraph is the compiled packet-flow graph: one node per place a packet
// can be (a NIC, a subnet's router, a VNet's delivery fabric, an appliance,
// a gateway, on-premises, the internet edge, a PaaS service), one edge per
// way it can move on, carrying the headers that can take it and the
// elements that decide. The engine's steps are these nodes' transfer
// functions; the graph is what `vnetsim graph` draws and what what-if
// walks to find the intents a change can touch.
type FlowGraph struct {
	g      *simple.DirectedGraph
	nodes  []*FlowNode // by ID; IDs are dense, in sorted-name order
	byName map[string]*FlowNode
}

var _ graph.Directed = (*FlowGraph)(nil)

// FlowNode is a place in the graph.
type FlowNode struct {
	id    int64
	Name  string // e.g. "router ml-vnet/compute", "nic cpu-cluster"
	Kind  string // nic, router, vnet, peering, appliance, gateway, onprem, internet, paas
	Group string // the VNet it belongs to, "" outside Azure VNets
}

func (n *FlowNode) ID() int64      { return n.id }
func (n *FlowNode) String() string { return n.Name }

// FlowEdge is a way to move on: the headers (current header space) that
// can take it, and the refs of the elements that decide.
type FlowEdge struct {
	from, to *FlowNode
	Set      hs.Set
	Refs     []string
}

func (e *FlowEdge) From() graph.Node { return e.from }
func (e *FlowEdge) To() graph.Node   { return e.to }
func (e *FlowEdge) ReversedEdge() graph.Edge {
	return &FlowEdge{from: e.to, to: e.from, Set: e.Set, Refs: e.Refs}
}

func (fg *FlowGraph) Node(id int64) graph.Node       { return fg.g.Node(id) }
func (fg *FlowGraph) Nodes() graph.Nodes             { return fg.g.Nodes() }
func (fg *FlowGraph) From(id int64) graph.Nodes      { return fg.g.From(id) }
func (fg *FlowGraph) To(id int64) graph.Nodes        { return fg.g.To(id) }
func (fg *FlowGraph) HasEdgeBetween(x, y int64) bool { return fg.g.HasEdgeBetween(x, y) }
func (fg *FlowGraph) HasEdgeFromTo(u, v int64) bool  { return fg.g.HasEdgeFromTo(u, v) }
func (fg *FlowGraph) Edge(u, v int64) graph.Edge     { return fg.g.Edge(u, v) }

// Groups lists the VNets that have nodes, sorted.
func (fg *FlowGraph) Groups() []string {
	var gs []string
	for _, n := range fg.nodes {
		if n.Group != "" && !slices.Contains(gs, n.Group) {
			gs = append(gs, n.Group)
		}
	}
	slices.Sort(gs)
	return gs
}

// FlowNodes lists the nodes in ID order.
func (fg *FlowGraph) FlowNodes() []*FlowNode { return fg.nodes }

// FlowEdges lists the edges sorted by source then destination name.
func (fg *FlowGraph) FlowEdges() []*FlowEdge {
	var out []*FlowEdge
	for it := fg.g.Edges(); it.Next(); {
		out = append(out, it.Edge().(*FlowEdge))
	}
	slices.SortFunc(out, func(a, b *FlowEdge) int {
		return cmp.Or(cmp.Compare(a.from.id, b.from.id), cmp.Compare(a.to.id, b.to.id))
	})
	return out
}

// NodeByName finds a node.
func (fg *FlowGraph) NodeByName(name string) (*FlowNode, bool) {
	n, ok := fg.byName[name]
	return n, ok
}

// graphBuilder collects nodes and edges by name, then numbers the nodes in
// sorted-name order so IDs are stable across runs.
type graphBuilder struct {
	nodes map[string]*FlowNode
	edges map[[2]string]*FlowEdge
}

func (b *graphBuilder) node(name, kind, group string) string {
	if _, ok := b.nodes[name]; !ok {
		b.nodes[name] = &FlowNode{Name: name, Kind: kind, Group: group}
	}
	return name
}

func (b *graphBuilder) edge(from, to string, set hs.Set, refs ...string) {
	if set.IsEmpty() {
		return
	}
	k := [2]string{from, to}
	e, ok := b.edges[k]
	if !ok {
		e = &FlowEdge{}
		b.edges[k] = e
	}
	e.Set = e.Set.Union(set)
	for _, r := range refs {
		if r != "" && !slices.Contains(e.Refs, r) {
			e.Refs = append(e.Refs, r)
		}
	}
}

func (b *graphBuilder) build() *FlowGraph {
	fg := &FlowGraph{g: simple.NewDirectedGraph(), byName: map[string]*FlowNode{}}
	names := sortedKeys(b.nodes)
	for i, name := range names {
		n := b.nodes[name]
		n.id = int64(i)
		fg.nodes = append(fg.nodes, n)
		fg.byName[name] = n
		fg.g.AddNode(n)
	}
	for k, e := range b.edges {
		e.from, e.to = fg.byName[k[0]], fg.byName[k[1]]
		slices.Sort(e.Refs)
		fg.g.SetEdge(e)
	}
	return fg
}

func dstOnly(ips hs.IPSet) hs.Set {
	return hs.FromProduct(hs.Product{Src: allAddrs, Dst: ips, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
}

func srcOnly(ips hs.IPSet) hs.Set {
	return hs.FromProduct(hs.Product{Src: ips, Dst: allAddrs, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
}

// Graph compiles the packet-flow graph.
func (n *Network) Graph() (*FlowGraph, error) {
	b := &graphBuilder{nodes: map[string]*FlowNode{}, edges: map[[2]string]*FlowEdge{}}
	internet := b.node("internet", "internet", "")
	e := &engine{n: n}
	for _, c := range n.nics {
		v := c.sub.vnet.m.Name
		nic := b.node("nic "+c.ep.Name, "nic", v)
		router := b.node("router "+c.sub.id, "router", v)
		out := n.allowedOut(e, c)
		b.edge(nic, router, out.Intersect(hs.FromProduct(hs.Product{Src: c.addrs, Dst: allAddrs, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})), nsgRefs(c.nsg, c.sub.nsg)...)
		b.edge(b.node("vnet "+v, "vnet", v), nic, n.allowedIn(e, c).Intersect(dstOnly(c.addrs)), nsgRefs(c.sub.nsg, c.nsg)...)
		if c.frontIn {
			b.edge(internet, nic, n.allowedIn(e, c), "public "+c.public.String())
		}
	}
	for _, s := range n.subnets {
		n.routeEdges(b, s, internet)
	}
	for _, name := range sortedKeys(n.apps) {
		a := n.apps[name]
		rules, err := n.forwardingRules(a)
		if err != nil {
			return nil, err
		}
		var refs []string
		for _, r := range rules.regions {
			if r.allow && !r.set.IsEmpty() {
				refs = append(refs, r.ref)
			}
		}
		b.edge(b.node("appliance "+name, "appliance", a.sub.vnet.m.Name), b.node("router "+a.sub.id, "router", a.sub.vnet.m.Name), rules.allowed, refs...)
	}
	for _, name := range sortedKeys(n.gateways) {
		g := n.gateways[name]
		gw := b.node("gateway "+name, "gateway", g.vnet.m.Name)
		on := b.node("onprem "+name, "onprem", "")
		b.edge(gw, on, dstOnly(g.onPrem))
		gs := n.gatewaySubnet(g.vnet)
		b.edge(on, gw, dstOnly(g.vnet.space))
		b.edge(gw, b.node("router "+gs.id, "router", g.vnet.m.Name), universeAll)
		if g.m.OnPremises != nil && g.m.OnPremises.InternetEgress == model.EgressSnat {
			b.edge(on, internet, dstOnly(publicAddrs), "snat "+g.m.OnPremises.SnatAddress)
		}
	}
	n.loadBalancerEdges(b, e, internet)
	for _, name := range sortedKeys(n.natGWs) {
		b.edge(b.node("natgateway "+name, "natgateway", ""), internet, dstOnly(publicAddrs), "natgateway:"+name)
	}
	for _, p := range n.paas {
		ps := b.node("paas "+p.ep.Name, "paas", "")
		if p.public.IsValid() {
			b.edge(internet, ps, dstOnly(addrSet([]netip.Addr{p.public})), "firewall:"+p.ep.Name)
		}
		for _, pe := range p.pes {
			v := pe.sub.vnet.m.Name
			b.edge(b.node("vnet "+v, "vnet", v), ps, dstOnly(addrSet([]netip.Addr{pe.addr})), "firewall:"+p.ep.Name)
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	return b.build(), nil
}

func nsgRefs(nsgs ...*model.NetworkSecurityGroup) []string {
	var refs []string
	for _, g := range nsgs {
		if g != nil {
			refs = append(refs, "nsg:"+g.Name)
		}
	}
	return refs
}

// allowedIn and allowedOut are the headers a NIC's NSGs (subnet and NIC)
// let through, in the given direction.
func (n *Network) allowedIn(e *engine, c *nic) hs.Set {
	return n.allowedBoth(e, c, model.Inbound)
}

func (n *Network) allowedOut(e *engine, c *nic) hs.Set {
	return n.allowedBoth(e, c, model.Outbound)
}

func (n *Network) allowedBoth(e *engine, c *nic, dir model.Direction) hs.Set {
	set := universeAll
	for _, l := range nsgLevels(c.sub, c) {
		if r := e.nsgRules(l.cache, l.nsg, dir, c.sub); r != nil {
			set = set.Intersect(r.compiled().allowed)
		}
	}
	return set
}

// routeEdges adds one edge per next hop of subnet s's routes, carrying the
// destinations each route wins.
func (n *Network) routeEdges(b *graphBuilder, s *subnet, internet string) {
	v := s.vnet.m.Name
	router := b.node("router "+s.id, "router", v)
	rt := n.routes(s)
	won := map[*RouteEntry][]hs.IPRange{}
	refs := map[*RouteEntry][]string{}
	var order []*RouteEntry
	for _, p := range rt.parts {
		e := p.c.entry
		if _, ok := won[e]; !ok {
			order = append(order, e)
		}
		won[e] = append(won[e], hs.IPRange{Lo: p.lo, Hi: p.hi})
		if !slices.Contains(refs[e], p.c.ref) {
			refs[e] = append(refs[e], p.c.ref)
		}
	}
	for _, e := range order {
		set := dstOnly(hs.IPSetFromRanges(won[e]...))
		to := ""
		switch e.NextHopType {
		case model.HopVnetLocal:
			to = b.node("vnet "+v, "vnet", v)
		case model.HopVNetPeering:
			ref := "peering:" + v + ":" + e.peer.local.Name
			to = b.node("peering "+v+"/"+e.peer.local.Name, "peering", v)
			b.edge(to, b.node("vnet "+e.peer.to.m.Name, "vnet", e.peer.to.m.Name), universeAll, ref)
		case model.HopInternet:
			to = internet
			if s.nat != nil {
				to = b.node("natgateway "+s.nat.m.Name, "natgateway", "")
			}
		case model.HopInterfaceEndpoint:
			to = b.node("paas "+n.paasOf(e.pe).ep.Name, "paas", "")
		case model.HopVirtualAppliance:
			if a, _ := n.applianceAt(s.vnet, e.NextHopIP); a != nil {
				to = b.node("appliance "+a.m.Name, "appliance", a.sub.vnet.m.Name)
			}
		case model.HopVirtualNetworkGateway:
			g := e.gw
			if g == nil {
				if gws := s.vnet.usedGateways(); len(gws) > 0 {
					g = gws[0]
				}
			}
			if g != nil {
				to = b.node("gateway "+g.m.Name, "gateway", g.vnet.m.Name)
			}
		case model.HopVirtualNetworkServiceEndpoint:
			to = b.node("service endpoints", "paas", "")
		}
		if to != "" {
			b.edge(router, to, set, refs[e]...)
		}
	}
}

// forwardingRules are what an appliance lets through: an Azure Firewall's
// network and application rules as a flow without a name meets them, or a
// plain NVA's rules.
func (n *Network) forwardingRules(a *appliance) (*compiledRules, error) {
	rl, err := n.forwardingList(a)
	if err != nil {
		return nil, err
	}
	return rl.compiled(), nil
}

func (n *Network) forwardingList(a *appliance) (*ruleList, error) {
	if !a.m.IsAzureFirewall() {
		return n.applianceRules(a)
	}
	fw, err := n.firewall(a)
	if err != nil {
		return nil, err
	}
	r, err := n.rulesFor(fw, "")
	if err != nil {
		return nil, err
	}
	return r.rules, nil
}

// paasOf is the PaaS service a private endpoint belongs to.
func (n *Network) paasOf(pe *peAddr) *paas {
	for _, p := range n.paas {
		for i := range p.pes {
			if &p.pes[i] == pe {
				return p
			}
		}
	}
	panic("sim: a private endpoint of no PaaS service")
}

// applianceAt finds the appliance a VirtualAppliance route names, in the
// VNet or a connected peer (then also returned).
func (n *Network) applianceAt(v *vnet, ip string) (*appliance, *peer) {
	addr, err := model.ParseAddr(ip)
	if err != nil {
		return nil, nil
	}
	if a := lookupApplianceAddr(v, addr); a != nil {
		return a, nil
	}
	for _, p := range v.peers {
		if a := lookupApplianceAddr(p.to, addr); a != nil {
			return a, p
		}
	}
	return nil, nil
}
