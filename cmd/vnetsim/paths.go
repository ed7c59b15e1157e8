package main

import (
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// flowPath is a traced flow as the flow graph's nodes it crosses, in
// order; for a blocked flow, blockedAt is the index of the node whose
// element blocks it (-1 for a flow that gets through).
type flowPath struct {
	nodes     []string
	blockedAt int
	reason    model.Reason
	ref       string
}

// intentPaths traces an intent's flows: the witness of each blocked
// region, and one flow that gets through when some do. has says which
// graph nodes exist.
func intentPaths(n *sim.Network, in *model.Intent, has func(string) bool) ([]flowPath, error) {
	res, err := n.CheckIntent(in)
	if err != nil {
		return nil, err
	}
	q, err := intentQuery(n, in)
	if err != nil {
		return nil, err
	}
	var out []flowPath
	for _, b := range res.Blocked {
		tr, _, err := traceFlow(n, q, b.Witness)
		if err != nil {
			return nil, err
		}
		out = append(out, pathOf(tr, has, b.Reason, b.Ref))
	}
	if sample, ok := res.Delivered.Sample(); ok {
		tr, _, err := traceFlow(n, q, sample)
		if err != nil {
			return nil, err
		}
		out = append(out, pathOf(tr, has, "", ""))
	}
	return out, nil
}

// pathOf maps a traced flow (request, then reply) onto graph nodes. A
// blocked flow is blocked at the last hop that names the blocking element,
// else at its last hop.
func pathOf(tr flowTrace, has func(string) bool, reason model.Reason, ref string) flowPath {
	hops := tr.Hops
	if tr.Return != nil {
		hops = append(append([]sim.Hop{}, hops...), tr.Return.Hops...)
	}
	p := flowPath{blockedAt: -1, reason: reason, ref: ref}
	for _, h := range hops {
		nd := hopNode(h, has)
		if nd == "" {
			continue
		}
		if len(p.nodes) == 0 || p.nodes[len(p.nodes)-1] != nd {
			p.nodes = append(p.nodes, nd)
		}
		if reason != "" && ref != "" && h.Ref == ref {
			p.blockedAt = len(p.nodes) - 1
		}
	}
	if reason != "" && p.blockedAt < 0 {
		p.blockedAt = len(p.nodes) - 1
	}
	return p
}

// hopNode is the flow-graph node where a hop happens (sim/graph.go names
// them): a NIC's NSG at the NIC, a subnet's outbound NSG and routes at its
// router, its inbound NSG at its VNet's delivery, a peering at the
// peering, and gateways, on-premises, the internet edge, appliances and
// services at themselves.
func hopNode(h sim.Hop, has func(string) bool) string {
	var candidates []string
	base, _, inSubnet := strings.Cut(h.At, "/")
	switch {
	case strings.HasPrefix(h.Step, "Nic") && inSubnet:
		candidates = append(candidates, "nic "+base)
	case h.Step == "Peering":
		if parts := strings.SplitN(h.Ref, ":", 3); len(parts) == 3 {
			candidates = append(candidates, "peering "+parts[1]+"/"+parts[2])
		}
	case strings.HasSuffix(h.Step, "Inbound") && inSubnet:
		candidates = append(candidates, "vnet "+base)
	}
	candidates = append(candidates, "router "+h.At, "gateway "+h.At, "appliance "+h.At, "paas "+h.At,
		"onprem "+strings.TrimPrefix(h.At, "on-premises "), h.At)
	for _, c := range candidates {
		if has(c) {
			return c
		}
	}
	return ""
}
