package main

import (
	"fmt"
	"io"
	"net/netip"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type rulesParams struct {
	topology, endpoint, subnet string
	expand                     bool
	out                        *output
}

func newRulesCmd(g *globals) *cobra.Command {
	var p rulesParams
	cmd := &cobra.Command{
		Use:   "rules TOPOLOGY --endpoint NAME | --subnet VNET/SUBNET",
		Short: "The effective security rules of an endpoint or subnet, in evaluation order",
		Long: "The effective security rules of an endpoint's NIC or a subnet's hosts: the subnet NSG and the\n" +
			"NIC NSG in Azure's evaluation order (inbound subnet then NIC, outbound NIC then subnet), default\n" +
			"rules included. --expand shows, beside each address a rule names, what Azure expands it to.",
		Example: "  vnetsim rules network.yaml --endpoint cpu-cluster\n" +
			"  vnetsim rules network.yaml --subnet ml-vnet/compute --expand",
		Args: cobra.ExactArgs(1),
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
	cmd.Flags().BoolVar(&p.expand, "expand", false, "show the prefixes behind service tags, VirtualNetwork, Internet and ASGs")
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

type nsgOut struct {
	NSG   string    `json:"networkSecurityGroup"`
	Level string    `json:"level"`
	Rules []ruleOut `json:"rules"`
}

// ruleOut is a rule as written, and with --expand what Azure expands its
// names to (absent for a side that names only prefixes or any address).
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
	switch {
	case p.endpoint != "" && n.Topo.Endpoint(p.endpoint) == nil:
		var names []string
		for _, ep := range n.Topo.Endpoints {
			names = append(names, ep.Name)
		}
		return fmt.Errorf("--endpoint: no endpoint %q%s", p.endpoint, didYouMean(p.endpoint, names))
	case p.subnet != "" && n.Topo.Subnet(p.subnet) == nil:
		return unknownSubnet(n, p.subnet)
	}
	in, out, err := n.EffectiveRules(p.endpoint, p.subnet, p.expand)
	if err != nil {
		return err
	}
	res := struct {
		Inbound  []nsgOut `json:"inbound"`
		Outbound []nsgOut `json:"outbound"`
	}{rulesJSON(in), rulesJSON(out)}
	return p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		if format != formatText {
			return writeStructured(w, format, res)
		}
		writeRulesText(w, "Inbound", res.Inbound, p.expand)
		writeRulesText(w, "Outbound", res.Outbound, p.expand)
		return nil
	})
}

func rulesJSON(levels []sim.NSGRules) []nsgOut {
	out := []nsgOut{}
	for _, l := range levels {
		o := nsgOut{NSG: l.NSG, Level: l.Level}
		for _, r := range l.Rules {
			ro := ruleOut{Name: r.Name, Priority: r.Priority, Access: string(r.Access), Protocol: string(r.Protocol),
				SourceAddressPrefixes: r.Sources, SourcePortRanges: r.SourcePorts, DestinationAddressPrefixes: r.Destinations,
				DestinationPortRanges: r.DestinationPorts, Default: r.Default}
			if namesSomething(r.Sources) {
				ro.ExpandedSourcePrefixes = prefixStrings(r.SourcePrefixes)
			}
			if namesSomething(r.Destinations) {
				ro.ExpandedDestinationPrefixes = prefixStrings(r.DestinationPrefixes)
			}
			o.Rules = append(o.Rules, ro)
		}
		out = append(out, o)
	}
	return out
}

// namesSomething reports whether a rule's side names a tag or an ASG,
// whose addresses an expansion shows; any address and plain prefixes are
// their own expansion.
func namesSomething(written []string) bool {
	if anyAddress(written) {
		return false
	}
	for _, w := range written {
		if e, err := model.ParseAddrExpr(w); err != nil || e.Kind != model.ExprPrefix {
			return true
		}
	}
	return false
}

func anyAddress(written []string) bool {
	for _, w := range written {
		if e, err := model.ParseAddrExpr(w); err == nil && e.Kind == model.ExprAny {
			return true
		}
	}
	return false
}

func prefixStrings(ps []netip.Prefix) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func writeRulesText(w io.Writer, dir string, levels []nsgOut, expand bool) {
	fmt.Fprintf(w, "%s (in evaluation order):\n", dir)
	if len(levels) == 0 {
		fmt.Fprintln(w, "  no NSG: everything is allowed")
	}
	for _, l := range levels {
		fmt.Fprintf(w, "  %s NSG %s\n", l.Level, l.NSG)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "    PRIORITY\tNAME\tACCESS\tPROTOCOL\tSOURCE\tSPORTS\tDESTINATION\tDPORTS")
		for _, r := range l.Rules {
			src := addressText(r.SourceAddressPrefixes, r.ExpandedSourcePrefixes, expand)
			dst := addressText(r.DestinationAddressPrefixes, r.ExpandedDestinationPrefixes, expand)
			fmt.Fprintf(tw, "    %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Priority, r.Name, r.Access, r.Protocol, src,
				strings.Join(r.SourcePortRanges, ","), dst, strings.Join(r.DestinationPortRanges, ","))
		}
		tw.Flush()
	}
}

// addressText is a rule's side as written and, expanded, what Azure
// makes of it: "* = any", "Storage.EastUS2 = 13.68.120.64/28,... (138 prefixes)".
func addressText(written, expanded []string, expand bool) string {
	s := strings.Join(written, ",")
	switch {
	case !expand:
		return s
	case anyAddress(written):
		return s + " = any"
	case expanded == nil:
		return s
	case len(expanded) == 0:
		return s + " = none"
	}
	return s + " = " + prefixSummary(expanded)
}
