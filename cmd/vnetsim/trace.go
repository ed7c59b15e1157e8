package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
	"github.com/vnetsim/vnetsim/sim/hs"
)

type traceParams struct {
	topology, source, destination, protocol, port, sourcePort, expect string
	out                                                               *output
}

func newTraceCmd(g *globals) *cobra.Command {
	var p traceParams
	cmd := &cobra.Command{
		Use:   "trace TOPOLOGY --source S --destination D [--protocol P] [--port N]",
		Short: "Follow a flow hop by hop, then its return path",
		Long: "Follow a flow hop by hop, then its return path. Source and destination take an address, a\n" +
			"prefix, a service tag, an endpoint or vnet/subnet; for a set of flows the verdict covers them all,\n" +
			"one blocked flow is followed for each way they are blocked, and one that gets through.\n" +
			"Exit 1 when the verdict is not the one --expect names (Reachable unless told otherwise).",
		Example: "  vnetsim trace network.yaml --source cpu-cluster --destination Storage.EastUS2 --port 443\n" +
			"  vnetsim trace network.yaml --source Internet --destination db --port 1433 --expect Blocked\n" +
			"  vnetsim trace network.yaml --source 10.0.1.4 --destination 10.1.0.0/24 --protocol '*' --expect any",
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
	f.StringVar(&p.port, "port", "*", "destination ports: a port, a range 8000-8080, a list 80,443, or *")
	f.StringVar(&p.sourcePort, "source-port", "*", "source ports, as --port")
	f.StringVar(&p.expect, "expect", "Reachable", "the verdict that exits 0: Reachable, Blocked, Partial, or any (always 0)")
	_ = cmd.MarkFlagRequired("source")
	_ = cmd.MarkFlagRequired("destination")
	_ = cmd.RegisterFlagCompletionFunc("expect", cobra.FixedCompletions([]string{"Reachable", "Blocked", "Partial", "any"}, cobra.ShellCompDirectiveNoFileComp))
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML)
	return cmd
}

// traceOut is trace's result: the verdict over every packet the query
// names, one followed flow (a blocked one when there is one), every
// blocked region, and for a Partial verdict the part that gets through
// with one of its flows followed too.
type traceOut struct {
	Verdict model.Verdict `json:"verdict"`
	flowTrace
	Blocked   []blockedOut  `json:"blocked,omitempty"`
	Delivered *deliveredOut `json:"delivered,omitempty"`
}

// flowTrace is one packet followed hop by hop, and back when the request
// arrives.
type flowTrace struct {
	Flow   packetOut  `json:"flow"`
	Hops   []sim.Hop  `json:"hops"`
	Return *returnOut `json:"return,omitempty"`
}

type returnOut struct {
	Verdict model.Verdict `json:"verdict"`
	Hops    []sim.Hop     `json:"hops"`
}

type deliveredOut struct {
	Packets string `json:"packets"`
	flowTrace
}

func runTrace(g *globals, p traceParams) error {
	expect, err := parseExpect(p.expect)
	if err != nil {
		return err
	}
	tr, err := parseTraffic(p.protocol, p.sourcePort, p.port)
	if err != nil {
		return err
	}
	n, err := loadNetwork(g, p.topology)
	if err != nil {
		return err
	}
	q, err := tr.query(n, p.source, p.destination)
	if err != nil {
		return err
	}
	all, err := n.Prove(q)
	if err != nil {
		return err
	}
	sample, _ := all.Delivered.Sample()
	flow := sample
	if len(all.Blocked) > 0 {
		flow = all.Blocked[0].Witness
	}
	out := traceOut{Verdict: all.Verdict, Blocked: blockedJSON(all.Blocked)}
	if out.flowTrace, _, err = traceFlow(n, q, flow); err != nil {
		return err
	}
	if all.Verdict == model.Partial {
		d := &deliveredOut{Packets: all.Delivered.String()}
		if d.flowTrace, _, err = traceFlow(n, q, sample); err != nil {
			return err
		}
		out.Delivered = d
	}
	err = p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		if format == formatText {
			writeTraceText(w, out)
			return nil
		}
		return writeStructured(w, format, out)
	})
	if err != nil {
		return err
	}
	if expect != "" && all.Verdict != expect {
		return exitError{exitFailed}
	}
	return nil
}

// parseExpect reads --expect; "any" is "" (every verdict exits 0).
func parseExpect(s string) (model.Verdict, error) {
	for _, v := range []model.Verdict{model.Reachable, model.Blocked, model.Partial} {
		if strings.EqualFold(s, string(v)) {
			return v, nil
		}
	}
	if strings.EqualFold(s, "any") {
		return "", nil
	}
	return "", fmt.Errorf("--expect must be Reachable, Blocked, Partial or any, not %q", s)
}

// traceFlow follows one packet of q hop by hop, and its reply back when the
// request arrived; the verdict is the packet's own.
func traceFlow(n *sim.Network, q sim.Query, flow hs.Packet) (flowTrace, model.Verdict, error) {
	one, err := n.Trace(q, flow)
	if err != nil {
		return flowTrace{}, "", err
	}
	out := flowTrace{Flow: packetJSON(flow), Hops: nonNil(one.Hops)}
	if one.Verdict == model.Reachable || (len(one.Blocked) > 0 && one.Blocked[0].Reply) {
		out.Return = &returnOut{Verdict: model.Reachable, Hops: nonNil(one.Return)}
		if one.Verdict != model.Reachable {
			out.Return.Verdict = model.Blocked
		}
	}
	return out, one.Verdict, nil
}

func nonNil(h []sim.Hop) []sim.Hop {
	if h == nil {
		return []sim.Hop{}
	}
	return h
}

// traffic is what a query's packets carry besides their addresses.
type traffic struct {
	protocol              model.Protocol
	sourcePorts, dstPorts []string
}

// parseTraffic checks --protocol, --source-port and --port, before any
// topology is loaded.
func parseTraffic(proto, sport, dport string) (traffic, error) {
	var t traffic
	var err error
	if t.protocol, err = parseProtocol(proto); err != nil {
		return t, err
	}
	if t.sourcePorts, err = parsePortFlag("source-port", sport); err != nil {
		return t, err
	}
	t.dstPorts, err = parsePortFlag("port", dport)
	return t, err
}

// query resolves a source and a destination into the query for this
// traffic.
func (t traffic) query(n *sim.Network, src, dst string) (sim.Query, error) {
	s, err := resolveFlag(n, "source", src)
	if err != nil {
		return sim.Query{}, err
	}
	d, err := resolveFlag(n, "destination", dst)
	if err != nil {
		return sim.Query{}, err
	}
	return sim.Query{Source: s, Destination: d, Protocol: t.protocol, SourcePorts: t.sourcePorts, DestinationPorts: t.dstPorts}, nil
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
	writeFlowText(w, t.flowTrace)
	fmt.Fprintf(w, "verdict: %s\n", t.Verdict)
	for _, b := range t.Blocked {
		writeBlockedText(w, b)
	}
	if d := t.Delivered; d != nil {
		fmt.Fprintf(w, "the packets that get through: %s\n", short(d.Packets))
		writeFlowText(w, d.flowTrace)
	}
}

func writeFlowText(w io.Writer, f flowTrace) {
	fmt.Fprintf(w, "flow: %s\n", witnessText(f.Flow))
	writeHops(w, f.Hops)
	if f.Return != nil {
		fmt.Fprintf(w, "return (%s):\n", f.Return.Verdict)
		writeHops(w, f.Return.Hops)
	}
}

func writeHops(w io.Writer, hops []sim.Hop) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, h := range hops {
		fmt.Fprintf(tw, "  %d.\t%s\t%s\t%s\t%s\t%s\n", i+1, h.At, h.Step, h.Decision, h.Ref, h.Detail)
	}
	tw.Flush()
}
