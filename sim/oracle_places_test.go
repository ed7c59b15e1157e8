package sim

// Intent places, names and name resolution for the oracle
// (docs/semantics.md §9, §14; interpretations 15, 22 in oracle_test.go).

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// placeAddrs resolves an intent's source or destination (topology-format.md,
// "Address expressions"; §9 for a PaaS endpoint; interpretation 15) when
// it does not depend on the source. ok is false for VirtualNetwork and
// Internet, whose meaning as a place (not as a rule side, where it depends
// on the subnet) the docs leave open, for a PaaS endpoint once private DNS
// zones decide where its name resolves (§14), and for a name nothing has.
func (o *oracle) placeAddrs(expr string) (set hs.IPSet, ok bool) {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return hs.IPSet{}, false
	}
	switch e.Kind {
	case model.ExprAny:
		return hs.AllIPv4(), true
	case model.ExprPrefix:
		return hs.IPSetOf(e.Prefix), true
	case model.ExprSubnet:
		if s := o.subnet(e.Name); s != nil && s.declared {
			return hs.IPSetOf(s.prefix), true
		}
		return hs.IPSet{}, false
	}
	if ep, name := o.endpointNamed(e.Name); ep != nil {
		if ep.Kind.IsPaaS() && o.zones {
			return hs.IPSet{}, false
		}
		return o.endpointPlace(ep, name, netip.Addr{}), true
	}
	if model.LooksLikeFqdn(e.Name) {
		return hs.IPSet{}, false
	}
	if strings.EqualFold(e.Name, "AzureLoadBalancer") {
		return hs.IPSetOf(netip.PrefixFrom(oAzureLoadBalancer, 32)), true
	}
	if ps, ok := oPlatformTags[strings.ToLower(e.Name)]; ok {
		return hs.IPSetOf(ps...), true
	}
	for _, builtin := range []string{"VirtualNetwork", "Internet"} {
		if strings.EqualFold(e.Name, builtin) {
			return hs.IPSet{}, false
		}
	}
	return hs.IPSetOf(o.tagPrefixes(e.Name)...), true
}

// endpointPlace: the addresses of an endpoint as a place, its PaaS name
// resolved for a source at src (§14).
func (o *oracle) endpointPlace(ep *model.Endpoint, name string, src netip.Addr) hs.IPSet {
	var as []netip.Addr
	switch {
	case ep.Kind == model.External:
		return hs.IPSetOf(oParseAll(ep.AddressPrefixes)...)
	case ep.Kind == model.AksScoring:
		for _, n := range o.nicsOf(ep) {
			as = append(as, cmp.Or(n.public, n.addr)) // interpretation 15: its frontend
		}
	case ep.Kind.IsPaaS():
		for _, p := range o.paas {
			if p.m == ep {
				as = o.resolve(p, name, src)
			}
		}
	default:
		for _, n := range o.nicsOf(ep) {
			as = append(as, n.addr)
		}
	}
	var ps []netip.Prefix
	for _, a := range as {
		ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
	}
	return hs.IPSetOf(ps...)
}

// oPart is a part of a query's sources with its destinations.
type oPart struct {
	src, dst hs.IPSet
}

// destinations splits a query's sources by where they resolve names
// (their VNet, their gateway, else publicly; interpretation 22) and
// resolves the destination for each part; the flow's name is the
// destination's name (§14).
func (o *oracle) destinations(srcs hs.IPSet, expr string) (parts []oPart, name string, ok bool) {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return nil, "", false
	}
	if e.Kind == model.ExprName {
		if ep, n := o.endpointNamed(e.Name); ep != nil {
			rest := srcs
			add := func(part hs.IPSet) {
				part = part.Intersect(rest)
				if rep, ok := part.Min(); ok {
					parts = append(parts, oPart{part, o.endpointPlace(ep, n, rep.Netip())})
					rest = rest.Subtract(part)
				}
			}
			for _, v := range o.vnets {
				add(hs.IPSetOf(v.space...))
			}
			for _, g := range o.gateways {
				add(hs.IPSetOf(g.onPrem...))
			}
			add(rest)
			return parts, n, true
		}
	}
	dst, ok := o.placeAddrs(expr)
	return []oPart{{srcs, dst}}, "", ok
}

// ---------------------------------------------------------------------------
// Names (§14, interpretation 22).

// endpointNamed finds the endpoint an intent names, by its name or one of
// its names, with the flow's name: the name given, else the endpoint's
// first name ("" when it has none).
func (o *oracle) endpointNamed(s string) (*model.Endpoint, string) {
	if ep := o.t.Endpoint(s); ep != nil {
		if names := o.endpointNames(ep); len(names) > 0 {
			return ep, names[0]
		}
		return ep, ""
	}
	for _, ep := range o.t.Endpoints {
		if slices.Contains(o.endpointNames(ep), strings.ToLower(s)) {
			return ep, strings.ToLower(s)
		}
	}
	return nil, ""
}

// endpointNames are an endpoint's names, lower-case: its fqdns, then, for
// a PaaS service, the public name of its kind's usual sub-resource and of
// each other one.
func (o *oracle) endpointNames(ep *model.Endpoint) []string {
	var out []string
	for _, f := range ep.Fqdns {
		out = append(out, strings.ToLower(f))
	}
	if !ep.Kind.IsPaaS() {
		return out
	}
	usual := oUsualGroup(ep.Kind)
	out = append(out, o.groupName(ep, usual))
	for _, g := range model.PaaSGroups(ep.Kind) {
		if g != usual {
			out = append(out, o.groupName(ep, g))
		}
	}
	return out
}

func oUsualGroup(k model.EndpointKind) string { return (&model.PrivateEndpoint{}).GroupOf(k) }

// groupName is the public name of sub-resource g of a PaaS endpoint.
func (o *oracle) groupName(ep *model.Endpoint, g string) string {
	return strings.ToLower(o.t.GroupFqdn(ep, g))
}

// nameGroup is the sub-resource a name of a PaaS endpoint stands for.
func (o *oracle) nameGroup(ep *model.Endpoint, name string) string {
	for _, g := range model.PaaSGroups(ep.Kind) {
		if o.groupName(ep, g) == name {
			return g
		}
	}
	return oUsualGroup(ep.Kind)
}

// resolverVNet is the VNet whose Azure resolver answers a source at src,
// nil when it resolves publicly.
func (o *oracle) resolverVNet(src netip.Addr) *oVNet {
	var servers []string
	asker := o.vnetHolding(src)
	switch g := o.onPremGateway(src); {
	case asker != nil:
		if d := asker.m.DhcpOptions; d != nil {
			servers = d.DNSServers
		}
		if len(servers) == 0 {
			return asker
		}
	case g != nil && g.m.OnPremises != nil && len(g.m.OnPremises.DNSServers) > 0:
		servers = g.m.OnPremises.DNSServers
	default:
		return nil
	}
	first := oParseAddr(servers[0])
	if first == oAzureLoadBalancer {
		return asker
	}
	return o.vnetHolding(first)
}

// resolve: where name, one of p's names, resolves for a source at src
// (an invalid src resolves publicly).
func (o *oracle) resolve(p *oPaaS, name string, src netip.Addr) []netip.Addr {
	var out []netip.Addr
	if !o.zones {
		for _, pe := range p.pes {
			out = append(out, pe.addr)
		}
	} else if v := o.resolverVNet(src); v != nil {
		group := o.nameGroup(p.m, name)
		for _, pe := range p.pes {
			if strings.EqualFold(pe.m.GroupOf(p.m.Kind), group) && o.registered(p, pe, v) {
				out = append(out, pe.addr)
			}
		}
	}
	if len(out) == 0 && p.public.IsValid() {
		out = append(out, p.public)
	}
	return out
}

// registered: private endpoint pe has its record in a zone linked to v
// that is its sub-resource's privatelink zone.
func (o *oracle) registered(p *oPaaS, pe *oPrivateEndpoint, v *oVNet) bool {
	want := model.PrivateLinkZone(p.m.Kind, pe.m.GroupOf(p.m.Kind))
	zones := []string{want}
	if pe.m.Has("privateDnsZones") || len(pe.m.PrivateDNSZones) > 0 {
		zones = pe.m.PrivateDNSZones
	}
	for _, z := range o.t.PrivateDNSZones {
		if strings.EqualFold(z.Name, want) && slices.ContainsFunc(zones, func(s string) bool { return strings.EqualFold(s, z.Name) }) &&
			slices.Contains(z.VirtualNetworkLinks, v.name) {
			return true
		}
	}
	return false
}
