package sim

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Leaving for the internet (azure-semantics.md §10, docs/semantics.md §4):
// the edge translates the source of a subnet's own hosts by the first
// outbound method that applies; a private subnet without one reaches
// nothing public.

// outboundRule is an explicit method a NIC has through a load balancer: an
// outbound rule, or the SNAT of a load-balancing rule on a public frontend,
// for some protocols.
type outboundRule struct {
	protos hs.Set // every packet of the protocols it covers
	addrs  []hs.Addr
	what   string // for traces: "outbound rule out of web-lb"
	lb     string
}

// egress leaves through the internet edge from subnet s. A private source
// from elsewhere (forwarded by an appliance without SNAT) leaves, but its
// reply cannot come back (azure-semantics.md §4).
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
	for _, c := range s.nics {
		if part, ok := sp.take(c.addrs); ok {
			e.leave(part, s, c)
		}
	}
	if own, ok := sp.take(s.prefix); ok {
		e.leave(own, s, nil)
	}
	stray := sp.rest
	e.drop(b, stray, model.AsymmetricReturn, b.route, "give the appliance that forwards this traffic SNAT (snat.publicIpAddress), or route it to the internet from the source's own subnet",
		func(w hs.Packet) string {
			return fmt.Sprintf("the packet from %s leaves %s for the internet with a private source address (%s), so the reply to it can never come back",
				w.Src, s.id, b.routeTxt)
		})
}

// leave sends the packets of NIC c (nil: another address of s) out by the
// first outbound method that applies: s's NAT gateway, c's public IP, c's
// load-balancer outbound rules, an AKS cluster's managed outbound, s's
// default outbound access; none is NoOutbound.
func (e *engine) leave(b branch, s *subnet, c *nic) {
	if s.nat != nil {
		e.viaNatGateway(b, s, c)
		return
	}
	if c != nil && c.public.IsValid() {
		e.snatOut(b, s, natPoint{addr: hs.AddrFrom(c.public), nic: c}, "public IP of "+c.ep.Name)
		return
	}
	rest := b.set
	if c != nil {
		for _, o := range c.outbound {
			part := rest.Intersect(o.protos)
			if part.IsEmpty() {
				continue
			}
			rest = rest.Subtract(part)
			e.touch("loadbalancer:" + o.lb)
			for _, a := range o.addrs {
				e.snatOut(b.with(part), s, natPoint{addr: a, nic: c}, o.what)
			}
		}
		if rest.IsEmpty() {
			return
		}
		if c.aksManaged() {
			e.snatOut(b.with(rest), s, natPoint{addr: defaultOutbound, nic: c}, "the managed outbound of AKS cluster "+c.ep.Name)
			return
		}
		if len(c.pools) > 0 {
			e.noOutbound(b.with(rest), s, c, "it is in the backend pool of load balancer "+strings.Join(c.pools, ", ")+", which has no outbound rule for this protocol, and a Standard load balancer's backends get no default outbound access")
			return
		}
	}
	if s.defaultOutbound {
		e.snatOut(b.with(rest), s, natPoint{addr: defaultOutbound, nic: c}, "default outbound access")
		return
	}
	e.noOutbound(b.with(rest), s, c, s.id+" is a private subnet (defaultOutboundAccess: false) with no NAT gateway")
}

func (e *engine) noOutbound(b branch, s *subnet, c *nic, why string) {
	who, fix := "an address of "+s.id, "attach a NAT gateway to "+s.id+" (natGateway), or route 0.0.0.0/0 to a firewall"
	if c != nil {
		who = c.ep.Name
		fix += ", or give " + c.ep.Name + " a public IP or a load-balancer outbound rule"
	}
	e.drop(b, b.set, model.NoOutbound, "subnet:"+s.id, fix, func(w hs.Packet) string {
		return fmt.Sprintf("%s from %s (%s) is bound for %s, a public address, but %s has no explicit outbound method: %s", b.what(), w.Src, who, w.Dst, who, why)
	})
}

// snatOut translates the source of a host of subnet s at the edge and
// leaves for the internet.
func (e *engine) snatOut(b branch, s *subnet, nat natPoint, how string) {
	nat.prev, nat.in = b.xf.src, s.vnet
	b.xf.src = xfAddr{from: fromConst, c: nat.addr}
	b.nats = grow(b.nats, nat)
	e.cross(&b, waypointEdge)
	e.hop(&b, "internet", "Edge", "Snat", "", "source "+addrText(nat.addr)+" ("+how+")")
	e.internet(b)
}
