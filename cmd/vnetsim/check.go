package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type checkParams struct {
	topology string
	intents  []string
	out      *output
}

func newCheckCmd(g *globals) *cobra.Command {
	var p checkParams
	cmd := &cobra.Command{
		Use:   "check TOPOLOGY",
		Short: "Prove every intent (declared and standard) over all packets",
		Long: "Prove every intent, declared and standard (the Azure ML requirements each endpoint implies), over\n" +
			"all the packets it names. Exit 1 when an intent's expect does not hold.",
		Example: "  vnetsim check network.yaml\n" +
			"  vnetsim check network.yaml --intent batch-to-node --intent web-to-db\n" +
			"  vnetsim check network.yaml -o sarif --out vnetsim.sarif   # annotate the deciding YAML lines in GitHub",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runCheck(g, p)
		},
	}
	cmd.Flags().StringArrayVar(&p.intents, "intent", nil, "prove only this intent (repeatable; a standard intent's base name selects it for every endpoint)")
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML, formatSARIF, formatGitHub)
	return cmd
}

func runCheck(g *globals, p checkParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	intents, err := selectIntents(n.Intents(), p.intents)
	if err != nil {
		return err
	}
	if skipped := len(n.SkippedIntents()); skipped > 0 {
		fmt.Fprintf(g.stderr, "note: %d standard intents left out (`vnetsim intents %s` lists them with why)\n", skipped, p.topology)
	}
	report := checkReport{Topology: n.Topo.Name}
	var findings []finding
	outs := make([]intentOut, len(intents))
	prog := newProgress(g.stderr, "check", len(intents))
	err = sim.ForEach(len(intents), 0, func(i int) error {
		var err error
		outs[i], err = checkIntent(n, intents[i])
		return err
	}, prog.step)
	prog.done()
	if err != nil {
		return err
	}
	for i, in := range intents {
		o := outs[i]
		report.add(o)
		if o.Held != nil && !*o.Held {
			what := fmt.Sprintf("intent %s expects %s", in.Name, in.Expect)
			where := placed{pos: locateIntent(n.Topo, in), what: "intent " + in.Name}
			findings = append(findings, expectationFindings(n.Topo, what, o.Verdict, where, o.Blocked, o.AllowedBy)...)
		}
	}
	err = p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		switch format {
		case formatText:
			writeCheckText(w, report)
			return nil
		case formatSARIF:
			return writeSARIF(w, findings, p.topology)
		case formatGitHub:
			return writeGitHub(w, findings, p.topology)
		}
		return writeStructured(w, format, report)
	})
	if err != nil {
		return err
	}
	if report.Summary.Failed > 0 {
		return exitError{exitFailed}
	}
	return nil
}

// checkIntent proves one intent. When packets that should not get through
// do, it traces one of them and names the elements that let it pass.
func checkIntent(n *sim.Network, in *model.Intent) (intentOut, error) {
	res, err := n.CheckIntent(in)
	if err != nil {
		return intentOut{}, err
	}
	o := intentJSON(in, res)
	if o.Held == nil || *o.Held || res.Delivered.IsEmpty() || in.Expect == model.Reachable {
		return o, nil
	}
	q, err := intentQuery(n, in)
	if err != nil {
		return intentOut{}, err
	}
	flow, _ := res.Delivered.Sample()
	tr, _, err := traceFlow(n, q, flow)
	if err != nil {
		return intentOut{}, err
	}
	w := packetJSON(flow)
	o.Passed = &w
	for _, h := range tr.Hops {
		if h.Ref != "" && h.Decision == "Allow" {
			o.AllowedBy = append(o.AllowedBy, h.Ref)
		}
	}
	return o, nil
}

// selectIntents keeps the intents named; a name matches an intent exactly
// or, for standard intents, its base name ("batch-to-node" selects
// "batch-to-node/<endpoint>" for every endpoint).
func selectIntents(all []*model.Intent, names []string) ([]*model.Intent, error) {
	if len(names) == 0 {
		return all, nil
	}
	var out []*model.Intent
	for _, name := range names {
		found := matchIntents(all, name)
		if len(found) == 0 {
			var names []string
			for _, in := range all {
				base, _, _ := strings.Cut(in.Name, "/")
				names = append(names, in.Name, base)
			}
			return nil, fmt.Errorf("--intent: no intent %q%s (the topology has %s; check -o json lists them)", name, didYouMean(name, names), plural(len(all), "intent"))
		}
		for _, in := range found {
			if !slices.Contains(out, in) {
				out = append(out, in)
			}
		}
	}
	return out, nil
}

func matchIntents(all []*model.Intent, name string) []*model.Intent {
	for _, in := range all {
		if in.Name == name {
			return []*model.Intent{in}
		}
	}
	var out []*model.Intent
	for _, in := range all {
		if base, _, ok := strings.Cut(in.Name, "/"); ok && in.Standard && base == name {
			out = append(out, in)
		}
	}
	return out
}

func intentNames(all []*model.Intent) string {
	names := make([]string, len(all))
	for i, in := range all {
		names[i] = in.Name
	}
	return strings.Join(names, ", ")
}

type checkReport struct {
	Topology string       `json:"topology"`
	Intents  []intentOut  `json:"intents"`
	Summary  checkSummary `json:"summary"`
}

type checkSummary struct {
	Intents int `json:"intents"`
	Held    int `json:"held"`
	Failed  int `json:"failed"`
}

// String is the summary line: "11 intents: 10 held, 1 failed, 0 not judged".
func (s checkSummary) String() string {
	return fmt.Sprintf("%s: %d held, %d failed, %d not judged", plural(s.Intents, "intent"), s.Held, s.Failed, s.Intents-s.Held-s.Failed)
}

func (r *checkReport) add(o intentOut) {
	r.Intents = append(r.Intents, o)
	r.Summary.Intents++
	if o.Held != nil {
		if *o.Held {
			r.Summary.Held++
		} else {
			r.Summary.Failed++
		}
	}
}

type intentOut struct {
	Name             string        `json:"name"`
	Source           string        `json:"source"`
	Destination      string        `json:"destination"`
	Protocol         string        `json:"protocol"`
	DestinationPorts []string      `json:"destinationPorts"`
	Standard         bool          `json:"standard"`
	Verdict          model.Verdict `json:"verdict,omitempty"` // empty when the intent names no packet
	Expect           model.Verdict `json:"expect,omitempty"`
	Held             *bool         `json:"held,omitempty"`
	Blocked          []blockedOut  `json:"blocked,omitempty"`
	// Note says why an intent was not proved (and what to add).
	Note string `json:"note,omitempty"`
	// For an intent whose packets should not all get through: one that
	// does, and the elements that allow it on the way.
	Passed    *packetOut `json:"passed,omitempty"`
	AllowedBy []string   `json:"allowedBy,omitempty"`
}

func intentJSON(in *model.Intent, res *sim.Result) intentOut {
	proto := intentProtocol(in)
	ports := in.DestinationPorts
	if len(ports) == 0 {
		ports = []string{"*"}
	}
	o := intentOut{Name: in.Name, Source: in.Source, Destination: in.Destination, Protocol: string(proto),
		DestinationPorts: ports, Standard: in.Standard, Verdict: res.Verdict, Expect: in.Expect, Note: res.Note}
	if in.Expect != "" {
		held := res.Verdict == in.Expect
		o.Held = &held
	}
	o.Blocked = blockedJSON(res.Blocked)
	return o
}

// intentProtocol is an intent's protocol, Tcp when it names none.
func intentProtocol(in *model.Intent) model.Protocol {
	if in.Protocol == "" {
		return model.Tcp
	}
	return in.Protocol
}
