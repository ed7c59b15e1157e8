package sim

import (
	"fmt"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// route splits a branch at subnet s's router by the route each destination
// takes, and follows each next hop (azure-semantics.md §3).
func (e *engine) route(b branch, s *subnet) {
	e.routeBy(b, s, e.n.routes(s))
}

// routeBy routes b at subnet s's router with route table rt.
func (e *engine) routeBy(b branch, s *subnet, rt *routeTable) {
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
	case model.HopInterfaceEndpoint:
		e.interfaceEndpoint(b, s, c.entry.pe)
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
