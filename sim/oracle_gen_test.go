package sim

// Random topologies over a tiny address universe, small enough that every
// packet of a query can be enumerated and judged by the oracle.

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// The universe.
const (
	ogHubSpace      = "10.0.0.0/26"    // eight /29 subnets
	ogSpokeSpace    = "10.0.1.0/27"    // four /29 subnets
	ogOnPrem        = "192.168.0.0/29" // behind gw
	ogOnPrem2       = "192.168.0.8/29" // behind gw2
	ogStray         = "10.0.2.1"       // private, in no VNet and not on-premises
	ogNodePublic    = "198.51.100.1"
	ogNodePublic2   = "198.51.100.2"
	ogScoringPublic = "198.51.100.3" // an AKS scoring Public frontend
	ogApplianceSnat = "198.51.100.5"
	ogGatewaySnat   = "198.51.100.6"
	ogGatewaySnat2  = "198.51.100.7"
	ogClients       = "203.0.113.0/30" // internet hosts (the External endpoint)
	ogLocation      = "eastus2"
	ogLoadBalancer  = "168.63.129.16"   // the host's own services
	ogMetadata      = "169.254.169.254" // (semantics.md "The host's own services")
)

// ogASGs are the application security groups endpoints join.
var ogASGs = []string{"asg-web", "asg-db"}

// ogTags are the inline service tags: "public" /30s.
var ogTags = map[string][]string{
	"Storage.EastUS2":             {"52.0.0.0/30"},
	"Storage.WestUS":              {"52.0.0.4/30"},
	"BatchNodeManagement.EastUS2": {"20.0.0.0/30"},
	"AzureMachineLearning":        {"20.0.1.0/30"},
}

// ogTagNames are the tags rules, routes and queries draw from.
var ogTagNames = []string{"Storage.EastUS2", "Storage", "BatchNodeManagement.EastUS2", "AzureMachineLearning"}

// ogUniverse lists every address that behaves differently from its
// neighbours: both VNets, on-premises, the tags, the public addresses the
// topology uses, a few internet hosts, a stray private address and the
// host's own services.
func ogUniverse() []netip.Addr {
	u := slices.Concat(ogInside(), ogAddrsOf(ogClients, "52.0.0.0/29", "20.0.0.0/30", "20.0.1.0/30",
		ogStray, ogNodePublic, ogNodePublic2, ogScoringPublic, ogApplianceSnat, ogGatewaySnat, ogGatewaySnat2,
		ogLoadBalancer, ogMetadata))
	return append(u, ogUniverse2026()...)
}

// ogInVNets are the addresses of both VNets.
func ogInVNets() []netip.Addr { return ogAddrsOf(ogHubSpace, ogSpokeSpace) }

// ogInside are the addresses of both VNets and both on-premises networks.
func ogInside() []netip.Addr { return ogAddrsOf(ogHubSpace, ogSpokeSpace, ogOnPrem, ogOnPrem2) }

// ogAddrsOf lists every address of the prefixes and addresses given.
func ogAddrsOf(prefixes ...string) []netip.Addr {
	var out []netip.Addr
	for _, s := range prefixes {
		if !strings.Contains(s, "/") {
			s += "/32"
		}
		pfx := netip.MustParsePrefix(s)
		for a := pfx.Addr(); pfx.Contains(a); a = a.Next() {
			out = append(out, a)
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// The topology as written (topology-format.md), marshalled to YAML.

type ogTopo struct {
	Version       int             `yaml:"version"`
	Name          string          `yaml:"name"`
	Location      string          `yaml:"location"`
	Defaults      *ogDefaults     `yaml:"defaults,omitempty"`
	ServiceTags   ogTagSources    `yaml:"serviceTags"`
	VNets         []*ogVNet       `yaml:"vnets"`
	NSGs          []*ogNSG        `yaml:"networkSecurityGroups,omitempty"`
	RouteTables   []*ogRouteTable `yaml:"routeTables,omitempty"`
	NatGateways   []*ogNatGateway `yaml:"natGateways,omitempty"`
	LoadBalancers []*ogLB         `yaml:"loadBalancers,omitempty"`
	Gateways      []*ogGateway    `yaml:"gateways,omitempty"`
	Appliances    []*ogAppliance  `yaml:"appliances,omitempty"`
	DNSZones      []*ogDNSZone    `yaml:"privateDnsZones,omitempty"`
	Endpoints     []*ogEndpoint   `yaml:"endpoints,omitempty"`
}

type ogTagSources struct {
	Inline map[string][]string `yaml:"inline"`
}

type ogVNet struct {
	Name         string       `yaml:"name"`
	AddressSpace []string     `yaml:"addressSpace,flow"`
	DhcpOptions  *ogDhcp      `yaml:"dhcpOptions,omitempty"`
	Subnets      []*ogSubnet  `yaml:"subnets"`
	Peerings     []*ogPeering `yaml:"peerings,omitempty"`
}

type ogDhcp struct {
	DNSServers []string `yaml:"dnsServers,flow"`
}

type ogSubnet struct {
	Name                           string   `yaml:"name"`
	AddressPrefix                  string   `yaml:"addressPrefix"`
	NetworkSecurityGroup           string   `yaml:"networkSecurityGroup,omitempty"`
	RouteTable                     string   `yaml:"routeTable,omitempty"`
	ServiceEndpoints               []string `yaml:"serviceEndpoints,omitempty,flow"`
	DefaultOutboundAccess          *bool    `yaml:"defaultOutboundAccess,omitempty"`
	NatGateway                     string   `yaml:"natGateway,omitempty"`
	PrivateEndpointNetworkPolicies string   `yaml:"privateEndpointNetworkPolicies,omitempty"`
}

type ogPeering struct {
	Name                      string `yaml:"name"`
	RemoteVirtualNetwork      string `yaml:"remoteVirtualNetwork"`
	AllowVirtualNetworkAccess *bool  `yaml:"allowVirtualNetworkAccess,omitempty"`
	AllowForwardedTraffic     bool   `yaml:"allowForwardedTraffic,omitempty"`
	AllowGatewayTransit       bool   `yaml:"allowGatewayTransit,omitempty"`
	UseRemoteGateways         bool   `yaml:"useRemoteGateways,omitempty"`
}

type ogNSG struct {
	Name          string    `yaml:"name"`
	SecurityRules []*ogRule `yaml:"securityRules,omitempty"`
}

// ogRule is an NSG rule (with a direction) or an appliance rule (without).
type ogRule struct {
	Name                       string   `yaml:"name"`
	Priority                   int      `yaml:"priority"`
	Direction                  string   `yaml:"direction,omitempty"`
	Access                     string   `yaml:"access"`
	Protocol                   string   `yaml:"protocol"`
	SourceAddressPrefix        string   `yaml:"sourceAddressPrefix,omitempty"`
	SourceAddressPrefixes      []string `yaml:"sourceAddressPrefixes,omitempty,flow"`
	SourcePortRange            string   `yaml:"sourcePortRange,omitempty"`
	DestinationAddressPrefix   string   `yaml:"destinationAddressPrefix,omitempty"`
	DestinationAddressPrefixes []string `yaml:"destinationAddressPrefixes,omitempty,flow"`
	DestinationPortRange       string   `yaml:"destinationPortRange,omitempty"`
	SourceASGs                 []string `yaml:"sourceApplicationSecurityGroups,omitempty,flow"`
	DestinationASGs            []string `yaml:"destinationApplicationSecurityGroups,omitempty,flow"`
}

type ogRouteTable struct {
	Name                       string     `yaml:"name"`
	DisableBgpRoutePropagation bool       `yaml:"disableBgpRoutePropagation,omitempty"`
	Routes                     []*ogRoute `yaml:"routes,omitempty"`
}

type ogRoute struct {
	Name             string `yaml:"name"`
	AddressPrefix    string `yaml:"addressPrefix"`
	NextHopType      string `yaml:"nextHopType"`
	NextHopIPAddress string `yaml:"nextHopIpAddress,omitempty"`
}

type ogGateway struct {
	Name       string       `yaml:"name"`
	VNet       string       `yaml:"vnet"`
	Type       string       `yaml:"type"`
	OnPremises ogOnPremises `yaml:"onPremises"`
}

type ogOnPremises struct {
	AddressPrefixes       []string `yaml:"addressPrefixes,flow"`
	AdvertiseDefaultRoute bool     `yaml:"advertiseDefaultRoute,omitempty"`
	InternetEgress        string   `yaml:"internetEgress"`
	SnatAddress           string   `yaml:"snatAddress,omitempty"`
	DNSServers            []string `yaml:"dnsServers,omitempty,flow"`
}

type ogAppliance struct {
	Name               string    `yaml:"name"`
	Kind               string    `yaml:"kind,omitempty"`
	Subnet             string    `yaml:"subnet"`
	PrivateIPAddress   string    `yaml:"privateIpAddress"`
	EnableIPForwarding bool      `yaml:"enableIpForwarding,omitempty"`
	Snat               *ogSnat   `yaml:"snat,omitempty"`
	DefaultAction      string    `yaml:"defaultAction,omitempty"`
	Rules              []*ogRule `yaml:"rules,omitempty"`
	// Azure Firewall.
	PublicIPAddresses    []string           `yaml:"publicIpAddresses,omitempty,flow"`
	ForcedTunneling      bool               `yaml:"forcedTunneling,omitempty"`
	RuleCollectionGroups []*ogRuleCollGroup `yaml:"ruleCollectionGroups,omitempty"`
}

type ogSnat struct {
	PublicIPAddress string   `yaml:"publicIpAddress,omitempty"`
	PrivateRanges   []string `yaml:"privateRanges,omitempty,flow"`
}

type ogEndpoint struct {
	Name                 string               `yaml:"name"`
	Kind                 string               `yaml:"kind"`
	Subnet               string               `yaml:"subnet,omitempty"`
	NetworkSecurityGroup string               `yaml:"networkSecurityGroup,omitempty"`
	ASGs                 []string             `yaml:"applicationSecurityGroups,omitempty,flow"`
	NodeCount            int                  `yaml:"nodeCount,omitempty"`
	IPAddresses          []string             `yaml:"ipAddresses,omitempty,flow"`
	PublicIPAddress      string               `yaml:"publicIpAddress,omitempty"`
	Frontend             string               `yaml:"frontend,omitempty"`
	PrivateIPAddress     string               `yaml:"privateIpAddress,omitempty"`
	OutboundType         string               `yaml:"outboundType,omitempty"`
	Location             string               `yaml:"location,omitempty"`
	Fqdns                []string             `yaml:"fqdns,omitempty,flow"`
	PublicNetworkAccess  string               `yaml:"publicNetworkAccess,omitempty"`
	Firewall             *ogFirewall          `yaml:"firewall,omitempty"`
	PrivateEndpoints     []*ogPrivateEndpoint `yaml:"privateEndpoints,omitempty"`
	AddressPrefixes      []string             `yaml:"addressPrefixes,omitempty,flow"`
}

type ogFirewall struct {
	DefaultAction       string   `yaml:"defaultAction"`
	VirtualNetworkRules []string `yaml:"virtualNetworkRules,omitempty,flow"`
	IPRules             []string `yaml:"ipRules,omitempty,flow"`
	Bypass              []string `yaml:"bypass,omitempty,flow"`
}

type ogPrivateEndpoint struct {
	Name             string    `yaml:"name"`
	Subnet           string    `yaml:"subnet"`
	PrivateIPAddress string    `yaml:"privateIpAddress"`
	GroupID          string    `yaml:"groupId,omitempty"`
	PrivateDNSZones  *[]string `yaml:"privateDnsZones,omitempty,flow"` // nil: the key is absent
}

// ---------------------------------------------------------------------------
// The generator.

type ogen struct {
	r      *rand.Rand
	topo   *ogTopo
	free   map[string][]netip.Addr // unused host addresses per subnet ("vnet/subnet"), lowest first
	fresh  map[string]bool         // subnets nobody took an address from yet
	apps   []string                // appliance addresses
	gwNets []string                // the VNets holding a gateway
	asgs   []string                // the application security groups some endpoint joined
}

func (g *ogen) chance(percent int) bool { return g.r.IntN(100) < percent }

func ogPick[T any](g *ogen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// ogenTopology draws a random topology.
func ogenTopology(r *rand.Rand) *ogTopo {
	g := &ogen{r: r, free: map[string][]netip.Addr{}, fresh: map[string]bool{}}
	tags := maps.Clone(ogTags)
	maps.Copy(tags, ogTags2026)
	g.topo = &ogTopo{Version: 1, Name: "random", Location: ogLocation, ServiceTags: ogTagSources{Inline: tags}}
	hub := g.vnet("hub", ogHubSpace, 2+r.IntN(3))
	spoke := g.vnet("spoke", ogSpokeSpace, 1+r.IntN(3))
	g.topo.VNets = []*ogVNet{hub, spoke}
	if g.chance(35) {
		g.azureFirewall(hub)
	}
	switch n := r.IntN(100); {
	case n < 35:
		g.gateway("gw", ogPick(g, []*ogVNet{hub, hub, spoke}), ogOnPrem, ogGatewaySnat)
	case n < 55:
		first, second := hub, spoke
		if g.chance(50) {
			first, second = spoke, hub
		}
		g.gateway("gw", first, ogOnPrem, ogGatewaySnat)
		g.gateway("gw2", second, ogOnPrem2, ogGatewaySnat2)
	}
	if g.chance(60) {
		g.peering(hub, spoke)
	}
	g.outboundDefaults()
	if g.chance(40) {
		g.natGateway()
	}
	for i := range 1 + r.IntN(2) {
		g.compute(fmt.Sprintf("cluster%d", i))
	}
	if g.chance(40) {
		g.scoring()
	}
	if g.chance(60) {
		g.appliance()
	}
	if g.chance(70) {
		g.storage()
	}
	if g.chance(50) {
		g.topo.Endpoints = append(g.topo.Endpoints, &ogEndpoint{Name: "client", Kind: "External", AddressPrefixes: []string{ogClients}})
	}
	if g.chance(45) {
		g.loadBalancer()
	}
	g.names()
	g.privateDNS()
	g.firewallRules()
	g.nsgs()
	g.routeTables()
	g.routesToFirewall()
	g.aksOutbound()
	g.probeDenial()
	return g.topo
}

// vnet declares a VNet with n distinct /29 subnets of its space.
func (g *ogen) vnet(name, space string, n int) *ogVNet {
	v := &ogVNet{Name: name, AddressSpace: []string{space}}
	blocks := ogBlocks(space)
	for i, b := range ogSample(g, blocks, n) {
		s := &ogSubnet{Name: fmt.Sprintf("%s%d", name[:1], i), AddressPrefix: b.String()}
		if g.chance(40) {
			s.ServiceEndpoints = []string{ogPick(g, []string{"Microsoft.Storage", "Microsoft.Storage.Global"})} // §9
		}
		v.Subnets = append(v.Subnets, s)
		id := name + "/" + s.Name
		g.fresh[id] = true
		a := b.Addr()
		for range 4 {
			a = a.Next() // Azure keeps the first four and the last address
		}
		for range 3 {
			g.free[id] = append(g.free[id], a)
			a = a.Next()
		}
	}
	return v
}

// ogBlocks splits a space into /29s.
func ogBlocks(space string) []netip.Prefix {
	p := netip.MustParsePrefix(space)
	var out []netip.Prefix
	for a := p.Addr(); p.Contains(a); {
		out = append(out, netip.PrefixFrom(a, 29))
		for range 8 {
			a = a.Next()
		}
	}
	return out
}

// ogSample picks n distinct items, kept in their order.
func ogSample[T any](g *ogen, xs []T, n int) []T {
	idx := g.r.Perm(len(xs))[:min(n, len(xs))]
	slices.Sort(idx)
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// subnetIDs lists the subnets, optionally with GatewaySubnet.
func (g *ogen) subnetIDs(withGatewaySubnet bool) []string {
	var out []string
	for _, v := range g.topo.VNets {
		for _, s := range v.Subnets {
			if withGatewaySubnet || (s.Name != "GatewaySubnet" && s.Name != "AzureFirewallSubnet") {
				out = append(out, v.Name+"/"+s.Name)
			}
		}
	}
	return out
}

func (g *ogen) subnetNamed(id string) *ogSubnet {
	for _, v := range g.topo.VNets {
		for _, s := range v.Subnets {
			if v.Name+"/"+s.Name == id {
				return s
			}
		}
	}
	return nil
}

// gateway adds a gateway to VNet v, with its own on-premises prefix and
// egress address.
func (g *ogen) gateway(name string, v *ogVNet, onPrem, snat string) {
	gw := &ogGateway{Name: name, VNet: v.Name, Type: ogPick(g, []string{"Vpn", "ExpressRoute"}),
		OnPremises: ogOnPremises{AddressPrefixes: []string{onPrem}, AdvertiseDefaultRoute: g.chance(30), InternetEgress: "Drop"}}
	if g.chance(50) {
		gw.OnPremises.InternetEgress, gw.OnPremises.SnatAddress = "Snat", snat
	}
	g.topo.Gateways = append(g.topo.Gateways, gw)
	g.gwNets = append(g.gwNets, v.Name)
	if !g.chance(50) {
		return
	}
	// Declare the GatewaySubnet in a /29 no subnet uses.
	used := map[string]bool{}
	for _, s := range v.Subnets {
		used[s.AddressPrefix] = true
	}
	for _, b := range ogBlocks(v.AddressSpace[0]) {
		if !used[b.String()] {
			v.Subnets = append(v.Subnets, &ogSubnet{Name: "GatewaySubnet", AddressPrefix: b.String()})
			return
		}
	}
}

func (g *ogen) peering(hub, spoke *ogVNet) {
	sides := [][2]*ogVNet{{hub, spoke}, {spoke, hub}}
	if g.chance(20) {
		sides = sides[g.r.IntN(2):][:1] // one-sided: it carries nothing
	}
	for _, s := range sides {
		p := &ogPeering{Name: "to-" + s[1].Name, RemoteVirtualNetwork: s[1].Name, AllowForwardedTraffic: g.chance(50),
			AllowVirtualNetworkAccess: g.peeringAccess()} // §8: one side closes both ways
		// Gateway transit, when one side alone has a gateway (Azure
		// refuses useRemoteGateways on a VNet with its own).
		if len(g.gwNets) == 1 && g.gwNets[0] == s[0].Name {
			p.AllowGatewayTransit = g.chance(60)
		} else if len(g.gwNets) == 1 && g.gwNets[0] == s[1].Name {
			p.UseRemoteGateways = g.chance(60)
		}
		s[0].Peerings = append(s[0].Peerings, p)
	}
}

// peeringAccess is allowVirtualNetworkAccess: absent, false or true.
func (g *ogen) peeringAccess() *bool {
	switch n := g.r.IntN(100); {
	case n < 25:
		return new(bool)
	case n < 40:
		yes := true
		return &yes
	}
	return nil
}

// take reserves n addresses of a subnet: from its fifth address on when
// nobody took one yet (what nodeCount allocates), else its free ones.
// auto reports the former.
func (g *ogen) take(id string, n int, fromTop bool) (addrs []netip.Addr, auto bool) {
	free := g.free[id]
	if len(free) < n {
		return nil, false
	}
	auto = g.fresh[id] && !fromTop
	g.fresh[id] = false
	if fromTop {
		addrs, g.free[id] = free[len(free)-n:], free[:len(free)-n]
	} else {
		addrs, g.free[id] = free[:n], free[n:]
	}
	return addrs, auto
}

func (g *ogen) compute(name string) {
	id := ogPick(g, g.subnetIDs(false))
	count := 1 + g.r.IntN(2)
	addrs, auto := g.take(id, count, false)
	if addrs == nil {
		return
	}
	ep := &ogEndpoint{Name: name, Kind: "AmlCompute", Subnet: id, NodeCount: count}
	if !auto || g.chance(20) {
		for _, a := range addrs {
			ep.IPAddresses = append(ep.IPAddresses, a.String())
		}
	}
	if g.chance(40) {
		ep.PublicIPAddress = map[string]string{"cluster0": ogNodePublic, "cluster1": ogNodePublic2}[name]
	}
	if g.chance(50) {
		ep.ASGs = ogSample(g, ogASGs, 1+g.r.IntN(2))
		for _, a := range ep.ASGs {
			if !slices.Contains(g.asgs, a) {
				g.asgs = append(g.asgs, a)
			}
		}
	}
	g.topo.Endpoints = append(g.topo.Endpoints, ep)
}

// scoring adds an AKS scoring endpoint: its private address a host of its
// subnet, behind a Public frontend (with a public address) or an Internal
// one.
func (g *ogen) scoring() {
	id := ogPick(g, g.subnetIDs(false))
	addrs, _ := g.take(id, 1, true)
	if addrs == nil {
		return
	}
	ep := &ogEndpoint{Name: "scoring", Kind: "AksScoring", Subnet: id, Frontend: "Internal", PrivateIPAddress: addrs[0].String()}
	if g.chance(60) {
		ep.Frontend, ep.PublicIPAddress = "Public", ogScoringPublic
	}
	g.topo.Endpoints = append(g.topo.Endpoints, ep)
}

func (g *ogen) appliance() {
	id := ogPick(g, g.subnetIDs(false))
	addrs, _ := g.take(id, 1, true)
	if addrs == nil {
		return
	}
	a := &ogAppliance{Name: "nva", Subnet: id, PrivateIPAddress: addrs[0].String(), EnableIPForwarding: g.chance(80),
		DefaultAction: ogPick(g, []string{"", "Allow", "Deny"})}
	if g.chance(50) {
		a.Snat = &ogSnat{PublicIPAddress: ogApplianceSnat}
	}
	for i := range g.r.IntN(4) {
		a.Rules = append(a.Rules, g.rule(fmt.Sprintf("a%d", i), 100+10*i, ""))
	}
	g.topo.Appliances = append(g.topo.Appliances, a)
	g.apps = append(g.apps, a.PrivateIPAddress)
}

func (g *ogen) storage() {
	// Mostly in the VNets' region, where their service endpoints reach it.
	locations := []string{ogLocation, ogLocation, ogLocation, "westus", ogPairedLocation}
	ep := &ogEndpoint{Name: "store", Kind: "StorageAccount", Location: ogPick(g, locations)}
	if g.chance(20) {
		ep.PublicIPAddress = map[string]string{ogLocation: "52.0.0.2", "westus": "52.0.0.6", ogPairedLocation: "52.0.0.10"}[ep.Location]
	}
	if g.chance(70) {
		fw := &ogFirewall{DefaultAction: ogPick(g, []string{"Allow", "Deny", "Deny"})}
		// Mostly subnets with a service endpoint, where the rule admits.
		var withSE []string
		for _, id := range g.subnetIDs(false) {
			if len(g.subnetNamed(id).ServiceEndpoints) > 0 {
				withSE = append(withSE, id)
			}
		}
		for range g.r.IntN(3) {
			if id := ogPick(g, slices.Concat(withSE, withSE, g.subnetIDs(false))); !slices.Contains(fw.VirtualNetworkRules, id) {
				fw.VirtualNetworkRules = append(fw.VirtualNetworkRules, id)
			}
		}
		ipRules := []string{"198.51.100.0/30", "198.51.100.4/30", ogClients, ogGatewaySnat, ogGatewaySnat2, ogNat, ogLBPublic, ogFwPublic, "198.51.100.8/29"}
		fw.IPRules = ogSample(g, ipRules, g.r.IntN(3))
		if g.chance(50) {
			fw.Bypass = []string{"AzureServices"}
		}
		ep.Firewall = fw
	}
	if g.chance(30) {
		id := ogPick(g, g.subnetIDs(false))
		if addrs, _ := g.take(id, 1, true); addrs != nil {
			ep.PrivateEndpoints = []*ogPrivateEndpoint{{Name: "pe", Subnet: id, PrivateIPAddress: addrs[0].String()}}
		}
	}
	g.topo.Endpoints = append(g.topo.Endpoints, ep)
}

// nsgs draws 0-3 NSGs and attaches them to subnets and NICs.
func (g *ogen) nsgs() {
	for i := range g.r.IntN(4) {
		nsg := &ogNSG{Name: fmt.Sprintf("nsg%d", i)}
		prios := map[string][]int{"Inbound": g.r.Perm(20), "Outbound": g.r.Perm(20)}
		for j := range g.r.IntN(6) {
			dir := ogPick(g, []string{"Inbound", "Outbound"})
			prio := 100 + 10*prios[dir][0]
			prios[dir] = prios[dir][1:]
			r := g.rule(fmt.Sprintf("r%d", j), prio, dir)
			if g.chance(35) {
				// Name the host's own services on their side (semantics.md
				// "The host's own services"): probes come from
				// AzureLoadBalancer; outbound rules see the platform only by
				// its platform tags.
				if dir == "Inbound" {
					r.SourceAddressPrefix, r.SourceAddressPrefixes, r.SourceASGs = "AzureLoadBalancer", nil, nil
					if g.chance(30) {
						r.SourceAddressPrefix = "AzurePlatformDNS"
					}
				} else {
					r.DestinationAddressPrefix, r.DestinationAddressPrefixes, r.DestinationASGs = ogPick(g, []string{"AzurePlatformDNS", "AzurePlatformIMDS", "AzureLoadBalancer"}), nil, nil
				}
				if g.chance(50) {
					r.Protocol, r.SourcePortRange, r.DestinationPortRange = "*", "*", "*"
				}
			}
			nsg.SecurityRules = append(nsg.SecurityRules, r)
		}
		g.topo.NSGs = append(g.topo.NSGs, nsg)
	}
	if len(g.topo.NSGs) == 0 {
		return
	}
	for _, id := range g.subnetIDs(false) {
		if g.chance(50) {
			g.subnetNamed(id).NetworkSecurityGroup = ogPick(g, g.topo.NSGs).Name
		}
	}
	for _, ep := range g.topo.Endpoints {
		if (ep.Kind == "AmlCompute" || ep.Kind == "AksScoring") && g.chance(40) {
			ep.NetworkSecurityGroup = ogPick(g, g.topo.NSGs).Name
		}
	}
}

func (g *ogen) rule(name string, prio int, dir string) *ogRule {
	r := &ogRule{Name: name, Priority: prio, Direction: dir,
		Access:   ogPick(g, []string{"Allow", "Deny"}),
		Protocol: ogPick(g, []string{"Tcp", "Udp", "Icmp", "Esp", "*", "*"})}
	r.SourceAddressPrefix, r.SourceAddressPrefixes, r.SourceASGs = g.ruleSide()
	r.DestinationAddressPrefix, r.DestinationAddressPrefixes, r.DestinationASGs = g.ruleSide()
	r.SourcePortRange = g.ports(3)
	r.DestinationPortRange = g.ports(7)
	return r
}

// ruleSide is one side of a rule: one address expression, two, or
// application security groups (never both: Azure takes one or the other).
func (g *ogen) ruleSide() (prefix string, prefixes, asgs []string) {
	switch n := g.r.IntN(100); {
	case n < 15 && len(g.asgs) > 0:
		return "", nil, ogSample(g, g.asgs, 1+g.r.IntN(len(g.asgs)))
	case n < 35:
		return "", []string{g.ruleAddr(), g.ruleAddr()}, nil
	}
	return g.ruleAddr(), nil, nil
}

// ruleAddr is an address expression for a rule side.
func (g *ogen) ruleAddr() string {
	switch n := g.r.IntN(100); {
	case n < 20:
		return "*"
	case n < 30:
		return "VirtualNetwork"
	case n < 38:
		return "Internet"
	case n < 46:
		return "AzureLoadBalancer"
	case n < 55:
		return ogPick(g, ogTagNames)
	}
	return g.prefix([]int{8, 24, 26, 27, 28, 29, 30, 31, 32})
}

// prefix is a prefix of the given lengths around an address of the universe.
func (g *ogen) prefix(lengths []int) string {
	u := ogUniverse()
	p, _ := ogPick(g, u).Prefix(ogPick(g, lengths))
	return p.String()
}

// ports is "*", a port or a range within 0..hi.
func (g *ogen) ports(hi int) string {
	switch g.r.IntN(3) {
	case 0:
		return "*"
	case 1:
		return fmt.Sprint(g.r.IntN(hi + 1))
	}
	lo := g.r.IntN(hi + 1)
	return fmt.Sprintf("%d-%d", lo, lo+g.r.IntN(hi+1-lo))
}

// routeTables draws 0-3 route tables and attaches them to subnets.
func (g *ogen) routeTables() {
	for i := range g.r.IntN(4) {
		rt := &ogRouteTable{Name: fmt.Sprintf("rt%d", i), DisableBgpRoutePropagation: g.chance(30)}
		for j := range g.r.IntN(5) {
			rt.Routes = append(rt.Routes, g.route(fmt.Sprintf("u%d", j)))
		}
		g.topo.RouteTables = append(g.topo.RouteTables, rt)
	}
	if len(g.topo.RouteTables) == 0 {
		return
	}
	for _, id := range g.subnetIDs(true) {
		if g.chance(50) {
			g.subnetNamed(id).RouteTable = ogPick(g, g.topo.RouteTables).Name
		}
	}
}

func (g *ogen) route(name string) *ogRoute {
	r := &ogRoute{Name: name}
	switch n := g.r.IntN(100); {
	case n < 15:
		r.AddressPrefix = "0.0.0.0/0"
	case n < 30:
		r.AddressPrefix = ogPick(g, ogTagNames)
	case n < 40:
		r.AddressPrefix = ogPick(g, []string{ogHubSpace, ogSpokeSpace, ogOnPrem, ogOnPrem2, "10.0.0.0/8"})
	default:
		r.AddressPrefix = g.prefix([]int{24, 26, 27, 28, 29, 30, 32})
	}
	r.NextHopType = ogPick(g, []string{"VirtualAppliance", "VirtualAppliance", "VnetLocal", "None", "Internet", "VirtualNetworkGateway"})
	if r.NextHopType == "VirtualAppliance" {
		if len(g.apps) > 0 && g.chance(80) {
			r.NextHopIPAddress = ogPick(g, g.apps)
		} else {
			r.NextHopIPAddress = ogPick(g, ogInVNets()).String()
		}
	}
	return r
}

// ---------------------------------------------------------------------------
// From YAML to a loaded topology.

func ogMarshal(topo *ogTopo) string {
	b, err := yaml.Marshal(topo)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// ogLoad writes text to a temporary file and loads it.
func ogLoad(tb testing.TB, text string) (*model.Topology, error) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "topology.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	t, diags := model.Load(path)
	if t == nil {
		return nil, fmt.Errorf("invalid topology:\n%v", diags)
	}
	return t, nil
}

// ogAddrs lists the addresses of a place to enumerate: all of them when
// there are few, else those of the universe (the others behave like their
// neighbours).
func ogAddrs(set hs.IPSet, universe []netip.Addr) []netip.Addr {
	var out []netip.Addr
	if set.Size().IsInt64() && set.Size().Int64() <= 16 {
		for _, r := range set.Ranges() {
			for a := r.Lo; ; a = a.Next() {
				out = append(out, a.Netip())
				if a == r.Hi {
					break
				}
			}
		}
		return out
	}
	for _, a := range universe {
		if set.Contains(hs.AddrFrom(a)) {
			out = append(out, a)
		}
	}
	return out
}
