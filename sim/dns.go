package sim

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Name resolution for private endpoints (azure-semantics.md §13,
// docs/semantics.md §14): once a topology declares private DNS zones, a
// PaaS endpoint named as a destination resolves, for each source, through
// the resolver that source asks: to its private endpoints when a zone that
// resolver answers from holds them, else to its public address.

// dnsActive reports whether names follow private DNS zones (a topology
// without any keeps the older meaning: private endpoints when there are
// any).
func (n *Network) dnsActive() bool { return len(n.Topo.PrivateDNSZones) > 0 }

// vnetAt is the VNet whose address space holds a, if any.
func (n *Network) vnetAt(a netip.Addr) *vnet {
	for _, v := range n.vnets {
		if v.space.Contains(hs.AddrFrom(a)) {
			return v
		}
	}
	return nil
}

// resolverOf is the VNet whose zone links answer for a client asking the
// given DNS servers from home (home nil: on-premises). The first server
// listed decides: none, or 168.63.129.16, is Azure's resolver in home
// (public from on-premises); a server in a VNet's address space answers as
// Azure's resolver in that VNet (a DNS server or Private Resolver endpoint
// there forwards to it; that VNet's own dnsServers are for its clients,
// not for the server); any other server resolves publicly (nil, false).
func (n *Network) resolverOf(home *vnet, servers []string) (*vnet, bool) {
	if len(servers) == 0 {
		return home, home != nil
	}
	a, err := model.ParseAddr(servers[0])
	switch {
	case err != nil:
		return nil, false
	case a == azureLoadBalancer.Addr():
		return home, home != nil
	}
	v := n.vnetAt(a)
	return v, v != nil
}

// vnetResolver is the VNet whose links answer for clients in v.
func (n *Network) vnetResolver(v *vnet) (*vnet, bool) {
	var servers []string
	if d := v.m.DhcpOptions; d != nil {
		servers = d.DNSServers
	}
	return n.resolverOf(v, servers)
}

// gatewayResolver is the VNet whose links answer for clients on-premises
// behind g (their DNS servers' forwarders).
func (n *Network) gatewayResolver(g *gateway) (*vnet, bool) {
	if g.m.OnPremises == nil {
		return nil, false
	}
	return n.resolverOf(nil, g.m.OnPremises.DNSServers)
}

// linked reports whether zone name is linked to v.
func (n *Network) linked(zone string, v *vnet) bool {
	for _, z := range n.Topo.PrivateDNSZones {
		if strings.EqualFold(z.Name, zone) {
			for _, l := range z.VirtualNetworkLinks {
				if l == v.m.Name {
					return true
				}
			}
		}
	}
	return false
}

// registeredIn is the zone a private endpoint's record is in, if declared:
// its privateDnsZones naming its group's privatelink zone, or, without the
// key, that zone when the topology declares it.
func (n *Network) registeredIn(p *paas, pe peAddr) string {
	zone := model.PrivateLinkZone(p.ep.Kind, pe.m.GroupOf(p.ep.Kind))
	if zone == "" {
		return ""
	}
	if pe.m.Has("privateDnsZones") {
		for _, z := range pe.m.PrivateDNSZones {
			if strings.EqualFold(z, zone) {
				return zone
			}
		}
		return ""
	}
	for _, z := range n.Topo.PrivateDNSZones {
		if strings.EqualFold(z.Name, zone) {
			return zone
		}
	}
	return ""
}

// privateAnswer is what the resolver of VNet r answers for the name of p's
// sub-resource group: its private endpoints registered in a zone linked
// to r.
func (n *Network) privateAnswer(p *paas, group string, r *vnet) []netip.Addr {
	var out []netip.Addr
	for _, pe := range p.pesOf(group) {
		if z := n.registeredIn(p, pe); z != "" && n.linked(z, r) {
			out = append(out, pe.addr)
		}
	}
	return out
}

// resolvedPart is what a part of the sources resolves a name to.
type resolvedPart struct {
	src, dst hs.IPSet
}

// resolveFor splits sources by the resolver they ask and gives each part
// the addresses the name of p's sub-resource group resolves to there.
func (n *Network) resolveFor(p *paas, group string, src hs.IPSet) []resolvedPart {
	answer := func(r *vnet, ok bool) hs.IPSet {
		if ok {
			if as := n.privateAnswer(p, group, r); len(as) > 0 {
				return addrSet(as)
			}
		}
		if p.public.IsValid() {
			return addrSet([]netip.Addr{p.public})
		}
		return hs.IPSet{}
	}
	var out []resolvedPart
	rest := src
	for _, v := range n.vnets {
		if part := rest.Intersect(v.space); !part.IsEmpty() {
			rest = rest.Subtract(part)
			out = append(out, resolvedPart{part, answer(n.vnetResolver(v))})
		}
	}
	for _, name := range sortedKeys(n.gateways) {
		g := n.gateways[name]
		if part := rest.Intersect(g.onPrem); !part.IsEmpty() {
			rest = rest.Subtract(part)
			out = append(out, resolvedPart{part, answer(n.gatewayResolver(g))})
		}
	}
	if !rest.IsEmpty() {
		out = append(out, resolvedPart{rest, answer(nil, false)})
	}
	return out
}

// nameNotPrivate explains why a request to p's public address, made by
// name from where it started, did not go to p's private endpoint: no
// private endpoint for the sub-resource named, or the missing zone, record
// or link. ok is false when p has no private endpoint or names do not
// follow zones (the refusal is then the firewall's alone).
func (e *engine) nameNotPrivate(b branch, p *paas) (fix string, ok bool) {
	e.touch(keyDNS)
	if !e.n.dnsActive() || len(p.pes) == 0 {
		return "", false
	}
	name, named := e.destinationName(p)
	if !named {
		return "", false
	}
	group := e.n.Topo.FqdnGroup(p.ep, name)
	pes := p.pesOf(group)
	if len(pes) == 0 {
		return fmt.Sprintf("give %s a private endpoint for sub-resource %s (%s is its public name)", p.ep.Name, group, name), true
	}
	pe := pes[0]
	zone := model.PrivateLinkZone(p.ep.Kind, group)
	var r *vnet
	var where string
	switch {
	case b.origin != nil:
		r, _ = e.n.vnetResolver(b.origin.vnet)
		where = b.origin.vnet.m.Name
		if r == nil {
			return fmt.Sprintf("the DNS servers of %s answer publicly: forward %s to a resolver in a VNet linked to it (or use Azure's 168.63.129.16)", where, zone), true
		}
	default:
		return fmt.Sprintf("make the source's DNS forward %s to a resolver in a VNet linked to it (a gateway's onPremises.dnsServers)", zone), true
	}
	switch {
	case !e.n.zoneDeclared(zone):
		return fmt.Sprintf("create private DNS zone %s with the record of %s's private endpoint, and link it to %s", zone, p.ep.Name, r.m.Name), true
	case e.n.registeredIn(p, pe) == "":
		return fmt.Sprintf("register %s's private endpoint in private DNS zone %s (a DNS zone group)", p.ep.Name, zone), true
	}
	return fmt.Sprintf("link private DNS zone %s to %s", zone, r.m.Name), true
}

func (n *Network) zoneDeclared(zone string) bool {
	for _, z := range n.Topo.PrivateDNSZones {
		if strings.EqualFold(z.Name, zone) {
			return true
		}
	}
	return false
}

// destinationName is the name the query gave p by, if it named p (so its
// address came from a name).
func (e *engine) destinationName(p *paas) (string, bool) {
	for _, fn := range e.names {
		if p.public.IsValid() && fn.Addrs.Contains(hs.AddrFrom(p.public)) {
			return fn.Name, true
		}
	}
	return "", false
}
