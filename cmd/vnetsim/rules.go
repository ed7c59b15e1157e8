package main

import (
	"fmt"
	"io"
	"net/netip"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/sim"
)

type rulesParams struct {
	topology, endpoint, subnet string
	expand                     bool
}

func newRulesCmd(g *globals) *cobra.Command {
	var p rulesParams
	cmd := &cobra.Command{
		Use:   "rules TOPOLOGY --endpoint NAME | --subnet VNET/SUBNET",
		Short: "The effective security rules of an endpoint or subnet, in evaluation order",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			if (p.endpoint == "") == (p.subnet == "") {
				return fmt.Errorf("give exactly one of --endpoint and --subnet")
			}
			return runRules(g, p)
		},
	}
	cmd.Flags().StringVar(&p.endpoint, "endpoint", "", "a compute or scoring endpoint")
	cmd.Flags().StringVar(&p.subnet, "subnet", "", "a subnet, as vnet/subnet")
	cmd.Flags().BoolVar(&p.expand, "expand", false, "list the prefixes behind service tags, VirtualNetwork and Internet")
	return cmd
}

type nsgOut struct {
	NSG   string    `json:"networkSecurityGroup"`
	Level string    `json:"level"`
	Rules []ruleOut `json:"rules"`
}

type ruleOut struct {
	Name                        string   `json:"name"`
	Priority                    int      `json:"priority"`
	Access                      string   `json:"access"`
	Protocol                    string   `json:"protocol"`
	SourceAddressPrefixes       []string `json:"sourceAddressPrefixes"`
	SourcePortRanges            []string `json:"sourcePortRanges"`
	DestinationAddressPrefixes  []string `json:"destinationAddressPrefixes"`
	DestinationPortRanges       []string `json:"destinationPortRanges"`
	Default                     bool     `json:"default,omitempty"`
	ExpandedSourcePrefixes      []string `json:"expandedSourceAddressPrefix,omitempty"`
	ExpandedDestinationPrefixes []string `json:"expandedDestinationAddressPrefix,omitempty"`
}

func runRules(g *globals, p rulesParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	in, out, err := n.EffectiveRules(p.endpoint, p.subnet, p.expand)
	if err != nil {
		return err
	}
	res := struct {
		Inbound  []nsgOut `json:"inbound"`
		Outbound []nsgOut `json:"outbound"`
	}{rulesJSON(in), rulesJSON(out)}
	if g.json() {
		return writeJSON(g.stdout, res)
	}
	writeRulesText(g.stdout, "Inbound", res.Inbound)
	writeRulesText(g.stdout, "Outbound", res.Outbound)
	return nil
}

func rulesJSON(levels []sim.NSGRules) []nsgOut {
	out := []nsgOut{}
	for _, l := range levels {
		o := nsgOut{NSG: l.NSG, Level: l.Level}
		for _, r := range l.Rules {
			o.Rules = append(o.Rules, ruleOut{Name: r.Name, Priority: r.Priority, Access: string(r.Access), Protocol: string(r.Protocol),
				SourceAddressPrefixes: r.Sources, SourcePortRanges: r.SourcePorts, DestinationAddressPrefixes: r.Destinations,
				DestinationPortRanges: r.DestinationPorts, Default: r.Default,
				ExpandedSourcePrefixes: prefixStrings(r.SourcePrefixes), ExpandedDestinationPrefixes: prefixStrings(r.DestinationPrefixes)})
		}
		out = append(out, o)
	}
	return out
}

func prefixStrings(ps []netip.Prefix) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func writeRulesText(w io.Writer, dir string, levels []nsgOut) {
	fmt.Fprintf(w, "%s (in evaluation order):\n", dir)
	if len(levels) == 0 {
		fmt.Fprintln(w, "  no NSG: everything is allowed")
	}
	for _, l := range levels {
		fmt.Fprintf(w, "  %s NSG %s\n", l.Level, l.NSG)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "    PRIORITY\tNAME\tACCESS\tPROTOCOL\tSOURCE\tSPORTS\tDESTINATION\tDPORTS")
		for _, r := range l.Rules {
			src, dst := strings.Join(r.SourceAddressPrefixes, ","), strings.Join(r.DestinationAddressPrefixes, ",")
			if r.ExpandedSourcePrefixes != nil || r.ExpandedDestinationPrefixes != nil {
				src, dst = prefixSummary(r.ExpandedSourcePrefixes), prefixSummary(r.ExpandedDestinationPrefixes)
			}
			fmt.Fprintf(tw, "    %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Priority, r.Name, r.Access, r.Protocol, src,
				strings.Join(r.SourcePortRanges, ","), dst, strings.Join(r.DestinationPortRanges, ","))
		}
		tw.Flush()
	}
}
