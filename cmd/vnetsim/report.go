package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"os"
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
}).Parse(reportTemplate))

func newReportCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "report TOPOLOGY [-o report.html]",
		Short: "Write one self-contained HTML page: the topology drawn, every intent's verdict, the traces of blocked ones",
		Long: "Write one self-contained HTML page (no external scripts, styles or fonts): the topology drawn,\n" +
			"every intent with its verdict, and for each blocked region its explanation, fix and the trace of\n" +
			"its witness there and back. -o names the file (default report.html; - for standard output).",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := "report.html"
			if cmd.Flags().Changed("output") {
				out = g.output
			}
			return runReport(g, args[0], out)
		},
	}
}

// reportData is everything the page shows.
type reportData struct {
	Name, Description, Location, File, Version string
	Counts                                     []reportCount
	Summary                                    checkSummary
	NotJudged                                  int
	Skipped                                    []string
	Drawing                                    drawing
	Peerings                                   []peeringLink
	Intents                                    []reportIntent
}

type reportCount struct {
	N     int
	Label string
}

type reportIntent struct {
	intentOut
	ID          string
	Description string
	Details     []reportBlocked
}

// reportBlocked is one blocked region with the trace of its witness.
type reportBlocked struct {
	blockedOut
	Trace traceOut
}

func runReport(g *globals, path, out string) error {
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
	if err := writeReport(g, out, buf.Bytes(), d.Summary); err != nil {
		return err
	}
	if d.Summary.Failed > 0 {
		return exitError{exitFailed}
	}
	return nil
}

func writeReport(g *globals, out string, page []byte, s checkSummary) error {
	if out == "-" {
		_, err := g.stdout.Write(page)
		return err
	}
	if err := os.WriteFile(out, page, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "wrote %s: %d intents, %d held, %d failed, %d not judged\n", out, s.Intents, s.Held, s.Failed,
		s.Intents-s.Held-s.Failed)
	return nil
}

func buildReport(n *sim.Network, path string) (*reportData, error) {
	t := n.Topo
	d := &reportData{Name: t.Name, Description: strings.TrimSpace(t.Description), Location: t.Location,
		File: filepath.Base(path), Version: version, Skipped: n.SkippedIntents(), Counts: topologyCounts(t)}
	var report checkReport
	for i, in := range n.Intents() {
		ri, err := reportIntentOf(n, in, i)
		if err != nil {
			return nil, err
		}
		report.add(ri.intentOut)
		d.Intents = append(d.Intents, ri)
	}
	d.Summary = report.Summary
	d.NotJudged = d.Summary.Intents - d.Summary.Held - d.Summary.Failed
	var err error
	d.Drawing, d.Peerings, err = drawTopology(n)
	return d, err
}

// reportIntentOf proves one intent and traces the witness of each of its
// blocked regions.
func reportIntentOf(n *sim.Network, in *model.Intent, i int) (reportIntent, error) {
	res, err := n.CheckIntent(in)
	if err != nil {
		return reportIntent{}, err
	}
	ri := reportIntent{intentOut: intentJSON(in, res), ID: fmt.Sprintf("intent-%d", i+1), Description: in.Description}
	if len(res.Blocked) == 0 {
		return ri, nil
	}
	q, err := intentQuery(n, in)
	if err != nil {
		return reportIntent{}, err
	}
	for j, b := range res.Blocked {
		tr, err := traceFlow(n, q, b.Witness)
		if err != nil {
			return reportIntent{}, err
		}
		ri.Details = append(ri.Details, reportBlocked{blockedOut: ri.Blocked[j], Trace: tr})
	}
	return ri, nil
}

// intentQuery is the query an intent names, resolved as trace resolves its
// flags.
func intentQuery(n *sim.Network, in *model.Intent) (sim.Query, error) {
	q, err := buildQuery(n, in.Source, in.Destination, string(intentProtocol(in)), "*", "*")
	q.SourcePorts, q.DestinationPorts = in.SourcePorts, in.DestinationPorts
	return q, err
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
