package main

import (
	"io"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model/synth"
)

type genParams struct {
	options     synth.Options
	azureLimits bool
	out         *output
}

func newGenCmd(g *globals) *cobra.Command {
	var p genParams
	cmd := &cobra.Command{
		Use:   "gen --vnets N [--subnets N] [--rules N] [--routes N] [--computes N] [--seed N] [--out FILE]",
		Short: "Write a synthetic hub-and-spoke estate of a given size, deterministic for a seed, for benchmarks",
		Example: "  vnetsim gen --vnets 100 --subnets 10 --rules 50 --routes 20 --computes 100 --out estate.yaml\n" +
			"  vnetsim gen --azure-limits --out azure-limits.yaml\n" +
			"  vnetsim gen --vnets 10 --bgp-default-route | vnetsim check -",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGen(g, p)
		},
	}
	o := &p.options
	f := cmd.Flags()
	f.IntVar(&o.VNets, "vnets", 10, "spoke VNets, each peered with the hub")
	f.IntVar(&o.SubnetsPerVNet, "subnets", 4, "subnets per spoke, each with its own NSG and route table")
	f.IntVar(&o.RulesPerNSG, "rules", 20, "rules per NSG")
	f.IntVar(&o.RoutesPerTable, "routes", 10, "routes per route table")
	f.IntVar(&o.ComputeEndpoints, "computes", 10, "Azure ML compute clusters, spread over the spokes' subnets")
	f.Uint64Var(&o.Seed, "seed", 1, "random seed; the same flags and seed give the same file")
	f.BoolVar(&o.BGPDefaultRoute, "bgp-default-route", false, "on-premises advertises 0.0.0.0/0 over BGP (forced tunnelling)")
	f.IntVar(&o.NSGs, "nsgs", 0, "NSGs the subnets share, round-robin (0: one per subnet)")
	f.IntVar(&o.BigNSGs, "big-nsgs", 0, "NSGs with 1,000 rules")
	f.IntVar(&o.RouteTables, "route-tables", 0, "route tables the subnets share, round-robin (0: one per subnet)")
	f.BoolVar(&p.azureLimits, "azure-limits", false, "an estate at Azure's limits for one subscription and region: 1,000 VNets x 20 subnets, 5,000 NSGs of 200 rules (10 of 1,000), 200 route tables of 600 routes, 5,000 computes (other size flags are ignored)")
	p.out = addOutput(cmd, formatYAML)
	return cmd
}

func runGen(g *globals, p genParams) error {
	if p.azureLimits {
		seed, bgp := p.options.Seed, p.options.BGPDefaultRoute
		p.options = synth.AzureLimits
		p.options.Seed, p.options.BGPDefaultRoute = seed, bgp
	}
	if err := p.options.Validate(); err != nil {
		return err
	}
	data := synth.Generate(p.options)
	return p.out.write(g, nil, func(w io.Writer, _ string) error {
		_, err := w.Write(data)
		return err
	})
}
