package main

import (
	"fmt"
	"io"
	"strings"
)

// nodeShape gives each kind of node its DOT shape.
var nodeShape = map[string]string{"nic": "box", "router": "diamond", "vnet": "ellipse", "appliance": "hexagon", "loadbalancer": "invtriangle", "natgateway": "house",
	"gateway": "trapezium", "onprem": "folder", "internet": "doublecircle", "paas": "cylinder", "peering": "cds"}

// eachGroup walks the nodes for a renderer: each group opened, its nodes
// (indented), closed; then the nodes outside any group.
func (d graphDrawing) eachGroup(open func(graphGroup), node func(indent string, nd graphNode), end func()) {
	for _, g := range d.Groups {
		open(g)
		for _, nd := range d.Nodes {
			if nd.Group == g.Name {
				node("    ", nd)
			}
		}
		end()
	}
	for _, nd := range d.Nodes {
		if nd.Group == "" {
			node("  ", nd)
		}
	}
}

// maxEdgeRefs is how many refs an edge label lists; the rest are counted
// (-o json has them all).
const maxEdgeRefs = 3

func edgeLabel(refs []string, sep string) string {
	if len(refs) <= maxEdgeRefs {
		return strings.Join(refs, sep)
	}
	return strings.Join(refs[:maxEdgeRefs], sep) + sep + fmt.Sprintf("(+%d more)", len(refs)-maxEdgeRefs)
}

// dotQuote quotes a DOT ID or label: backslashes and quotes escaped,
// line breaks as DOT's \n.
func dotQuote(s string) string {
	s = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
	return `"` + s + `"`
}

// writeDOT writes the drawing as Graphviz DOT: a labelled cluster per VNet,
// the outside places beside them, edges labelled with their refs (one a
// line); with --focus on an intent, the way to a blocking element and the
// element in red, a way that gets through in green.
func writeDOT(w io.Writer, d graphDrawing) error {
	var b strings.Builder
	b.WriteString("digraph vnetsim {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labeljust=l];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	node := func(indent string, nd graphNode) {
		fmt.Fprintf(&b, "%s%s [label=%s, shape=%s", indent, dotQuote(nd.Name), dotQuote(nd.Label), nodeShape[nd.Kind])
		if nd.Blocking {
			b.WriteString(`, style=filled, fillcolor="#fde2df", color="#b42318", penwidth=2`)
		}
		b.WriteString("];\n")
	}
	d.eachGroup(func(g graphGroup) {
		fmt.Fprintf(&b, "  subgraph %s {\n    label=%s;\n    style=rounded;\n    color=\"#2b6cb0\";\n",
			dotQuote("cluster_"+g.Name), dotQuote(g.Label))
	}, node, func() { b.WriteString("  }\n") })
	for _, e := range d.Edges {
		var attrs []string
		if len(e.Refs) > 0 {
			attrs = append(attrs, "label="+dotQuote(edgeLabel(e.Refs, "\n")))
		}
		switch {
		case e.Blocked:
			attrs = append(attrs, `color="#b42318"`, `fontcolor="#b42318"`, "penwidth=2")
		case e.Path:
			attrs = append(attrs, `color="#1e7a34"`, "penwidth=2")
		}
		fmt.Fprintf(&b, "  %s -> %s", dotQuote(e.From), dotQuote(e.To))
		if len(attrs) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(attrs, ", "))
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText escapes a Mermaid label (quotes as an entity).
func mermaidText(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"`
}

// writeMermaid writes the drawing as a Mermaid flowchart, a labelled
// subgraph per VNet, blocking edges in red.
func writeMermaid(w io.Writer, d graphDrawing) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	id := map[string]string{}
	for i, nd := range d.Nodes {
		id[nd.Name] = fmt.Sprintf("n%d", i)
	}
	node := func(indent string, nd graphNode) {
		fmt.Fprintf(&b, "%s%s[%s]\n", indent, id[nd.Name], mermaidText(nd.Label))
	}
	groups := 0
	d.eachGroup(func(g graphGroup) {
		fmt.Fprintf(&b, "  subgraph g%d[%s]\n", groups, mermaidText(g.Label))
		groups++
	}, node, func() { b.WriteString("  end\n") })
	var red, green []string
	for i, e := range d.Edges {
		if label := edgeLabel(e.Refs, ", "); label != "" {
			fmt.Fprintf(&b, "  %s -->|%s| %s\n", id[e.From], mermaidText(label), id[e.To])
		} else {
			fmt.Fprintf(&b, "  %s --> %s\n", id[e.From], id[e.To])
		}
		switch {
		case e.Blocked:
			red = append(red, fmt.Sprint(i))
		case e.Path:
			green = append(green, fmt.Sprint(i))
		}
	}
	if len(red) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#b42318,stroke-width:2px\n", strings.Join(red, ","))
	}
	if len(green) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#1e7a34,stroke-width:2px\n", strings.Join(green, ","))
	}
	var blocking []string
	for _, nd := range d.Nodes {
		if nd.Blocking {
			blocking = append(blocking, id[nd.Name])
		}
	}
	if len(blocking) > 0 {
		fmt.Fprintf(&b, "  classDef blocking fill:#fde2df,stroke:#b42318,stroke-width:2px\n  class %s blocking\n", strings.Join(blocking, ","))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
