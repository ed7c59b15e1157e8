package sim

import (
	"fmt"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// toAppliance sends a branch to the appliance a VirtualAppliance route
// names; it must be a forwarding NIC in this VNet or a connected peer.
func (e *engine) toAppliance(b branch, s *subnet, c *candidate) {
	e.touch(keyLayout) // which appliance holds the address
	a, via := e.n.applianceAt(s.vnet, c.entry.NextHopIP)
	if a == nil || !a.forwards() {
		why := "no appliance in " + s.vnet.m.Name + " or its peers has address " + c.entry.NextHopIP
		fix := "point the route at an appliance's address, or declare the appliance"
		if a != nil {
			why = "appliance " + a.m.Name + " does not have IP forwarding enabled"
			fix = "set enableIpForwarding: true on appliance " + a.m.Name
		}
		e.drop(b, b.set, model.NotForwarded, b.route, fix, func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s matches %s, but %s, so Azure drops it", b.what(), w.Dst, b.routeTxt, why)
		})
		return
	}
	if via != nil && !e.crossPeering(&b, s.vnet, via) {
		return
	}
	e.appliance(b, a)
}

// appliance processes a branch at an appliance: a reply is translated
// back if the appliance translated its request, and forwarded; a request is
// filtered and forwarded by the appliance's kind (an Azure Firewall:
// azfirewall.go; a plain NVA: nva).
func (e *engine) appliance(b branch, a *appliance) {
	at := a.m.Name
	if !e.enter(&b, "appliance "+at) {
		return
	}
	b.applied = true
	b.noAccess = nil
	e.touch("appliance:" + at)
	switch {
	case b.reply:
		e.applianceReply(b, a)
	case a.m.IsAzureFirewall():
		e.azureFirewall(b, a)
	default:
		e.nva(b, a)
	}
}

// applianceReply: a stateful appliance forwards the replies of the flows it
// saw, and translates back a reply to its own SNAT address, however it
// arrives (azure-semantics.md §4).
func (e *engine) applianceReply(b branch, a *appliance) {
	if !e.cross(&b, waypointAppliance(a)) {
		return
	}
	if b.natBy(a) {
		k := len(b.nats) - 1
		nat := b.nats[k]
		back := b.xf.restrictDst(b.set, single(nat.addr))
		if rest := b.set.Subtract(back); !rest.IsEmpty() {
			e.route(b.with(rest), a.sub)
		}
		if !back.IsEmpty() {
			ub := b.with(back)
			ub.nats = b.nats[:k]
			ub.xf.dst = nat.prev
			e.hop(&ub, a.m.Name, "Appliance", "Unsnat", "", "")
			e.route(ub, a.sub)
		}
		return
	}
	e.route(b, a.sub)
}

// nva filters with the appliance subnet's NSG and the appliance's rules,
// translates internet-bound sources when it has SNAT, and forwards by its
// own subnet's routes.
func (e *engine) nva(b branch, a *appliance) {
	at := a.m.Name
	b, ok := e.inbound(b, nil, a.sub)
	if !ok {
		return
	}
	rules, err := e.n.applianceRules(a)
	if err != nil {
		e.fail(err)
		return
	}
	b, ok = e.filterStage(b, rules, at, "Appliance", model.ApplianceDenied, func(r ruleRegion) string { return applianceFix(a, r) })
	if !ok {
		return
	}
	b, ok = e.outbound(b, nil, a.sub)
	if !ok {
		return
	}
	e.cross(&b, waypointAppliance(a))
	if a.m.Snat == nil {
		e.route(b, a.sub)
		return
	}
	pub, _ := model.ParseAddr(a.m.Snat.PublicIPAddress)
	internetBound := b.xf.restrictDst(b.set, e.n.internetTag(a.sub))
	if rest := b.set.Subtract(internetBound); !rest.IsEmpty() {
		e.route(b.with(rest), a.sub)
	}
	if !internetBound.IsEmpty() {
		nb := b.with(internetBound)
		nat := natPoint{addr: hs.AddrFrom(pub), app: a, prev: nb.xf.src, in: a.sub.vnet}
		nb.xf.src = xfAddr{from: fromConst, c: nat.addr}
		nb.nats = grow(nb.nats, nat)
		e.hop(&nb, at, "Appliance", "Snat", "", "source "+pub.String())
		e.route(nb, a.sub)
	}
}

// forwards reports whether Azure delivers packets routed to the appliance:
// it needs IP forwarding, which an Azure Firewall always has.
func (a *appliance) forwards() bool { return a.m.EnableIPForwarding || a.m.IsAzureFirewall() }

// applianceRules compiles an appliance's rules on first use.
func (n *Network) applianceRules(a *appliance) (*ruleList, error) {
	a.once.Do(func() { a.rules, a.rulesErr = n.compileAppliance(a) })
	return a.rules, a.rulesErr
}
