package sim

// The 2026 elements in random topologies: private subnets, NAT gateways,
// load balancers, Azure Firewall, private DNS zones and names, private
// endpoint policies and public network access, AKS outbound types
// (docs/semantics.md §4-§5, §8-§9, §12-§15).

import (
	"fmt"
	"net/netip"
	"slices"
)

// The universe's 2026 addresses.
const (
	ogNat            = "198.51.100.8"     // a NAT gateway's address
	ogNatPrefix      = "198.51.100.10/31" // and its prefix
	ogLBPublic       = "198.51.100.12"    // a load balancer's public frontend
	ogFwPublic       = "198.51.100.14"    // Azure Firewall's public addresses
	ogFwPublic2      = "198.51.100.15"
	ogFwSpace        = "10.0.3.0/26" // the hub's second address space: AzureFirewallSubnet
	ogFwAddr         = "10.0.3.4"
	ogPublicDNS      = "203.0.113.3" // a DNS server on the internet
	ogClientName     = "api.contoso.com"
	ogWebName        = "web.contoso.com"
	ogPairedLocation = "centralus" // eastus2's pair
)

// ogTags2026 are the inline tags the 2026 topologies add: the paired
// region's storage.
var ogTags2026 = map[string][]string{
	"Storage.CentralUS": {"52.0.0.8/30"},
}

// ogUniverse2026 are the addresses the 2026 elements add to the universe.
func ogUniverse2026() []netip.Addr {
	return ogAddrsOf("198.51.100.8/29", "52.0.0.8/30", "10.0.3.0/29")
}

type ogDefaults struct {
	DefaultOutboundAccess *bool `yaml:"defaultOutboundAccess,omitempty"`
}

type ogNatGateway struct {
	Name              string   `yaml:"name"`
	PublicIPAddresses []string `yaml:"publicIpAddresses,omitempty,flow"`
	PublicIPPrefixes  []string `yaml:"publicIpPrefixes,omitempty,flow"`
}

type ogDNSZone struct {
	Name  string   `yaml:"name"`
	Links []string `yaml:"virtualNetworkLinks,omitempty,flow"`
}

type ogLB struct {
	Name      string          `yaml:"name"`
	Frontends []*ogLBFrontend `yaml:"frontendIPConfigurations"`
	Pools     []*ogLBPool     `yaml:"backendAddressPools"`
	Rules     []*ogLBRule     `yaml:"loadBalancingRules,omitempty"`
	NatRules  []*ogLBNat      `yaml:"inboundNatRules,omitempty"`
	Outbound  []*ogLBOutbound `yaml:"outboundRules,omitempty"`
	Probes    []*ogLBProbe    `yaml:"probes,omitempty"`
}

type ogLBFrontend struct {
	Name             string `yaml:"name"`
	PublicIPAddress  string `yaml:"publicIpAddress,omitempty"`
	PrivateIPAddress string `yaml:"privateIpAddress,omitempty"`
	Subnet           string `yaml:"subnet,omitempty"`
}

type ogLBPool struct {
	Name    string   `yaml:"name"`
	Members []string `yaml:"members,flow"`
}

type ogLBRule struct {
	Name                string `yaml:"name"`
	Frontend            string `yaml:"frontend"`
	BackendPool         string `yaml:"backendPool"`
	Protocol            string `yaml:"protocol"`
	FrontendPort        int    `yaml:"frontendPort"`
	BackendPort         int    `yaml:"backendPort"`
	Probe               string `yaml:"probe,omitempty"`
	DisableOutboundSnat bool   `yaml:"disableOutboundSnat,omitempty"`
}

type ogLBNat struct {
	Name         string `yaml:"name"`
	Frontend     string `yaml:"frontend"`
	Protocol     string `yaml:"protocol"`
	FrontendPort int    `yaml:"frontendPort"`
	BackendPort  int    `yaml:"backendPort"`
	Target       string `yaml:"target"`
}

type ogLBOutbound struct {
	Name        string   `yaml:"name"`
	Frontends   []string `yaml:"frontends,flow"`
	BackendPool string   `yaml:"backendPool"`
	Protocol    string   `yaml:"protocol,omitempty"`
}

type ogLBProbe struct {
	Name     string `yaml:"name"`
	Protocol string `yaml:"protocol"`
	Port     int    `yaml:"port"`
}

type ogRuleCollGroup struct {
	Name        string        `yaml:"name"`
	Priority    int           `yaml:"priority"`
	Collections []*ogRuleColl `yaml:"ruleCollections"`
}

type ogRuleColl struct {
	Name     string      `yaml:"name"`
	Priority int         `yaml:"priority"`
	Kind     string      `yaml:"kind"`
	Action   string      `yaml:"action,omitempty"`
	Rules    []*ogFwRule `yaml:"rules"`
}

type ogFwRule struct {
	Name                 string   `yaml:"name"`
	SourceAddresses      []string `yaml:"sourceAddresses,omitempty,flow"`
	IPProtocols          []string `yaml:"ipProtocols,omitempty,flow"`
	DestinationAddresses []string `yaml:"destinationAddresses,omitempty,flow"`
	DestinationPorts     []string `yaml:"destinationPorts,omitempty,flow"`
	DestinationFqdns     []string `yaml:"destinationFqdns,omitempty,flow"`
	TranslatedAddress    string   `yaml:"translatedAddress,omitempty"`
	TranslatedPort       string   `yaml:"translatedPort,omitempty"`
	Protocols            []string `yaml:"protocols,omitempty,flow"`
	TargetFqdns          []string `yaml:"targetFqdns,omitempty,flow"`
	FqdnTags             []string `yaml:"fqdnTags,omitempty,flow"`
}

// ---------------------------------------------------------------------------
// Drawing the 2026 elements.

// outboundDefaults: private subnets, by default or one by one (§4).
func (g *ogen) outboundDefaults() {
	no, yes := false, true
	if g.chance(20) {
		g.topo.Defaults = &ogDefaults{DefaultOutboundAccess: &no}
	}
	for _, id := range g.subnetIDs(false) {
		switch n := g.r.IntN(100); {
		case n < 15:
			g.subnetNamed(id).DefaultOutboundAccess = &no
		case n < 25:
			g.subnetNamed(id).DefaultOutboundAccess = &yes
		}
	}
}

// azureFirewall puts an Azure Firewall in the hub's second address space.
func (g *ogen) azureFirewall(hub *ogVNet) {
	hub.AddressSpace = append(hub.AddressSpace, ogFwSpace)
	hub.Subnets = append(hub.Subnets, &ogSubnet{Name: "AzureFirewallSubnet", AddressPrefix: ogFwSpace})
	fw := &ogAppliance{Name: "fw", Kind: "AzureFirewall", Subnet: "hub/AzureFirewallSubnet", PrivateIPAddress: ogFwAddr,
		PublicIPAddresses: ogSample(g, []string{ogFwPublic, ogFwPublic2}, 1+g.r.IntN(2))}
	if g.chance(25) {
		fw.ForcedTunneling = true
		if g.chance(50) {
			fw.PublicIPAddresses = nil
		}
	}
	if g.chance(30) {
		fw.Snat = &ogSnat{PrivateRanges: ogPick(g, [][]string{{"IANAPrivateRanges"}, {ogHubSpace}, {"0.0.0.0/0"}, {"255.255.255.255/32"}})}
	}
	g.topo.Appliances = append(g.topo.Appliances, fw)
	g.apps = append(g.apps, ogFwAddr)
}

// firewallRules draws the firewall's rule collection groups, once the
// endpoints they translate to exist.
func (g *ogen) firewallRules() {
	fw := g.appliance2026("fw")
	if fw == nil {
		return
	}
	prios := g.r.Perm(5)
	for i := range 1 + g.r.IntN(2) {
		grp := &ogRuleCollGroup{Name: fmt.Sprintf("g%d", i), Priority: 100 + 100*prios[i]}
		cprios := g.r.Perm(5)
		for j := range 1 + g.r.IntN(3) {
			kind := ogPick(g, []string{"Dnat", "Network", "Network", "Application", "Application"})
			c := &ogRuleColl{Name: fmt.Sprintf("c%d%d", i, j), Priority: 100 + 10*cprios[j], Kind: kind}
			if kind != "Dnat" {
				c.Action = ogPick(g, []string{"Allow", "Allow", "Deny"})
			}
			for k := range 1 + g.r.IntN(2) {
				c.Rules = append(c.Rules, g.firewallRule(fmt.Sprintf("r%d", k), kind, fw))
			}
			grp.Collections = append(grp.Collections, c)
		}
		fw.RuleCollectionGroups = append(fw.RuleCollectionGroups, grp)
	}
	if g.chance(60) {
		// A group for the names the queries use, early among the random ones.
		fw.RuleCollectionGroups = append(fw.RuleCollectionGroups, &ogRuleCollGroup{Name: "web", Priority: 150, Collections: []*ogRuleColl{{
			Name: "apps", Priority: 100, Kind: "Application", Action: ogPick(g, []string{"Allow", "Allow", "Allow", "Deny"}), Rules: []*ogFwRule{{
				Name: "names", SourceAddresses: []string{"*"}, Protocols: []string{"Https:1", "Https:2", "Https:3", "Http:5"},
				TargetFqdns: ogSample(g, []string{"*.contoso.com", "*.blob.core.windows.net", ogClientName, ogWebName}, 1+g.r.IntN(3)),
			}},
		}}})
	}
}

func (g *ogen) firewallRule(name, kind string, fw *ogAppliance) *ogFwRule {
	r := &ogFwRule{Name: name, SourceAddresses: []string{ogPick(g, []string{"*", "*", ogHubSpace, ogSpokeSpace, ogOnPrem, ogClients})}}
	switch kind {
	case "Dnat":
		r.IPProtocols = ogPick(g, [][]string{{"TCP"}, {"UDP"}, {"TCP", "UDP"}})
		r.DestinationAddresses = []string{ogPick(g, append(slices.Clone(fw.PublicIPAddresses), ogFwAddr))}
		r.DestinationPorts = []string{fmt.Sprint(1 + g.r.IntN(7))}
		r.TranslatedAddress = ogPick(g, g.translationTargets())
		r.TranslatedPort = fmt.Sprint(1 + g.r.IntN(7))
	case "Network":
		r.IPProtocols = ogPick(g, [][]string{{"Any"}, {"Any"}, {"TCP"}, {"UDP"}, {"ICMP"}, {"TCP", "UDP"}})
		r.DestinationPorts = []string{ogPick(g, []string{"*", "*", "1-3", "5", "0-7"})}
		if g.chance(25) {
			r.DestinationFqdns = []string{ogPick(g, []string{ogClientName, "*.contoso.com", "*.blob.core.windows.net"})}
		} else {
			r.DestinationAddresses = []string{ogPick(g, []string{"*", ogSpokeSpace, ogHubSpace, ogOnPrem, "Storage", "52.0.0.0/29", "203.0.113.0/31", "Internet"})}
		}
	default:
		r.Protocols = ogSample(g, []string{"Https:3", "Http:5", "Mssql:1", "Https:2"}, 1+g.r.IntN(2))
		if g.chance(10) {
			r.FqdnTags = []string{"AzureKubernetesService"}
		} else {
			r.TargetFqdns = []string{ogPick(g, []string{ogClientName, "*.contoso.com", "*.blob.core.windows.net", "*", ogWebName})}
		}
	}
	return r
}

// routesToFirewall sends subnets to the firewall, as a hub's spokes do:
// everything (0.0.0.0/0), or the other VNet's space as well.
func (g *ogen) routesToFirewall() {
	if g.appliance2026("fw") == nil || !g.chance(70) {
		return
	}
	rt := &ogRouteTable{Name: "to-fw", Routes: []*ogRoute{{Name: "default", AddressPrefix: "0.0.0.0/0", NextHopType: "VirtualAppliance", NextHopIPAddress: ogFwAddr}}}
	if g.chance(50) {
		rt.Routes = append(rt.Routes, &ogRoute{Name: "spoke", AddressPrefix: ogSpokeSpace, NextHopType: "VirtualAppliance", NextHopIPAddress: ogFwAddr},
			&ogRoute{Name: "hub", AddressPrefix: ogHubSpace, NextHopType: "VirtualAppliance", NextHopIPAddress: ogFwAddr})
	}
	g.topo.RouteTables = append(g.topo.RouteTables, rt)
	for _, id := range ogSample(g, g.subnetIDs(false), 1+g.r.IntN(2)) {
		g.subnetNamed(id).RouteTable = rt.Name
	}
}

// translationTargets are the addresses a DNAT rule sends to: nodes,
// internal frontends, private endpoints, a host of nobody.
func (g *ogen) translationTargets() []string {
	out := []string{"10.0.0.5", "10.0.1.5"}
	for _, ep := range g.topo.Endpoints {
		out = append(out, ep.IPAddresses...)
	}
	return append(out, g.privateTargets()...)
}

// privateTargets are the addresses of private endpoints and internal
// frontends.
func (g *ogen) privateTargets() []string {
	var out []string
	for _, ep := range g.topo.Endpoints {
		for _, pe := range ep.PrivateEndpoints {
			out = append(out, pe.PrivateIPAddress)
		}
	}
	for _, lb := range g.topo.LoadBalancers {
		for _, f := range lb.Frontends {
			if f.PrivateIPAddress != "" {
				out = append(out, f.PrivateIPAddress)
			}
		}
	}
	return out
}

func (g *ogen) appliance2026(name string) *ogAppliance {
	for _, a := range g.topo.Appliances {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// natGateway attaches a NAT gateway to a subnet or two, maybe the
// firewall's.
func (g *ogen) natGateway() {
	n := &ogNatGateway{Name: "nat", PublicIPAddresses: []string{ogNat}}
	if g.chance(30) {
		n.PublicIPPrefixes = []string{ogNatPrefix}
	}
	g.topo.NatGateways = append(g.topo.NatGateways, n)
	for _, id := range ogSample(g, g.subnetIDs(true), 1+g.r.IntN(2)) {
		if s := g.subnetNamed(id); s.Name != "GatewaySubnet" {
			s.NatGateway = n.Name
		}
	}
}

// loadBalancer draws a load balancer over the compute endpoints: a public
// frontend, an internal one or both, rules, a probe, NAT and outbound rules.
func (g *ogen) loadBalancer() {
	var computes []string
	for _, ep := range g.topo.Endpoints {
		if ep.Kind == "AmlCompute" {
			computes = append(computes, ep.Name)
		}
	}
	if len(computes) == 0 {
		return
	}
	lb := &ogLB{Name: "lb", Pools: []*ogLBPool{{Name: "pool", Members: ogSample(g, computes, 1+g.r.IntN(len(computes)))}}}
	if g.chance(70) {
		lb.Frontends = append(lb.Frontends, &ogLBFrontend{Name: "pub", PublicIPAddress: ogLBPublic})
	}
	if len(lb.Frontends) == 0 || g.chance(50) {
		id := ogPick(g, g.subnetIDs(false))
		if addrs, _ := g.take(id, 1, true); addrs != nil {
			lb.Frontends = append(lb.Frontends, &ogLBFrontend{Name: "int", PrivateIPAddress: addrs[0].String(), Subnet: id})
		}
	}
	if len(lb.Frontends) == 0 {
		return
	}
	if g.chance(60) {
		lb.Probes = []*ogLBProbe{{Name: "probe", Protocol: ogPick(g, []string{"Tcp", "Http"}), Port: 1 + g.r.IntN(7)}}
	}
	used := map[string]bool{}
	claim := func(fe, proto string, port int) bool {
		k := fmt.Sprint(fe, proto, port)
		if used[k] {
			return false
		}
		used[k] = true
		return true
	}
	for i := range 1 + g.r.IntN(2) {
		fe := ogPick(g, lb.Frontends)
		r := &ogLBRule{Name: fmt.Sprintf("rule%d", i), Frontend: fe.Name, BackendPool: "pool",
			Protocol: ogPick(g, []string{"Tcp", "Udp", "All"}), FrontendPort: 1 + g.r.IntN(7), BackendPort: 1 + g.r.IntN(7),
			DisableOutboundSnat: g.chance(30)}
		if fe.PrivateIPAddress != "" && g.chance(25) {
			r.Protocol, r.FrontendPort, r.BackendPort = "All", 0, 0 // HA ports
		}
		if len(lb.Probes) > 0 && g.chance(70) {
			r.Probe = "probe"
		}
		if claim(r.Frontend, r.Protocol, r.FrontendPort) {
			lb.Rules = append(lb.Rules, r)
		}
	}
	if g.chance(40) {
		r := &ogLBNat{Name: "nat", Frontend: ogPick(g, lb.Frontends).Name, Protocol: ogPick(g, []string{"Tcp", "Udp"}),
			FrontendPort: 1 + g.r.IntN(7), BackendPort: 1 + g.r.IntN(7), Target: ogPick(g, computes)}
		if claim(r.Frontend, r.Protocol, r.FrontendPort) {
			lb.NatRules = append(lb.NatRules, r)
		}
	}
	if lb.Frontends[0].PublicIPAddress != "" && g.chance(50) {
		lb.Outbound = []*ogLBOutbound{{Name: "out", Frontends: []string{"pub"}, BackendPool: "pool", Protocol: ogPick(g, []string{"", "Tcp", "Udp", "All"})}}
	}
	g.topo.LoadBalancers = append(g.topo.LoadBalancers, lb)
}

// probeDenial sometimes gives a pool member an NSG that denies its health
// probe and allows everything else, so that nodes fall out of rotation
// (§12: ProbeDenied when none is left).
func (g *ogen) probeDenial() {
	if len(g.topo.LoadBalancers) == 0 || len(g.topo.LoadBalancers[0].Probes) == 0 || !g.chance(50) {
		return
	}
	lb := g.topo.LoadBalancers[0]
	nsg := &ogNSG{Name: "nsg-probe", SecurityRules: []*ogRule{
		{Name: "deny-probe", Priority: 100, Direction: "Inbound", Access: "Deny", Protocol: "Tcp", SourceAddressPrefix: "AzureLoadBalancer",
			SourcePortRange: "*", DestinationAddressPrefix: "*", DestinationPortRange: fmt.Sprint(lb.Probes[0].Port)},
		{Name: "allow-rest", Priority: 200, Direction: "Inbound", Access: "Allow", Protocol: "*", SourceAddressPrefix: "*",
			SourcePortRange: "*", DestinationAddressPrefix: "*", DestinationPortRange: "*"},
	}}
	g.topo.NSGs = append(g.topo.NSGs, nsg)
	member := ogPick(g, lb.Pools[0].Members)
	for _, ep := range g.topo.Endpoints {
		if ep.Name == member {
			ep.NetworkSecurityGroup = nsg.Name
		}
	}
}

// names gives endpoints names (§14): the client's and a cluster's.
func (g *ogen) names() {
	for _, ep := range g.topo.Endpoints {
		switch {
		case ep.Kind == "External" && g.chance(70):
			ep.Fqdns = []string{ogClientName}
		case ep.Name == "cluster0" && g.chance(30):
			ep.Fqdns = []string{ogWebName}
		}
	}
}

// privateDNS: the storage account's private endpoint, its sub-resource and
// zones, its subnet's policies, the account's public access; zones linked
// to VNets; custom DNS servers (§14, §15, §9).
func (g *ogen) privateDNS() {
	var store *ogEndpoint
	for _, ep := range g.topo.Endpoints {
		if ep.Kind == "StorageAccount" {
			store = ep
		}
	}
	if store == nil {
		return
	}
	if g.chance(15) {
		store.PublicNetworkAccess = "Disabled"
	}
	zones := map[string]bool{}
	for _, pe := range store.PrivateEndpoints {
		if g.chance(25) {
			pe.GroupID = "file"
		}
		zone := "privatelink." + map[string]string{"": "blob", "file": "file"}[pe.GroupID] + ".core.windows.net"
		switch n := g.r.IntN(100); {
		case n < 15:
			pe.PrivateDNSZones = &[]string{}
		case n < 35:
			pe.PrivateDNSZones = &[]string{zone}
		}
		zones[zone] = true
		g.subnetNamed(pe.Subnet).PrivateEndpointNetworkPolicies = ogPick(g, []string{"", "", "Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"})
	}
	declare := g.chance(70)
	for _, z := range []string{"privatelink.blob.core.windows.net", "privatelink.file.core.windows.net"} {
		if zones[z] && (declare || slices.ContainsFunc(store.PrivateEndpoints, func(pe *ogPrivateEndpoint) bool {
			return pe.PrivateDNSZones != nil && slices.Contains(*pe.PrivateDNSZones, z)
		})) {
			g.topo.DNSZones = append(g.topo.DNSZones, &ogDNSZone{Name: z, Links: ogSample(g, []string{"hub", "spoke"}, g.r.IntN(3))})
		}
	}
	for _, v := range g.topo.VNets {
		if g.chance(30) {
			v.DhcpOptions = &ogDhcp{DNSServers: []string{ogPick(g, []string{ogLoadBalancer, "10.0.0.5", "10.0.1.5", ogPublicDNS})}}
		}
	}
	for _, gw := range g.topo.Gateways {
		if g.chance(40) {
			gw.OnPremises.DNSServers = []string{ogPick(g, []string{ogLoadBalancer, "10.0.0.5", "10.0.1.5", ogPublicDNS})}
		}
	}
}

// aksOutbound gives the scoring endpoint an outbound type its subnet
// allows (validate refuses userAssignedNATGateway without a NAT gateway and
// userDefinedRouting without a 0.0.0.0/0 route to an appliance or gateway).
func (g *ogen) aksOutbound() {
	for _, ep := range g.topo.Endpoints {
		if ep.Kind != "AksScoring" {
			continue
		}
		types := []string{"", "loadBalancer", "managedNATGateway", "none"}
		s := g.subnetNamed(ep.Subnet)
		if s.NatGateway != "" {
			types = append(types, "userAssignedNATGateway")
		}
		if g.defaultRouteAway(s) {
			types = append(types, "userDefinedRouting")
		}
		ep.OutboundType = ogPick(g, types)
	}
}

// defaultRouteAway: the subnet's route table sends 0.0.0.0/0 to an
// appliance or a gateway.
func (g *ogen) defaultRouteAway(s *ogSubnet) bool {
	for _, rt := range g.topo.RouteTables {
		if rt.Name != s.RouteTable {
			continue
		}
		for _, r := range rt.Routes {
			if r.AddressPrefix == "0.0.0.0/0" && (r.NextHopType == "VirtualAppliance" || r.NextHopType == "VirtualNetworkGateway") {
				return true
			}
		}
	}
	return false
}
