package sim

import (
	"fmt"
	"net/netip"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// route splits a branch at subnet s's router by the route each destination
// takes, and follows each next hop (azure-semantics.md §3).
func (e *engine) route(b branch, s *subnet) {
	if !e.enter(&b, "router "+s.id) {
		return
	}
	e.touch(keySubnet(s))
	e.touch(keyVNet(s.vnet))
	// The host answers for its own services: no route applies.
	sp := splitDst(b)
	if host, ok := sp.take(platformAddrs); ok {
		e.hop(&host, s.id, "Route", "Platform", "", "the host's own service")
		if host.reply {
			e.arrive(host, "Azure platform")
		} else {
			e.deliver(host, "Azure platform", func(r branch) { e.arrive(r, "Azure platform") })
		}
	}
	b = sp.left()
	rt := e.n.routes(s)
	for _, h := range rt.lookup(b.xf.curDst(b.set)) {
		part := b.xf.restrictDst(b.set, h.dst)
		if part.IsEmpty() {
			continue
		}
		rb := b.with(part)
		rb.route = h.c.ref
		rb.routeTxt = routeText(s, h.c)
		rb.routeSub = s
		e.hop(&rb, s.id, "Route", string(h.c.entry.NextHopType), h.c.ref, "")
		e.nextHop(rb, s, h.c)
	}
}

func (e *engine) nextHop(b branch, s *subnet, c *candidate) {
	if c.entry.Source == SourceDefault && (c.entry.NextHopType == model.HopNone || c.entry.NextHopType == model.HopInternet) {
		if b = e.halfPeered(b, s.vnet); b.set.IsEmpty() {
			return
		}
	}
	switch c.entry.NextHopType {
	case model.HopVnetLocal:
		inside := b.xf.restrictDst(b.set, s.vnet.space)
		e.notForwarded(b, b.set.Subtract(inside), "no address of "+s.vnet.m.Name+" holds it")
		e.inVNet(b.with(inside), s.vnet)
	case model.HopVNetPeering:
		e.peering(b, s.vnet, c.entry.peer)
	case model.HopInternet:
		e.egress(b, s)
	case model.HopVirtualAppliance:
		e.toAppliance(b, s, c)
	case model.HopVirtualNetworkGateway:
		g := c.entry.gw
		if g == nil {
			if gws := s.vnet.usedGateways(); len(gws) > 0 {
				g = gws[0]
			}
		}
		if g == nil {
			e.drop(b, b.set, model.NoRoute, b.route, "add a virtual network gateway to "+s.vnet.m.Name+" or change "+describeRef(b.route),
				func(w hs.Packet) string {
					return fmt.Sprintf("%s to %s matches %s, but %s has no gateway to send it to", b.what(), w.Dst, b.routeTxt, s.vnet.m.Name)
				})
			return
		}
		e.gatewayOut(b, g)
	case model.HopVirtualNetworkServiceEndpoint:
		b.via = s
		e.service(b, "service endpoint")
	case model.HopNone:
		e.drop(b, b.set, model.NoRoute, b.route, noneFix(b), func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s matches %s and is dropped", b.what(), w.Dst, b.routeTxt)
		})
	}
}

// halfPeered explains packets bound for a VNet that this VNet peers with
// only on its own side: with no route to it, they would otherwise read as a
// plain NoRoute (azure-semantics.md §5).
func (e *engine) halfPeered(b branch, v *vnet) branch {
	for _, p := range v.m.Peerings {
		r := e.n.byVNet[p.RemoteVirtualNetwork]
		if r == nil || v.peerTo(r) != nil {
			continue
		}
		part := b.xf.restrictDst(b.set, r.space)
		if part.IsEmpty() {
			continue
		}
		b.set = b.set.Subtract(part)
		p := p
		e.drop(b, part, model.PeeringBlocked, "peering:"+v.m.Name+":"+p.Name,
			"declare the peering on "+r.m.Name+" too (remoteVirtualNetwork: "+v.m.Name+"): a peering is connected only when both sides declare it",
			func(w hs.Packet) string {
				return fmt.Sprintf("%s to %s is bound for %s, but peering %s of %s is declared on one side only, so it carries no traffic", b.what(), w.Dst, r.m.Name, p.Name, v.m.Name)
			})
	}
	return b
}

func (e *engine) notForwarded(b branch, set hs.Set, why string) {
	e.drop(b, set, model.NotForwarded, b.route, "check the destination address: "+why, func(w hs.Packet) string {
		return fmt.Sprintf("%s to %s matches %s, but %s", b.what(), w.Dst, b.routeTxt, why)
	})
}

// inVNet delivers inside VNet v to whatever holds each destination.
func (e *engine) inVNet(b branch, v *vnet) {
	if b.set.IsEmpty() {
		return
	}
	e.touch(keyVNet(v))
	sp := splitDst(b)
	for _, o := range v.owners {
		ob, ok := sp.take(o.addrs)
		if !ok {
			continue
		}
		switch {
		case o.nic != nil:
			e.toNIC(ob, o.nic)
		case o.app != nil:
			e.toHost(ob, o.app.sub, "appliance "+o.app.m.Name, func(r branch) { e.route(r, o.app.sub) })
		case o.paas != nil:
			e.toPrivateEndpoint(ob, o.paas, o.addrs)
		}
	}
	if b.reply {
		// The reply goes back to a subnet address that sent the request
		// (a subnet named as a source): it is a host there.
		for _, s := range v.subnets {
			if home, ok := sp.take(s.prefix); ok {
				e.arrive(home, s.id)
			}
		}
	}
	e.notForwarded(b, sp.rest, "no NIC in "+v.m.Name+" has that address")
}

// toNIC delivers to a compute or scoring endpoint through its inbound NSGs.
func (e *engine) toNIC(b branch, c *nic) {
	e.touch(keySubnet(c.sub))
	at := c.ep.Name
	if b.reply {
		e.arrive(b, at)
		return
	}
	b, ok := e.inbound(b, c, c.sub)
	if !ok {
		return
	}
	if b, ok = e.explicitOnly(b, c.sub, c); ok {
		e.deliver(b, at, func(r branch) { e.route(r, c.sub) })
	}
}

// explicitOnly: over a peering that disallows access, only packets that
// every inbound NSG present (of subnet s, and of NIC c if any) allows by a
// user rule get through (azure-semantics.md §5). Pass s nil for a private
// endpoint, which no NSG filters: nothing admits it there.
func (e *engine) explicitOnly(b branch, s *subnet, c *nic) (branch, bool) {
	if b.noAccess == nil {
		return b, true
	}
	var explicit hs.Set
	if s != nil {
		for i, l := range nsgLevels(s, c) {
			r := e.nsgRules(l.cache, l.nsg, model.Inbound, s)
			if r == nil {
				return b, false
			}
			if i == 0 {
				explicit = e.pulled(r, userAllowedPart, b.xf)
			} else {
				explicit = explicit.Intersect(e.pulled(r, userAllowedPart, b.xf))
			}
		}
	}
	ok := b.set.Intersect(explicit)
	p := b.noAccess
	ref := "peering:" + p.from.m.Name + ":" + p.local.Name
	e.drop(b, b.set.Subtract(ok), model.PeeringBlocked, ref, "set allowVirtualNetworkAccess: true on peering "+p.local.Name+" of "+p.from.m.Name+", or allow the traffic with an explicit inbound NSG rule",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s from %s crosses peering %s of %s, which disallows virtual network access, and no NSG rule allows it explicitly", b.what(), w.Src, p.local.Name, p.from.m.Name)
		})
	return b.with(ok), !ok.IsEmpty()
}

// toHost delivers to an address that is not an endpoint's NIC (an
// appliance's own address) through its subnet's inbound NSG.
func (e *engine) toHost(b branch, s *subnet, at string, replyFrom func(branch)) {
	if b.reply {
		e.arrive(b, at)
		return
	}
	b, ok := e.inbound(b, nil, s)
	if ok {
		b, ok = e.explicitOnly(b, s, nil)
	}
	if ok {
		e.deliver(b, at, replyFrom)
	}
}

// peering crosses from VNet from into the peer (azure-semantics.md §5).
func (e *engine) peering(b branch, from *vnet, p *peer) {
	if !e.crossPeering(&b, from, p) {
		return
	}
	e.inVNet(b, p.to)
}

// crossPeering checks forwarded traffic: packets that an appliance
// forwarded and that did not originate in the sending VNet need
// allowForwardedTraffic on the receiving side. Gateway transit is not
// forwarding.
func (e *engine) crossPeering(b *branch, from *vnet, p *peer) bool {
	e.touch(keyVNet(from))
	e.touch(keyVNet(p.to))
	e.hop(b, from.m.Name, "Peering", "Cross", "peering:"+from.m.Name+":"+p.local.Name, "to "+p.to.m.Name)
	if b.applied && !p.remote.AllowForwardedTraffic {
		native := b.xf.restrictSrc(b.set, from.space)
		ref := "peering:" + p.to.m.Name + ":" + p.remote.Name
		fb := *b
		e.drop(fb, b.set.Subtract(native), model.PeeringBlocked, ref,
			"set allowForwardedTraffic: true on peering "+p.remote.Name+" of "+p.to.m.Name,
			func(w hs.Packet) string {
				return fmt.Sprintf("%s from %s was forwarded into %s over peering %s, which does not allow forwarded traffic", fb.what(), w.Src, p.to.m.Name, p.remote.Name)
			})
		b.set = native
	}
	if !p.local.AllowsAccess() && !b.reply {
		b.noAccess = p
	}
	return !b.set.IsEmpty()
}

// egress leaves through the internet edge from subnet s. The edge
// translates the source of the subnet's own hosts to the node's public IP
// or Azure's default outbound address; a private source from elsewhere
// (forwarded by an appliance without SNAT) leaves but its reply cannot come
// back (azure-semantics.md §4).
func (e *engine) egress(b branch, s *subnet) {
	e.touch(keySubnet(s))
	if b.reply {
		if e.cross(&b, waypointEdge) {
			e.hop(&b, "internet", "Edge", "Egress", "", "")
			e.internet(b)
		}
		return
	}
	public := b.xf.restrictSrc(b.set, publicAddrs.Subtract(s.vnet.space))
	if !public.IsEmpty() {
		pb := b.with(public)
		e.cross(&pb, waypointEdge)
		e.internet(pb)
	}
	sp := splitSrc(b.with(b.set.Subtract(public)))
	for _, c := range e.n.nics {
		if c.sub != s {
			continue
		}
		if part, ok := sp.take(c.addrs); ok {
			addr := defaultOutbound
			if c.public.IsValid() {
				addr = hs.AddrFrom(c.public)
			}
			e.snatOut(part, natPoint{addr: addr, nic: c})
		}
	}
	if own, ok := sp.take(s.prefix); ok {
		e.snatOut(own, natPoint{addr: defaultOutbound})
	}
	stray := sp.rest
	e.drop(b, stray, model.AsymmetricReturn, b.route, "give the appliance that forwards this traffic SNAT (snat.publicIpAddress), or route it to the internet from the source's own subnet",
		func(w hs.Packet) string {
			return fmt.Sprintf("the packet from %s leaves %s for the internet with a private source address (%s), so the reply to it can never come back",
				w.Src, s.id, b.routeTxt)
		})
}

func (e *engine) snatOut(b branch, nat natPoint) {
	nat.prev = b.xf.src
	b.xf.src = xfAddr{from: fromConst, c: nat.addr}
	b.nats = grow(b.nats, nat)
	e.cross(&b, waypointEdge)
	e.hop(&b, "internet", "Edge", "Snat", "", "source "+addrText(nat.addr))
	e.internet(b)
}

// internet is the outside world, entered from Azure through the edge.
// Destinations are PaaS public addresses, public addresses of endpoints,
// translated addresses a reply returns to, and everything else public.
func (e *engine) internet(b branch) {
	e.touch(keyInternet)
	rest := b.set
	if b.reply && len(b.nats) > 0 {
		top := b.nats[len(b.nats)-1]
		back := b.xf.restrictDst(rest, hs.IPSetFromRanges(hs.IPRange{Lo: top.addr, Hi: top.addr}))
		if !back.IsEmpty() {
			rest = rest.Subtract(back)
			e.untranslate(b.with(back), top)
		}
	}
	sp := splitDst(b.with(rest))
	for _, o := range e.n.publicOwn {
		part, ok := sp.take(o.addrs)
		switch {
		case !ok:
		case o.paas != nil:
			e.paasFirewall(part, o.paas, "internet")
		default:
			e.fromInternet(part, o.nic, true)
		}
	}
	rest = sp.rest
	private := b.xf.restrictDst(rest, privateRanges)
	e.drop(b, private, model.NoRoute, b.route, "private addresses are not reachable over the internet; route them through a peering, gateway or appliance",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s reaches the internet (%s), where a private address leads nowhere", b.what(), w.Dst, b.routeTxt)
		})
	rest = rest.Subtract(private)
	if rest.IsEmpty() {
		return
	}
	if b.reply {
		e.arrive(b.with(rest), "internet")
		return
	}
	e.deliver(b.with(rest), "internet", func(r branch) { e.internet(r) })
}

// untranslate brings a reply back to the place that translated its
// request's source.
func (e *engine) untranslate(b branch, nat natPoint) {
	b.nats = b.nats[:len(b.nats)-1]
	b.xf.dst = nat.prev
	switch {
	case nat.local:
		e.arrive(b, "on-premises "+nat.gw.m.Name)
	case nat.gw != nil:
		e.hop(&b, "on-premises "+nat.gw.m.Name, "OnPremises", "Unsnat", "", "")
		e.gatewayIn(b, nat.gw)
	case nat.app != nil:
		if !e.cross(&b, waypointEdge) || !e.cross(&b, waypointAppliance(nat.app)) {
			return
		}
		e.hop(&b, nat.app.m.Name, "Appliance", "Unsnat", "", "")
		b.applied = true // the appliance forwards the reply on
		e.route(b, nat.app.sub)
	default:
		if !e.cross(&b, waypointEdge) {
			return
		}
		at := "node"
		if nat.nic != nil {
			at = nat.nic.ep.Name
		}
		e.arrive(b, at)
	}
}

// fromInternet brings a request from the internet to an endpoint through its
// public address: the edge translates the public frontend to the private
// address (dnat), or the query names the private node address directly.
func (e *engine) fromInternet(b branch, c *nic, dnat bool) {
	e.touch(keySubnet(c.sub))
	if b.reply {
		e.arrive(b, c.ep.Name)
		return
	}
	if !c.frontIn {
		e.notExposed(b, c.ep.Name+" has no public frontend")
		return
	}
	if !e.cross(&b, waypointEdge) {
		return
	}
	if dnat {
		for _, a := range c.list {
			nb := b
			nb.xf.dst = xfAddr{from: fromConst, c: hs.AddrFrom(a)}
			e.hop(&nb, "internet", "Edge", "Dnat", "", "to "+a.String())
			e.toNIC(nb, c)
		}
		return
	}
	e.hop(&b, "internet", "Edge", "Ingress", "", "through "+c.public.String())
	e.toNIC(b, c)
}

func (e *engine) notExposed(b branch, why string) {
	e.drop(b, b.set, model.NotExposed, "", "give the destination a public address (publicIpAddress, or a Public frontend), or reach it from inside the network",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s comes from the internet (%s), but %s can only be reached through a public address: %s", b.what(), w.Src, w.Dst, why)
		})
}

func addrText(a hs.Addr) string {
	if a == defaultOutbound {
		return "Azure's default outbound address"
	}
	return a.String()
}

func lookupApplianceAddr(v *vnet, a netip.Addr) *appliance {
	for _, o := range v.owners {
		if o.app != nil && o.app.addr == a {
			return o.app
		}
	}
	return nil
}
