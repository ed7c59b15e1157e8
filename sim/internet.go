package sim

import (
	"fmt"
	"net/netip"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

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
		case o.nat != nil:
			e.toNatGateway(part, o.nat)
		case o.lb != nil:
			e.toFrontend(part, o.lb)
		case o.fw != nil:
			e.fromInternetToFirewall(part, o.fw)
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
		if !e.cross(&b, waypointEdge) || !e.enter(&b, "appliance "+nat.app.m.Name) || !e.cross(&b, waypointAppliance(nat.app)) {
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
	if c.sub.nsg == nil && c.nsg == nil && c.ep.Kind != model.AksScoring {
		e.closedPublicIP(b, c.public, c.ep.Name)
		return
	}
	if dnat {
		for _, a := range c.list {
			nb := b
			nb.dnat(xfAddr{from: fromConst, c: hs.AddrFrom(a)}, nil)
			e.hop(&nb, "internet", "Edge", "Dnat", "", "to "+a.String())
			e.toNIC(nb, c)
		}
		return
	}
	e.hop(&b, "internet", "Edge", "Ingress", "", "through "+c.public.String())
	e.toNIC(b, c)
}

// closedPublicIP: a Standard public IP (Basic is retired) is closed to
// inbound traffic until an NSG on the NIC or its subnet allows it
// (azure-semantics.md §10; an AKS frontend is opened by the NSG AKS
// manages).
func (e *engine) closedPublicIP(b branch, addr netip.Addr, owner string) {
	e.drop(b, b.set, model.NsgDenied, "publicip:"+addr.String(), "associate a network security group that allows this traffic with "+owner+"'s NIC or subnet: a Standard public IP is closed to inbound traffic until an NSG allows it",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s from %s to %s, the Standard public IP of %s, is dropped: neither its NIC nor its subnet has a network security group, and a Standard public IP admits only what an NSG allows", b.what(), w.Src, addr, owner)
		})
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
