package sim

import (
	"net/netip"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Private endpoints (azure-semantics.md §14, docs/semantics.md §15): their
// /32 InterfaceEndpoint routes, and the network policies of their subnet,
// which decide whether NSGs and user routes apply to their traffic.

// privateEndpointRoutes are the InterfaceEndpoint routes subnet s has: one
// /32 for each private endpoint in its VNet or a connected peer. A route of
// a private endpoint whose subnet has route-table policies is invalidated
// by a user route of s that contains its address and is at least as wide as
// the address space holding it (but not 0.0.0.0/0).
func (n *Network) privateEndpointRoutes(s *subnet) []*RouteEntry {
	var out []*RouteEntry
	vnets := []*vnet{s.vnet}
	for _, p := range s.vnet.peers {
		vnets = append(vnets, p.to)
	}
	for _, p := range n.paas {
		for i := range p.pes {
			pe := &p.pes[i]
			if v := pe.sub.vnet; v != s.vnet && s.vnet.peerTo(v) == nil {
				continue
			}
			e := &RouteEntry{Source: SourceDefault, Prefixes: []netip.Prefix{netip.PrefixFrom(pe.addr, 32)},
				NextHopType: model.HopInterfaceEndpoint, pe: pe}
			if pe.sub.vnet != s.vnet {
				e.peer = s.vnet.peerTo(pe.sub.vnet)
			}
			e.invalid = pe.sub.m.PrivateEndpointNetworkPolicies.UDRApplies() && n.userRouteOverrides(s, pe)
			out = append(out, e)
		}
	}
	return out
}

// userRouteOverrides reports whether a user route of s is wide enough to
// invalidate pe's /32 route ("user-defined routes must have a prefix size
// that is equal to or smaller than the virtual network address space ... a
// default route (0.0.0.0/0) doesn't invalidate the private endpoint route").
func (n *Network) userRouteOverrides(s *subnet, pe *peAddr) bool {
	if s.rt == nil {
		return false
	}
	space := 32
	for _, p := range prefixesOf(pe.sub.vnet.m.AddressSpace) {
		if p.Contains(pe.addr) {
			space = p.Bits()
		}
	}
	for _, r := range s.rt.Routes {
		if p, err := model.ParsePrefix(r.AddressPrefix); err == nil && p.Bits() > 0 && p.Bits() <= space && p.Contains(pe.addr) {
			return true
		}
	}
	return false
}

// interfaceEndpoint follows an InterfaceEndpoint route to its private
// endpoint, across the peering when it is in the peer.
func (e *engine) interfaceEndpoint(b branch, s *subnet, pe *peAddr) {
	v := pe.sub.vnet
	if v != s.vnet {
		p := s.vnet.peerTo(v)
		if !e.crossPeering(&b, s.vnet, p) {
			return
		}
		b.noAccess = nil
		if !b.reply {
			b.noAccess = p.disallowing()
		}
	}
	e.inVNet(b, v)
}

// toPrivateEndpoint delivers to a PaaS service through a private endpoint:
// always admitted by its firewall, filtered by its subnet's inbound NSG only
// when the subnet's network policies say so. Replies leave by the private
// endpoint's subnet routes, user routes included only when the policies say
// so.
func (e *engine) toPrivateEndpoint(b branch, p *paas, addrs hs.IPSet) {
	e.touch("paas:" + p.ep.Name)
	if b.reply {
		e.arrive(b, p.ep.Name)
		return
	}
	var sub *subnet
	for _, pe := range p.pes {
		if addrs.Contains(hs.AddrFrom(pe.addr)) {
			sub = pe.sub
		}
	}
	e.touch(keySubnet(sub))
	policies := sub.m.PrivateEndpointNetworkPolicies
	var nsgSub *subnet
	if policies.NSGApplies() {
		nsgSub = sub
		var ok bool
		if b, ok = e.inbound(b, nil, sub); !ok {
			return
		}
	}
	b.via = sub
	b, ok := e.explicitOnly(b, nsgSub, nil)
	if !ok {
		return
	}
	e.hop(&b, p.ep.Name, "PaasFirewall", "Allow", "firewall:"+p.ep.Name, "private endpoint")
	e.deliver(b, p.ep.Name, func(r branch) {
		if policies.UDRApplies() {
			e.route(r, sub)
		} else {
			e.routeBy(r, sub, e.n.systemRoutes(sub))
		}
	})
}
