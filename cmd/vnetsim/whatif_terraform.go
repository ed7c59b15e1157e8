package main

import (
	"fmt"
	"os"

	"github.com/vnetsim/vnetsim/model/azure"
	"github.com/vnetsim/vnetsim/sim"
)

// loadTerraformWhatif builds the networks before and after a Terraform
// plan: the topology with the plan's prior state laid over it, then with
// each object the plan changes replaced by its planned form. It also says
// which Terraform resource is behind an element ref.
func loadTerraformWhatif(g *globals, p whatifParams) (*sim.Network, *sim.Network, func(string) string, error) {
	data, err := os.ReadFile(p.terraformPlan)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", p.terraformPlan, err)
	}
	plan, err := azure.ImportPlan(azure.Input{Name: p.terraformPlan, Data: data}, azure.Options{})
	if err != nil {
		fmt.Fprintln(g.stderr, err)
		return nil, nil, nil, exitError{exitCannotRun}
	}
	for _, side := range []*azure.Result{plan.Prior, plan.Planned} {
		if side != nil {
			for _, n := range side.Notes {
				fmt.Fprintf(g.stderr, "note: %s\n", n)
			}
		}
	}
	prior, deletes, adds, err := plan.Overlays()
	if err != nil {
		return nil, nil, nil, err
	}
	src, _, diags := g.load.Open(p.topology)
	if src == nil {
		printDiagnostics(g, diags)
		return nil, nil, nil, exitError{exitCannotRun}
	}
	if prior != nil {
		src.AddBytes(p.terraformPlan+" (prior state)", prior)
	}
	tb, diags := src.Topology()
	if tb == nil {
		printDiagnostics(g, diags.Errors())
		return nil, nil, nil, exitError{exitCannotRun}
	}
	src.AddBytes(p.terraformPlan+" (destroyed or changed)", deletes)
	src.AddBytes(p.terraformPlan+" (planned)", adds)
	ta, diags := src.Topology()
	if ta == nil {
		printDiagnostics(g, diags.Errors())
		return nil, nil, nil, exitError{exitCannotRun}
	}
	before, err := sim.Compile(tb)
	if err != nil {
		return nil, nil, nil, err
	}
	after, err := sim.Compile(ta)
	return before, after, plan.Address, err
}
