package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type checkParams struct {
	topology string
	intents  []string
}

func newCheckCmd(g *globals) *cobra.Command {
	var p checkParams
	cmd := &cobra.Command{
		Use:   "check TOPOLOGY",
		Short: "Prove every intent (declared and standard) over all packets",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runCheck(g, p)
		},
	}
	cmd.Flags().StringArrayVar(&p.intents, "intent", nil, "prove only this intent (repeatable; a standard intent's base name selects it for every endpoint)")
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
	for _, s := range n.SkippedIntents() {
		fmt.Fprintf(g.stderr, "note: standard intent skipped: %s\n", s)
	}
	report := checkReport{Topology: n.Topo.Name}
	for _, in := range intents {
		res, err := n.CheckIntent(in)
		if err != nil {
			return err
		}
		report.add(intentJSON(in, res))
	}
	if g.json() {
		if err := writeJSON(g.stdout, report); err != nil {
			return err
		}
	} else {
		writeCheckText(g.stdout, report)
	}
	if report.Summary.Failed > 0 {
		return exitError{exitFailed}
	}
	return nil
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
			return nil, fmt.Errorf("no intent %q (intents: %s)", name, intentNames(all))
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
	Verdict          model.Verdict `json:"verdict"`
	Expect           model.Verdict `json:"expect,omitempty"`
	Held             *bool         `json:"held,omitempty"`
	Blocked          []blockedOut  `json:"blocked,omitempty"`
}

func intentJSON(in *model.Intent, res *sim.Result) intentOut {
	proto := intentProtocol(in)
	ports := in.DestinationPorts
	if len(ports) == 0 {
		ports = []string{"*"}
	}
	o := intentOut{Name: in.Name, Source: in.Source, Destination: in.Destination, Protocol: string(proto),
		DestinationPorts: ports, Standard: in.Standard, Verdict: res.Verdict, Expect: in.Expect}
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
