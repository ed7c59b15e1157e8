package synth

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"

	"github.com/vnetsim/vnetsim/model"
)

// The service tags the estate uses, defined inline.
const (
	tagBatch    = "BatchNodeManagement.EastUS2"
	tagAML      = "AzureMachineLearning"
	tagStorage  = "Storage.EastUS2"
	tagRegistry = "AzureContainerRegistry.EastUS2"
	tagKeyVault = "AzureKeyVault.EastUS2"
)

// tagBlocks are the tags and the /16 of 20.0.0.0/8 each one's /27s come
// from, clear of the compute public addresses (computePublicAddr).
var tagBlocks = []struct {
	name   string
	second int
}{{tagBatch, 41}, {tagAML, 37}, {tagStorage, 38}, {tagRegistry, 44}, {tagKeyVault, 45}}

// ruleTags are the tags random NSG rules name.
var ruleTags = []string{tagBatch, tagAML, tagStorage, tagRegistry}

// serviceTags gives each tag 20 to 30 distinct /27s of its block, sorted.
func (g *generator) serviceTags() map[string][]string {
	const per16 = 1 << (27 - 16)
	out := map[string][]string{}
	for _, b := range tagBlocks {
		picks := g.rng.Perm(per16)[:20+g.rng.IntN(11)]
		slices.Sort(picks)
		for _, p := range picks {
			out[b.name] = append(out[b.name], fmt.Sprintf("20.%d.%d.%d/27", b.second, p/8, 32*(p%8)))
		}
	}
	return out
}

// amlRules are the rules a subnet holding Azure ML compute needs (as in
// scenarios/topologies/aml-secure.yaml), ahead of everything else.
var amlRules = []model.SecurityRule{
	{Name: "AllowBatchNodeManagementInbound", Direction: model.Inbound, RuleMatch: model.RuleMatch{SourceAddressPrefix: tagBatch, DestinationPortRange: "29876-29877"}},
	{Name: "AllowAzureMachineLearningInbound", Direction: model.Inbound, RuleMatch: model.RuleMatch{SourceAddressPrefix: tagAML, DestinationPortRange: "44224"}},
	{Name: "AllowStorageOutbound", Direction: model.Outbound, RuleMatch: model.RuleMatch{DestinationAddressPrefix: tagStorage, DestinationPortRange: "443"}},
	{Name: "AllowBatchOutbound", Direction: model.Outbound, RuleMatch: model.RuleMatch{DestinationAddressPrefix: tagBatch, DestinationPortRange: "443"}},
	{Name: "AllowAzureMachineLearningOutbound", Direction: model.Outbound, RuleMatch: model.RuleMatch{DestinationAddressPrefix: tagAML, DestinationPortRange: "443"}},
	{Name: "AllowRegistryOutbound", Direction: model.Outbound, RuleMatch: model.RuleMatch{DestinationAddressPrefix: tagRegistry, DestinationPortRange: "443"}},
	{Name: "AllowKeyVaultOutbound", Direction: model.Outbound, RuleMatch: model.RuleMatch{DestinationAddressPrefix: tagKeyVault, DestinationPortRange: "443"}},
}

// Priorities: the Azure ML rules from 100 by tens, the random ones from
// firstRandomPriority by a step that keeps MaxRulesPerNSG of them in range.
const (
	firstRandomPriority = 200
	maxPriority         = 4096
)

// nsgRules are the rules of the NSG of subnet j of spoke i.
func (g *generator) nsgRules(i, j int, compute bool, count int) []*model.SecurityRule {
	var rules []*model.SecurityRule
	next := map[model.Direction]int{}
	if compute {
		for _, r := range amlRules {
			r.Priority = 100 + 10*next[r.Direction]
			r.Access, r.Protocol = model.Allow, model.Tcp
			next[r.Direction]++
			rules = append(rules, &r)
		}
	}
	clear(next)
	step := clamp((maxPriority-firstRandomPriority)/max(count, 1), 1, 10)
	for k := len(rules); k < count; k++ {
		r := g.randomRule(i, j, pick(g, model.Inbound, model.Outbound))
		r.Name = fmt.Sprintf("rule-%03d", k)
		r.Priority = firstRandomPriority + step*next[r.Direction]
		next[r.Direction]++
		rules = append(rules, r)
	}
	return rules
}

// randomRule mixes accesses, protocols, remote sides (other spokes,
// service tags, the built-in tags, anything) and port shapes.
func (g *generator) randomRule(i, j int, dir model.Direction) *model.SecurityRule {
	r := &model.SecurityRule{Direction: dir, Access: pick(g, model.Allow, model.Allow, model.Deny)}
	r.Protocol = pick(g, model.Tcp, model.Tcp, model.Udp, model.AnyProtocol)
	remote, local := g.remoteSide(i), g.localSide(i, j)
	if dir == model.Inbound {
		side(&r.SourceAddressPrefix, &r.SourceAddressPrefixes, remote)
		side(&r.DestinationAddressPrefix, &r.DestinationAddressPrefixes, local)
	} else {
		side(&r.SourceAddressPrefix, &r.SourceAddressPrefixes, local)
		side(&r.DestinationAddressPrefix, &r.DestinationAddressPrefixes, remote)
	}
	side(&r.DestinationPortRange, &r.DestinationPortRanges, g.ports())
	return r
}

// side writes one value in the singular field and several in the plural.
func side(one *string, many *[]string, vs []string) {
	if len(vs) == 1 {
		*one = vs[0]
	} else {
		*many = vs
	}
}

func (g *generator) remoteSide(i int) []string {
	switch n := g.rng.IntN(10); {
	case n < 4:
		return []string{g.otherPrefix(i)}
	case n < 6:
		return []string{pick(g, ruleTags...)}
	case n < 9:
		return []string{pick(g, "VirtualNetwork", "Internet", "*")}
	default:
		ps := []string{g.otherPrefix(i), g.otherPrefix(i), g.otherPrefix(i)}
		slices.Sort(ps)
		return slices.Compact(ps)
	}
}

func (g *generator) localSide(i, j int) []string {
	return []string{pick(g, g.subnetPrefix(i, j), g.subnetPrefix(i, j), "*", "VirtualNetwork")}
}

var wellKnownPorts = []string{"22", "80", "443", "445", "1433", "3389", "5432", "6379", "8080", "8443"}

func (g *generator) ports() []string {
	switch n := g.rng.IntN(10); {
	case n < 5:
		return []string{pick(g, wellKnownPorts...)}
	case n < 7:
		lo := 1024 + g.rng.IntN(60000)
		return []string{strconv.Itoa(lo) + "-" + strconv.Itoa(lo+g.rng.IntN(1000))}
	case n < 8:
		return []string{"*"}
	default:
		var ps []string
		for _, k := range g.rng.Perm(len(wellKnownPorts))[:2+g.rng.IntN(2)] {
			ps = append(ps, wellKnownPorts[k])
		}
		return ps
	}
}

// otherPrefix is another spoke's address space or one of its subnets, or
// an on-premises /24 when there is no other spoke.
func (g *generator) otherPrefix(i int) string {
	if g.o.VNets == 1 {
		return fmt.Sprintf("192.168.%d.0/24", g.rng.IntN(256))
	}
	k := g.rng.IntN(g.o.VNets - 1)
	if k >= i {
		k++
	}
	if g.rng.IntN(2) == 0 {
		return spokePrefix(k)
	}
	return g.subnetPrefix(k, g.rng.IntN(g.o.SubnetsPerVNet))
}

// routes are the routes of a subnet's table in spoke i: those Azure ML
// compute needs under forced tunnelling, then random ones to other spokes
// and public ranges, each prefix once.
func (g *generator) routes(i int, compute bool) []*model.Route {
	var routes []*model.Route
	if compute {
		routes = append(routes,
			&model.Route{Name: "batch-management", AddressPrefix: tagBatch, NextHopType: model.HopInternet},
			&model.Route{Name: "azure-machine-learning", AddressPrefix: tagAML, NextHopType: model.HopInternet})
	}
	seen := map[string]bool{}
	for k := len(routes); k < g.o.RoutesPerTable; k++ {
		r := &model.Route{Name: fmt.Sprintf("route-%03d", k)}
		for r.AddressPrefix == "" || seen[r.AddressPrefix] {
			r.AddressPrefix = pick(g, g.otherPrefix(i), g.publicPrefix())
		}
		seen[r.AddressPrefix] = true
		r.NextHopType = pick(g, model.HopVirtualAppliance, model.HopVirtualAppliance, model.HopVirtualAppliance, model.HopNone,
			model.HopInternet, model.HopVirtualNetworkGateway, model.HopVirtualNetworkGateway)
		if r.NextHopType == model.HopVirtualAppliance {
			r.NextHopIPAddress = firewallIP
		}
		routes = append(routes, r)
	}
	return routes
}

// publicFirstOctets are /8s with Azure and other public addresses, away
// from the 20.0.0.0/8 the tags and compute use.
var publicFirstOctets = []byte{13, 40, 51, 52, 104, 137, 157, 191}

// publicPrefix is a random public /16 to /24.
func (g *generator) publicPrefix() string {
	a := netip.AddrFrom4([4]byte{pick(g, publicFirstOctets...), byte(g.rng.IntN(256)), byte(g.rng.IntN(256)), 0})
	return netip.PrefixFrom(a, 16+g.rng.IntN(9)).Masked().String()
}

func pick[T any](g *generator, vs ...T) T { return vs[g.rng.IntN(len(vs))] }
