package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
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

// focusIntents keeps the paths the intents' traced flows take: each
// blocked region's witness up to the element that blocks it (in red, the
// element marked), and a flow that gets through. Two nodes a path joins
// with no graph edge between them (a translation the graph does not
// draw) get an edge of their own.
func (d graphDrawing) focusIntents(n *sim.Network, intents []*model.Intent) (graphDrawing, error) {
	has := map[string]bool{}
	for _, nd := range d.Nodes {
		has[nd.Name] = true
	}
	edge := map[[2]string]int{}
	for i, e := range d.Edges {
		edge[[2]string{e.From, e.To}] = i
	}
	keep, blocking := map[string]bool{}, map[string]bool{}
	for _, in := range intents {
		paths, err := intentPaths(n, in, func(s string) bool { return has[s] })
		if err != nil {
			return graphDrawing{}, err
		}
		for _, p := range paths {
			nodes := p.nodes
			if p.blockedAt >= 0 {
				nodes = nodes[:p.blockedAt+1]
				blocking[nodes[p.blockedAt]] = true
			}
			for i, nd := range nodes {
				keep[nd] = true
				if i == 0 {
					continue
				}
				k := [2]string{nodes[i-1], nd}
				j, ok := edge[k]
				if !ok {
					j = len(d.Edges)
					edge[k] = j
					d.Edges = append(d.Edges, graphEdge{From: k[0], To: k[1], Refs: []string{}})
				}
				d.Edges[j].Path = true
				d.Edges[j].Blocked = d.Edges[j].Blocked || p.blockedAt >= 0
			}
		}
	}
	for i, nd := range d.Nodes {
		d.Nodes[i].Blocking = blocking[nd.Name]
	}
	out := d.keep(keep)
	out.Edges = slices.DeleteFunc(out.Edges, func(e graphEdge) bool { return !e.Path })
	return out, nil
}

// elementNodes are the nodes an element name picks, and their neighbours:
// a node by name or label (an endpoint, a subnet's router, an appliance,
// a gateway), a VNet's nodes, and the ends of the edges whose refs name
// it (an NSG, a route table, a rule, a route, a peering).
func (d graphDrawing) elementNodes(name string) map[string]bool {
	hit, out := map[string]bool{}, map[string]bool{}
	for _, nd := range d.Nodes {
		if nd.Name == name || nd.Label == name || nd.Group == name {
			hit[nd.Name], out[nd.Name] = true, true
		}
	}
	for _, e := range d.Edges {
		if hit[e.From] || hit[e.To] || slices.ContainsFunc(e.Refs, func(r string) bool { return mentions(r, name) }) {
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
