package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/sim"
)

type intentsParams struct {
	topology string
	out      *output
}

func newIntentsCmd(g *globals) *cobra.Command {
	var p intentsParams
	cmd := &cobra.Command{
		Use:   "intents TOPOLOGY",
		Short: "List the intents check would prove, and the standard ones left out with why",
		Long: "List every intent check would prove: the declared ones, and the standard ones each endpoint implies\n" +
			"(docs/requirements.md), each with the requirement it comes from; then the standard intents left out,\n" +
			"with why (no public IP, service tag undefined, excluded by standardIntents).",
		Example: "  vnetsim intents network.yaml\n" +
			"  vnetsim intents network.yaml -o json",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runIntents(g, p)
		},
	}
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

type plannedOut struct {
	Name             string   `json:"name"`
	Source           string   `json:"source"`
	Destination      string   `json:"destination"`
	Protocol         string   `json:"protocol"`
	DestinationPorts []string `json:"destinationPorts"`
	Fqdn             string   `json:"fqdn,omitempty"`
	Standard         bool     `json:"standard"`
	Expect           string   `json:"expect,omitempty"`
	Requirement      string   `json:"requirement,omitempty"` // the catalogue row
	Article          string   `json:"article,omitempty"`
	Skipped          string   `json:"skipped,omitempty"`
	NotJudged        string   `json:"notJudged,omitempty"`
}

type intentsReport struct {
	Topology string       `json:"topology"`
	Intents  []plannedOut `json:"intents"`
}

func runIntents(g *globals, p intentsParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	report := intentsReport{Topology: n.Topo.Name}
	for _, pl := range n.Plan() {
		report.Intents = append(report.Intents, plannedJSON(pl))
	}
	return p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		if format == formatText {
			writeIntentsText(w, report)
			return nil
		}
		return writeStructured(w, format, report)
	})
}

func plannedJSON(pl sim.PlannedIntent) plannedOut {
	in := pl.Intent
	ports := in.DestinationPorts
	if len(ports) == 0 {
		ports = []string{"*"}
	}
	o := plannedOut{Name: in.Name, Source: in.Source, Destination: in.Destination, Protocol: string(intentProtocol(in)),
		DestinationPorts: ports, Fqdn: in.Fqdn, Standard: in.Standard, Expect: string(in.Expect), Skipped: pl.Skipped, NotJudged: in.Unresolved}
	if r := pl.Requirement; r != nil {
		o.Requirement, o.Article = r.Intent, r.Article
	}
	return o
}

func writeIntentsText(w io.Writer, r intentsReport) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INTENT\tSOURCE\tDESTINATION\tPORTS\tEXPECT\tREQUIREMENT")
	proved, left := 0, 0
	for _, in := range r.Intents {
		if in.Skipped != "" {
			left++
			continue
		}
		proved++
		expect, req := orDash([]string{in.Expect})[0], "declared"
		if in.NotJudged != "" {
			expect = "not judged"
		}
		if in.Standard {
			req = in.Requirement
		} else if in.Requirement != "" {
			req = "declared, replaces " + in.Requirement
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s %s\t%s\t%s\n", in.Name, short(in.Source), short(in.Destination), in.Protocol, strings.Join(in.DestinationPorts, ","), expect, req)
	}
	tw.Flush()
	for _, in := range r.Intents {
		if in.NotJudged != "" {
			fmt.Fprintf(w, "\n%s: not judged: %s\n", in.Name, in.NotJudged)
		}
	}
	if left > 0 {
		fmt.Fprintln(w, "\nleft out:")
		for _, in := range r.Intents {
			if in.Skipped != "" {
				fmt.Fprintf(w, "  %s: %s\n", in.Name, in.Skipped)
			}
		}
	}
	fmt.Fprintf(w, "\n%d intents proved, %d standard intents left out (docs/requirements.md says where each comes from)\n", proved, left)
}
