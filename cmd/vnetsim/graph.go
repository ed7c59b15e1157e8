package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vnetsim/vnetsim/sim"
)

type graphParams struct {
	topology, focus string
	detail          bool
	out             *output
}

func newGraphCmd(g *globals) *cobra.Command {
	var p graphParams
	var format string
	cmd := &cobra.Command{
		Use:   "graph TOPOLOGY [-o dot|mermaid|json] [--focus NAME]",
		Short: "Draw the compiled packet-flow graph, grouped by VNet",
		Long: "Draw the compiled packet-flow graph: NICs, subnet routers, VNets, peerings, appliances, gateways,\n" +
			"on-premises, the internet edge and PaaS services, one labelled cluster per VNet, each edge labelled\n" +
			"with the rules and routes that decide it. Past 12 VNets each VNet is drawn as one node; --focus\n" +
			"draws one intent's paths (an intent's blocking element in red) or one element and its neighbours\n" +
			"in full, --detail everything.",
		Example: "  vnetsim graph network.yaml | dot -Tsvg > network.svg\n" +
			"  vnetsim graph network.yaml --focus compute-to-registry/cpu-cluster | dot -Tsvg > registry.svg\n" +
			"  vnetsim graph network.yaml --focus compute-nsg -o mermaid",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			if cmd.Flags().Changed("format") {
				fmt.Fprintln(g.stderr, "note: --format is deprecated: use -o dot|mermaid|json")
				if err := (*formatFlag)(p.out).Set(format); err != nil {
					return fmt.Errorf("--format: %v", err)
				}
			}
			return runGraph(g, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.focus, "focus", "", "draw only this intent's paths, or this element (VNet, subnet, endpoint, NSG, route table, appliance, gateway, ref) and its neighbours")
	f.BoolVar(&p.detail, "detail", false, "draw every VNet with its nodes, however many there are")
	f.StringVar(&format, "format", "", "the same as -o (deprecated)")
	_ = f.MarkHidden("format")
	p.out = addOutput(cmd, formatDOT, formatMermaid, formatJSON)
	return cmd
}

// collapseVNets is the number of VNets past which each VNet is drawn as
// one node unless --focus or --detail says otherwise.
const collapseVNets = 12

func runGraph(g *globals, p graphParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	fg, err := n.Graph()
	if err != nil {
		return err
	}
	d := drawingOf(n, fg)
	switch {
	case p.focus != "":
		if d, err = d.focus(n, p.focus); err != nil {
			return err
		}
	case !p.detail && len(d.Groups) > collapseVNets:
		fmt.Fprintf(g.stderr, "note: %d VNets: each is drawn as one node; --focus NAME or --detail draws nodes in full\n", len(d.Groups))
		d = d.collapse()
	}
	return p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		switch format {
		case formatDOT:
			return writeDOT(w, d)
		case formatMermaid:
			return writeMermaid(w, d)
		}
		return writeJSON(w, d)
	})
}

// graphDrawing is the part of the flow graph to draw, in the shape of
// graph -o json.
type graphDrawing struct {
	Groups []graphGroup `json:"groups"`
	Nodes  []graphNode  `json:"nodes"`
	Edges  []graphEdge  `json:"edges"`
}

// graphGroup is a VNet: its name and its address space.
type graphGroup struct {
	Name  string `json:"name"`
	Label string `json:"label"`
}

type graphNode struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Group    string `json:"group,omitempty"`
	Label    string `json:"label"`
	Blocking bool   `json:"blocking,omitempty"` // its element blocks the focused intent
}

type graphEdge struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Refs    []string `json:"refs"`
	Path    bool     `json:"path,omitempty"`    // a traced flow of the focused intent takes it
	Blocked bool     `json:"blocked,omitempty"` // on the way to where a flow is blocked
}

// drawingOf takes the whole flow graph.
func drawingOf(n *sim.Network, fg *sim.FlowGraph) graphDrawing {
	d := graphDrawing{Groups: []graphGroup{}, Nodes: []graphNode{}, Edges: []graphEdge{}}
	for _, name := range fg.Groups() {
		label := name
		if v := n.Topo.VNet(name); v != nil && len(v.AddressSpace) > 0 {
			label += " " + strings.Join(v.AddressSpace, ", ")
		}
		d.Groups = append(d.Groups, graphGroup{Name: name, Label: label})
	}
	for _, nd := range fg.FlowNodes() {
		label, _ := strings.CutPrefix(nd.Name, nd.Kind+" ")
		if nd.Kind == "internet" {
			label = "Internet"
		}
		d.Nodes = append(d.Nodes, graphNode{Name: nd.Name, Kind: nd.Kind, Group: nd.Group, Label: label})
	}
	for _, e := range fg.FlowEdges() {
		from, to := e.From().(*sim.FlowNode), e.To().(*sim.FlowNode)
		refs := e.Refs
		if refs == nil {
			refs = []string{}
		}
		d.Edges = append(d.Edges, graphEdge{From: from.Name, To: to.Name, Refs: refs})
	}
	return d
}

// keep is the drawing restricted to the nodes named, with the groups and
// edges among them.
func (d graphDrawing) keep(nodes map[string]bool) graphDrawing {
	out := graphDrawing{Groups: []graphGroup{}, Nodes: []graphNode{}, Edges: []graphEdge{}}
	groups := map[string]bool{}
	for _, nd := range d.Nodes {
		if nodes[nd.Name] {
			out.Nodes = append(out.Nodes, nd)
			groups[nd.Group] = true
		}
	}
	for _, g := range d.Groups {
		if groups[g.Name] {
			out.Groups = append(out.Groups, g)
		}
	}
	for _, e := range d.Edges {
		if nodes[e.From] && nodes[e.To] {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}

// collapse draws each VNet as one node: edges between VNets and outside
// places are merged, edges inside a VNet dropped.
func (d graphDrawing) collapse() graphDrawing {
	out := graphDrawing{Groups: []graphGroup{}, Nodes: []graphNode{}, Edges: []graphEdge{}}
	of := map[string]string{} // node -> what it is drawn as
	counts := map[string]int{}
	for _, nd := range d.Nodes {
		if nd.Group == "" {
			of[nd.Name] = nd.Name
			out.Nodes = append(out.Nodes, nd)
			continue
		}
		of[nd.Name] = "vnet " + nd.Group
		counts[nd.Group]++
	}
	for _, g := range d.Groups {
		out.Nodes = append(out.Nodes, graphNode{Name: "vnet " + g.Name, Kind: "vnet",
			Label: fmt.Sprintf("%s (%s)", g.Label, plural(counts[g.Name], "node"))})
	}
	index := map[[2]string]int{}
	for _, e := range d.Edges {
		k := [2]string{of[e.From], of[e.To]}
		if k[0] == k[1] {
			continue
		}
		i, ok := index[k]
		if !ok {
			i = len(out.Edges)
			index[k] = i
			out.Edges = append(out.Edges, graphEdge{From: k[0], To: k[1], Refs: []string{}})
		}
		for _, r := range e.Refs {
			if !slices.Contains(out.Edges[i].Refs, r) {
				out.Edges[i].Refs = append(out.Edges[i].Refs, r)
			}
		}
	}
	for i := range out.Edges {
		slices.Sort(out.Edges[i].Refs)
	}
	slices.SortStableFunc(out.Nodes, func(a, b graphNode) int { return strings.Compare(a.Name, b.Name) })
	return out
}
