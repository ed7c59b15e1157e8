package main

import (
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// vnetSummary is one VNet's row in the report's table of VNets.
type vnetSummary struct {
	Name, AddressSpace string
	Subnets, Endpoints int
	Peers              []string
	Broken             []string // peerings declared on one side only, or with access disallowed
	Held, Failed       int
	Failures           []*reportIntent
}

// vnetIntents counts the intents that concern a VNet.
type vnetIntents struct {
	held   int
	failed []*reportIntent
}

func (c *vnetIntents) add(ri *reportIntent, failed bool) {
	if failed {
		c.failed = append(c.failed, ri)
	} else if ri.Held != nil {
		c.held++
	}
}

// intentVNets are the VNets an intent's source and destination are in:
// an endpoint's subnet's, a subnet's.
func intentVNets(n *sim.Network, in *model.Intent) []string {
	var out []string
	for _, expr := range []string{in.Source, in.Destination} {
		pl, err := n.ResolvePlace(expr)
		if err != nil {
			continue
		}
		subnet := pl.Subnet
		if pl.Endpoint != nil {
			subnet = pl.Endpoint.Subnet
		}
		if s := n.Topo.Subnet(subnet); s != nil && !slices.Contains(out, s.VNet.Name) {
			out = append(out, s.VNet.Name)
		}
	}
	return out
}

// vnetSummaries has a row per VNet: those with failed intents first, then
// those with broken peerings, then the others, each in the topology's
// order; the first foldRows are shown.
func vnetSummaries(t *model.Topology, links []peeringLink, counts map[string]*vnetIntents) folded[vnetSummary] {
	var rows []vnetSummary
	for _, v := range t.VNets {
		r := vnetSummary{Name: v.Name, AddressSpace: strings.Join(v.AddressSpace, ", "), Subnets: len(v.Subnets)}
		for _, ep := range t.Endpoints {
			if s := t.Subnet(ep.Subnet); s != nil && s.VNet == v {
				r.Endpoints++
			}
		}
		for _, l := range links {
			other := ""
			switch v.Name {
			case l.A:
				other = l.B
			case l.B:
				other = l.A
			default:
				continue
			}
			r.Peers = append(r.Peers, other)
			if !l.Both() || l.Denied {
				r.Broken = append(r.Broken, other)
			}
		}
		if c := counts[v.Name]; c != nil {
			r.Held, r.Failed, r.Failures = c.held, len(c.failed), c.failed
		}
		rows = append(rows, r)
	}
	rank := func(r vnetSummary) int {
		switch {
		case r.Failed > 0:
			return 0
		case len(r.Broken) > 0:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(rows, func(a, b vnetSummary) int { return rank(a) - rank(b) })
	return fold(rows, foldRows)
}
