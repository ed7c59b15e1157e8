package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
	"github.com/vnetsim/vnetsim/sim/hs"
)

type traceParams struct {
	topology, source, destination, protocol, port, sourcePort string
}

func newTraceCmd(g *globals) *cobra.Command {
	var p traceParams
	cmd := &cobra.Command{
		Use:   "trace TOPOLOGY --source S --destination D",
		Short: "Follow a flow hop by hop, then its return path",
		Long: "Follow a flow hop by hop, then its return path. Source and destination take an address, a\n" +
			"prefix, a service tag, an endpoint or vnet/subnet; for a set of flows the verdict covers them all\n" +
			"and one flow (a blocked one when there is one) is followed.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runTrace(g, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.source, "source", "", "source address expression")
	f.StringVar(&p.destination, "destination", "", "destination address expression")
	f.StringVar(&p.protocol, "protocol", "Tcp", "Tcp, Udp, Icmp, Esp, Ah or *")
	f.StringVar(&p.port, "port", "*", "destination port or range")
	f.StringVar(&p.sourcePort, "source-port", "*", "source port or range")
	_ = cmd.MarkFlagRequired("source")
	_ = cmd.MarkFlagRequired("destination")
	return cmd
}

type traceOut struct {
	Verdict model.Verdict `json:"verdict"`
	Flow    packetOut     `json:"flow"`
	Hops    []sim.Hop     `json:"hops"`
	Return  *returnOut    `json:"return,omitempty"`
	Blocked []blockedOut  `json:"blocked,omitempty"`
}

type returnOut struct {
	Verdict model.Verdict `json:"verdict"`
	Hops    []sim.Hop     `json:"hops"`
}

func runTrace(g *globals, p traceParams) error {
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	q, err := buildQuery(n, p.source, p.destination, p.protocol, p.sourcePort, p.port)
	if err != nil {
		return err
	}
	all, err := n.Prove(q)
	if err != nil {
		return err
	}
	flow, _ := all.Delivered.Sample()
	if len(all.Blocked) > 0 {
		flow = all.Blocked[0].Witness
	}
	out, err := traceFlow(n, q, flow)
	if err != nil {
		return err
	}
	out.Verdict, out.Blocked = all.Verdict, blockedJSON(all.Blocked)
	if g.json() {
		return writeJSON(g.stdout, out)
	}
	writeTraceText(g.stdout, out)
	return nil
}

// traceFlow follows one packet of q hop by hop, and its reply back when the
// request arrived; the verdict is the packet's own.
func traceFlow(n *sim.Network, q sim.Query, flow hs.Packet) (traceOut, error) {
	one, err := n.Trace(q, flow)
	if err != nil {
		return traceOut{}, err
	}
	out := traceOut{Verdict: one.Verdict, Flow: packetJSON(flow), Hops: nonNil(one.Hops)}
	if one.Verdict == model.Reachable || (len(one.Blocked) > 0 && one.Blocked[0].Reply) {
		out.Return = &returnOut{Verdict: model.Reachable, Hops: nonNil(one.Return)}
		if one.Verdict != model.Reachable {
			out.Return.Verdict = model.Blocked
		}
	}
	return out, nil
}

func nonNil(h []sim.Hop) []sim.Hop {
	if h == nil {
		return []sim.Hop{}
	}
	return h
}

// buildQuery resolves command-line sources, destinations and ports.
func buildQuery(n *sim.Network, src, dst, proto, sport, dport string) (sim.Query, error) {
	s, err := n.ResolvePlace(src)
	if err != nil {
		return sim.Query{}, fmt.Errorf("--source: %w", err)
	}
	d, err := n.ResolvePlace(dst)
	if err != nil {
		return sim.Query{}, fmt.Errorf("--destination: %w", err)
	}
	pr, err := parseProtocol(proto)
	if err != nil {
		return sim.Query{}, err
	}
	return sim.Query{Source: s, Destination: d, Protocol: pr, SourcePorts: []string{sport}, DestinationPorts: []string{dport}}, nil
}

func parseProtocol(s string) (model.Protocol, error) {
	for _, p := range []model.Protocol{model.Tcp, model.Udp, model.Icmp, model.Esp, model.Ah, model.AnyProtocol} {
		if equalFold(string(p), s) {
			return p, nil
		}
	}
	if equalFold(s, "any") {
		return model.AnyProtocol, nil
	}
	return "", fmt.Errorf("--protocol must be Tcp, Udp, Icmp, Esp, Ah or *, not %q", s)
}

func writeTraceText(w io.Writer, t traceOut) {
	fmt.Fprintf(w, "flow: %s\n", witnessText(t.Flow))
	writeHops(w, t.Hops)
	if t.Return != nil {
		fmt.Fprintf(w, "return (%s):\n", t.Return.Verdict)
		writeHops(w, t.Return.Hops)
	}
	fmt.Fprintf(w, "verdict: %s\n", t.Verdict)
	for _, b := range t.Blocked {
		writeBlockedText(w, b)
	}
}

func writeHops(w io.Writer, hops []sim.Hop) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, h := range hops {
		fmt.Fprintf(tw, "  %d.\t%s\t%s\t%s\t%s\t%s\n", i+1, h.At, h.Step, h.Decision, h.Ref, h.Detail)
	}
	tw.Flush()
}
