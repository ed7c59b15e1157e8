package sim

// The brute-force oracle: docs/semantics.md applied to one packet at a time
// with plain code (linear scans, concrete headers), written from the docs
// and not from the engine, so that the engine can be checked against it.
//
// Section numbers "§n" below are those of docs/semantics.md; "AS §n" are
// those of the design's azure-semantics.md.
//
// Interpretations of points the docs leave open (the code cites them by
// number):
//
//  1. Private (§1.4, §4, §5, §7): an address is private when it is in one of
//     the ranges AS §2 keeps out of Internet (10/8, 172.16/12, 192.168/16,
//     100.64/10, 127/8, 169.254/16, 224/4, 240/4, 0/8) or in a VNet's address
//     space; public otherwise. Azure's default outbound address is public.
//  2. Azure's default outbound address (§4) "never matches an IP rule": it
//     matches "*" (and a 0.0.0.0/0 prefix, which is the same set) and nothing
//     else: no other prefix, no tag (Internet included), no PaaS ipRule, no
//     bypass tag. Routes: only 0.0.0.0/0 routes contain it.
//  3. A NIC's address (§1.1) is a node's private address; a node's public
//     address as a source is on the internet.
//  4. The gateways a VNet uses (§2, §7, AS §2, AS §3): its own (by name), or,
//     when it has none, those of connected peers whose side allows gateway
//     transit while this side uses remote gateways. A user route to
//     VirtualNetworkGateway goes to the first of them (by name). Reaching a
//     remote gateway crosses no peering check.
//  5. Peering access (§8): a packet that a VNetPeering route (or an
//     InterfaceEndpoint route, interpretation 24) takes from A into B across
//     a peering whose either side disallows access is, at its delivery
//     there (to a NIC, to an appliance's own address or to a private
//     endpoint), admitted only when every NSG present allows it by a
//     user-written rule and at least one NSG is present; an NSG's deny
//     stays NsgDenied (the rule decides); anything else (a default rule's
//     allow, no NSG, a private endpoint without NSG policies) is
//     PeeringBlocked at A's peering when A's side disallows access, else
//     at B's. Reaching an appliance in B as a next hop is no delivery: no
//     restriction. Replies are not restricted (NSGs don't filter them); the
//     forwarded-traffic check applies to replies too (it is routing, not
//     filtering).
//  6. A public address shared by several nodes (§5 "each node is proved"):
//     the packet is delivered when it is delivered (with its reply) to every
//     node; otherwise the first failing node, in address order, decides.
//  7. From the internet (§5), a private address that is neither in a VNet
//     nor on-premises is NoRoute with ref "" (it is nowhere, AS §4).
//  8. AsymmetricReturn decided on the request's way out (§4: a private
//     source leaving through the edge) is not marked Reply; every failure
//     met while simulating the reply is (AsymmetricReturn included).
//  9. Waypoints (§10): the edge (once per crossing: leaving, or entering to
//     an endpoint), each appliance, each gateway (crossed between a VNet and
//     on-premises, either way), and on-premises' own internet egress when it
//     translates (Snat). A reply that reaches the internet is returned to
//     whoever translated its destination, which must be the next waypoint
//     to undo; an edge that translated nothing is simply re-entered. An edge
//     that translated a node's source returns the reply straight to that
//     address. A reply that bypasses waypoints, or ends anywhere but the
//     request's original source, is AsymmetricReturn naming the last route
//     the reply took ("" when it took none).
// 10. Loops (§11): a branch remembers each appliance and gateway it entered
//     (sent there by a route, or, for a gateway, entering from on-premises)
//     with the full header; entering one again with the same header is
//     RoutingLoop at the route that sent it there, checked before anything
//     else there (a waypoint mismatch, §7's gateway rules). The request and
//     its reply are separate branches.
// 11. On-premises (§7): a source in several gateways' prefixes belongs to the
//     first gateway by name; its own egress, when it drops, and a
//     destination it cannot reach are reported with ref "".
// 12. NotForwarded for a destination no NIC holds (§3) names the route that
//     sent it there; so do NoRoute for a private destination on the
//     internet side of the edge or of a gateway (§4, §7) and
//     OnPremisesDropped for traffic a route sent to the gateway.
// 13. A one-sided peering (cli-contract.md: PeeringBlocked covers "the
//     peering is missing on one side"; semantics.md is silent): when the
//     route chosen is a system route with next hop None or Internet and the
//     destination is in the space of a VNet that this VNet declares a
//     peering to, and which does not declare one back, the packet is
//     PeeringBlocked at this VNet's peering (the route it would have taken).
// 14. The host's own services ("The host's own services"): a packet to
//     168.63.129.16 or 169.254.169.254 from a source in a subnet (§1, cases
//     1 and 2) passes its outbound NSGs and is answered by the host, its
//     reply arriving: no route, waypoint or peering applies. From
//     on-premises or the internet they are ordinary addresses (§5, §7:
//     168.63.129.16 is public, 169.254.169.254 private). An outbound NSG
//     evaluates traffic to them with only its rules that name the address's
//     platform tag (AzurePlatformDNS for 168.63.129.16, AzurePlatformIMDS
//     for 169.254.169.254) on the destination side, matched as usual; when
//     none matches it passes, as "nsg:<nsg>:platform". Traffic from either
//     address is ordinary inbound traffic (every rule, default ones
//     included: 169.254.169.254 as a source is taken as 168.63.129.16 is).
//     As a source, they reach a host's private address (a NIC's, an
//     appliance's own, an Azure Firewall's) through its inbound NSGs (§3's
//     order), the reply arriving; any other destination (a private
//     endpoint, an internal frontend, an address no host holds, anything
//     outside the VNets) is NoRoute with ref "". The platform tags are
//     built in: AzurePlatformDNS, AzurePlatformIMDS and AzurePlatformLKM
//     (three internet addresses) hold their documented addresses whatever
//     the tag sources say.
// 15. An AKS scoring endpoint named as an intent place means its frontend:
//     the public address of a Public frontend, else its private address.
//     The built-in tag AzureLoadBalancer as a place is 168.63.129.16/32
//     (AS §2), the platform tags their addresses; VirtualNetwork and
//     Internet as places are left open.
// 16. Egress precedence (§4): the outbound rule of step 3 is the first, load
//     balancers in topology order and their rules in order, whose pool holds
//     the NIC and whose protocol takes the packet (Tcp, Udp as written; All
//     or none both); its frontends' addresses in the order the rule lists
//     them. Then the first load-balancing rule likewise. Step 3 is for Tcp
//     and Udp only ("port masquerade SNAT is only supported for TCP and UDP;
//     any other IP protocols including ICMP will also fail. Assign an
//     instance-level Public IP address to mitigate", Load Balancer
//     troubleshooting): other protocols from a pool member meet step 5.
//     Step 5's NoOutbound names the subnet, as step 7's does.
// 17. An AKS scoring endpoint whose frontend is Public (or which has a
//     publicIpAddress and no frontend, §5) leaves with that address at step
//     2; step 4's managed outbound address is the default outbound stand-in
//     (interpretation 2).
// 18. The Standard public IP rule (§5) also closes the NIC's private address
//     to the internet (reached because the endpoint has a public address);
//     its ref names the public address.
// 19. Same region (§9): a flow remembers the location of the VNet where its
//     source was last translated in Azure (the NIC's subnet at the edge,
//     whatever step 1-6 gave; an appliance's or firewall's subnet); on-
//     premises' Snat forgets it. Only a StorageAccount's IP rules are void
//     for it (the sentence is the storage firewall's). Locations compare as
//     servicetags.NormalizeRegion writes them.
// 20. Load balancers (§12): a rule or NAT rule of protocol All with a port
//     takes Tcp and Udp to that port; HA ports (All, 0 and 0) every Tcp and
//     Udp packet, nothing else (High availability ports overview).
//     The first NAT rule that takes the packet, then the first load-
//     balancing rule, in the order written. A NAT rule's target's first
//     node is its lowest address. A pool without nodes: NotExposed at the
//     frontend. A probe's packets are all its source ports; ProbeDenied
//     names the rule that denies the lowest source port of the first node's
//     probe. An internal frontend's nodes are reached directly (no routing
//     between the frontend and the node), keeping the peering mark of the
//     way the packet came.
// 21. Azure Firewall (§13): empty sourceAddresses match any source; ipProtocols
//     Any covers every protocol; destinationPorts constrain Tcp and Udp
//     only; destinationFqdns and targetFqdns match as model.MatchFqdn does;
//     a collection's rules are taken in order (the first that matches is
//     the ref). AzureFirewallSubnet takes no NSG: none is evaluated there.
//     Translation to a public source: with forcedTunneling the private
//     address, else a NAT gateway on its subnet, else its public addresses.
//     Entering from the internet at a public address crosses the edge (a
//     waypoint without translation). Its private address is an appliance's
//     own address: reached across a peering that restricts access, the
//     restriction comes first (§8), and no NSG can admit it. The platform
//     reaches it (delivered, no NSG). A reply whose destination is an
//     appliance's own address, when that appliance is the next waypoint to
//     cross back, reaches it there (§6).
// 22. Names (§14): an endpoint's names are its fqdns and, for a PaaS
//     service, the public name of each sub-resource of its kind; a name
//     belongs to the first endpoint (topology order) that has it. A sub-
//     resource's name resolves privately only to private endpoints of that
//     sub-resource (an fqdns name that is no sub-resource's public name
//     stands for the kind's usual one). The first DNS server listed decides:
//     in a VNet's address space, Azure's resolver in that VNet (the zones
//     linked to it; its own custom servers are not consulted again);
//     168.63.129.16, Azure's resolver of the asking VNet (from on-premises:
//     public); anything else, public. A source "in VNet V" is one in V's
//     address space. A private endpoint whose privateDnsZones key is written
//     empty registers nowhere. Before any zone is declared a name resolves
//     to all the service's private endpoints, of any sub-resource.
// 23. NameNotPrivate (§14): a refusal at a PaaS service's public side (over
//     the internet or over a service endpoint; by its firewall or by
//     publicNetworkAccess Disabled) of a flow whose name is one of the
//     service's names, when the service has private endpoints.
// 24. Private endpoints (§15): an InterfaceEndpoint route to a private
//     endpoint in a peer crosses the peering as a VNetPeering route does
//     (forwarded-traffic check, request or reply; access restriction,
//     request only). Without route-table
//     policies, a private endpoint's reply is routed as if its subnet had
//     no route table (no user routes; BGP routes kept, whatever the table's
//     disableBgpRoutePropagation).
// 25. Service endpoints (§9): Microsoft.Storage covers Storage.<region> and
//     Storage.<model.PairedRegion(region)>; Microsoft.Storage.Global the
//     bare Storage tag; any other its regional tag.

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// oracleVerdict is the oracle's answer for one packet.
type oracleVerdict struct {
	Delivered bool
	Reason    model.Reason
	Ref       string
	Reply     bool
}

func (v oracleVerdict) String() string {
	if v.Delivered {
		return "Delivered"
	}
	s := fmt.Sprintf("%s ref=%q", v.Reason, v.Ref)
	if v.Reply {
		s += " (reply)"
	}
	return s
}

var (
	// oDefaultOutbound stands for Azure's default outbound address, which
	// no rule can name (interpretation 2): an IPv6 address, so that no IPv4
	// prefix contains it by accident.
	oDefaultOutbound   = netip.MustParseAddr("fd00::de:fa:17")
	oAzureLoadBalancer = netip.MustParseAddr("168.63.129.16")
	oInstanceMetadata  = netip.MustParseAddr("169.254.169.254")
	oAllIPv4           = netip.MustParsePrefix("0.0.0.0/0")
	// oNotInternet are the ranges AS §2 keeps out of Internet.
	oNotInternet = oPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
		"127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "0.0.0.0/8")
	// oReservedNone are the system routes with next hop None (AS §3), and
	// the IANA private ranges an Azure Firewall does not translate for (§13).
	oReservedNone = oPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
	// oPlatformTags are the built-in platform tags ("The host's own
	// services"; interpretation 14).
	oPlatformTags = map[string][]netip.Prefix{
		"azureplatformdns":  oPrefixes("168.63.129.16/32"),
		"azureplatformimds": oPrefixes("169.254.169.254/32"),
		"azureplatformlkm":  oPrefixes("20.118.99.224/32", "40.83.235.53/32", "23.102.135.246/32"),
	}
)

// oHopInterfaceEndpoint is the next hop of a private endpoint's /32 route (§15).
const oHopInterfaceEndpoint model.NextHopType = "InterfaceEndpoint"

// oIsPlatform: an address of the host's own services (interpretation 14).
func oIsPlatform(a netip.Addr) bool { return a == oAzureLoadBalancer || a == oInstanceMetadata }

// oPlatformTag is the platform tag that names a, "" for none.
func oPlatformTag(a netip.Addr) string {
	switch a {
	case oAzureLoadBalancer:
		return "AzurePlatformDNS"
	case oInstanceMetadata:
		return "AzurePlatformIMDS"
	}
	return ""
}

func oPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// oPrefixContains is Prefix.Contains, with the default outbound address in
// 0.0.0.0/0 only (interpretation 2).
func oPrefixContains(p netip.Prefix, a netip.Addr) bool {
	if a == oDefaultOutbound {
		return p == oAllIPv4
	}
	return p.Contains(a)
}

func oAnyContains(ps []netip.Prefix, a netip.Addr) bool {
	for _, p := range ps {
		if oPrefixContains(p, a) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// The topology, indexed by plain loops.

type oracle struct {
	t        *model.Topology
	vnets    []*oVNet
	subnets  []*oSubnet // declared subnets, then a stand-in GatewaySubnet where a gateway's VNet declares none
	nics     []*oNIC    // one per node address, sorted by address
	apps     []*oAppliance
	paas     []*oPaaS
	gateways []*oGateway // sorted by name
	nats     []*oNatGateway
	fronts   []*oFrontend // load-balancer frontends
	zones    bool         // the topology declares privateDnsZones (§14)
	probes   map[oProbeKey]oRuleHit
}

type oVNet struct {
	name     string
	m        *model.VNet
	space    []netip.Prefix
	location string
}

type oSubnet struct {
	id       string // "vnet/subnet"
	vnet     *oVNet
	m        *model.Subnet // nil for a stand-in GatewaySubnet
	prefix   netip.Prefix
	declared bool
	nsg      *model.NetworkSecurityGroup
	rt       *model.RouteTable
	routes   []oRoute       // the effective routes (AS §3)
	vnetTag  []netip.Prefix // VirtualNetwork as this subnet sees it (AS §2)
	nat      *oNatGateway
}

type oNIC struct {
	ep     *model.Endpoint
	addr   netip.Addr
	subnet *oSubnet
	nsg    *model.NetworkSecurityGroup
	public netip.Addr // invalid when the endpoint has no public address
}

type oAppliance struct {
	m      *model.Appliance
	addr   netip.Addr
	subnet *oSubnet
	snat   netip.Addr // invalid without SNAT (a plain NVA)
	// Azure Firewall (§13).
	fw      bool
	publics []netip.Addr
	private []netip.Prefix // the destinations it does not translate for
	forced  bool
}

// nsg is the NSG of the appliance's subnet; AzureFirewallSubnet takes
// none (interpretation 21).
func (a *oAppliance) nsg() *model.NetworkSecurityGroup {
	if a.fw {
		return nil
	}
	return a.subnet.nsg
}

type oPaaS struct {
	m      *model.Endpoint
	public netip.Addr
	pes    []*oPrivateEndpoint
}

type oPrivateEndpoint struct {
	m      *model.PrivateEndpoint
	paas   *oPaaS
	addr   netip.Addr
	subnet *oSubnet
	view   *oSubnet // its subnet as its reply sees it (interpretation 24)
}

type oGateway struct {
	m      *model.Gateway
	name   string
	vnet   *oVNet
	onPrem []netip.Prefix
	snat   netip.Addr // invalid unless internetEgress Snat
}

type oNatGateway struct {
	name  string
	addrs []netip.Addr // publicIpAddresses, then every address of publicIpPrefixes (§4)
}

// oFrontend is a load balancer's frontend (§12).
type oFrontend struct {
	lb     *model.LoadBalancer
	m      *model.LBFrontend
	addr   netip.Addr
	public bool
	subnet *oSubnet // internal frontends
}

func newOracle(t *model.Topology) *oracle {
	o := &oracle{t: t, zones: len(t.PrivateDNSZones) > 0, probes: map[oProbeKey]oRuleHit{}}
	for _, n := range t.NatGateways {
		on := &oNatGateway{name: n.Name}
		for _, s := range n.PublicIPAddresses {
			if a := oParseAddr(s); a.IsValid() {
				on.addrs = append(on.addrs, a)
			}
		}
		for _, p := range oParseAll(n.PublicIPPrefixes) {
			for a := p.Addr(); p.Contains(a); a = a.Next() {
				on.addrs = append(on.addrs, a)
			}
		}
		o.nats = append(o.nats, on)
	}
	for _, v := range t.VNets {
		ov := &oVNet{name: v.Name, m: v, space: oParseAll(v.AddressSpace), location: cmp.Or(v.Location, t.Location)}
		o.vnets = append(o.vnets, ov)
		for _, s := range v.Subnets {
			o.subnets = append(o.subnets, &oSubnet{
				id: s.ID(), vnet: ov, m: s, prefix: oParse(s.AddressPrefix), declared: true,
				nsg: oNSG(t, s.NetworkSecurityGroup), rt: oRouteTable(t, s.RouteTable), nat: o.natGateway(s.NatGateway),
			})
		}
	}
	for _, g := range t.Gateways {
		og := &oGateway{m: g, name: g.Name, vnet: o.vnet(g.VNet)}
		if g.OnPremises != nil {
			og.onPrem = oParseAll(g.OnPremises.AddressPrefixes)
			if g.OnPremises.InternetEgress == model.EgressSnat {
				og.snat = oParseAddr(g.OnPremises.SnatAddress)
			}
		}
		if og.vnet == nil {
			continue
		}
		o.gateways = append(o.gateways, og)
		if o.subnet(g.VNet+"/GatewaySubnet") == nil {
			o.subnets = append(o.subnets, &oSubnet{id: g.VNet + "/GatewaySubnet", vnet: og.vnet})
		}
	}
	slices.SortFunc(o.gateways, func(a, b *oGateway) int { return strings.Compare(a.name, b.name) })
	for _, a := range t.Appliances {
		oa := &oAppliance{m: a, addr: oParseAddr(a.PrivateIPAddress), subnet: o.subnet(a.Subnet)}
		if a.IsAzureFirewall() {
			oa.fw, oa.forced, oa.private = true, a.ForcedTunneling, oReservedNone
			for _, s := range a.PublicIPAddresses {
				if p := oParseAddr(s); p.IsValid() {
					oa.publics = append(oa.publics, p)
				}
			}
			if a.Snat != nil && len(a.Snat.PrivateRanges) > 0 {
				oa.private = nil
				for _, r := range a.Snat.PrivateRanges {
					if strings.EqualFold(r, "IANAPrivateRanges") {
						oa.private = append(oa.private, oReservedNone...)
					} else if p := oParse(r); p.IsValid() {
						oa.private = append(oa.private, p)
					}
				}
			}
		} else if a.Snat != nil {
			oa.snat = oParseAddr(a.Snat.PublicIPAddress)
		}
		if oa.subnet != nil {
			o.apps = append(o.apps, oa)
		}
	}
	for _, ep := range t.Endpoints {
		switch {
		case ep.Kind.HasNodes() || ep.Kind == model.AksScoring:
			s := o.subnet(ep.Subnet)
			if s == nil {
				continue
			}
			for _, a := range oNodeAddrs(ep, s.prefix) {
				o.nics = append(o.nics, &oNIC{ep: ep, addr: a, subnet: s, nsg: oNSG(t, ep.NetworkSecurityGroup), public: oEndpointPublic(ep)})
			}
		case ep.Kind.IsPaaS():
			p := &oPaaS{m: ep, public: oParseAddr(ep.PublicIPAddress)}
			if !p.public.IsValid() {
				// §9: defaulting to the first address of its regional service tag.
				if tag, ok := t.Tags.Regional(ep.Kind.ServiceTagBase(), cmp.Or(ep.Location, t.Location)); ok {
					if ps := oIPv4(tag.Prefixes); len(ps) > 0 {
						p.public = ps[0].Addr()
					}
				}
			}
			for _, pe := range ep.PrivateEndpoints {
				if s := o.subnet(pe.Subnet); s != nil {
					p.pes = append(p.pes, &oPrivateEndpoint{m: pe, paas: p, addr: oParseAddr(pe.PrivateIPAddress), subnet: s})
				}
			}
			o.paas = append(o.paas, p)
		}
	}
	for _, lb := range t.LoadBalancers {
		for _, f := range lb.FrontendIPConfigurations {
			of := &oFrontend{lb: lb, m: f, addr: oParseAddr(f.PublicIPAddress), public: true}
			if !of.addr.IsValid() {
				of.addr, of.public, of.subnet = oParseAddr(f.PrivateIPAddress), false, o.subnet(f.Subnet)
			}
			if of.addr.IsValid() {
				o.fronts = append(o.fronts, of)
			}
		}
	}
	slices.SortFunc(o.nics, func(a, b *oNIC) int { return a.addr.Compare(b.addr) })
	for _, s := range o.subnets {
		s.vnetTag = o.virtualNetworkTag(s)
	}
	for _, s := range o.subnets {
		s.routes = o.effectiveRoutes(s, s.rt)
	}
	for _, p := range o.paas {
		for _, pe := range p.pes {
			pe.view = pe.subnet
			if s := pe.subnet; s.rt != nil && !oPolicies(s).UDRApplies() {
				view := *s
				view.rt, view.routes = nil, o.effectiveRoutes(s, nil) // interpretation 24
				pe.view = &view
			}
		}
	}
	return o
}

func oParse(s string) netip.Prefix {
	p, err := model.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}
	}
	return p
}

func oParseAll(ss []string) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range ss {
		if p := oParse(s); p.IsValid() {
			out = append(out, p)
		}
	}
	return out
}

func oParseAddr(s string) netip.Addr {
	if s == "" {
		return netip.Addr{}
	}
	a, err := model.ParseAddr(s)
	if err != nil {
		return netip.Addr{}
	}
	return a
}

func oIPv4(ps []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range ps {
		if p.Addr().Is4() {
			out = append(out, p)
		}
	}
	return out
}

func oNSG(t *model.Topology, name string) *model.NetworkSecurityGroup {
	if name == "" {
		return nil
	}
	return t.NSG(name)
}

func oRouteTable(t *model.Topology, name string) *model.RouteTable {
	if name == "" {
		return nil
	}
	return t.RouteTable(name)
}

// oNodeAddrs: the explicit addresses, else nodeCount (at least one)
// addresses from the fifth of the subnet on, never its last (Azure reserves
// the first four and the last; topology-format.md, AS §8).
func oNodeAddrs(ep *model.Endpoint, p netip.Prefix) []netip.Addr {
	if ep.Kind == model.AksScoring {
		if a := oParseAddr(ep.PrivateIPAddress); a.IsValid() {
			return []netip.Addr{a}
		}
		return nil
	}
	var out []netip.Addr
	for _, s := range ep.IPAddresses {
		if a := oParseAddr(s); a.IsValid() {
			out = append(out, a)
		}
	}
	if len(out) > 0 {
		return out
	}
	a := p.Addr()
	for range 4 {
		a = a.Next()
	}
	for range max(ep.NodeCount, 1) {
		if !p.Contains(a) || !p.Contains(a.Next()) {
			break
		}
		out = append(out, a)
		a = a.Next()
	}
	return out
}

// oEndpointPublic is a compute endpoint's public address: publicIpAddress,
// or an AKS scoring Public frontend.
func oEndpointPublic(ep *model.Endpoint) netip.Addr {
	if ep.Kind == model.AksScoring && ep.Frontend == model.InternalFrontend {
		return netip.Addr{} // §5: a publicIpAddress and no frontend is Public
	}
	return oParseAddr(ep.PublicIPAddress)
}

func (o *oracle) vnet(name string) *oVNet {
	for _, v := range o.vnets {
		if v.name == name {
			return v
		}
	}
	return nil
}

func (o *oracle) subnet(id string) *oSubnet {
	for _, s := range o.subnets {
		if s.id == id {
			return s
		}
	}
	return nil
}

// subnetHolding is the declared subnet whose prefix holds a.
func (o *oracle) subnetHolding(a netip.Addr) *oSubnet {
	for _, s := range o.subnets {
		if s.declared && s.prefix.Contains(a) {
			return s
		}
	}
	return nil
}

func (o *oracle) vnetHolding(a netip.Addr) *oVNet {
	for _, v := range o.vnets {
		if oAnyContains(v.space, a) {
			return v
		}
	}
	return nil
}

func (o *oracle) nicAt(a netip.Addr) *oNIC {
	for _, n := range o.nics {
		if n.addr == a {
			return n
		}
	}
	return nil
}

// nicsOf are an endpoint's NICs, in address order.
func (o *oracle) nicsOf(ep *model.Endpoint) []*oNIC {
	var out []*oNIC
	for _, n := range o.nics {
		if n.ep == ep {
			out = append(out, n)
		}
	}
	return out
}

// nicsWithPublic are the NICs of the endpoint whose public address is a.
func (o *oracle) nicsWithPublic(a netip.Addr) []*oNIC {
	var out []*oNIC
	for _, n := range o.nics {
		if n.public.IsValid() && n.public == a {
			out = append(out, n)
		}
	}
	return out
}

func (o *oracle) applianceAt(a netip.Addr) *oAppliance {
	for _, ap := range o.apps {
		if ap.addr == a {
			return ap
		}
	}
	return nil
}

// oFind is the first item that is, nil when none is.
func oFind[T any](items []*T, is func(*T) bool) *T {
	for _, it := range items {
		if is(it) {
			return it
		}
	}
	return nil
}

// firewallWithPublic is the Azure Firewall with public address a.
func (o *oracle) firewallWithPublic(a netip.Addr) *oAppliance {
	return oFind(o.apps, func(ap *oAppliance) bool { return slices.Contains(ap.publics, a) })
}

func (o *oracle) natGateway(name string) *oNatGateway {
	return oFind(o.nats, func(n *oNatGateway) bool { return name != "" && n.name == name })
}

// natGatewayWith is the NAT gateway one of whose addresses is a.
func (o *oracle) natGatewayWith(a netip.Addr) *oNatGateway {
	return oFind(o.nats, func(n *oNatGateway) bool { return slices.Contains(n.addrs, a) })
}

// frontendAt is the load-balancer frontend at a, public or internal.
func (o *oracle) frontendAt(a netip.Addr, public bool) *oFrontend {
	return oFind(o.fronts, func(f *oFrontend) bool { return f.addr == a && f.public == public })
}

func (o *oracle) applianceNamed(name string) *oAppliance {
	for _, ap := range o.apps {
		if ap.m.Name == name {
			return ap
		}
	}
	return nil
}

func (o *oracle) gatewayNamed(name string) *oGateway {
	for _, g := range o.gateways {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (o *oracle) privateEndpointAt(a netip.Addr) *oPrivateEndpoint {
	for _, p := range o.paas {
		for _, pe := range p.pes {
			if pe.addr == a {
				return pe
			}
		}
	}
	return nil
}

func (o *oracle) paasWithPublic(a netip.Addr) *oPaaS {
	for _, p := range o.paas {
		if p.public.IsValid() && p.public == a {
			return p
		}
	}
	return nil
}

// isPublic: interpretation 1.
func (o *oracle) isPublic(a netip.Addr) bool {
	if a == oDefaultOutbound {
		return true
	}
	return !oAnyContains(oNotInternet, a) && o.vnetHolding(a) == nil
}

// peering is a's peering to b when both sides declare it (AS §5), else nil.
func (o *oracle) peering(a, b *oVNet) *model.Peering {
	mine, theirs := oPeeringTo(a, b), oPeeringTo(b, a)
	if mine == nil || theirs == nil {
		return nil
	}
	return mine
}

func oPeeringTo(a, b *oVNet) *model.Peering {
	for _, p := range a.m.Peerings {
		if p.RemoteVirtualNetwork == b.name {
			return p
		}
	}
	return nil
}

// halfPeering is the ref of v's peering to a VNet holding a that does not
// declare one back (interpretation 13), else "".
func (o *oracle) halfPeering(v *oVNet, a netip.Addr) string {
	for _, p := range v.m.Peerings {
		if r := o.vnet(p.RemoteVirtualNetwork); r != nil && oPeeringTo(r, v) == nil && oAnyContains(r.space, a) {
			return "peering:" + v.name + ":" + p.Name
		}
	}
	return ""
}

// accessRestriction is the ref of the side of the connected peering
// between a and b that disallows access, a's first; "" when both allow it
// (§8, interpretation 5).
func (o *oracle) accessRestriction(a, b *oVNet) string {
	for _, side := range [][2]*oVNet{{a, b}, {b, a}} {
		if p := o.peering(side[0], side[1]); !p.AllowsAccess() {
			return "peering:" + side[0].name + ":" + p.Name
		}
	}
	return ""
}

// peers are the VNets connected to v, in the order v declares them.
func (o *oracle) peers(v *oVNet) []*oVNet {
	var out []*oVNet
	for _, p := range v.m.Peerings {
		if r := o.vnet(p.RemoteVirtualNetwork); r != nil && r != v && o.peering(v, r) == p && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// gatewaysUsedBy: interpretation 4.
func (o *oracle) gatewaysUsedBy(v *oVNet) []*oGateway {
	var own, remote []*oGateway
	for _, g := range o.gateways {
		if g.vnet == v {
			own = append(own, g)
		}
	}
	if len(own) > 0 {
		return own
	}
	for _, g := range o.gateways {
		if g.vnet == v || o.peering(v, g.vnet) == nil {
			continue
		}
		if o.peering(v, g.vnet).UseRemoteGateways && o.peering(g.vnet, v).AllowGatewayTransit {
			remote = append(remote, g)
		}
	}
	return remote
}

// behindGateway reports whether a is in a VNet that uses g (§7).
func (o *oracle) behindGateway(g *oGateway, a netip.Addr) bool {
	v := o.vnetHolding(a)
	return v != nil && slices.Contains(o.gatewaysUsedBy(v), g)
}

// gatewaySubnet is where traffic from on-premises is routed (§7).
func (o *oracle) gatewaySubnet(g *oGateway) *oSubnet {
	return o.subnet(g.vnet.name + "/GatewaySubnet")
}

// onPremGateway is the gateway whose on-premises prefixes hold a, the first
// by name (interpretation 11).
func (o *oracle) onPremGateway(a netip.Addr) *oGateway {
	for _, g := range o.gateways {
		if oAnyContains(g.onPrem, a) {
			return g
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Service tags and address expressions (AS §2).

func (o *oracle) tagPrefixes(name string) []netip.Prefix {
	tag, ok := o.t.Tags.Lookup(name)
	if !ok {
		return nil
	}
	return oIPv4(tag.Prefixes)
}

// virtualNetworkTag: the VNet's space, the spaces of connected peers whose
// side (this VNet's) allows access, the on-premises prefixes of the
// gateways the VNet uses, and the prefixes of the subnet's user routes.
func (o *oracle) virtualNetworkTag(s *oSubnet) []netip.Prefix {
	v := s.vnet
	out := slices.Clone(v.space)
	for _, r := range o.peers(v) {
		if o.accessRestriction(v, r) == "" {
			out = append(out, r.space...)
		}
	}
	for _, g := range o.gatewaysUsedBy(v) {
		out = append(out, g.onPrem...)
	}
	if s.rt != nil {
		for _, r := range s.rt.Routes {
			ps, _ := o.routePrefixes(r.AddressPrefix)
			out = append(out, ps...)
		}
	}
	return out
}

// inInternet: the complement of VirtualNetwork minus the ranges of AS §2;
// never the default outbound address (interpretation 2).
// The default outbound address is a public Azure address: in Internet.
func (o *oracle) inInternet(s *oSubnet, a netip.Addr) bool {
	return a == oDefaultOutbound || (!oAnyContains(s.vnetTag, a) && !oAnyContains(oNotInternet, a))
}

// exprContains decides whether a rule's address expression, seen from
// subnet s, holds a.
func (o *oracle) exprContains(expr string, s *oSubnet, a netip.Addr) bool {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return false
	}
	switch e.Kind {
	case model.ExprAny:
		return true
	case model.ExprPrefix:
		return oPrefixContains(e.Prefix, a)
	case model.ExprName:
		if a == oDefaultOutbound {
			return strings.EqualFold(e.Name, "Internet") // the one name that covers it
		}
		switch {
		case strings.EqualFold(e.Name, "VirtualNetwork"):
			return oAnyContains(s.vnetTag, a)
		case strings.EqualFold(e.Name, "Internet"):
			return o.inInternet(s, a)
		case strings.EqualFold(e.Name, "AzureLoadBalancer"):
			return a == oAzureLoadBalancer
		}
		if ps, ok := oPlatformTags[strings.ToLower(e.Name)]; ok {
			return oAnyContains(ps, a)
		}
		return oAnyContains(o.tagPrefixes(e.Name), a)
	}
	return false
}

// inASG reports whether a is a NIC of an endpoint in one of the groups.
func (o *oracle) inASG(a netip.Addr, groups []string) bool {
	n := o.nicAt(a)
	if n == nil {
		return false
	}
	for _, g := range groups {
		if slices.Contains(n.ep.ApplicationSecurityGroups, g) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// NSG and appliance rules (AS §1, §6).

// oDefaultRules are Azure's six default rules, with the API's names.
var oDefaultRules = []*model.SecurityRule{
	oDefaultRule("AllowVnetInBound", model.Inbound, 65000, "VirtualNetwork", "VirtualNetwork", model.Allow),
	oDefaultRule("AllowAzureLoadBalancerInBound", model.Inbound, 65001, "AzureLoadBalancer", "*", model.Allow),
	oDefaultRule("DenyAllInBound", model.Inbound, 65500, "*", "*", model.Deny),
	oDefaultRule("AllowVnetOutBound", model.Outbound, 65000, "VirtualNetwork", "VirtualNetwork", model.Allow),
	oDefaultRule("AllowInternetOutBound", model.Outbound, 65001, "*", "Internet", model.Allow),
	oDefaultRule("DenyAllOutBound", model.Outbound, 65500, "*", "*", model.Deny),
}

func oDefaultRule(name string, dir model.Direction, prio int, src, dst string, access model.Access) *model.SecurityRule {
	return &model.SecurityRule{Name: name, Priority: prio, Direction: dir, Access: access, RuleMatch: model.RuleMatch{
		Protocol: model.AnyProtocol, SourceAddressPrefix: src, DestinationAddressPrefix: dst,
		SourcePortRange: "*", DestinationPortRange: "*",
	}}
}

func oPorted(p hs.Proto) bool { return p == hs.Tcp || p == hs.Udp }

func oPortsContain(ranges []string, port uint16) bool {
	for _, s := range ranges {
		r, err := model.ParsePortRange(s)
		if err == nil && r.Lo <= port && port <= r.Hi {
			return true
		}
	}
	return false
}

// sideMatches: one side of a rule, its prefixes (when any) and its
// application security groups (when any).
func (o *oracle) sideMatches(exprs, asgs []string, s *oSubnet, a netip.Addr) bool {
	if len(exprs) > 0 && !slices.ContainsFunc(exprs, func(e string) bool { return o.exprContains(e, s, a) }) {
		return false
	}
	return len(asgs) == 0 || o.inASG(a, asgs)
}

func (o *oracle) ruleMatches(m *model.RuleMatch, s *oSubnet, p oPacket) bool {
	if m.Protocol != "" && m.Protocol != model.AnyProtocol && string(m.Protocol) != p.proto.String() {
		return false
	}
	if !o.sideMatches(m.Sources(), m.SourceApplicationSecurityGroups, s, p.src) ||
		!o.sideMatches(m.Destinations(), m.DestinationApplicationSecurityGroups, s, p.dst) {
		return false
	}
	if oPorted(p.proto) {
		return oPortsContain(m.SourcePorts(), p.sport) && oPortsContain(m.DestinationPorts(), p.dport)
	}
	return true
}

// oRuleHit is the rule that decided.
type oRuleHit struct {
	allow bool
	ref   string
	user  bool // a user-written rule, not a default one
}

// nsgEval runs one NSG in one direction: its rules and the default ones by
// ascending priority, the first match decides. s is the subnet the NSG is
// seen from (for VirtualNetwork and Internet). Traffic to the host's own
// services sees only the rules that name its platform tag on the
// destination side, and passes when none matches (interpretation 14).
func (o *oracle) nsgEval(nsg *model.NetworkSecurityGroup, s *oSubnet, dir model.Direction, p oPacket) oRuleHit {
	platform := dir == model.Outbound && oIsPlatform(p.dst)
	var rules []*model.SecurityRule
	for _, r := range nsg.SecurityRules {
		if r.Direction == dir {
			rules = append(rules, r)
		}
	}
	for _, r := range oDefaultRules {
		if r.Direction == dir {
			rules = append(rules, r)
		}
	}
	slices.SortStableFunc(rules, func(a, b *model.SecurityRule) int { return cmp.Compare(a.Priority, b.Priority) })
	for _, r := range rules {
		if platform && !slices.ContainsFunc(r.Destinations(), func(e string) bool { return strings.EqualFold(e, oPlatformTag(p.dst)) }) {
			continue
		}
		if o.ruleMatches(&r.RuleMatch, s, p) {
			return oRuleHit{allow: r.Access == model.Allow, ref: "nsg:" + nsg.Name + ":" + r.Name, user: !slices.Contains(oDefaultRules, r)}
		}
	}
	if platform {
		return oRuleHit{allow: true, ref: "nsg:" + nsg.Name + ":platform"}
	}
	panic("oracle: no NSG rule matched, not even a default one")
}

// applianceAllows runs an appliance's rules by priority, then its
// defaultAction (Allow when absent, §6).
func (o *oracle) applianceAllows(a *oAppliance, p oPacket) oRuleHit {
	rules := slices.Clone(a.m.Rules)
	slices.SortStableFunc(rules, func(x, y *model.ApplianceRule) int { return cmp.Compare(x.Priority, y.Priority) })
	for _, r := range rules {
		if o.ruleMatches(&r.RuleMatch, a.subnet, p) {
			return oRuleHit{allow: r.Access == model.Allow, ref: "appliance:" + a.m.Name + ":" + r.Name}
		}
	}
	return oRuleHit{allow: a.m.DefaultAction != model.Deny, ref: "appliance:" + a.m.Name + ":default"}
}
