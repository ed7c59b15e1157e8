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
//  5. Peering access (§8): a packet that a VNetPeering route takes from A,
//     whose side disallows access, into B is, at its delivery there (to a
//     NIC, to an appliance's own address or to a private endpoint), admitted
//     only when every NSG present allows it by a user-written rule and at
//     least one NSG is present; an NSG's deny stays NsgDenied (the rule
//     decides); anything else (a default rule's allow, no NSG, a private
//     endpoint) is PeeringBlocked at A's peering. Reaching
//     an appliance in B as a next hop is no delivery: no restriction. Replies
//     are not restricted (NSGs don't filter them); the forwarded-traffic
//     check applies to replies too (it is routing, not filtering).
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
//     168.63.129.16 is public, 169.254.169.254 private). An NSG evaluates
//     traffic to them (outbound) or from them (inbound) with only its rules
//     that name AzureLoadBalancer on that side (user or default), matched
//     as usual (the tag holds 168.63.129.16 only, AS §2); when none matches
//     it passes, as "nsg:<nsg>:platform". As a source, they reach a host's
//     private address (a NIC's, an appliance's own) through its inbound
//     NSGs (§3's order), the reply arriving; any other destination
//     (a private endpoint, an address no host holds, anything outside the
//     VNets) is NoRoute with ref "".
// 15. An AKS scoring endpoint named as an intent place means its frontend:
//     the public address of a Public frontend, else its private address.
//     The built-in tag AzureLoadBalancer as a place is 168.63.129.16/32
//     (AS §2); VirtualNetwork and Internet as places are left open.

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
	// oReservedNone are the system routes with next hop None (AS §3).
	oReservedNone = oPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
)

// oIsPlatform: an address of the host's own services (interpretation 14).
func oIsPlatform(a netip.Addr) bool { return a == oAzureLoadBalancer || a == oInstanceMetadata }

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
	snat   netip.Addr // invalid without SNAT
}

type oPaaS struct {
	m      *model.Endpoint
	public netip.Addr
	pes    []oPrivateEndpoint
}

type oPrivateEndpoint struct {
	addr   netip.Addr
	subnet *oSubnet
}

type oGateway struct {
	m      *model.Gateway
	name   string
	vnet   *oVNet
	onPrem []netip.Prefix
	snat   netip.Addr // invalid unless internetEgress Snat
}

func newOracle(t *model.Topology) *oracle {
	o := &oracle{t: t}
	for _, v := range t.VNets {
		ov := &oVNet{name: v.Name, m: v, space: oParseAll(v.AddressSpace), location: cmp.Or(v.Location, t.Location)}
		o.vnets = append(o.vnets, ov)
		for _, s := range v.Subnets {
			o.subnets = append(o.subnets, &oSubnet{
				id: s.ID(), vnet: ov, m: s, prefix: oParse(s.AddressPrefix), declared: true,
				nsg: oNSG(t, s.NetworkSecurityGroup), rt: oRouteTable(t, s.RouteTable),
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
		if a.Snat != nil {
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
					p.pes = append(p.pes, oPrivateEndpoint{addr: oParseAddr(pe.PrivateIPAddress), subnet: s})
				}
			}
			o.paas = append(o.paas, p)
		}
	}
	slices.SortFunc(o.nics, func(a, b *oNIC) int { return a.addr.Compare(b.addr) })
	for _, s := range o.subnets {
		s.routes = o.effectiveRoutes(s)
		s.vnetTag = o.virtualNetworkTag(s)
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
	if ep.Kind == model.AksScoring && ep.Frontend != model.PublicFrontend {
		return netip.Addr{}
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
		for i := range p.pes {
			if p.pes[i].addr == a {
				return &p.pes[i]
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
		if o.peering(v, r).AllowsAccess() {
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
// seen from (for VirtualNetwork and Internet). Traffic to (outbound) or
// from (inbound) the host's own services sees only the rules naming
// AzureLoadBalancer on that side, and passes when none matches
// (interpretation 14).
func (o *oracle) nsgEval(nsg *model.NetworkSecurityGroup, s *oSubnet, dir model.Direction, p oPacket) oRuleHit {
	platform := (dir == model.Outbound && oIsPlatform(p.dst)) || (dir == model.Inbound && oIsPlatform(p.src))
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
		if platform && !oNamesPlatform(&r.RuleMatch, dir) {
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

// oNamesPlatform reports whether a rule names AzureLoadBalancer on the side
// of the host's own services: the destination outbound, the source inbound.
func oNamesPlatform(m *model.RuleMatch, dir model.Direction) bool {
	side := m.Sources()
	if dir == model.Outbound {
		side = m.Destinations()
	}
	return slices.ContainsFunc(side, func(e string) bool { return strings.EqualFold(e, "AzureLoadBalancer") })
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

// ---------------------------------------------------------------------------
// Effective routes (§2, AS §3).

const (
	oSourceDefault = iota
	oSourceBGP
	oSourceUser
)

type oRoute struct {
	prefix  netip.Prefix
	source  int // oSourceDefault, oSourceBGP, oSourceUser
	tagRank int // user routes: 0 explicit prefix, 1 regional tag, 2 global tag
	hop     model.NextHopType
	nextHop netip.Addr // VirtualAppliance
	gateway *oGateway  // BGP routes
	peer    *oVNet     // VNetPeering
	ref     string
}

// routePrefixes expands a user route's addressPrefix, with its tag rank.
func (o *oracle) routePrefixes(expr string) ([]netip.Prefix, int) {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return nil, 0
	}
	switch e.Kind {
	case model.ExprPrefix:
		return []netip.Prefix{e.Prefix}, 0
	case model.ExprName:
		rank := 2
		if strings.Contains(e.Name, ".") {
			rank = 1
		}
		return o.tagPrefixes(e.Name), rank
	}
	return nil, 0
}

func (o *oracle) effectiveRoutes(s *oSubnet) []oRoute {
	v := s.vnet
	var system, bgp, user []oRoute
	sys := func(p netip.Prefix, hop model.NextHopType, peer *oVNet) {
		system = append(system, oRoute{prefix: p, source: oSourceDefault, hop: hop, peer: peer, ref: "system:" + s.id + ":" + p.String()})
	}
	for _, p := range v.space {
		sys(p, model.HopVnetLocal, nil)
	}
	sys(oAllIPv4, model.HopInternet, nil)
	defaultOverridden := false
	if s.rt != nil {
		for _, r := range s.rt.Routes {
			ps, rank := o.routePrefixes(r.AddressPrefix)
			for _, p := range ps {
				user = append(user, oRoute{prefix: p, source: oSourceUser, tagRank: rank, hop: r.NextHopType,
					nextHop: oParseAddr(r.NextHopIPAddress), ref: "route:" + s.rt.Name + ":" + r.Name})
				defaultOverridden = defaultOverridden || p == oAllIPv4
			}
		}
	}
	if s.rt == nil || !s.rt.DisableBgpRoutePropagation {
		for _, g := range o.gatewaysUsedBy(v) {
			ps := slices.Clone(g.onPrem)
			if g.m.OnPremises != nil && g.m.OnPremises.AdvertiseDefaultRoute {
				ps = append(ps, oAllIPv4)
				defaultOverridden = true
			}
			for _, p := range ps {
				bgp = append(bgp, oRoute{prefix: p, source: oSourceBGP, hop: model.HopVirtualNetworkGateway, gateway: g, ref: "bgp:" + g.name + ":" + p.String()})
			}
		}
	}
	for _, r := range oReservedNone {
		if !defaultOverridden && !slices.ContainsFunc(v.space, func(q netip.Prefix) bool { return q.Bits() <= r.Bits() && q.Contains(r.Addr()) }) {
			sys(r, model.HopNone, nil)
		}
	}
	for _, peer := range o.peers(v) {
		for _, p := range peer.space {
			sys(p, model.HopVNetPeering, peer)
		}
	}
	if s.m != nil {
		for _, se := range s.m.ServiceEndpoints {
			base := model.ServiceEndpointTags[se]
			if base == "" {
				continue
			}
			if tag, ok := o.t.Tags.Regional(base, v.location); ok {
				for _, p := range oIPv4(tag.Prefixes) {
					sys(p, model.HopVirtualNetworkServiceEndpoint, nil)
				}
			}
		}
	}
	return slices.Concat(system, bgp, user)
}

// selectRoute: service-endpoint routes win outright; otherwise, among the
// routes holding dst, gateway routes are ignored when a VnetLocal or
// VNetPeering system route holds it; then the longest prefix, then User >
// BGP > Default, then explicit prefix > regional tag > global tag, then the
// earlier route.
func (o *oracle) selectRoute(s *oSubnet, dst netip.Addr) *oRoute {
	var holding []*oRoute
	for i := range s.routes {
		if oPrefixContains(s.routes[i].prefix, dst) {
			holding = append(holding, &s.routes[i])
		}
	}
	if se := oFilter(holding, func(r *oRoute) bool { return r.hop == model.HopVirtualNetworkServiceEndpoint }); len(se) > 0 {
		holding = se
	}
	if slices.ContainsFunc(holding, func(r *oRoute) bool {
		return r.source == oSourceDefault && (r.hop == model.HopVnetLocal || r.hop == model.HopVNetPeering)
	}) {
		holding = oFilter(holding, func(r *oRoute) bool { return r.source != oSourceBGP })
	}
	var best *oRoute
	for _, r := range holding {
		if best == nil || oBetterRoute(r, best) {
			best = r
		}
	}
	return best
}

// oBetterRoute: strictly better, so that the earlier route wins ties.
func oBetterRoute(r, than *oRoute) bool {
	if c := cmp.Compare(r.prefix.Bits(), than.prefix.Bits()); c != 0 {
		return c > 0
	}
	if c := cmp.Compare(r.source, than.source); c != 0 {
		return c > 0
	}
	return r.tagRank < than.tagRank
}

func oFilter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// One packet's journey.

type oPacket struct {
	src, dst     netip.Addr
	proto        hs.Proto
	sport, dport uint16
}

func (p oPacket) String() string {
	return fmt.Sprintf("%s:%d->%s:%d/%s", p.src, p.sport, p.dst, p.dport, p.proto)
}

func (p oPacket) swapped() oPacket {
	return oPacket{src: p.dst, dst: p.src, proto: p.proto, sport: p.dport, dport: p.sport}
}

const (
	oWaypointEdge      = "edge"
	oWaypointAppliance = "appliance"
	oWaypointGateway   = "gateway"
	oWaypointEgress    = "on-premises egress" // a gateway's on-premises side translating to its snatAddress
)

// oWaypoint is a waypoint the request crossed, with the translation it
// made there (to undo on the reply).
type oWaypoint struct {
	kind, name     string
	srcNAT, dstNAT bool
	srcFrom, srcTo netip.Addr
	dstFrom, dstTo netip.Addr
}

const (
	oHomeVNet = iota
	oHomeOnPrem
	oHomeInternet
)

// oFlow is one branch: the request, or its reply.
type oFlow struct {
	pkt        oPacket
	reply      bool
	ways       []oWaypoint     // request: crossed so far; reply: still to cross back, last first
	seen       map[string]bool // appliances and gateways entered, with the header
	lastRoute  string          // the ref of the last route taken
	restricted string          // a peering ref: interpretation 5
	forwarded  bool            // an appliance has forwarded it (in this direction)
	homeKind   int             // where the request started: the reply's goal
	home       netip.Addr
	steps      int
}

func (f *oFlow) block(r model.Reason, ref string) oracleVerdict {
	return oracleVerdict{Reason: r, Ref: ref, Reply: f.reply}
}

func (f *oFlow) clone() *oFlow {
	g := *f
	g.ways = slices.Clone(f.ways)
	g.seen = make(map[string]bool, len(f.seen))
	for k := range f.seen {
		g.seen[k] = true
	}
	return &g
}

// revisits marks an appliance or gateway as entered with the current
// header, and reports whether it already was (§11).
func (f *oFlow) revisits(what string) bool {
	k := what + " " + f.pkt.String()
	if f.seen[k] {
		return true
	}
	f.seen[k] = true
	return false
}

func (f *oFlow) push(w oWaypoint) { f.ways = append(f.ways, w) }

// translateSrc rewrites the source on the request, recording it on the
// waypoint just crossed.
func (f *oFlow) translateSrc(to netip.Addr) {
	w := &f.ways[len(f.ways)-1]
	w.srcNAT, w.srcFrom, w.srcTo = true, f.pkt.src, to
	f.pkt.src = to
}

func (f *oFlow) translateDst(to netip.Addr) {
	w := &f.ways[len(f.ways)-1]
	w.dstNAT, w.dstFrom, w.dstTo = true, f.pkt.dst, to
	f.pkt.dst = to
}

// back crosses, on the reply, the waypoint the request crossed last, when
// it is the one named, and undoes its translation; false when the reply
// meets another one than it should.
func (f *oFlow) back(kind, name string) bool {
	if len(f.ways) == 0 {
		return false
	}
	w := f.ways[len(f.ways)-1]
	if w.kind != kind || w.name != name {
		return false
	}
	f.ways = f.ways[:len(f.ways)-1]
	if w.srcNAT {
		f.pkt.dst = w.srcFrom
	}
	if w.dstNAT {
		f.pkt.src = w.dstFrom
	}
	return true
}

func (o *oracle) eval(hp hs.Packet) oracleVerdict {
	p := oPacket{src: hp.Src.Netip(), dst: hp.Dst.Netip(), proto: hp.Proto, sport: hp.SrcPort, dport: hp.DstPort}
	f := &oFlow{pkt: p, seen: map[string]bool{}, home: p.src}
	if oIsPlatform(p.src) {
		return o.fromPlatform(f) // interpretation 14
	}
	// §1: where the source lives, first match wins.
	if n := o.nicAt(p.src); n != nil {
		f.homeKind = oHomeVNet
		return o.leaveHost(f, n.nsg, n.subnet)
	}
	if s := o.subnetHolding(p.src); s != nil {
		f.homeKind = oHomeVNet
		return o.leaveHost(f, nil, s)
	}
	if g := o.onPremGateway(p.src); g != nil {
		f.homeKind = oHomeOnPrem
		return o.fromOnPrem(f, g)
	}
	if !o.isPublic(p.src) {
		return f.block(model.NoRoute, "")
	}
	f.homeKind = oHomeInternet
	return o.fromInternet(f)
}

// leaveHost: a packet from a NIC (nicNSG, nil for none) or another address
// of subnet s passes the outbound NSGs, then is answered by the host when
// it is for the host's own services (interpretation 14), else routed (§1).
func (o *oracle) leaveHost(f *oFlow, nicNSG *model.NetworkSecurityGroup, s *oSubnet) oracleVerdict {
	if v, ok := o.outbound(f, nicNSG, s); !ok {
		return v
	}
	if oIsPlatform(f.pkt.dst) {
		return oracleVerdict{Delivered: true}
	}
	return o.route(f, s)
}

// fromPlatform: the host's own services reach the hosts of every VNet
// through their inbound NSGs, and nothing else (interpretation 14).
func (o *oracle) fromPlatform(f *oFlow) oracleVerdict {
	var s *oSubnet
	var nicNSG *model.NetworkSecurityGroup
	if n := o.nicAt(f.pkt.dst); n != nil {
		s, nicNSG = n.subnet, n.nsg
	} else if a := o.applianceAt(f.pkt.dst); a != nil {
		s = a.subnet
	} else {
		return f.block(model.NoRoute, "")
	}
	if blocked, ok := o.inbound(f, s, nicNSG); !ok {
		return blocked
	}
	return oracleVerdict{Delivered: true}
}

// outbound: the NIC's NSG, then the subnet's (AS §1).
func (o *oracle) outbound(f *oFlow, nicNSG *model.NetworkSecurityGroup, s *oSubnet) (oracleVerdict, bool) {
	for _, nsg := range []*model.NetworkSecurityGroup{nicNSG, s.nsg} {
		if nsg == nil {
			continue
		}
		if hit := o.nsgEval(nsg, s, model.Outbound, f.pkt); !hit.allow {
			return f.block(model.NsgDenied, hit.ref), false
		}
	}
	return oracleVerdict{}, true
}

// inbound: the subnet's NSG, then the NIC's (AS §1), and the peering
// access restriction (interpretation 5).
func (o *oracle) inbound(f *oFlow, s *oSubnet, nicNSG *model.NetworkSecurityGroup) (oracleVerdict, bool) {
	restricted := f.restricted
	f.restricted = ""
	present, explicit := 0, true
	for _, nsg := range []*model.NetworkSecurityGroup{s.nsg, nicNSG} {
		if nsg == nil {
			continue
		}
		present++
		hit := o.nsgEval(nsg, s, model.Inbound, f.pkt)
		if !hit.allow {
			return f.block(model.NsgDenied, hit.ref), false // a deny decides, whatever the peering
		}
		explicit = explicit && hit.user
	}
	if restricted != "" && (present == 0 || !explicit) {
		return f.block(model.PeeringBlocked, restricted), false
	}
	return oracleVerdict{}, true
}

// route forwards by subnet s's effective routes (§2).
func (o *oracle) route(f *oFlow, s *oSubnet) oracleVerdict {
	if f.steps++; f.steps > 200 {
		panic("oracle: a flow that does not end: " + f.pkt.String())
	}
	r := o.selectRoute(s, f.pkt.dst)
	if r == nil {
		return f.block(model.NoRoute, "")
	}
	f.lastRoute = r.ref
	v := s.vnet
	if r.source == oSourceDefault && (r.hop == model.HopNone || r.hop == model.HopInternet) {
		if ref := o.halfPeering(v, f.pkt.dst); ref != "" {
			return f.block(model.PeeringBlocked, ref) // interpretation 13
		}
	}
	switch r.hop {
	case model.HopNone:
		return f.block(model.NoRoute, r.ref)
	case model.HopVnetLocal:
		if !oAnyContains(v.space, f.pkt.dst) {
			return f.block(model.NotForwarded, r.ref)
		}
		return o.deliverInVNet(f, r.ref)
	case model.HopVNetPeering:
		if blocked, ok := o.crossPeering(f, v, r.peer); !ok {
			return blocked
		}
		if p := o.peering(v, r.peer); !f.reply && !p.AllowsAccess() {
			f.restricted = "peering:" + v.name + ":" + p.Name // interpretation 5
		}
		return o.deliverInVNet(f, r.ref)
	case model.HopInternet:
		return o.edge(f, s, r.ref)
	case model.HopVirtualAppliance:
		a := o.applianceAt(r.nextHop)
		if a == nil || (a.subnet.vnet != v && o.peering(v, a.subnet.vnet) == nil) || !a.m.EnableIPForwarding {
			return f.block(model.NotForwarded, r.ref)
		}
		if a.subnet.vnet != v {
			if blocked, ok := o.crossPeering(f, v, a.subnet.vnet); !ok {
				return blocked
			}
		}
		return o.appliance(f, a, r.ref)
	case model.HopVirtualNetworkGateway:
		g := r.gateway
		if g == nil {
			if gs := o.gatewaysUsedBy(v); len(gs) > 0 {
				g = gs[0]
			}
		}
		if g == nil {
			return f.block(model.NoRoute, r.ref)
		}
		return o.gateway(f, g, r.ref)
	case model.HopVirtualNetworkServiceEndpoint:
		if f.reply {
			return o.replyArrives(f, oHomeInternet, r.ref)
		}
		if p := o.paasWithPublic(f.pkt.dst); p != nil {
			if blocked, ok := o.firewall(f, p, s); !ok {
				return blocked
			}
		}
		return o.delivered(f, s)
	}
	panic("oracle: unknown next hop " + string(r.hop))
}

// crossPeering from A to B: forwarded traffic (§8) is what an appliance
// forwarded and did not originate in A.
func (o *oracle) crossPeering(f *oFlow, a, b *oVNet) (oracleVerdict, bool) {
	theirs := o.peering(b, a)
	if f.forwarded && !oAnyContains(a.space, f.pkt.src) && !theirs.AllowForwardedTraffic {
		return f.block(model.PeeringBlocked, "peering:"+b.name+":"+theirs.Name), false
	}
	return oracleVerdict{}, true
}

// deliverInVNet: §3, the destination address decides.
func (o *oracle) deliverInVNet(f *oFlow, ref string) oracleVerdict {
	if f.reply {
		return o.replyArrives(f, oHomeVNet, ref)
	}
	dst := f.pkt.dst
	if n := o.nicAt(dst); n != nil {
		return o.deliverToNIC(f, n)
	}
	if a := o.applianceAt(dst); a != nil {
		if blocked, ok := o.inbound(f, a.subnet, nil); !ok {
			return blocked
		}
		return o.delivered(f, a.subnet)
	}
	if pe := o.privateEndpointAt(dst); pe != nil {
		// §3: no NSG on private endpoints, no firewall through them.
		if f.restricted != "" {
			return f.block(model.PeeringBlocked, f.restricted)
		}
		return o.delivered(f, pe.subnet)
	}
	return f.block(model.NotForwarded, ref)
}

func (o *oracle) deliverToNIC(f *oFlow, n *oNIC) oracleVerdict {
	if blocked, ok := o.inbound(f, n.subnet, n.nsg); !ok {
		return blocked
	}
	return o.delivered(f, n.subnet)
}

// edge: leaving through the Internet next hop from subnet s (§4).
func (o *oracle) edge(f *oFlow, s *oSubnet, ref string) oracleVerdict {
	if f.reply {
		if !f.back(oWaypointEdge, "") {
			return f.block(model.AsymmetricReturn, ref)
		}
		return o.replyOnInternet(f)
	}
	src := f.pkt.src
	f.push(oWaypoint{kind: oWaypointEdge})
	switch n := o.nicAt(src); {
	case o.isPublic(src):
	case n != nil && n.subnet == s:
		f.translateSrc(cmp.Or(n.public, oDefaultOutbound))
	case s.declared && s.prefix.Contains(src):
		f.translateSrc(oDefaultOutbound)
	default:
		return f.block(model.AsymmetricReturn, ref) // interpretation 8: not the reply's
	}
	return o.internetSide(f, ref)
}

// internetSide: on the internet, the destination decides (§4).
func (o *oracle) internetSide(f *oFlow, ref string) oracleVerdict {
	dst := f.pkt.dst
	if p := o.paasWithPublic(dst); p != nil {
		if blocked, ok := o.firewall(f, p, nil); !ok {
			return blocked
		}
		return o.deliveredOnInternet(f)
	}
	if nics := o.nicsWithPublic(dst); len(nics) > 0 {
		return o.enterFromEdge(f, nics, true)
	}
	if !o.isPublic(dst) {
		return f.block(model.NoRoute, ref)
	}
	return o.deliveredOnInternet(f)
}

// fromInternet: a source on the internet (§5).
func (o *oracle) fromInternet(f *oFlow) oracleVerdict {
	dst := f.pkt.dst
	if n := o.nicAt(dst); n != nil {
		if !n.public.IsValid() {
			return f.block(model.NotExposed, "")
		}
		return o.enterFromEdge(f, []*oNIC{n}, false)
	}
	if nics := o.nicsWithPublic(dst); len(nics) > 0 {
		return o.enterFromEdge(f, nics, true)
	}
	if o.vnetHolding(dst) != nil || o.onPremGateway(dst) != nil {
		return f.block(model.NotExposed, "")
	}
	if p := o.paasWithPublic(dst); p != nil {
		if blocked, ok := o.firewall(f, p, nil); !ok {
			return blocked
		}
		return o.deliveredOnInternet(f)
	}
	if !o.isPublic(dst) {
		return f.block(model.NoRoute, "") // interpretation 7
	}
	return o.deliveredOnInternet(f)
}

// enterFromEdge: through the edge to NICs, the public address translated
// to each node's private one (§5, interpretation 6).
func (o *oracle) enterFromEdge(f *oFlow, nics []*oNIC, public bool) oracleVerdict {
	for _, n := range nics {
		g := f.clone()
		g.push(oWaypoint{kind: oWaypointEdge})
		if public {
			g.translateDst(n.addr)
		}
		if v := o.deliverToNIC(g, n); !v.Delivered {
			return v
		}
	}
	return oracleVerdict{Delivered: true}
}

// appliance: §6.
func (o *oracle) appliance(f *oFlow, a *oAppliance, ref string) oracleVerdict {
	f.forwarded = true
	// Interpretation 10: the loop first.
	if f.revisits(oWaypointAppliance + " " + a.m.Name) {
		return f.block(model.RoutingLoop, ref)
	}
	if f.reply {
		if !f.back(oWaypointAppliance, a.m.Name) {
			return f.block(model.AsymmetricReturn, ref)
		}
		return o.route(f, a.subnet)
	}
	f.push(oWaypoint{kind: oWaypointAppliance, name: a.m.Name})
	if blocked, ok := o.inbound(f, a.subnet, nil); !ok {
		return blocked
	}
	if hit := o.applianceAllows(a, f.pkt); !hit.allow {
		return f.block(model.ApplianceDenied, hit.ref)
	}
	if blocked, ok := o.outbound(f, nil, a.subnet); !ok {
		return blocked
	}
	if a.snat.IsValid() && o.inInternet(a.subnet, f.pkt.dst) {
		f.translateSrc(a.snat)
	}
	return o.route(f, a.subnet)
}

// gateway: sent to gateway g by a route (§7).
func (o *oracle) gateway(f *oFlow, g *oGateway, ref string) oracleVerdict {
	// Interpretation 10: the loop first.
	if f.revisits(oWaypointGateway + " " + g.name) {
		return f.block(model.RoutingLoop, ref)
	}
	if f.reply {
		if !f.back(oWaypointGateway, g.name) {
			return f.block(model.AsymmetricReturn, ref)
		}
		return o.replyOnPrem(f, g, ref)
	}
	f.push(oWaypoint{kind: oWaypointGateway, name: g.name})
	switch {
	case oAnyContains(g.onPrem, f.pkt.dst):
		return o.deliveredOnPrem(f, g)
	case !o.isPublic(f.pkt.dst):
		return f.block(model.NoRoute, ref)
	}
	return o.egress(f, g, ref)
}

// egress: on-premises' own internet egress (§7).
func (o *oracle) egress(f *oFlow, g *oGateway, ref string) oracleVerdict {
	if !g.snat.IsValid() {
		return f.block(model.OnPremisesDropped, ref)
	}
	f.push(oWaypoint{kind: oWaypointEgress, name: g.name})
	f.translateSrc(g.snat)
	return o.internetSide(f, ref)
}

// fromOnPrem: a source on-premises behind g (§7).
func (o *oracle) fromOnPrem(f *oFlow, g *oGateway) oracleVerdict {
	dst := f.pkt.dst
	switch {
	case oAnyContains(g.onPrem, dst):
		return o.deliveredOnPrem(f, g)
	case o.behindGateway(g, dst):
		return o.throughGateway(f, g, "")
	case o.isPublic(dst):
		return o.egress(f, g, "")
	}
	return f.block(model.NoRoute, "")
}

// throughGateway: from on-premises into g's VNet, routed by its
// GatewaySubnet (§7).
func (o *oracle) throughGateway(f *oFlow, g *oGateway, ref string) oracleVerdict {
	if f.revisits(oWaypointGateway + " " + g.name) {
		return f.block(model.RoutingLoop, ref)
	}
	if f.reply {
		if !f.back(oWaypointGateway, g.name) {
			return f.block(model.AsymmetricReturn, ref)
		}
	} else {
		f.push(oWaypoint{kind: oWaypointGateway, name: g.name})
	}
	return o.route(f, o.gatewaySubnet(g))
}

// firewall: a PaaS firewall (§9), reached over subnet s's service endpoint,
// or over the internet when s is nil.
func (o *oracle) firewall(f *oFlow, p *oPaaS, s *oSubnet) (oracleVerdict, bool) {
	fw := p.m.Firewall
	if fw == nil || fw.DefaultAction != model.Deny {
		return oracleVerdict{}, true
	}
	src := f.pkt.src
	if s != nil {
		if slices.Contains(fw.VirtualNetworkRules, s.id) {
			return oracleVerdict{}, true
		}
	} else if src != oDefaultOutbound {
		if oAnyContains(oParseAll(fw.IPRules), src) {
			return oracleVerdict{}, true
		}
		if slices.ContainsFunc(fw.Bypass, func(b string) bool { return strings.EqualFold(b, "AzureServices") }) &&
			(oAnyContains(o.tagPrefixes("AzureMachineLearning"), src) || oAnyContains(o.tagPrefixes("BatchNodeManagement"), src)) {
			return oracleVerdict{}, true
		}
	}
	return f.block(model.FirewallDenied, "firewall:"+p.m.Name), false
}

// ---------------------------------------------------------------------------
// Replies (§10).

// delivered: the request arrived where subnet s's routes carry its reply
// (an endpoint, an appliance, a private endpoint, a service reached over
// s's service endpoint).
func (o *oracle) delivered(f *oFlow, s *oSubnet) oracleVerdict {
	r := f.replyFlow()
	return o.route(r, s)
}

// deliveredOnInternet: an internet host, an Azure service or a PaaS
// reached over the internet; its reply goes back to the request's
// (translated) source.
func (o *oracle) deliveredOnInternet(f *oFlow) oracleVerdict {
	return o.replyOnInternet(f.replyFlow())
}

func (o *oracle) deliveredOnPrem(f *oFlow, g *oGateway) oracleVerdict {
	return o.replyOnPrem(f.replyFlow(), g, "")
}

// replyFlow starts the reply of a delivered request: addresses and ports
// swapped, every waypoint to cross back.
func (f *oFlow) replyFlow() *oFlow {
	return &oFlow{pkt: f.pkt.swapped(), reply: true, ways: slices.Clone(f.ways), seen: map[string]bool{},
		homeKind: f.homeKind, home: f.home, steps: f.steps}
}

// replyArrives: the reply ends here; it must be home, every waypoint
// crossed back (interpretation 9).
func (o *oracle) replyArrives(f *oFlow, kind int, ref string) oracleVerdict {
	if kind != f.homeKind || f.pkt.dst != f.home || len(f.ways) > 0 {
		return f.block(model.AsymmetricReturn, ref)
	}
	return oracleVerdict{Delivered: true}
}

// replyOnInternet: the reply is on the internet; it goes to whoever
// translated its destination (interpretation 9).
func (o *oracle) replyOnInternet(f *oFlow) oracleVerdict {
	for len(f.ways) > 0 {
		w := f.ways[len(f.ways)-1]
		switch {
		case w.kind == oWaypointEdge && !w.srcNAT && !w.dstNAT:
			f.ways = f.ways[:len(f.ways)-1]
			continue
		case !w.srcNAT || w.srcTo != f.pkt.dst:
			return f.block(model.AsymmetricReturn, f.lastRoute)
		}
		f.back(w.kind, w.name)
		switch w.kind {
		case oWaypointEdge:
			return o.replyArrives(f, oHomeVNet, f.lastRoute)
		case oWaypointAppliance:
			a := o.applianceNamed(w.name)
			if f.revisits(oWaypointAppliance + " " + a.m.Name) {
				return f.block(model.RoutingLoop, f.lastRoute)
			}
			f.forwarded = true // the appliance forwards the reply on
			return o.route(f, a.subnet)
		case oWaypointEgress:
			// On-premises un-translated it: the connection came from Azure
			// through the gateway, so the reply goes back into Azure through
			// it, whatever its destination (docs §10), unless it is home.
			g := o.gatewayNamed(w.name)
			if oAnyContains(g.onPrem, f.pkt.dst) {
				return o.replyArrives(f, oHomeOnPrem, f.lastRoute)
			}
			return o.throughGateway(f, g, f.lastRoute)
		}
		panic("oracle: waypoint " + w.kind + " translated a source")
	}
	return o.replyArrives(f, oHomeInternet, f.lastRoute)
}

// replyOnPrem: the reply is on-premises behind g. On-premises sends it as
// it sends its own traffic (§7): locally (then it must be home), into the
// VNets that use g through the gateway, and nowhere else.
func (o *oracle) replyOnPrem(f *oFlow, g *oGateway, ref string) oracleVerdict {
	switch dst := f.pkt.dst; {
	case oAnyContains(g.onPrem, dst):
		return o.replyArrives(f, oHomeOnPrem, ref)
	case o.behindGateway(g, dst):
		return o.throughGateway(f, g, ref)
	}
	return f.block(model.NoRoute, "")
}

// ---------------------------------------------------------------------------
// Places.

// placeAddrs resolves an intent's source or destination (topology-format.md,
// "Address expressions"; §9 for a PaaS endpoint; interpretation 15). ok is
// false for VirtualNetwork and Internet, whose meaning as a place (not as a
// rule side, where it depends on the subnet) the docs leave open.
func (o *oracle) placeAddrs(expr string) (set hs.IPSet, ok bool) {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return hs.IPSet{}, false
	}
	addrs := func(as []netip.Addr) hs.IPSet {
		var ps []netip.Prefix
		for _, a := range as {
			ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
		}
		return hs.IPSetOf(ps...)
	}
	switch e.Kind {
	case model.ExprAny:
		return hs.AllIPv4(), true
	case model.ExprPrefix:
		return hs.IPSetOf(e.Prefix), true
	case model.ExprSubnet:
		if s := o.subnet(e.Name); s != nil && s.declared {
			return hs.IPSetOf(s.prefix), true
		}
		return hs.IPSet{}, false
	}
	if ep := o.t.Endpoint(e.Name); ep != nil {
		var as []netip.Addr
		switch {
		case ep.Kind == model.External:
			return hs.IPSetOf(oParseAll(ep.AddressPrefixes)...), true
		case ep.Kind == model.AksScoring:
			for _, n := range o.nicsOf(ep) {
				as = append(as, cmp.Or(n.public, n.addr)) // interpretation 15: its frontend
			}
		case ep.Kind.IsPaaS():
			for _, p := range o.paas {
				if p.m != ep {
					continue
				}
				for _, pe := range p.pes {
					as = append(as, pe.addr)
				}
				if len(as) == 0 && p.public.IsValid() {
					as = append(as, p.public)
				}
			}
		default:
			for _, n := range o.nicsOf(ep) {
				as = append(as, n.addr)
			}
		}
		return addrs(as), true
	}
	if strings.EqualFold(e.Name, "AzureLoadBalancer") {
		return hs.IPSetOf(netip.PrefixFrom(oAzureLoadBalancer, 32)), true
	}
	for _, builtin := range []string{"VirtualNetwork", "Internet"} {
		if strings.EqualFold(e.Name, builtin) {
			return hs.IPSet{}, false
		}
	}
	return hs.IPSetOf(o.tagPrefixes(e.Name)...), true
}
