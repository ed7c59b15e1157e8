package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type whatifParams struct {
	topology      string
	patches       []string
	serviceTags   string
	terraformPlan string
	failOn        *failOn
	out           *output
}

func newWhatifCmd(g *globals) *cobra.Command {
	var p whatifParams
	cmd := &cobra.Command{
		Use:   "whatif TOPOLOGY --patch PATCH.yaml | --service-tags FILE | --terraform-plan PLAN.json",
		Short: "What a change does: every intent and pair whose reachability changes",
		Long: "Apply an overlay (merged by name, $delete: true removes), another service-tags file, or a Terraform\n" +
			"plan (terraform show -json: its prior state against its planned values, laid over the topology), re-prove,\n" +
			"and report only what changes: + newly reachable, - newly blocked, with the element responsible (and for\n" +
			"a plan, the Terraform resource address behind it).",
		Example: "  vnetsim whatif network.yaml --patch change.yaml\n" +
			"  vnetsim whatif network.yaml --patch change.yaml --fail-on newly-blocked   # a CI gate\n" +
			"  vnetsim whatif network.yaml --service-tags ServiceTags_Public_20250707.json\n" +
			"  terraform show -json plan.tfplan > plan.json && vnetsim whatif network.yaml --terraform-plan plan.json",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			if len(p.patches) == 0 && p.serviceTags == "" && p.terraformPlan == "" {
				return fmt.Errorf("give --patch, --service-tags or --terraform-plan")
			}
			return runWhatif(g, p)
		},
	}
	cmd.Flags().StringArrayVar(&p.patches, "patch", nil, "an overlay in topology format (repeatable, applied in order)")
	cmd.Flags().StringVar(&p.serviceTags, "service-tags", "", "re-prove with this service-tags file instead of the topology's")
	cmd.Flags().StringVar(&p.terraformPlan, "terraform-plan", "", "terraform show -json of a plan: what it changes, laid over the topology")
	p.failOn = addFailOn(cmd)
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

type whatifReport struct {
	ServiceTags []tagChangeOut    `json:"serviceTags,omitempty"`
	Changes     []intentChangeOut `json:"changes"`
	Pairs       []pairChangeOut   `json:"pairs"`
}

type tagChangeOut struct {
	Tag     string `json:"tag"`
	Added   string `json:"added,omitempty"`
	Removed string `json:"removed,omitempty"`
}

type intentChangeOut struct {
	Intent         string        `json:"intent"`
	Before         model.Verdict `json:"before"`
	After          model.Verdict `json:"after"`
	Reason         model.Reason  `json:"reason,omitempty"`
	Ref            string        `json:"ref,omitempty"`
	Address        string        `json:"address,omitempty"` // the Terraform resource behind ref
	NewlyBlocked   string        `json:"newlyBlocked,omitempty"`
	NewlyReachable string        `json:"newlyReachable,omitempty"`
}

type pairChangeOut struct {
	Source      string        `json:"source"`
	Destination string        `json:"destination"`
	Protocol    string        `json:"protocol"`
	Ports       string        `json:"ports"`
	Before      model.Verdict `json:"before"`
	After       model.Verdict `json:"after"`
	Ref         string        `json:"ref,omitempty"`
	Address     string        `json:"address,omitempty"`
	Change      string        `json:"change"` // newlyBlocked or newlyReachable
	Packets     string        `json:"packets"`
}

func runWhatif(g *globals, p whatifParams) error {
	var before, after *sim.Network
	var address func(string) string
	var err error
	if p.terraformPlan != "" {
		before, after, address, err = loadTerraformWhatif(g, p)
	} else {
		before, after, err = loadWhatif(g, p)
	}
	if err != nil {
		return err
	}
	inputs := append([]string{p.topology, p.serviceTags, p.terraformPlan}, p.patches...)
	return reportWhatif(g, comparison{before: before, after: after, tags: p.serviceTags != "", address: address,
		inputs: inputs, out: p.out, failOn: p.failOn})
}

// comparison is two networks to compare and how to report it: tags
// reports service-tag changes; address, when set, names the Terraform
// resource behind an element ref.
type comparison struct {
	before, after *sim.Network
	tags          bool
	address       func(string) string
	inputs        []string
	out           *output
	failOn        *failOn
}

// reportWhatif reports what differs between two networks (whatif, diff).
func reportWhatif(g *globals, c comparison) error {
	before, after, address := c.before, c.after, c.address
	intents, pairs, err := sim.Diff(before, after)
	if err != nil {
		return err
	}
	if address == nil {
		address = func(string) string { return "" }
	}
	r := whatifReport{Changes: []intentChangeOut{}, Pairs: []pairChangeOut{}}
	for _, c := range intents {
		o := intentChangeOut{Intent: c.Intent, Before: c.Before, After: c.After, Reason: c.Reason, Ref: c.Ref, Address: address(c.Ref)}
		if !c.NewlyBlocked.IsEmpty() {
			o.NewlyBlocked = c.NewlyBlocked.String()
		}
		if !c.NewlyReachable.IsEmpty() {
			o.NewlyReachable = c.NewlyReachable.String()
		}
		r.Changes = append(r.Changes, o)
	}
	for _, c := range pairs {
		change := "newlyReachable"
		if c.NewlyBlocked {
			change = "newlyBlocked"
		}
		r.Pairs = append(r.Pairs, pairChangeOut{Source: c.Source, Destination: c.Destination, Protocol: c.Protocol, Ports: c.Ports,
			Before: c.Before, After: c.After, Ref: c.Ref, Address: address(c.Ref), Change: change, Packets: c.Packets.String()})
	}
	if c.tags {
		for _, t := range sim.TagChanges(before, after) {
			o := tagChangeOut{Tag: t.Name}
			if !t.Added.IsEmpty() {
				o.Added = t.Added.String()
			}
			if !t.Removed.IsEmpty() {
				o.Removed = t.Removed.String()
			}
			r.ServiceTags = append(r.ServiceTags, o)
		}
	}
	err = c.out.write(g, c.inputs, func(w io.Writer, format string) error {
		if format == formatText {
			writeWhatifText(w, r)
			return nil
		}
		return writeStructured(w, format, r)
	})
	if err != nil {
		return err
	}
	return c.failOn.exit(g, r.count())
}

// count sums what changed for --fail-on.
func (r whatifReport) count() changeCount {
	c := changeCount{changedIntents: len(r.Changes), changedPairs: len(r.Pairs)}
	for _, ch := range r.Changes {
		if ch.NewlyBlocked != "" {
			c.newlyBlockedIntents++
		}
	}
	for _, pc := range r.Pairs {
		if pc.Change == "newlyBlocked" {
			c.newlyBlockedPairs++
		}
	}
	return c
}

// loadWhatif builds the networks before and after the change.
func loadWhatif(g *globals, p whatifParams) (*sim.Network, *sim.Network, error) {
	src, _, diags := g.load.Open(p.topology)
	if src == nil {
		printDiagnostics(g, diags)
		return nil, nil, exitError{exitCannotRun}
	}
	tb, diags := src.Topology()
	if tb == nil {
		printDiagnostics(g, diags)
		return nil, nil, exitError{exitCannotRun}
	}
	for _, patch := range p.patches {
		src.Patch(patch)
	}
	ta := tb
	if len(p.patches) > 0 {
		ta, diags = src.Topology()
	}
	if ta != nil && p.serviceTags != "" {
		ta, diags = ta.WithServiceTags(p.serviceTags)
	}
	if ta == nil {
		printDiagnostics(g, diags.Errors())
		return nil, nil, exitError{exitCannotRun}
	}
	before, err := sim.Compile(tb)
	if err != nil {
		return nil, nil, err
	}
	after, err := sim.Compile(ta)
	return before, after, err
}

func writeWhatifText(w io.Writer, r whatifReport) {
	for _, t := range r.ServiceTags {
		fmt.Fprintf(w, "~ service tag %s\n", t.Tag)
		if t.Added != "" {
			fmt.Fprintf(w, "    added:   %s\n", short(t.Added))
		}
		if t.Removed != "" {
			fmt.Fprintf(w, "    removed: %s\n", short(t.Removed))
		}
	}
	if len(r.Changes) == 0 && len(r.Pairs) == 0 {
		fmt.Fprintln(w, "no change: every intent and every pair keeps its verdict and its packets")
		return
	}
	for _, c := range r.Changes {
		sign := "~"
		switch {
		case c.NewlyBlocked != "" && c.NewlyReachable == "":
			sign = "-"
		case c.NewlyReachable != "" && c.NewlyBlocked == "":
			sign = "+"
		}
		fmt.Fprintf(w, "%s intent %s: %s -> %s", sign, c.Intent, orNone(c.Before), orNone(c.After))
		if c.Ref != "" {
			fmt.Fprintf(w, "  (%s at %s%s)", c.Reason, c.Ref, addressNote(c.Address))
		}
		fmt.Fprintln(w)
		if c.NewlyBlocked != "" {
			fmt.Fprintf(w, "    newly blocked:   %s\n", short(c.NewlyBlocked))
		}
		if c.NewlyReachable != "" {
			fmt.Fprintf(w, "    newly reachable: %s\n", short(c.NewlyReachable))
		}
	}
	for _, c := range r.Pairs {
		sign := "+"
		if c.Change == "newlyBlocked" {
			sign = "-"
		}
		fmt.Fprintf(w, "%s %s -> %s %s %s: %s -> %s", sign, c.Source, c.Destination, c.Protocol, c.Ports, c.Before, c.After)
		if c.Ref != "" {
			fmt.Fprintf(w, "  (%s%s)", c.Ref, addressNote(c.Address))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s and %s change\n", plural(len(r.Changes), "intent"), plural(len(r.Pairs), "pair class"))
}

func addressNote(a string) string {
	if a == "" {
		return ""
	}
	return ", from " + a
}

func orNone(v model.Verdict) string {
	if v == "" {
		return "(none)"
	}
	return string(v)
}
