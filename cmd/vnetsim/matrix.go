package main

import (
	"fmt"
	"io"
	"path"
	"slices"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type matrixParams struct {
	topology, protocol, port string
	from, to                 []string
	out                      *output
}

func newMatrixCmd(g *globals) *cobra.Command {
	var p matrixParams
	cmd := &cobra.Command{
		Use:   "matrix TOPOLOGY [--protocol P --port N] [--from PATTERN] [--to PATTERN]",
		Short: "The reachability matrix between subnets and endpoints",
		Long: "The reachability matrix between subnets and endpoints. With --protocol/--port each cell is a\n" +
			"verdict for that traffic; without, each cell lists the protocol and port classes that get through.\n" +
			"--from and --to keep the rows and columns whose name (vnet/subnet, endpoint, Internet) or VNet\n" +
			"matches a pattern (* and ? as in file names). Past 16 columns or 60 rows the text counts the\n" +
			"verdicts by VNet instead of drawing the grid; -o json always has every cell.",
		Example: "  vnetsim matrix network.yaml --protocol Tcp --port 443\n" +
			"  vnetsim matrix network.yaml --from 'spoke-01*' --to hub --to Internet --port 22\n" +
			"  vnetsim matrix network.yaml -o json --out matrix.json",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runMatrix(g, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.protocol, "protocol", "*", "Tcp, Udp, Icmp, Esp, Ah or *")
	f.StringVar(&p.port, "port", "*", "destination ports: a port, a range, a list, or *")
	f.StringSliceVar(&p.from, "from", nil, "keep the sources that match (repeatable, or comma-separated)")
	f.StringSliceVar(&p.to, "to", nil, "keep the destinations that match (repeatable, or comma-separated)")
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

type matrixOut struct {
	Protocol string    `json:"protocol"`
	Ports    string    `json:"ports"`
	Rows     []string  `json:"rows"`
	Columns  []string  `json:"columns"`
	Cells    []cellOut `json:"cells"`

	classes map[string]string // row or column -> its VNet (or kind of place), for the summary
	fixed   bool              // one protocol or port: cells are verdicts
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
	proto, err := parseProtocol(p.protocol)
	if err != nil {
		return err
	}
	ports, err := parsePortFlag("port", p.port)
	if err != nil {
		return err
	}
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	rowPlaces, colPlaces := n.MatrixPlaces()
	rows, cols := exprsOf(rowPlaces), exprsOf(colPlaces)
	classes := placeClasses(n, rows, cols)
	if rows, err = filterNames("from", rows, p.from, classes); err != nil {
		return err
	}
	if cols, err = filterNames("to", cols, p.to, classes); err != nil {
		return err
	}
	keepRow, keepCol := setOf(rows), setOf(cols)
	rowPlaces = slices.DeleteFunc(rowPlaces, func(pl sim.Place) bool { return !keepRow[pl.Expr] })
	colPlaces = slices.DeleteFunc(colPlaces, func(pl sim.Place) bool { return !keepCol[pl.Expr] })
	out := matrixOut{Protocol: string(proto), Ports: p.port, Rows: rows, Columns: cols, Cells: []cellOut{},
		classes: classes, fixed: p.protocol != "*" || p.port != "*"}
	prog := newProgress(g.stderr, "matrix rows", len(rowPlaces))
	cells, err := n.ProveMatrix(rowPlaces, colPlaces, proto, ports, 0, prog.step)
	if err != nil {
		prog.done()
		return err
	}
	out.Cells = make([]cellOut, len(cells))
	_ = sim.ForEach(len(cells), 0, func(i int) error {
		cell := cells[i]
		c := cellOut{Source: cell.Source, Destination: cell.Destination, Verdict: cell.Verdict, Reachable: []classOut{}}
		for _, cl := range sim.Classes(cell.Delivered) {
			c.Reachable = append(c.Reachable, classOut{Protocol: cl.Protocol, Ports: cl.Ports})
		}
		out.Cells[i] = c
		return nil
	}, nil)
	prog.done()
	return p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		if format == formatText {
			writeMatrixText(w, out)
			return nil
		}
		return writeStructured(w, format, out)
	})
}

func exprsOf(ps []sim.Place) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Expr
	}
	return out
}

// placeClasses puts each row and column in a class: a subnet and an
// endpoint in a subnet in their VNet; services, external clients and the
// internet in classes of their own.
func placeClasses(n *sim.Network, rows, cols []string) map[string]string {
	out := map[string]string{}
	t := n.Topo
	for _, name := range append(slices.Clone(rows), cols...) {
		switch {
		case t.Subnet(name) != nil:
			out[name] = t.Subnet(name).VNet.Name
		case t.Endpoint(name) != nil:
			ep := t.Endpoint(name)
			switch {
			case ep.Subnet != "" && t.Subnet(ep.Subnet) != nil:
				out[name] = t.Subnet(ep.Subnet).VNet.Name
			case ep.Kind == model.External:
				out[name] = "(external clients)"
			default:
				out[name] = "(services)"
			}
		default:
			out[name] = name // Internet
		}
	}
	return out
}

// filterNames keeps the names that match a pattern, or whose class (VNet)
// does; no pattern keeps them all. A pattern that matches nothing is an
// error, with the closest name.
func filterNames(flag string, names, patterns []string, classes map[string]string) ([]string, error) {
	if len(patterns) == 0 {
		return names, nil
	}
	keep := map[string]bool{}
	for _, pat := range patterns {
		if _, err := path.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("--%s %q: %v", flag, pat, err)
		}
		found := false
		for _, name := range names {
			m1, _ := path.Match(pat, name)
			m2, _ := path.Match(pat, classes[name])
			if m1 || m2 {
				found, keep[name] = true, true
			}
		}
		if !found {
			candidates := slices.Clone(names)
			for _, name := range names {
				candidates = append(candidates, classes[name])
			}
			return nil, fmt.Errorf("--%s %q matches no %s%s", flag, pat, map[string]string{"from": "source", "to": "destination"}[flag],
				didYouMean(pat, candidates))
		}
	}
	// The matrix's own order, whatever the order of the patterns.
	return slices.DeleteFunc(slices.Clone(names), func(name string) bool { return !keep[name] }), nil
}

func setOf(names []string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}
