package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type matrixParams struct {
	topology, protocol, port string
	out                      *output
}

func newMatrixCmd(g *globals) *cobra.Command {
	var p matrixParams
	cmd := &cobra.Command{
		Use:   "matrix TOPOLOGY [--protocol P --port N]",
		Short: "The reachability matrix between subnets and endpoints",
		Long: "The reachability matrix between subnets and endpoints. With --protocol/--port each cell is a\n" +
			"verdict for that traffic; without, each cell lists the protocol and port classes that get through.",
		Example: "  vnetsim matrix network.yaml --protocol Tcp --port 443\n" +
			"  vnetsim matrix network.yaml -o json --out matrix.json",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runMatrix(g, p)
		},
	}
	cmd.Flags().StringVar(&p.protocol, "protocol", "*", "Tcp, Udp, Icmp, Esp, Ah or *")
	cmd.Flags().StringVar(&p.port, "port", "*", "destination port or range")
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

type matrixOut struct {
	Protocol string    `json:"protocol"`
	Ports    string    `json:"ports"`
	Rows     []string  `json:"rows"`
	Columns  []string  `json:"columns"`
	Cells    []cellOut `json:"cells"`
}

type cellOut struct {
	Source      string        `json:"source"`
	Destination string        `json:"destination"`
	Verdict     model.Verdict `json:"verdict"`
	Reachable   []classOut    `json:"reachable"`
}

type classOut struct {
	Protocol string `json:"protocol"`
	Ports    string `json:"ports"`
}

func runMatrix(g *globals, p matrixParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	proto, err := parseProtocol(p.protocol)
	if err != nil {
		return err
	}
	rows, cols, pairs := n.Matrix(proto, []string{p.port})
	out := matrixOut{Protocol: string(proto), Ports: p.port, Rows: rows, Columns: cols, Cells: []cellOut{}}
	for _, pair := range pairs {
		res, err := n.Prove(pair.Query)
		if err != nil {
			return err
		}
		c := cellOut{Source: pair.Source, Destination: pair.Destination, Verdict: res.Verdict, Reachable: []classOut{}}
		for _, cl := range sim.Classes(res.Delivered) {
			c.Reachable = append(c.Reachable, classOut{Protocol: cl.Protocol, Ports: cl.Ports})
		}
		out.Cells = append(out.Cells, c)
	}
	return p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		if format == formatText {
			writeMatrixText(w, out, p.protocol != "*" || p.port != "*")
			return nil
		}
		return writeStructured(w, format, out)
	})
}

// writeMatrixText prints one line per source, a column per destination:
// the verdict when the traffic is fixed, else the classes that get
// through ("-" for none, "all" for everything).
func writeMatrixText(w io.Writer, m matrixOut, fixed bool) {
	cells := map[[2]string]cellOut{}
	for _, c := range m.Cells {
		cells[[2]string{c.Source, c.Destination}] = c
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "FROM \\ TO\t%s\n", strings.Join(m.Columns, "\t"))
	for _, r := range m.Rows {
		line := []string{r}
		for _, col := range m.Columns {
			c, ok := cells[[2]string{r, col}]
			line = append(line, cellText(c, ok, fixed))
		}
		fmt.Fprintln(tw, strings.Join(line, "\t"))
	}
	tw.Flush()
}

func cellText(c cellOut, ok, fixed bool) string {
	switch {
	case !ok:
		return "."
	case fixed || c.Verdict == model.Blocked:
		return string(c.Verdict)
	case c.Verdict == model.Reachable && len(c.Reachable) == 5:
		return "all"
	}
	var parts []string
	for _, cl := range c.Reachable {
		parts = append(parts, cl.Protocol+" "+cl.Ports)
	}
	prefix := ""
	if c.Verdict == model.Partial {
		prefix = "some "
	}
	return prefix + strings.Join(parts, "; ")
}
