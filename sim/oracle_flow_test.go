package sim

// The oracle's journey of one packet (docs/semantics.md; the
// interpretations are numbered in oracle_test.go).

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/servicetags"
	"github.com/vnetsim/vnetsim/sim/hs"
)

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
	dportNAT       bool // a load-balancing or DNAT rule's port translation
	dportFrom      uint16
}

// oHostNAT is what a node's host restores as the source of the reply to a
// packet that reached it through an internal frontend (§12).
type oHostNAT struct {
	addr netip.Addr
	port uint16
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
	name       string    // the flow's name (§14), "" for none
	natRegion  string    // where its source was last translated in Azure (interpretation 19)
	hostNAT    *oHostNAT // set on the way to a node behind an internal frontend
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

// translateDport rewrites the destination port (Tcp and Udp only) on the
// waypoint just crossed.
func (f *oFlow) translateDport(to uint16) {
	if !oPorted(f.pkt.proto) {
		return
	}
	w := &f.ways[len(f.ways)-1]
	w.dportNAT, w.dportFrom = true, f.pkt.dport
	f.pkt.dport = to
}

// nextBack reports whether the waypoint the reply must cross back next is
// the one named.
func (f *oFlow) nextBack(kind, name string) bool {
	return len(f.ways) > 0 && f.ways[len(f.ways)-1].kind == kind && f.ways[len(f.ways)-1].name == name
}

// oEach follows f down one branch per item, each on its own copy: the
// packet is delivered when every branch delivers it, else the first branch
// that blocks it decides (interpretation 6).
func oEach[T any](f *oFlow, items []T, branch func(*oFlow, T) oracleVerdict) oracleVerdict {
	if len(items) == 0 {
		panic("oracle: no branch to follow")
	}
	for _, it := range items {
		if v := branch(f.clone(), it); !v.Delivered {
			return v
		}
	}
	return oracleVerdict{Delivered: true}
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
	if w.dportNAT {
		f.pkt.sport = w.dportFrom
	}
	return true
}

// eval judges one packet of a flow named name ("" for none, §14).
func (o *oracle) eval(hp hs.Packet, name string) oracleVerdict {
	p := oPacket{src: hp.Src.Netip(), dst: hp.Dst.Netip(), proto: hp.Proto, sport: hp.SrcPort, dport: hp.DstPort}
	f := &oFlow{pkt: p, seen: map[string]bool{}, home: p.src, name: strings.ToLower(name)}
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
	var blocked oracleVerdict
	ok := true
	if n := o.nicAt(f.pkt.dst); n != nil {
		blocked, ok = o.admit(f, n.subnet, n.subnet.nsg, n.nsg)
	} else if a := o.applianceAt(f.pkt.dst); a != nil {
		blocked, ok = o.admit(f, a.subnet, a.nsg())
	} else {
		return f.block(model.NoRoute, "")
	}
	if !ok {
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

// admit: the inbound NSGs (the subnet's, then the NIC's: AS §1) seen from
// subnet s, and the peering access restriction (interpretation 5).
func (o *oracle) admit(f *oFlow, s *oSubnet, nsgs ...*model.NetworkSecurityGroup) (oracleVerdict, bool) {
	restricted := f.restricted
	f.restricted = ""
	present, explicit := 0, true
	for _, nsg := range nsgs {
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
		if !f.reply {
			f.restricted = o.accessRestriction(v, r.peer) // interpretation 5
		}
		return o.deliverInVNet(f, r.ref)
	case model.HopInternet:
		return o.edge(f, s, r.ref)
	case model.HopVirtualAppliance:
		a := o.applianceAt(r.nextHop)
		if a == nil || (a.subnet.vnet != v && o.peering(v, a.subnet.vnet) == nil) || !(a.fw || a.m.EnableIPForwarding) {
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
	case oHopInterfaceEndpoint:
		if peer := r.pe.subnet.vnet; peer != v {
			if blocked, ok := o.crossPeering(f, v, peer); !ok {
				return blocked // a reply too: the forwarded-traffic check is routing
			}
			if !f.reply {
				f.restricted = o.accessRestriction(v, peer) // interpretations 5 and 24
			}
		}
		if f.reply {
			return o.replyArrives(f, oHomeVNet, r.ref)
		}
		return o.deliverPE(f, r.pe)
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

// deliverInVNet: §3, the destination address decides. A reply arrives,
// unless it reaches the appliance it must cross back next at its own
// address (interpretation 21).
func (o *oracle) deliverInVNet(f *oFlow, ref string) oracleVerdict {
	dst := f.pkt.dst
	if f.reply {
		if a := o.applianceAt(dst); a != nil && f.nextBack(oWaypointAppliance, a.m.Name) {
			return o.appliance(f, a, ref)
		}
		return o.replyArrives(f, oHomeVNet, ref)
	}
	if n := o.nicAt(dst); n != nil {
		return o.deliverToNIC(f, n)
	}
	if a := o.applianceAt(dst); a != nil {
		if a.fw {
			return o.appliance(f, a, ref) // §13: DNAT at its private address
		}
		if blocked, ok := o.admit(f, a.subnet, a.nsg()); !ok {
			return blocked
		}
		return o.delivered(f, a.subnet)
	}
	if fe := o.frontendAt(dst, false); fe != nil {
		return o.loadBalancer(f, fe)
	}
	if pe := o.privateEndpointAt(dst); pe != nil {
		return o.deliverPE(f, pe)
	}
	return f.block(model.NotForwarded, ref)
}

func (o *oracle) deliverToNIC(f *oFlow, n *oNIC) oracleVerdict {
	if blocked, ok := o.admit(f, n.subnet, n.subnet.nsg, n.nsg); !ok {
		return blocked
	}
	return o.delivered(f, n.subnet)
}

// deliverPE: §15, a private endpoint's subnet NSG applies only with its
// network policies; the service behind it admits it (§9); its reply is
// routed by its subnet as its policies see it (interpretation 24).
func (o *oracle) deliverPE(f *oFlow, pe *oPrivateEndpoint) oracleVerdict {
	var nsg *model.NetworkSecurityGroup
	if oPolicies(pe.subnet).NSGApplies() {
		nsg = pe.subnet.nsg
	}
	if blocked, ok := o.admit(f, pe.subnet, nsg); !ok {
		return blocked
	}
	return o.delivered(f, pe.view)
}

// edge: leaving through the Internet next hop from subnet s (§4): a public
// source leaves as it is, a private one with each address egress gives it.
func (o *oracle) edge(f *oFlow, s *oSubnet, ref string) oracleVerdict {
	if f.reply {
		if !f.back(oWaypointEdge, "") {
			return f.block(model.AsymmetricReturn, ref)
		}
		return o.replyOnInternet(f)
	}
	if o.isPublic(f.pkt.src) {
		f.push(oWaypoint{kind: oWaypointEdge})
		return o.internetSide(f, ref)
	}
	addrs, blocked, ok := o.egressAddrs(f, s, ref)
	if !ok {
		return blocked
	}
	return oEach(f, addrs, func(g *oFlow, a netip.Addr) oracleVerdict {
		g.push(oWaypoint{kind: oWaypointEdge})
		g.translateSrc(a)
		g.natRegion = s.vnet.location
		return o.internetSide(g, ref)
	})
}

// internetSide: on the internet, the destination decides (§4, §5).
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
	if fe := o.frontendAt(dst, true); fe != nil {
		return o.loadBalancer(f, fe)
	}
	if a := o.firewallWithPublic(dst); a != nil {
		f.push(oWaypoint{kind: oWaypointEdge}) // interpretation 21
		return o.appliance(f, a, ref)
	}
	if n := o.natGatewayWith(dst); n != nil {
		return f.block(model.NotExposed, "natgateway:"+n.name)
	}
	if !o.isPublic(dst) {
		return f.block(model.NoRoute, ref) // interpretation 7 when ref is ""
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
	if o.vnetHolding(dst) != nil || o.onPremGateway(dst) != nil {
		return f.block(model.NotExposed, "")
	}
	return o.internetSide(f, "")
}

// enterFromEdge: through the edge to NICs, the public address translated
// to each node's private one (§5, interpretation 6); a Standard public IP
// with no NSG on the NIC or its subnet lets nothing in (interpretation 18;
// an AKS scoring frontend is opened by AKS).
func (o *oracle) enterFromEdge(f *oFlow, nics []*oNIC, public bool) oracleVerdict {
	return oEach(f, nics, func(g *oFlow, n *oNIC) oracleVerdict {
		g.push(oWaypoint{kind: oWaypointEdge})
		if public {
			g.translateDst(n.addr)
		}
		if n.ep.Kind != model.AksScoring && n.nsg == nil && n.subnet.nsg == nil {
			return g.block(model.NsgDenied, "publicip:"+n.public.String())
		}
		return o.deliverToNIC(g, n)
	})
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
	if a.fw {
		return o.azureFirewall(f, a)
	}
	if blocked, ok := o.admit(f, a.subnet, a.nsg()); !ok {
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
		f.natRegion = a.subnet.vnet.location
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
	f.natRegion = "" // interpretation 19: not from Azure
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

// firewall: a PaaS service's public side (§9), reached over subnet s's
// service endpoint, or over the internet when s is nil.
func (o *oracle) firewall(f *oFlow, p *oPaaS, s *oSubnet) (oracleVerdict, bool) {
	if p.m.PublicNetworkAccess == model.PublicAccessDisabled {
		return o.refuse(f, p), false
	}
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
		if oAnyContains(oParseAll(fw.IPRules), src) && !o.sameRegion(f, p) {
			return oracleVerdict{}, true
		}
		if slices.ContainsFunc(fw.Bypass, func(b string) bool { return strings.EqualFold(b, "AzureServices") }) &&
			(oAnyContains(o.tagPrefixes("AzureMachineLearning"), src) || oAnyContains(o.tagPrefixes("BatchNodeManagement"), src)) {
			return oracleVerdict{}, true
		}
	}
	return o.refuse(f, p), false
}

// refuse: the service's public side refuses the request; NameNotPrivate
// when the flow named it and it has private endpoints (interpretation 23).
func (o *oracle) refuse(f *oFlow, p *oPaaS) oracleVerdict {
	if f.name != "" && len(p.m.PrivateEndpoints) > 0 && slices.Contains(o.endpointNames(p.m), f.name) {
		return f.block(model.NameNotPrivate, "firewall:"+p.m.Name)
	}
	return f.block(model.FirewallDenied, "firewall:"+p.m.Name)
}

// sameRegion: a storage account's IP rules do not admit a request
// translated in Azure in its own region (§9, interpretation 19).
func (o *oracle) sameRegion(f *oFlow, p *oPaaS) bool {
	return p.m.Kind == model.StorageAccount && f.natRegion != "" &&
		servicetags.NormalizeRegion(f.natRegion) == servicetags.NormalizeRegion(cmp.Or(p.m.Location, o.t.Location))
}
