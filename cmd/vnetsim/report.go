package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

//go:embed report.tmpl
var reportTemplate string

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"lower":   strings.ToLower,
	"witness": witnessText,
	"ports":   func(ps []string) string { return strings.Join(ps, ",") },
	"deref":   func(b *bool) bool { return *b },
	"inc":     func(i int) int { return i + 1 },
	"inc4":    func(i int) int { return i + 4 },
	"names":   namesText,
}).Parse(reportTemplate))

// namesText lists names for a table cell, the first few and how many more.
func namesText(names []string) string {
	const show = 6
	if len(names) == 0 {
		return "—"
	}
	if len(names) <= show {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:show], ", ") + fmt.Sprintf(" and %d more", len(names)-show)
}

func newReportCmd(g *globals) *cobra.Command {
	var o *output
	cmd := &cobra.Command{
		Use:   "report TOPOLOGY [--out report.html]",
		Short: "Write one self-contained HTML page: the topology drawn, every intent's verdict, the traces of blocked ones",
		Long: "Write one self-contained HTML page (no external scripts, styles or fonts): the topology drawn,\n" +
			"every intent with its verdict, and for each blocked region its explanation, fix and the trace of\n" +
			"its witness there and back. --out names the file (default report.html; - for standard output).\n" +
			"Exit 1 when an intent's expect does not hold, as check.",
		Example: "  vnetsim report network.yaml\n" +
			"  vnetsim report network.yaml --out network.html",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(g, args[0], o)
		},
	}
	o = addOutput(cmd, formatHTML)
	o.File = "report.html"
	cmd.Flags().Lookup("out").DefValue = o.File
	return cmd
}

// reportData is everything the page shows.
type reportData struct {
	Name, Description, Location, File, Version string
	Counts                                     []reportCount
	Summary                                    checkSummary
	NotJudged                                  int
	Skipped                                    []string
	Drawing                                    drawing
	Peerings                                   folded[peeringLink]
	Failures                                   []*reportIntent // the intents whose expect does not hold
	Intents                                    folded[*reportIntent]
	Explained                                  []*reportIntent // the intents with blocked packets, failures first
	VNets                                      folded[vnetSummary]
}

// folded is a long list shown in part; the rest is folded away (a
// <details> element) so a page about 1,000 VNets stays readable.
type folded[T any] struct {
	Shown, Rest []T
}

func fold[T any](items []T, show int) folded[T] {
	if len(items) <= show {
		return folded[T]{Shown: items}
	}
	return folded[T]{Shown: items[:show], Rest: items[show:]}
}

// How many rows a table shows before folding the rest.
const foldRows = 40

type reportCount struct {
	N     int
	Label string
}

type reportIntent struct {
	intentOut
	ID          string
	Number      int // among the failures, from 1; 0 for an intent that holds
	Description string
	Details     []reportBlocked
}

// reportBlocked is one blocked region with the trace of its witness.
type reportBlocked struct {
	blockedOut
	Trace        flowTrace
	TraceVerdict model.Verdict
}

func runReport(g *globals, path string, o *output) error {
	n, err := loadNetwork(g, path)
	if err != nil {
		return err
	}
	d, err := buildReport(n, path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := reportPage.Execute(&buf, d); err != nil {
		return err
	}
	if err := o.write(g, []string{path}, func(w io.Writer, _ string) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		return err
	}
	if o.File != "-" {
		fmt.Fprintf(g.stdout, "wrote %s (%s)\n", o.File, d.Summary)
	}
	if d.Summary.Failed > 0 {
		return exitError{exitFailed}
	}
	return nil
}

func buildReport(n *sim.Network, path string) (*reportData, error) {
	t := n.Topo
	d := &reportData{Name: t.Name, Description: strings.TrimSpace(t.Description), Location: t.Location,
		File: filepath.Base(path), Version: buildVersion(), Skipped: n.SkippedIntents(), Counts: topologyCounts(t)}
	var report checkReport
	var held, rest []*reportIntent
	var traces []failureTrace
	counts := map[string]*vnetIntents{}
	for i, in := range n.Intents() {
		ri, err := reportIntentOf(n, in, i)
		if err != nil {
			return nil, err
		}
		report.add(ri.intentOut)
		failed := ri.Held != nil && !*ri.Held
		for _, v := range intentVNets(n, in) {
			if counts[v] == nil {
				counts[v] = &vnetIntents{}
			}
			counts[v].add(ri, failed)
		}
		if !failed {
			rest = append(rest, ri)
			continue
		}
		d.Failures = append(d.Failures, ri)
		ri.Number = len(d.Failures)
		for _, b := range ri.Details {
			traces = append(traces, failureTrace{number: ri.Number, href: "#" + ri.ID, trace: b.Trace, reason: b.Reason, ref: b.Ref})
		}
	}
	held = append(append(held, d.Failures...), rest...)
	d.Intents = fold(held, max(foldRows, len(d.Failures)))
	for _, ri := range held {
		if len(ri.Details) > 0 || ri.Passed != nil {
			d.Explained = append(d.Explained, ri)
		}
	}
	d.Summary = report.Summary
	d.NotJudged = d.Summary.Intents - d.Summary.Held - d.Summary.Failed
	failed := map[string]int{}
	for v, c := range counts {
		failed[v] = len(c.failed)
	}
	drawn, links, err := drawTopology(n, traces, failed)
	if err != nil {
		return nil, err
	}
	d.Drawing, d.Peerings = drawn, fold(links, foldRows)
	d.VNets = vnetSummaries(t, links, counts)
	return d, nil
}

// reportIntentOf proves one intent and traces the witness of each of its
// blocked regions.
func reportIntentOf(n *sim.Network, in *model.Intent, i int) (*reportIntent, error) {
	o, err := checkIntent(n, in)
	if err != nil {
		return nil, err
	}
	ri := &reportIntent{intentOut: o, ID: fmt.Sprintf("intent-%d", i+1), Description: in.Description}
	if len(o.Blocked) == 0 {
		return ri, nil
	}
	q, err := intentQuery(n, in)
	if err != nil {
		return nil, err
	}
	for _, b := range o.Blocked {
		tr, v, err := traceFlow(n, q, b.witness)
		if err != nil {
			return nil, err
		}
		ri.Details = append(ri.Details, reportBlocked{blockedOut: b, Trace: tr, TraceVerdict: v})
	}
	return ri, nil
}

// intentQuery is the query an intent names, resolved as trace resolves its
// flags.
func intentQuery(n *sim.Network, in *model.Intent) (sim.Query, error) {
	return traffic{protocol: intentProtocol(in), sourcePorts: in.SourcePorts, dstPorts: in.DestinationPorts}.query(n, in.Source, in.Destination)
}

func topologyCounts(t *model.Topology) []reportCount {
	subnets, peerings := 0, 0
	for _, v := range t.VNets {
		subnets += len(v.Subnets)
		peerings += len(v.Peerings)
	}
	return []reportCount{{len(t.VNets), "VNets"}, {subnets, "subnets"}, {peerings, "peerings"},
		{len(t.NetworkSecurityGroups), "NSGs"}, {len(t.RouteTables), "route tables"}, {len(t.Gateways), "gateways"},
		{len(t.Appliances), "appliances"}, {len(t.Endpoints), "endpoints"}}
}
