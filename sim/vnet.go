package sim

import (
	"fmt"
	"net/netip"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

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
		case o.app != nil && o.app.m.IsAzureFirewall() && !ob.reply:
			// A firewall's own address (its DNAT rules decide), behind
			// the peering's access like any other host.
			if ob, ok := e.explicitOnly(ob, o.app.sub, nil); ok {
				e.appliance(ob, o.app)
			}
		case o.app != nil && ob.natBy(o.app):
			e.appliance(ob, o.app) // the reply to the appliance's translation
		case o.app != nil:
			e.toHost(ob, o.app.sub, "appliance "+o.app.m.Name, func(r branch) { e.route(r, o.app.sub) })
		case o.paas != nil:
			e.toPrivateEndpoint(ob, o.paas, o.addrs)
		case o.lb != nil:
			e.toFrontend(ob, o.lb)
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
			var byUser hs.Set
			for _, p := range e.splitBy(b, r) {
				if spec := r.specs[p.rule]; spec.allow && spec.user {
					byUser = byUser.Union(p.set)
				}
			}
			if i == 0 {
				explicit = byUser
			} else {
				explicit = explicit.Intersect(byUser)
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

// peering crosses from VNet from into the peer to deliver there
// (azure-semantics.md §5). Over a side that disallows access, the delivery
// must be allowed explicitly (explicitOnly); the mark is this crossing's
// alone: an appliance reached as a next hop is no delivery, and what it
// forwards crosses anew.
func (e *engine) peering(b branch, from *vnet, p *peer) {
	if !e.crossPeering(&b, from, p) {
		return
	}
	b.noAccess = nil
	if !b.reply {
		b.noAccess = p.disallowing()
	}
	e.inVNet(b, p.to)
}

// disallowing is the side of a peering that disallows virtual network
// access, seen from its own VNet: this side first, else the other; nil when
// both allow it. Either side restricts both directions (azure-semantics.md
// §5).
func (p *peer) disallowing() *peer {
	switch {
	case !p.local.AllowsAccess():
		return p
	case !p.remote.AllowsAccess():
		return p.to.peerTo(p.from)
	}
	return nil
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
	return !b.set.IsEmpty()
}

func lookupApplianceAddr(v *vnet, a netip.Addr) *appliance {
	for _, o := range v.owners {
		if o.app != nil && o.app.addr == a {
			return o.app
		}
	}
	return nil
}
