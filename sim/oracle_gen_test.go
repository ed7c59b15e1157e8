package sim

// Random topologies over a tiny address universe, small enough that every
// packet of a query can be enumerated and judged by the oracle.

import (
	"fmt"
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
	ogHubSpace      = "10.0.0.0/26" // eight /29 subnets
	ogSpokeSpace    = "10.0.1.0/27" // four /29 subnets
	ogOnPrem        = "192.168.0.0/29"
	ogStray         = "10.0.2.1" // private, in no VNet and not on-premises
	ogNodePublic    = "198.51.100.1"
	ogNodePublic2   = "198.51.100.2"
	ogApplianceSnat = "198.51.100.5"
	ogGatewaySnat   = "198.51.100.6"
	ogClients       = "203.0.113.0/30" // internet hosts (the External endpoint)
	ogLocation      = "eastus2"
)

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
// topology uses, a few internet hosts and a stray private address.
func ogUniverse() []netip.Addr {
	var out []netip.Addr
	for _, p := range []string{ogHubSpace, ogSpokeSpace, ogOnPrem, ogClients, "52.0.0.0/29", "20.0.0.0/30", "20.0.1.0/30"} {
		pfx := netip.MustParsePrefix(p)
		for a := pfx.Addr(); pfx.Contains(a); a = a.Next() {
			out = append(out, a)
		}
	}
	for _, s := range []string{ogStray, ogNodePublic, ogNodePublic2, ogApplianceSnat, ogGatewaySnat} {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

// ---------------------------------------------------------------------------
// The topology as written (topology-format.md), marshalled to YAML.

type ogTopo struct {
	Version     int             `yaml:"version"`
	Name        string          `yaml:"name"`
	Location    string          `yaml:"location"`
	ServiceTags ogTagSources    `yaml:"serviceTags"`
	VNets       []*ogVNet       `yaml:"vnets"`
	NSGs        []*ogNSG        `yaml:"networkSecurityGroups,omitempty"`
	RouteTables []*ogRouteTable `yaml:"routeTables,omitempty"`
	Gateways    []*ogGateway    `yaml:"gateways,omitempty"`
	Appliances  []*ogAppliance  `yaml:"appliances,omitempty"`
	Endpoints   []*ogEndpoint   `yaml:"endpoints,omitempty"`
}

type ogTagSources struct {
	Inline map[string][]string `yaml:"inline"`
}

type ogVNet struct {
	Name         string       `yaml:"name"`
	AddressSpace []string     `yaml:"addressSpace,flow"`
	Subnets      []*ogSubnet  `yaml:"subnets"`
	Peerings     []*ogPeering `yaml:"peerings,omitempty"`
}

type ogSubnet struct {
	Name                 string   `yaml:"name"`
	AddressPrefix        string   `yaml:"addressPrefix"`
	NetworkSecurityGroup string   `yaml:"networkSecurityGroup,omitempty"`
	RouteTable           string   `yaml:"routeTable,omitempty"`
	ServiceEndpoints     []string `yaml:"serviceEndpoints,omitempty,flow"`
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
}

type ogAppliance struct {
	Name               string    `yaml:"name"`
	Subnet             string    `yaml:"subnet"`
	PrivateIPAddress   string    `yaml:"privateIpAddress"`
	EnableIPForwarding bool      `yaml:"enableIpForwarding,omitempty"`
	Snat               *ogSnat   `yaml:"snat,omitempty"`
	DefaultAction      string    `yaml:"defaultAction,omitempty"`
	Rules              []*ogRule `yaml:"rules,omitempty"`
}

type ogSnat struct {
	PublicIPAddress string `yaml:"publicIpAddress"`
}

type ogEndpoint struct {
	Name                 string               `yaml:"name"`
	Kind                 string               `yaml:"kind"`
	Subnet               string               `yaml:"subnet,omitempty"`
	NetworkSecurityGroup string               `yaml:"networkSecurityGroup,omitempty"`
	NodeCount            int                  `yaml:"nodeCount,omitempty"`
	IPAddresses          []string             `yaml:"ipAddresses,omitempty,flow"`
	PublicIPAddress      string               `yaml:"publicIpAddress,omitempty"`
	Location             string               `yaml:"location,omitempty"`
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
	Name             string `yaml:"name"`
	Subnet           string `yaml:"subnet"`
	PrivateIPAddress string `yaml:"privateIpAddress"`
}

// ---------------------------------------------------------------------------
// The generator.

type ogen struct {
	r     *rand.Rand
	topo  *ogTopo
	free  map[string][]netip.Addr // unused host addresses per subnet ("vnet/subnet"), lowest first
	fresh map[string]bool         // subnets nobody took an address from yet
	apps  []string                // appliance addresses
	gwNet string                  // the VNet holding the gateway, if any
}

func (g *ogen) chance(percent int) bool { return g.r.IntN(100) < percent }

func ogPick[T any](g *ogen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// ogenTopology draws a random topology.
func ogenTopology(r *rand.Rand) *ogTopo {
	g := &ogen{r: r, free: map[string][]netip.Addr{}, fresh: map[string]bool{}}
	g.topo = &ogTopo{Version: 1, Name: "random", Location: ogLocation, ServiceTags: ogTagSources{Inline: ogTags}}
	hub := g.vnet("hub", ogHubSpace, 2+r.IntN(3))
	spoke := g.vnet("spoke", ogSpokeSpace, 1+r.IntN(3))
	g.topo.VNets = []*ogVNet{hub, spoke}
	if g.chance(50) {
		g.gateway(ogPick(g, []*ogVNet{hub, hub, spoke}))
	}
	if g.chance(60) {
		g.peering(hub, spoke)
	}
	for i := range 1 + r.IntN(2) {
		g.compute(fmt.Sprintf("cluster%d", i))
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
	g.nsgs()
	g.routeTables()
	return g.topo
}

// vnet declares a VNet with n distinct /29 subnets of its space.
func (g *ogen) vnet(name, space string, n int) *ogVNet {
	v := &ogVNet{Name: name, AddressSpace: []string{space}}
	blocks := ogBlocks(space)
	for i, b := range ogSample(g, blocks, n) {
		s := &ogSubnet{Name: fmt.Sprintf("%s%d", name[:1], i), AddressPrefix: b.String()}
		if g.chance(30) {
			s.ServiceEndpoints = []string{"Microsoft.Storage"}
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
			if withGatewaySubnet || s.Name != "GatewaySubnet" {
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

func (g *ogen) gateway(v *ogVNet) {
	gw := &ogGateway{Name: "gw", VNet: v.Name, Type: ogPick(g, []string{"Vpn", "ExpressRoute"}),
		OnPremises: ogOnPremises{AddressPrefixes: []string{ogOnPrem}, AdvertiseDefaultRoute: g.chance(30), InternetEgress: "Drop"}}
	if g.chance(50) {
		gw.OnPremises.InternetEgress, gw.OnPremises.SnatAddress = "Snat", ogGatewaySnat
	}
	g.topo.Gateways = append(g.topo.Gateways, gw)
	g.gwNet = v.Name
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
		p := &ogPeering{Name: "to-" + s[1].Name, RemoteVirtualNetwork: s[1].Name, AllowForwardedTraffic: g.chance(50)}
		switch n := g.r.IntN(100); {
		case n < 25:
			p.AllowVirtualNetworkAccess = new(bool)
		case n < 40:
			yes := true
			p.AllowVirtualNetworkAccess = &yes
		}
		if g.gwNet == s[0].Name {
			p.AllowGatewayTransit = g.chance(60)
		} else if g.gwNet == s[1].Name {
			p.UseRemoteGateways = g.chance(60)
		}
		s[0].Peerings = append(s[0].Peerings, p)
	}
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
	ep := &ogEndpoint{Name: "store", Kind: "StorageAccount", Location: ogLocation}
	if g.chance(20) {
		ep.PublicIPAddress = "52.0.0.2"
	}
	if g.chance(70) {
		fw := &ogFirewall{DefaultAction: ogPick(g, []string{"Allow", "Deny", "Deny"})}
		fw.VirtualNetworkRules = ogSample(g, g.subnetIDs(false), g.r.IntN(3))
		fw.IPRules = ogSample(g, []string{"198.51.100.0/30", "198.51.100.4/30", ogClients, ogGatewaySnat}, g.r.IntN(3))
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
			nsg.SecurityRules = append(nsg.SecurityRules, g.rule(fmt.Sprintf("r%d", j), prio, dir))
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
		if ep.Kind == "AmlCompute" && g.chance(40) {
			ep.NetworkSecurityGroup = ogPick(g, g.topo.NSGs).Name
		}
	}
}

func (g *ogen) rule(name string, prio int, dir string) *ogRule {
	r := &ogRule{Name: name, Priority: prio, Direction: dir,
		Access:   ogPick(g, []string{"Allow", "Deny"}),
		Protocol: ogPick(g, []string{"Tcp", "Udp", "Icmp", "Esp", "*", "*"})}
	if g.chance(20) {
		r.SourceAddressPrefixes = []string{g.ruleAddr(), g.ruleAddr()}
	} else {
		r.SourceAddressPrefix = g.ruleAddr()
	}
	if g.chance(20) {
		r.DestinationAddressPrefixes = []string{g.ruleAddr(), g.ruleAddr()}
	} else {
		r.DestinationAddressPrefix = g.ruleAddr()
	}
	r.SourcePortRange = g.ports(3)
	r.DestinationPortRange = g.ports(7)
	return r
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
	case n < 41:
		return "AzureLoadBalancer"
	case n < 52:
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
		r.AddressPrefix = ogPick(g, []string{ogHubSpace, ogSpokeSpace, ogOnPrem, "10.0.0.0/8"})
	default:
		r.AddressPrefix = g.prefix([]int{24, 26, 27, 28, 29, 30, 32})
	}
	r.NextHopType = ogPick(g, []string{"VirtualAppliance", "VirtualAppliance", "VnetLocal", "None", "Internet", "VirtualNetworkGateway"})
	if r.NextHopType == "VirtualAppliance" {
		if len(g.apps) > 0 && g.chance(80) {
			r.NextHopIPAddress = ogPick(g, g.apps)
		} else {
			r.NextHopIPAddress = ogPick(g, ogUniverse()[:96]).String() // somewhere in a VNet
		}
	}
	return r
}

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
	// Mostly from inside (the internet reaches little), to anywhere.
	src := g.insidePlace()
	if g.chance(30) {
		src = g.outsidePlace()
	}
	dst := g.insidePlace()
	if g.chance(50) {
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
// on-premises: a subnet, a compute endpoint, a small prefix.
func (g *ogen) insidePlace() string {
	var computes []string
	for _, ep := range g.topo.Endpoints {
		if ep.Kind == "AmlCompute" {
			computes = append(computes, ep.Name)
		}
	}
	switch n := g.r.IntN(100); {
	case n < 35:
		return ogPick(g, g.subnetIDs(true))
	case n < 65 && len(computes) > 0:
		return ogPick(g, computes)
	case n < 80:
		return ogOnPrem
	}
	p, _ := ogPick(g, ogUniverse()[:104]).Prefix(ogPick(g, []int{29, 30, 31, 32, 32})) // the VNets and on-premises
	return p.String()
}

// outsidePlace is a query source or destination on the internet: a tag, an
// External or PaaS endpoint, a public address the topology uses, Internet.
func (g *ogen) outsidePlace() string {
	var others []string
	for _, ep := range g.topo.Endpoints {
		if ep.Kind != "AmlCompute" {
			others = append(others, ep.Name)
		}
	}
	switch n := g.r.IntN(100); {
	case n < 30:
		return ogPick(g, ogTagNames)
	case n < 55 && len(others) > 0:
		return ogPick(g, others)
	case n < 90:
		return ogPick(g, []string{ogNodePublic, ogNodePublic2, ogApplianceSnat, ogGatewaySnat, "203.0.113.1", ogStray, "52.0.0.0/29"})
	}
	return "Internet"
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
