package sim

import (
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// The reachability matrix, a row at a time: each source is proved once
// against every destination of its row together, and the result is split
// by destination. Rows are independent and run on several cores; the
// cells come back in row and column order whatever the number of workers.

// Cell is one pair of the matrix: its verdict, and the packets that get
// through (in query coordinates).
type Cell struct {
	Source, Destination string
	Verdict             model.Verdict
	Delivered           hs.Set
}

// MatrixPlaces are the matrix's rows (subnets, then the endpoints that
// send: workloads and external clients) and columns (subnets, endpoints
// and the internet).
func (n *Network) MatrixPlaces() (rows, cols []Place) {
	rows = n.subnetPlaces(false)
	for _, ep := range n.Topo.Endpoints {
		if !ep.Kind.IsPaaS() {
			if p, err := n.ResolvePlace(ep.Name); err == nil && !p.Addrs.IsEmpty() {
				p.Addrs = n.endpointSources(ep, p.Addrs)
				rows = append(rows, p)
			}
		}
	}
	return rows, n.destinationPlaces()
}

// ProveMatrix proves every row against its columns (a place is never its
// own column) for one protocol and ports, on workers goroutines (0: one
// per core). step, if not nil, is called once per row as rows finish, from
// one goroutine at a time.
func (n *Network) ProveMatrix(rows, cols []Place, proto model.Protocol, ports []string, workers int, step func()) ([]Cell, error) {
	colSets := make([]hs.Set, len(cols))
	for i, d := range cols {
		if d.resolve == nil {
			colSets[i] = dstOnly(d.Addrs)
		}
	}
	out := make([][]Cell, len(rows))
	err := ForEach(len(rows), workers, func(i int) error {
		var err error
		out[i], err = n.proveRow(rows[i], cols, colSets, proto, ports)
		return err
	}, step)
	if err != nil {
		return nil, err
	}
	var cells []Cell
	for _, row := range out {
		cells = append(cells, row...)
	}
	return cells, nil
}

// proveRow proves one source against its columns at once and splits the
// result by column (colSets: the packets bound for each). A column resolved
// per source (a PaaS endpoint named while private DNS zones decide) is
// proved on its own.
func (n *Network) proveRow(src Place, cols []Place, colSets []hs.Set, proto model.Protocol, ports []string) ([]Cell, error) {
	all := Place{}
	for _, d := range cols {
		if d.Expr != src.Expr && d.resolve == nil {
			all.Addrs = all.Addrs.Union(d.Addrs)
			all.Names = append(all.Names, d.Names...)
		}
	}
	var row *Result
	if !all.Addrs.IsEmpty() {
		set, err := (Query{Source: src, Destination: all, Protocol: proto, DestinationPorts: ports}).Packets()
		if err != nil {
			return nil, err
		}
		if !set.IsEmpty() {
			if row, err = n.proveSet(Query{Source: src, Destination: all, Protocol: proto}, set, &engine{n: n}); err != nil {
				return nil, err
			}
		}
	}
	var cells []Cell
	for i, d := range cols {
		if d.Expr == src.Expr {
			continue
		}
		res := row
		if d.resolve != nil {
			var err error
			if res, err = n.Prove(Query{Source: src, Destination: d, Protocol: proto, DestinationPorts: ports}); err != nil {
				return nil, err
			}
		}
		if res == nil {
			continue
		}
		part := res.Packets
		if d.resolve == nil {
			part = part.Intersect(colSets[i])
		}
		if part.IsEmpty() {
			continue
		}
		got := res.Delivered.Intersect(part)
		cells = append(cells, Cell{Source: src.Expr, Destination: d.Expr, Verdict: verdictOn(part, got), Delivered: got})
	}
	return cells, nil
}
