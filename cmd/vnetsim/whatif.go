package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type whatifParams struct {
	topology    string
	patches     []string
	serviceTags string
}

func newWhatifCmd(g *globals) *cobra.Command {
	var p whatifParams
	cmd := &cobra.Command{
		Use:   "whatif TOPOLOGY --patch PATCH.yaml | --service-tags FILE",
		Short: "What a change does: every intent and pair whose reachability changes",
		Long: "Apply an overlay (merged by name, $delete: true removes) or another service-tags file, re-prove,\n" +
			"and report only what changes: + newly reachable, - newly blocked, with the element responsible.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			if len(p.patches) == 0 && p.serviceTags == "" {
				return fmt.Errorf("give --patch or --service-tags")
			}
			return runWhatif(g, p)
		},
	}
	cmd.Flags().StringArrayVar(&p.patches, "patch", nil, "an overlay in topology format (repeatable, applied in order)")
	cmd.Flags().StringVar(&p.serviceTags, "service-tags", "", "re-prove with this service-tags file instead of the topology's")
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
	Change      string        `json:"change"` // newlyBlocked or newlyReachable
	Packets     string        `json:"packets"`
}

func runWhatif(g *globals, p whatifParams) error {
	before, after, err := loadWhatif(g, p)
	if err != nil {
		return err
	}
	intents, pairs, err := sim.Diff(before, after)
	if err != nil {
		return err
	}
	r := whatifReport{Changes: []intentChangeOut{}, Pairs: []pairChangeOut{}}
	for _, c := range intents {
		o := intentChangeOut{Intent: c.Intent, Before: c.Before, After: c.After, Reason: c.Reason, Ref: c.Ref}
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
			Before: c.Before, After: c.After, Ref: c.Ref, Change: change, Packets: c.Packets.String()})
	}
	if p.serviceTags != "" {
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
	if g.json() {
		return writeJSON(g.stdout, r)
	}
	writeWhatifText(g.stdout, r)
	return nil
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
			fmt.Fprintf(w, "  (%s at %s)", c.Reason, c.Ref)
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
			fmt.Fprintf(w, "  (%s)", c.Ref)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d intents and %d pair classes change\n", len(r.Changes), len(r.Pairs))
}

func orNone(v model.Verdict) string {
	if v == "" {
		return "(none)"
	}
	return string(v)
}
