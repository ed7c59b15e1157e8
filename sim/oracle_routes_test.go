package sim

// The oracle's effective routes and route selection (docs/semantics.md §2,
// §9, §15; azure-semantics.md §3).

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// ---------------------------------------------------------------------------
// Effective routes (§2, AS §3).

const (
	oSourceDefault = iota
	oSourceBGP
	oSourceUser
)

type oRoute struct {
	prefix  netip.Prefix
	source  int // oSourceDefault, oSourceBGP, oSourceUser
	tagRank int // user routes: 0 explicit prefix, 1 regional tag, 2 global tag
	hop     model.NextHopType
	nextHop netip.Addr        // VirtualAppliance
	gateway *oGateway         // BGP routes
	peer    *oVNet            // VNetPeering
	pe      *oPrivateEndpoint // InterfaceEndpoint
	ref     string
}

// routePrefixes expands a user route's addressPrefix, with its tag rank.
func (o *oracle) routePrefixes(expr string) ([]netip.Prefix, int) {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return nil, 0
	}
	switch e.Kind {
	case model.ExprPrefix:
		return []netip.Prefix{e.Prefix}, 0
	case model.ExprName:
		rank := 2
		if strings.Contains(e.Name, ".") {
			rank = 1
		}
		return o.tagPrefixes(e.Name), rank
	}
	return nil, 0
}

// effectiveRoutes are subnet s's routes with route table rt (AS §3, §2,
// §15).
func (o *oracle) effectiveRoutes(s *oSubnet, rt *model.RouteTable) []oRoute {
	v := s.vnet
	var system, bgp, user []oRoute
	sys := func(p netip.Prefix, hop model.NextHopType, peer *oVNet) {
		system = append(system, oRoute{prefix: p, source: oSourceDefault, hop: hop, peer: peer, ref: "system:" + s.id + ":" + p.String()})
	}
	for _, p := range v.space {
		sys(p, model.HopVnetLocal, nil)
	}
	sys(oAllIPv4, model.HopInternet, nil)
	defaultOverridden := false
	if rt != nil {
		for _, r := range rt.Routes {
			ps, rank := o.routePrefixes(r.AddressPrefix)
			for _, p := range ps {
				user = append(user, oRoute{prefix: p, source: oSourceUser, tagRank: rank, hop: r.NextHopType,
					nextHop: oParseAddr(r.NextHopIPAddress), ref: "route:" + rt.Name + ":" + r.Name})
				defaultOverridden = defaultOverridden || p == oAllIPv4
			}
		}
	}
	if rt == nil || !rt.DisableBgpRoutePropagation {
		for _, g := range o.gatewaysUsedBy(v) {
			ps := slices.Clone(g.onPrem)
			if g.m.OnPremises != nil && g.m.OnPremises.AdvertiseDefaultRoute {
				ps = append(ps, oAllIPv4)
				defaultOverridden = true
			}
			for _, p := range ps {
				bgp = append(bgp, oRoute{prefix: p, source: oSourceBGP, hop: model.HopVirtualNetworkGateway, gateway: g, ref: "bgp:" + g.name + ":" + p.String()})
			}
		}
	}
	for _, r := range oReservedNone {
		if !defaultOverridden && !slices.ContainsFunc(v.space, func(q netip.Prefix) bool { return q.Bits() <= r.Bits() && q.Contains(r.Addr()) }) {
			sys(r, model.HopNone, nil)
		}
	}
	for _, peer := range o.peers(v) {
		for _, p := range peer.space {
			sys(p, model.HopVNetPeering, peer)
		}
	}
	if s.m != nil {
		for _, se := range s.m.ServiceEndpoints {
			for _, p := range o.serviceEndpointPrefixes(se, v.location) {
				sys(p, model.HopVirtualNetworkServiceEndpoint, nil)
			}
		}
	}
	for _, p := range o.paas {
		for _, pe := range p.pes {
			if (pe.subnet.vnet == v || slices.Contains(o.peers(v), pe.subnet.vnet)) && !o.invalidates(rt, pe) {
				system = append(system, oRoute{prefix: netip.PrefixFrom(pe.addr, 32), source: oSourceDefault, hop: oHopInterfaceEndpoint,
					pe: pe, ref: "system:" + s.id + ":" + netip.PrefixFrom(pe.addr, 32).String()})
			}
		}
	}
	return slices.Concat(system, bgp, user)
}

// oPolicies are the private-endpoint network policies of subnet s (§15).
func oPolicies(s *oSubnet) model.PENetworkPolicies {
	if s.m == nil {
		return model.PEPoliciesDisabled
	}
	return s.m.PrivateEndpointNetworkPolicies
}

// serviceEndpointPrefixes are the prefixes a service endpoint's routes
// cover in a VNet of the location (§9, interpretation 25).
func (o *oracle) serviceEndpointPrefixes(se, location string) []netip.Prefix {
	base := model.ServiceEndpointTags[se]
	switch {
	case base == "":
		return nil
	case se == "Microsoft.Storage.Global":
		return o.tagPrefixes(base)
	}
	regions := []string{location}
	if se == "Microsoft.Storage" && model.PairedRegion(location) != "" {
		regions = append(regions, model.PairedRegion(location))
	}
	var out []netip.Prefix
	for _, r := range regions {
		if tag, ok := o.t.Tags.Regional(base, r); ok {
			out = append(out, oIPv4(tag.Prefixes)...)
		}
	}
	return out
}

// invalidates reports whether route table rt makes private endpoint pe's
// route Invalid (§15): its subnet has route-table policies and rt holds a
// user route, other than 0.0.0.0/0, that contains the address and is at
// least as wide as the address space of pe's VNet holding it.
func (o *oracle) invalidates(rt *model.RouteTable, pe *oPrivateEndpoint) bool {
	if rt == nil || !oPolicies(pe.subnet).UDRApplies() {
		return false
	}
	for _, r := range rt.Routes {
		ps, _ := o.routePrefixes(r.AddressPrefix)
		for _, p := range ps {
			if p.Bits() == 0 || !p.Contains(pe.addr) {
				continue
			}
			for _, space := range pe.subnet.vnet.space {
				if space.Contains(pe.addr) && p.Bits() <= space.Bits() {
					return true
				}
			}
		}
	}
	return false
}

// selectRoute: service-endpoint routes win outright; otherwise, among the
// routes holding dst, gateway routes are ignored when a VnetLocal or
// VNetPeering system route holds it; then the longest prefix, then User >
// BGP > Default, then explicit prefix > regional tag > global tag, then the
// earlier route.
func (o *oracle) selectRoute(s *oSubnet, dst netip.Addr) *oRoute {
	var holding []*oRoute
	for i := range s.routes {
		if oPrefixContains(s.routes[i].prefix, dst) {
			holding = append(holding, &s.routes[i])
		}
	}
	if se := oFilter(holding, func(r *oRoute) bool { return r.hop == model.HopVirtualNetworkServiceEndpoint }); len(se) > 0 {
		holding = se
	}
	if slices.ContainsFunc(holding, func(r *oRoute) bool {
		return r.source == oSourceDefault && (r.hop == model.HopVnetLocal || r.hop == model.HopVNetPeering)
	}) {
		holding = oFilter(holding, func(r *oRoute) bool { return r.source != oSourceBGP })
	}
	var best *oRoute
	for _, r := range holding {
		if best == nil || oBetterRoute(r, best) {
			best = r
		}
	}
	return best
}

// oBetterRoute: strictly better, so that the earlier route wins ties.
func oBetterRoute(r, than *oRoute) bool {
	if c := cmp.Compare(r.prefix.Bits(), than.prefix.Bits()); c != 0 {
		return c > 0
	}
	if c := cmp.Compare(r.source, than.source); c != 0 {
		return c > 0
	}
	return r.tagRank < than.tagRank
}

func oFilter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
