package main

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// focus keeps what --focus names: an intent's paths, or an element and its
// neighbours.
func (d graphDrawing) focus(n *sim.Network, name string) (graphDrawing, error) {
	all := n.Intents()
	if intents := matchIntents(all, name); len(intents) > 0 {
		return d.focusIntents(n, intents)
	}
	if nodes := d.elementNodes(name); len(nodes) > 0 {
		return d.keep(nodes), nil
	}
	var names []string
	for _, in := range all {
		names = append(names, in.Name)
	}
	for _, nd := range d.Nodes {
		names = append(names, nd.Label)
	}
	return graphDrawing{}, fmt.Errorf("--focus: no intent or element %q%s", name, didYouMean(name, names))
}

// focusIntents keeps the paths the intents' packets can take: from their
// sources to their destinations over edges that carry their destination
// addresses, and back over edges that carry their sources; the edges of
// the elements that block them are marked, with the path up to them.
func (d graphDrawing) focusIntents(n *sim.Network, intents []*model.Intent) (graphDrawing, error) {
	keep := map[string]bool{}
	var blocking []string
	p := newPaths(d)
	for _, in := range intents {
		q, err := intentQuery(n, in)
		if err != nil {
			return graphDrawing{}, err
		}
		res, err := n.CheckIntent(in)
		if err != nil {
			return graphDrawing{}, err
		}
		for _, b := range res.Blocked {
			blocking = append(blocking, b.Ref)
		}
		src, dst := d.placeNodes(n, q.Source, true), d.placeNodes(n, q.Destination, false)
		there := p.reach(src, q.Destination.Addrs, false)
		back := p.reach(dst, q.Source.Addrs, false)
		onPath := func(reached map[string]bool, to map[string]bool, addrs hs.IPSet) {
			toward := p.reach(to, addrs, true)
			for nd := range reached {
				if toward[nd] {
					keep[nd] = true
				}
			}
		}
		onPath(there, dst, q.Destination.Addrs)
		onPath(back, src, q.Source.Addrs)
		for i, e := range d.Edges {
			if blocks(e.Refs, blocking) && (there[e.From] || back[e.From]) {
				d.Edges[i].Blocked = true
				keep[e.From], keep[e.To] = true, true
			}
		}
		for nd := range src {
			keep[nd] = true
		}
		for nd := range dst {
			keep[nd] = true
		}
	}
	return d.keep(keep), nil
}

// blocks reports whether an edge's refs name one of the blocking elements:
// the same ref, or the NSG or table a blocking rule or route belongs to.
func blocks(refs, blocking []string) bool {
	for _, r := range refs {
		for _, b := range blocking {
			if b != "" && (r == b || strings.HasPrefix(b, r+":")) {
				return true
			}
		}
	}
	return false
}

// paths walks the drawing's edges, each with the destination addresses
// its packets can have.
type paths struct {
	edges     []graphEdge
	dsts      []hs.IPSet
	out, into map[string][]int // node -> edges leaving it, entering it
}

func newPaths(d graphDrawing) *paths {
	p := &paths{edges: d.Edges, dsts: make([]hs.IPSet, len(d.Edges)), out: map[string][]int{}, into: map[string][]int{}}
	for i, e := range d.Edges {
		p.dsts[i] = e.flow.Set.DstAddrs()
		p.out[e.From] = append(p.out[e.From], i)
		p.into[e.To] = append(p.into[e.To], i)
	}
	return p
}

// reach is every node reachable from the start nodes (or, backward, that
// reaches them) over edges whose packets include some of addrs as their
// destination.
func (p *paths) reach(start map[string]bool, addrs hs.IPSet, backward bool) map[string]bool {
	seen := map[string]bool{}
	var queue []string
	for nd := range start {
		seen[nd] = true
		queue = append(queue, nd)
	}
	adj := p.out
	if backward {
		adj = p.into
	}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		for _, i := range adj[at] {
			next := p.edges[i].To
			if backward {
				next = p.edges[i].From
			}
			if seen[next] || p.dsts[i].Intersect(addrs).IsEmpty() {
				continue
			}
			seen[next] = true
			queue = append(queue, next)
		}
	}
	return seen
}

// placeNodes are the nodes where a source starts or a destination ends:
// an endpoint's NIC or service, a subnet's router (as a source) or its
// NICs (as a destination), and for addresses the subnets, on-premises
// networks and internet they fall in.
func (d graphDrawing) placeNodes(n *sim.Network, pl sim.Place, source bool) map[string]bool {
	has := map[string]bool{}
	for _, nd := range d.Nodes {
		has[nd.Name] = true
	}
	out := map[string]bool{}
	add := func(name string) {
		if has[name] {
			out[name] = true
		}
	}
	t := n.Topo
	if ep := pl.Endpoint; ep != nil {
		add("nic " + ep.Name)
		add("paas " + ep.Name)
		return out
	}
	rest := pl.Addrs
	for _, s := range t.Subnets() {
		p, err := model.ParsePrefix(s.AddressPrefix)
		if err != nil || pl.Addrs.Intersect(hs.IPSetOf(p)).IsEmpty() {
			continue
		}
		rest = rest.Subtract(hs.IPSetOf(p))
		if source {
			add("router " + s.ID())
			continue
		}
		add("vnet " + s.VNet.Name)
		for _, ep := range t.Endpoints {
			if ep.Subnet == s.ID() {
				add("nic " + ep.Name)
			}
		}
	}
	for _, gw := range t.Gateways {
		if gw.OnPremises == nil {
			continue
		}
		for _, ps := range gw.OnPremises.AddressPrefixes {
			if p, err := model.ParsePrefix(ps); err == nil && !pl.Addrs.Intersect(hs.IPSetOf(p)).IsEmpty() {
				add("onprem " + gw.Name)
				rest = rest.Subtract(hs.IPSetOf(p))
			}
		}
	}
	if !rest.IsEmpty() {
		add("internet")
	}
	return out
}

// elementNodes are the nodes an element name picks, and their neighbours:
// a node by name or label (an endpoint, a subnet's router, an appliance,
// a gateway), a VNet's nodes, and the ends of the edges whose refs name
// it (an NSG, a route table, a rule, a route, a peering).
func (d graphDrawing) elementNodes(name string) map[string]bool {
	hit := map[string]bool{}
	for _, nd := range d.Nodes {
		if nd.Name == name || nd.Label == name || nd.Group == name {
			hit[nd.Name] = true
		}
	}
	for _, e := range d.Edges {
		for _, r := range e.Refs {
			if mentions(r, name) {
				hit[e.From], hit[e.To] = true, true
			}
		}
	}
	out := map[string]bool{}
	for nd := range hit {
		out[nd] = true
	}
	for _, e := range d.Edges {
		if hit[e.From] || hit[e.To] {
			out[e.From], out[e.To] = true, true
		}
	}
	return out
}

// mentions reports whether a ref names an element: the ref itself, a ref
// inside it (a rule of an NSG ref), or its owner (nsg:NAME:..., route:NAME:...).
func mentions(ref, name string) bool {
	if ref == name || strings.HasPrefix(name, ref+":") {
		return true
	}
	parts := strings.Split(ref, ":")
	return len(parts) > 1 && parts[1] == name
}
