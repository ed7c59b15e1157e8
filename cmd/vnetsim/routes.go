package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/sim"
)

type routesParams struct {
	topology, subnet string
	out              *output
}

func newRoutesCmd(g *globals) *cobra.Command {
	var p routesParams
	cmd := &cobra.Command{
		Use:   "routes TOPOLOGY --subnet VNET/SUBNET",
		Short: "The effective route table of a subnet, shaped like az network nic show-effective-route-table",
		Example: "  vnetsim routes network.yaml --subnet ml-vnet/compute\n" +
			"  vnetsim routes network.yaml --subnet ml-vnet/compute -o json   # the shape of az's JSON",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runRoutes(g, p)
		},
	}
	cmd.Flags().StringVar(&p.subnet, "subnet", "", "the subnet, as vnet/subnet")
	_ = cmd.MarkFlagRequired("subnet")
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

type routeOut struct {
	Source           string   `json:"source"`
	State            string   `json:"state"`
	AddressPrefix    []string `json:"addressPrefix"`
	NextHopType      string   `json:"nextHopType"`
	NextHopIPAddress []string `json:"nextHopIpAddress"`
	Name             string   `json:"name,omitempty"`
}

func runRoutes(g *globals, p routesParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	entries, ok := n.EffectiveRoutes(p.subnet)
	if !ok {
		return unknownSubnet(n, p.subnet)
	}
	out := struct {
		Value []routeOut `json:"value"`
	}{Value: []routeOut{}}
	for _, e := range entries {
		out.Value = append(out.Value, routeJSON(e))
	}
	return p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		if format != formatText {
			return writeStructured(w, format, out)
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SOURCE\tSTATE\tADDRESS PREFIX\tNEXT HOP TYPE\tNEXT HOP IP\tNAME")
		for _, r := range out.Value {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Source, r.State, prefixSummary(r.AddressPrefix), r.NextHopType,
				strings.Join(r.NextHopIPAddress, ","), r.Name)
		}
		return tw.Flush()
	})
}

// unknownSubnet is the error for a --subnet the topology lacks.
func unknownSubnet(n *sim.Network, subnet string) error {
	ids := n.SubnetIDs()
	return fmt.Errorf("--subnet: no subnet %q%s (the topology has %s; write vnet/subnet)", subnet, didYouMean(subnet, ids), plural(len(ids), "subnet"))
}

func routeJSON(e *sim.RouteEntry) routeOut {
	r := routeOut{Source: e.Source, State: e.State, NextHopType: string(e.NextHopType), NextHopIPAddress: []string{}, Name: e.Name}
	for _, p := range e.Prefixes {
		r.AddressPrefix = append(r.AddressPrefix, p.String())
	}
	if e.NextHopIP != "" {
		r.NextHopIPAddress = []string{e.NextHopIP}
	}
	return r
}

// prefixSummary keeps the text table readable when a tag route or a
// service endpoint contributes hundreds of prefixes (JSON has them all).
func prefixSummary(ps []string) string {
	if len(ps) <= 3 {
		return strings.Join(ps, ",")
	}
	return fmt.Sprintf("%s,... (%d prefixes)", strings.Join(ps[:2], ","), len(ps))
}
