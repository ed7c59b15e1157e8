package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vnetsim/vnetsim/model"
)

// A grid wider or longer than this is summarised by VNet instead.
const (
	gridColumns = 16
	gridRows    = 60
	cellWidth   = 32 // runes; longer cells are cut, -o json has them whole
)

func writeMatrixText(w io.Writer, m matrixOut) {
	if len(m.Columns) > gridColumns || len(m.Rows) > gridRows {
		writeMatrixSummary(w, m)
		return
	}
	writeMatrixGrid(w, m)
}

// writeMatrixGrid prints one line per source, a column per destination:
// the verdict when the traffic is fixed, else the classes that get
// through ("Blocked" for none, "all" for everything).
func writeMatrixGrid(w io.Writer, m matrixOut) {
	cells := map[[2]string]cellOut{}
	for _, c := range m.Cells {
		cells[[2]string{c.Source, c.Destination}] = c
	}
	cut := false
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "FROM \\ TO\t%s\n", strings.Join(m.Columns, "\t"))
	for _, r := range m.Rows {
		line := []string{r}
		for _, col := range m.Columns {
			c, ok := cells[[2]string{r, col}]
			text := cellText(c, ok, m.fixed)
			if runes := []rune(text); len(runes) > cellWidth {
				text, cut = string(runes[:cellWidth-1])+"…", true
			}
			line = append(line, text)
		}
		fmt.Fprintln(tw, strings.Join(line, "\t"))
	}
	tw.Flush()
	if cut {
		fmt.Fprintln(w, "cells ending in … are cut short; -o json has them whole")
	}
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

// verdictCount counts pairs by verdict.
type verdictCount struct {
	places                      map[string]bool
	reachable, partial, blocked int
}

func (c *verdictCount) add(place string, v model.Verdict) {
	c.places[place] = true
	switch v {
	case model.Reachable:
		c.reachable++
	case model.Partial:
		c.partial++
	default:
		c.blocked++
	}
}

// writeMatrixSummary counts the verdicts by the source's class (its VNet)
// and by the destination's, and says how to see cells.
func writeMatrixSummary(w io.Writer, m matrixOut) {
	var total verdictCount
	total.places = map[string]bool{}
	bySource, byDest := map[string]*verdictCount{}, map[string]*verdictCount{}
	var sourceOrder, destOrder []string
	count := func(by map[string]*verdictCount, order *[]string, place string, v model.Verdict) {
		class := m.classes[place]
		c, ok := by[class]
		if !ok {
			c = &verdictCount{places: map[string]bool{}}
			by[class] = c
			*order = append(*order, class)
		}
		c.add(place, v)
	}
	for _, c := range m.Cells {
		total.add(c.Source, c.Verdict)
		count(bySource, &sourceOrder, c.Source, c.Verdict)
		count(byDest, &destOrder, c.Destination, c.Verdict)
	}
	traffic := "all traffic"
	if m.fixed {
		traffic = fmt.Sprintf("%s %s", m.Protocol, m.Ports)
	}
	fmt.Fprintf(w, "%d sources x %d destinations, %s: %s: %d Reachable, %d Partial, %d Blocked\n", len(m.Rows), len(m.Columns),
		traffic, plural(len(m.Cells), "pair"), total.reachable, total.partial, total.blocked)
	fmt.Fprintln(w, "too many to draw as a grid: counted by VNet below. --from/--to keep the rows and columns that match a name"+
		" or VNet (e.g. --from 'spoke-0*' --to Internet); -o json has every cell")
	writeCounts(w, "FROM", "SOURCES", sourceOrder, bySource)
	writeCounts(w, "TO", "DESTINATIONS", destOrder, byDest)
}

func writeCounts(w io.Writer, dir, places string, order []string, by map[string]*verdictCount) {
	width := len(dir)
	for _, class := range order {
		width = max(width, len(class))
	}
	fmt.Fprintf(w, "\n%-*s  %12s  %9s  %7s  %7s\n", width, dir, places, "REACHABLE", "PARTIAL", "BLOCKED")
	for _, class := range order {
		c := by[class]
		fmt.Fprintf(w, "%-*s  %12d  %9d  %7d  %7d\n", width, class, len(c.places), c.reachable, c.partial, c.blocked)
	}
}
