package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/gonum/graph/encoding/dot"

	"github.com/vnetsim/vnetsim/sim"
)

func newGraphCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "graph TOPOLOGY --format dot|mermaid",
		Short: "Draw the compiled packet-flow graph, grouped by VNet",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGraph(g, args[0], format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "dot", "dot or mermaid")
	return cmd
}

func runGraph(g *globals, path, format string) error {
	if format != "dot" && format != "mermaid" {
		return fmt.Errorf("--format must be dot or mermaid, not %q", format)
	}
	n, err := loadNetwork(g, path)
	if err != nil {
		return err
	}
	fg, err := n.Graph()
	if err != nil {
		return err
	}
	if format == "mermaid" {
		writeMermaid(g.stdout, fg)
		return nil
	}
	data, err := dot.Marshal(fg, "vnetsim", "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(g.stdout, "%s\n", data)
	return err
}

// writeMermaid draws the graph as a Mermaid flowchart, one subgraph per
// VNet.
func writeMermaid(w io.Writer, fg *sim.FlowGraph) {
	fmt.Fprintln(w, "flowchart LR")
	id := func(n *sim.FlowNode) string { return fmt.Sprintf("n%d", n.ID()) }
	node := func(n *sim.FlowNode) string { return fmt.Sprintf("%s[%q]", id(n), n.Name) }
	for _, group := range fg.Groups() {
		fmt.Fprintf(w, "  subgraph %s[%q]\n", strings.ReplaceAll(group, "-", "_"), group)
		for _, n := range fg.FlowNodes() {
			if n.Group == group {
				fmt.Fprintf(w, "    %s\n", node(n))
			}
		}
		fmt.Fprintln(w, "  end")
	}
	for _, n := range fg.FlowNodes() {
		if n.Group == "" {
			fmt.Fprintf(w, "  %s\n", node(n))
		}
	}
	for _, e := range fg.FlowEdges() {
		from, to := e.From().(*sim.FlowNode), e.To().(*sim.FlowNode)
		label := strings.Join(e.Refs, ", ")
		if len(e.Refs) > 3 {
			label = strings.Join(e.Refs[:3], ", ") + fmt.Sprintf(" +%d", len(e.Refs)-3)
		}
		if label == "" {
			fmt.Fprintf(w, "  %s --> %s\n", id(from), id(to))
		} else {
			fmt.Fprintf(w, "  %s -->|%q| %s\n", id(from), label, id(to))
		}
	}
}
