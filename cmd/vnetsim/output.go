package main

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
	"github.com/vnetsim/vnetsim/sim/hs"
)

type blockedOut struct {
	Reason      model.Reason `json:"reason"`
	Ref         string       `json:"ref"`
	Packets     string       `json:"packets"`
	Witness     packetOut    `json:"witness"`
	Explanation string       `json:"explanation"`
	Fix         string       `json:"fix"`
	Reply       bool         `json:"reply,omitempty"`

	witness hs.Packet // to trace
}

type packetOut struct {
	Source          string `json:"source"`
	Destination     string `json:"destination"`
	Protocol        string `json:"protocol"`
	SourcePort      *int   `json:"sourcePort,omitempty"`
	DestinationPort *int   `json:"destinationPort,omitempty"`
}

func packetJSON(p hs.Packet) packetOut {
	o := packetOut{Source: p.Src.String(), Destination: p.Dst.String(), Protocol: p.Proto.String()}
	if p.Proto == hs.Tcp || p.Proto == hs.Udp {
		sp, dp := int(p.SrcPort), int(p.DstPort)
		o.SourcePort, o.DestinationPort = &sp, &dp
	}
	return o
}

func blockedJSON(bs []sim.Blocked) []blockedOut {
	var out []blockedOut
	for _, b := range bs {
		out = append(out, blockedOut{Reason: b.Reason, Ref: b.Ref, Packets: b.Set.String(), Witness: packetJSON(b.Witness),
			Explanation: b.Explanation, Fix: b.Fix, Reply: b.Reply, witness: b.Witness})
	}
	return out
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// short keeps a packet-set rendering readable in text output; JSON always
// carries the whole of it.
func short(s string) string {
	const limit = 400
	if len(s) <= limit {
		return s
	}
	return s[:limit] + fmt.Sprintf("... (%d more characters; -o json has it all)", len(s)-limit)
}
