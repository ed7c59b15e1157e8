package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

type diffParams struct {
	before, after string
	failOn        *failOn
	out           *output
}

func newDiffCmd(g *globals) *cobra.Command {
	var p diffParams
	cmd := &cobra.Command{
		Use:   "diff BEFORE AFTER",
		Short: "What-if between two whole topologies: every intent and pair whose reachability changes",
		Long: "Prove both topologies and report only what changes, as whatif --patch does: + newly reachable,\n" +
			"- newly blocked, with the element responsible. For two imports of the same estate (a deployed\n" +
			"export against a template, or yesterday's against today's), or a hand edit against the original.",
		Example: "  vnetsim import deployed.json --out deployed.yaml\n" +
			"  vnetsim import azuredeploy.json azuredeploy.parameters.json --location eastus2 --out planned.yaml\n" +
			"  vnetsim diff deployed.yaml planned.yaml --fail-on newly-blocked",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.before, p.after = args[0], args[1]
			return runDiff(g, p)
		},
	}
	p.failOn = addFailOn(cmd)
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

func runDiff(g *globals, p diffParams) error {
	if p.before == "-" && p.after == "-" {
		return fmt.Errorf("only one of BEFORE and AFTER can be - (standard input)")
	}
	before, err := loadNetwork(g, p.before)
	if err != nil {
		return err
	}
	after, err := loadNetwork(g, p.after)
	if err != nil {
		return err
	}
	return reportWhatif(g, comparison{before: before, after: after, inputs: []string{p.before, p.after}, out: p.out, failOn: p.failOn})
}
