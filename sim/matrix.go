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
// per core). Each row's cells, in column order, go to row(i, cells) on the
// goroutine that proved it, as soon as they are known, so that a caller
// keeps only what it needs of them (by index: the output does not depend
// on the number of workers). step, if not nil, is called once per row as
// rows finish, from one goroutine at a time.
func (n *Network) ProveMatrix(rows, cols []Place, proto model.Protocol, ports []string, workers int, row func(i int, cells []Cell), step func()) error {
	mc := newMatrixCols(cols)
	return ForEach(len(rows), workers, func(i int) error {
		cells, err := n.proveRow(rows[i], mc, proto, ports)
		if err == nil {
			row(i, cells)
		}
		return err
	}, step)
}

// matrixCols is what every row needs of the columns, computed once: the
// packets bound for each column, the union of the columns proved together
// (all but those resolved per source), the part of each column no other
// column covers, and their flow names.
type matrixCols struct {
	places    []Place
	sets      []hs.Set
	all       hs.IPSet
	exclusive []hs.IPSet
	names     []FlowName
	nameSpan  [][2]int // the names of column i are names[nameSpan[i][0]:nameSpan[i][1]]
	index     map[string]int
}

func newMatrixCols(cols []Place) *matrixCols {
	mc := &matrixCols{places: cols, sets: make([]hs.Set, len(cols)), exclusive: make([]hs.IPSet, len(cols)),
		nameSpan: make([][2]int, len(cols)), index: make(map[string]int, len(cols))}
	var together []hs.IPSet
	for i, d := range cols {
		mc.index[d.Expr] = i
		mc.nameSpan[i][0] = len(mc.names)
		if d.resolve == nil {
			mc.sets[i] = dstOnly(d.Addrs)
			together = append(together, d.Addrs)
			mc.names = append(mc.names, d.Names...)
		}
		mc.nameSpan[i][1] = len(mc.names)
	}
	all, multi := coverage(together)
	mc.all = all
	for i, d := range cols {
		if d.resolve == nil {
			mc.exclusive[i] = d.Addrs.Subtract(multi)
		}
	}
	return mc
}

// coverage is the union of sets and the addresses in more than one of
// them, by halves.
func coverage(sets []hs.IPSet) (union, multi hs.IPSet) {
	switch len(sets) {
	case 0:
		return hs.IPSet{}, hs.IPSet{}
	case 1:
		return sets[0], hs.IPSet{}
	}
	lu, lm := coverage(sets[:len(sets)/2])
	ru, rm := coverage(sets[len(sets)/2:])
	return lu.Union(ru), lm.Union(rm).Union(lu.Intersect(ru))
}

// without is the destination of a row whose source is src: every column
// proved together but src's own.
func (mc *matrixCols) without(src Place) Place {
	j, ok := mc.index[src.Expr]
	if !ok || mc.places[j].resolve != nil {
		return Place{Addrs: mc.all, Names: mc.names}
	}
	lo, hi := mc.nameSpan[j][0], mc.nameSpan[j][1]
	return Place{Addrs: mc.all.Subtract(mc.exclusive[j]), Names: append(mc.names[:lo:lo], mc.names[hi:]...)}
}

// proveRow proves one source against its columns at once and splits the
// result by column. A column resolved per source (a PaaS endpoint named
// while private DNS zones decide) is proved on its own.
func (n *Network) proveRow(src Place, mc *matrixCols, proto model.Protocol, ports []string) ([]Cell, error) {
	all := mc.without(src)
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
	// Where the row's packets and delivered packets go, to settle most
	// cells of a large matrix by an address lookup: blocked when nothing
	// delivered goes to the column, no cell when nothing goes there at all.
	var toAny, toDelivered hs.IPSet
	if row != nil {
		toAny, toDelivered = row.Packets.DstAddrs(), row.Delivered.DstAddrs()
	}
	var cells []Cell
	for i, d := range mc.places {
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
		part, got := res.Packets, res.Delivered
		switch {
		case d.resolve != nil:
			if part.IsEmpty() {
				continue
			}
		case !toDelivered.Overlaps(d.Addrs):
			if !toAny.Overlaps(d.Addrs) {
				continue
			}
			got = hs.Set{}
		default:
			part, got = part.Intersect(mc.sets[i]), got.Intersect(mc.sets[i])
		}
		verdict := model.Blocked
		if !got.IsEmpty() {
			verdict = verdictOn(part, got)
		}
		cells = append(cells, Cell{Source: src.Expr, Destination: d.Expr, Verdict: verdict, Delivered: got})
	}
	return cells, nil
}
