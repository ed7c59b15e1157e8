package sim

// Random queries over the generator's topologies: places to enumerate.

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// ---------------------------------------------------------------------------
// Queries.

// ogQuery is a query in the words of an intent.
type ogQuery struct {
	Source, Destination string
	Protocol            model.Protocol
	SourcePorts         []string
	DestinationPorts    []string
}

func (q ogQuery) String() string {
	return fmt.Sprintf("source=%s destination=%s protocol=%s sourcePorts=%s destinationPorts=%s",
		q.Source, q.Destination, q.Protocol, strings.Join(q.SourcePorts, ","), strings.Join(q.DestinationPorts, ","))
}

func ogenQuery(r *rand.Rand, topo *ogTopo) ogQuery {
	g := &ogen{r: r, topo: topo}
	// Mostly from inside (the internet reaches little), to anywhere;
	// sometimes from or to the host's own services.
	src := g.insidePlace()
	switch n := g.r.IntN(100); {
	case n < 15:
		src = g.platformPlace()
	case n < 45:
		src = g.outsidePlace()
	}
	dst := g.insidePlace()
	switch n := g.r.IntN(100); {
	case n < 10:
		dst = g.platformPlace()
	case n < 30:
		dst = ogPick(g, g.places2026())
	case n < 55:
		dst = g.outsidePlace()
	}
	return ogQuery{
		Source:           src,
		Destination:      dst,
		Protocol:         ogPick(g, []model.Protocol{model.Tcp, model.Udp, model.AnyProtocol}),
		SourcePorts:      []string{g.portRange(3)},
		DestinationPorts: []string{g.portRange(7)},
	}
}

// portRange is a small range within 0..hi (never "*": packets are enumerated).
func (g *ogen) portRange(hi int) string {
	lo := g.r.IntN(hi + 1)
	up := min(hi, lo+g.r.IntN(3))
	if lo == up {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d-%d", lo, up)
}

// insidePlace is a query source or destination in the VNets or
// on-premises: a subnet, a compute or scoring endpoint, a small prefix.
func (g *ogen) insidePlace() string {
	var computes []string
	for _, ep := range g.topo.Endpoints {
		if ep.Kind == "AmlCompute" || ep.Kind == "AksScoring" {
			computes = append(computes, ep.Name)
		}
	}
	switch n := g.r.IntN(100); {
	case n < 35:
		return ogPick(g, g.subnetIDs(true))
	case n < 65 && len(computes) > 0:
		return ogPick(g, computes)
	case n < 80:
		return ogPick(g, []string{ogOnPrem, ogOnPrem, ogOnPrem2})
	}
	p, _ := ogPick(g, ogInside()).Prefix(ogPick(g, []int{29, 30, 31, 32, 32}))
	return p.String()
}

// platformPlace names the host's own services.
func (g *ogen) platformPlace() string {
	return ogPick(g, []string{"AzureLoadBalancer", ogLoadBalancer, ogMetadata, ogMetadata + "/31"})
}

// outsidePlace is a query source or destination on the internet: a tag, an
// External or PaaS endpoint, a public address the topology uses, Internet.
func (g *ogen) outsidePlace() string {
	var others []string
	for _, ep := range g.topo.Endpoints {
		if ep.Kind != "AmlCompute" && ep.Kind != "AksScoring" {
			others = append(others, ep.Name)
		}
	}
	switch n := g.r.IntN(100); {
	case n < 30:
		return ogPick(g, ogTagNames)
	case n < 55 && len(others) > 0:
		return ogPick(g, others)
	case n < 70:
		return ogPick(g, g.places2026())
	case n < 90:
		return ogPick(g, []string{ogNodePublic, ogNodePublic2, ogScoringPublic, ogApplianceSnat, ogGatewaySnat, ogGatewaySnat2, "203.0.113.1", ogStray, "52.0.0.0/29"})
	}
	return "Internet"
}

// places2026 are the query places of the 2026 elements: names (§14), load
// balancer frontends, firewall and NAT gateway addresses, private
// endpoints.
func (g *ogen) places2026() []string {
	out := []string{ogLBPublic, ogFwPublic, ogFwPublic2, ogNat, ogNatPrefix, ogFwAddr, "52.0.0.8/30"}
	for _, ep := range g.topo.Endpoints {
		out = append(out, ep.Fqdns...)
		out = append(out, ep.Fqdns...) // names twice: they decide application rules (§13)
		if ep.Kind == "StorageAccount" {
			out = append(out, "store.blob.core.windows.net", "store.file.core.windows.net", "store", "store")
		}
	}
	return append(out, g.privateTargets()...)
}
