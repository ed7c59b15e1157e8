package sim

import (
	"fmt"
	"slices"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// gatewayOut sends a branch from Azure to on-premises through gateway g.
func (e *engine) gatewayOut(b branch, g *gateway) {
	e.touch("gateway:" + g.m.Name)
	if !e.enter(&b, "gateway "+g.m.Name) || !e.cross(&b, waypointGateway(g)) {
		return
	}
	at := "on-premises " + g.m.Name
	e.hop(&b, g.m.Name, "Gateway", "ToOnPremises", "", "")
	local := b.xf.restrictDst(b.set, g.onPrem)
	if !local.IsEmpty() {
		lb := b.with(local)
		if lb.reply {
			e.arrive(lb, at)
		} else {
			e.deliver(lb, at, func(r branch) { e.onPremisesReply(r, g) })
		}
	}
	rest := b.set.Subtract(local)
	public := b.xf.restrictDst(rest, publicAddrs)
	e.drop(b, rest.Subtract(public), model.NoRoute, b.route, "on-premises does not hold this address; route it elsewhere",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s is sent to on-premises by %s, which holds no such address", b.what(), w.Dst, b.routeTxt)
		})
	if public.IsEmpty() {
		return
	}
	on := g.m.OnPremises
	if on == nil || on.InternetEgress != model.EgressSnat || b.reply {
		e.drop(b, public, model.OnPremisesDropped, b.route, internetFix(b.route),
			func(w hs.Packet) string {
				return fmt.Sprintf("%s to %s matches %s and goes to on-premises through %s, which drops internet-bound traffic", b.what(), w.Dst, b.routeTxt, g.m.Name)
			})
		return
	}
	pb := b.with(public)
	snat, _ := model.ParseAddr(on.SnatAddress)
	nat := natPoint{addr: hs.AddrFrom(snat), gw: g, prev: pb.xf.src}
	pb.xf.src = xfAddr{from: fromConst, c: nat.addr}
	pb.nats = grow(pb.nats, nat)
	e.hop(&pb, at, "OnPremises", "Snat", "", "source "+snat.String())
	e.internet(pb)
}

// onPremisesReply sends a reply from on-premises behind g back into Azure.
// On-premises learns from g only the address spaces of the VNets that use
// it: a reply to anything else has no route there.
func (e *engine) onPremisesReply(r branch, g *gateway) {
	back := r.xf.restrictDst(r.set, e.n.gatewaySpace(g))
	if !back.IsEmpty() {
		e.gatewayIn(r.with(back), g)
	}
	e.drop(r, r.set.Subtract(back), model.NoRoute, "", "make the source's VNet use gateway "+g.m.Name+" (a peering with useRemoteGateways), so that on-premises learns its prefixes",
		func(w hs.Packet) string {
			return fmt.Sprintf("on-premises behind %s learns no route back to %s: the reply is lost", g.m.Name, w.Dst)
		})
}

// gatewaySpace is what on-premises reaches through gateway g: the address
// spaces of its VNet and of the VNets that use it through gateway transit.
func (n *Network) gatewaySpace(g *gateway) hs.IPSet {
	var set hs.IPSet
	for _, v := range n.vnets {
		if v == g.vnet || slices.Contains(v.usedGateways(), g) {
			set = set.Union(v.space)
		}
	}
	return set
}

// gatewayIn brings a branch from on-premises into the gateway's VNet,
// routed by the GatewaySubnet's routes.
func (e *engine) gatewayIn(b branch, g *gateway) {
	e.touch("gateway:" + g.m.Name)
	e.touch(keyVNet(g.vnet))
	if !e.enter(&b, "gateway "+g.m.Name) || !e.cross(&b, waypointGateway(g)) {
		return
	}
	e.hop(&b, g.m.Name, "Gateway", "FromOnPremises", "", "")
	e.route(b, e.n.gatewaySubnet(g.vnet))
}
