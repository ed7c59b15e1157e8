package sim

import (
	"fmt"
	"net/netip"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// NAT gateways (azure-semantics.md §10, docs/semantics.md §4): the subnets
// that name one leave for the internet with its addresses, before any other
// method; nothing on the internet can open a connection through it.

type natGateway struct {
	m     *model.NatGateway
	addrs []hs.Addr // its public addresses, then those of its prefixes
}

// compileNatGateways attaches each subnet's NAT gateway and makes the
// gateways' addresses answer on the internet.
func (n *Network) compileNatGateways() {
	n.natGWs = map[string]*natGateway{}
	for _, m := range n.Topo.NatGateways {
		g := &natGateway{m: m}
		for _, s := range m.PublicIPAddresses {
			if a, err := model.ParseAddr(s); err == nil {
				g.addrs = append(g.addrs, hs.AddrFrom(a))
			}
		}
		for _, p := range prefixesOf(m.PublicIPPrefixes) {
			for a := p.Masked().Addr(); p.Contains(a); a = a.Next() {
				g.addrs = append(g.addrs, hs.AddrFrom(a))
			}
		}
		n.natGWs[m.Name] = g
		var ps []netip.Prefix
		for _, a := range g.addrs {
			ps = append(ps, netip.PrefixFrom(a.Netip(), 32))
		}
		n.publicOwn = append(n.publicOwn, publicOwner{addrs: hs.IPSetOf(ps...), nat: g})
	}
	for _, s := range n.subnets {
		s.nat = n.natGWs[s.m.NatGateway]
	}
}

// viaNatGateway sends b out of subnet s's NAT gateway: from each of its
// addresses (Azure picks one per flow, so each must work).
func (e *engine) viaNatGateway(b branch, s *subnet, c *nic) {
	g := s.nat
	e.touch("natgateway:" + g.m.Name)
	for _, a := range g.addrs {
		e.snatOut(b, s, natPoint{addr: a, nic: c}, "NAT gateway "+g.m.Name)
	}
}

// toNatGateway: nothing from the internet enters through a NAT gateway
// (a reply to a source that held one of its addresses is home).
func (e *engine) toNatGateway(b branch, g *natGateway) {
	e.touch("natgateway:" + g.m.Name)
	if b.reply {
		e.arrive(b, "NAT gateway "+g.m.Name)
		return
	}
	e.drop(b, b.set, model.NotExposed, "natgateway:"+g.m.Name, "a NAT gateway is for outbound traffic only; expose the destination through a public IP, a load balancer or a firewall DNAT rule",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s reaches NAT gateway %s, and services outside the virtual network can't initiate an inbound connection through a NAT gateway", b.what(), w.Dst, g.m.Name)
		})
}
