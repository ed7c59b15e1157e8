package sim

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Built-in tags that vnetsim computes from the topology (azure-semantics.md §2).
const (
	tagVirtualNetwork    = "VirtualNetwork"
	tagAzureLoadBalancer = "AzureLoadBalancer"
	tagInternet          = "Internet"
)

// tagSet is the IPv4 part of a service tag from the tag sources, or a
// built-in platform tag. Lookups are cached: tags are resolved once per
// rule per subnet.
func (n *Network) tagSet(name string) (hs.IPSet, bool) {
	key := strings.ToLower(name)
	n.tagsMu.Lock()
	set, ok := n.tags[key]
	n.tagsMu.Unlock()
	if ok {
		return set, true
	}
	if set, ok := platformTagSet(name); ok {
		n.storeTag(key, set)
		return set, true
	}
	tag, ok := n.Topo.Tags.Lookup(name)
	if !ok {
		return hs.IPSet{}, false
	}
	set = hs.IPSetOf(v4(tag.Prefixes)...)
	n.storeTag(key, set)
	return set, true
}

func (n *Network) storeTag(key string, set hs.IPSet) {
	n.tagsMu.Lock()
	n.tags[key] = set
	n.tagsMu.Unlock()
}

// vnetTag is VirtualNetwork as seen from subnet s: the VNet's address
// space, connected peers that allow access, on-premises prefixes of the
// gateways the VNet uses, and the prefixes of the subnet's user routes.
func (n *Network) vnetTag(s *subnet) hs.IPSet {
	s.vnetTagOnce.Do(func() { s.vnetTag = n.buildVNetTag(s) })
	return s.vnetTag
}

func (n *Network) buildVNetTag(s *subnet) hs.IPSet {
	set := s.vnet.space
	for _, p := range s.vnet.peers {
		if p.disallowing() == nil {
			set = set.Union(p.to.space)
		}
	}
	for _, g := range s.vnet.usedGateways() {
		set = set.Union(g.onPrem)
	}
	if s.rt != nil {
		for _, r := range s.rt.Routes {
			set = set.Union(n.routePrefixes(r))
		}
	}
	return set
}

// internetTag is Internet as seen from subnet s: public addresses outside
// its VirtualNetwork (the default outbound address included).
func (n *Network) internetTag(s *subnet) hs.IPSet {
	return publicAddrs.Subtract(n.vnetTag(s))
}

// routePrefixes is a user route's address prefix: a prefix, or a service
// tag's prefixes.
func (n *Network) routePrefixes(r *model.Route) hs.IPSet {
	if p, err := model.ParsePrefix(r.AddressPrefix); err == nil {
		return hs.IPSetOf(p)
	}
	set, _ := n.tagSet(r.AddressPrefix)
	return set
}

// rulePrefix resolves one address prefix of an NSG or appliance rule, in
// the context of subnet s (for VirtualNetwork and Internet).
func (n *Network) rulePrefix(expr string, s *subnet) (hs.IPSet, error) {
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return hs.IPSet{}, err
	}
	switch e.Kind {
	case model.ExprAny:
		return allAddrs, nil // any address, the default outbound one too
	case model.ExprPrefix:
		return hs.IPSetOf(e.Prefix), nil
	}
	switch {
	case strings.EqualFold(e.Name, tagVirtualNetwork):
		return n.vnetTag(s), nil
	case strings.EqualFold(e.Name, tagAzureLoadBalancer):
		return hs.IPSetOf(azureLoadBalancer), nil
	case strings.EqualFold(e.Name, tagInternet):
		return n.internetTag(s), nil
	}
	if set, ok := n.tagSet(e.Name); ok {
		return set, nil
	}
	return hs.IPSet{}, fmt.Errorf("unknown service tag %q", e.Name)
}

// platformTagSet is a built-in platform tag's addresses.
func platformTagSet(name string) (hs.IPSet, bool) {
	_, ps, ok := model.PlatformTag(name)
	return prefixSet(ps), ok
}

// Place is a resolved intent source or destination: addresses, and the
// endpoint or subnet the expression named, if any.
type Place struct {
	Expr     string
	Addrs    hs.IPSet
	Endpoint *model.Endpoint
	Subnet   string
	Tag      string     // the service tag named, for fixes
	Names    []FlowName // the names its addresses were given by (docs/semantics.md §14)
	// resolve, for a PaaS endpoint named while private DNS zones decide,
	// gives the addresses its name resolves to for each part of the
	// sources; Addrs is then every address it may resolve to.
	resolve func(src hs.IPSet) []resolvedPart
}

// ResolvePlace resolves an intent's source or destination: an address
// expression, an endpoint name or a subnet reference.
// A comma-separated list is the union of its items.
func (n *Network) ResolvePlace(expr string) (Place, error) {
	if strings.Contains(expr, ",") {
		pl := Place{Expr: expr}
		for _, item := range strings.Split(expr, ",") {
			one, err := n.ResolvePlace(strings.TrimSpace(item))
			if err != nil {
				return pl, err
			}
			pl.Addrs = pl.Addrs.Union(one.Addrs)
			pl.Names = append(pl.Names, one.Names...)
			if one.resolve != nil {
				return pl, fmt.Errorf("%q: a PaaS endpoint whose name private DNS zones resolve must be a destination of its own, not part of a list", expr)
			}
		}
		return pl, nil
	}
	pl := Place{Expr: expr}
	e, err := model.ParseAddrExpr(expr)
	if err != nil {
		return pl, err
	}
	switch e.Kind {
	case model.ExprAny:
		pl.Addrs = hs.AllIPv4()
		return pl, nil
	case model.ExprPrefix:
		pl.Addrs = hs.IPSetOf(e.Prefix)
		return pl, nil
	case model.ExprSubnet:
		s := n.bySubnet[e.Name]
		if s == nil {
			return pl, fmt.Errorf("no subnet %q", e.Name)
		}
		pl.Addrs, pl.Subnet = s.prefix, s.id
		return pl, nil
	}
	if ep := n.Topo.Endpoint(e.Name); ep != nil {
		name := ""
		if names := n.Topo.EndpointFqdns(ep); len(names) > 0 {
			name = names[0]
		}
		return n.endpointPlace(pl, ep, name), nil
	}
	if ep := n.endpointByFqdn(e.Name); ep != nil {
		return n.endpointPlace(pl, ep, e.Name), nil
	}
	switch {
	case strings.EqualFold(e.Name, tagInternet):
		pl.Addrs, pl.Tag = hs.AllIPv4().Subtract(privateRanges).Subtract(n.vnetSpace), tagInternet
		return pl, nil
	case strings.EqualFold(e.Name, tagAzureLoadBalancer):
		pl.Addrs, pl.Tag = hs.IPSetOf(azureLoadBalancer), tagAzureLoadBalancer
		return pl, nil
	case strings.EqualFold(e.Name, tagVirtualNetwork):
		pl.Addrs, pl.Tag = n.vnetSpace, tagVirtualNetwork
		return pl, nil
	}
	if set, ok := n.tagSet(e.Name); ok {
		pl.Addrs, pl.Tag = set, e.Name
		if tag, ok := n.Topo.Tags.Lookup(e.Name); ok {
			pl.Tag = tag.Name
		}
		return pl, nil
	}
	return pl, fmt.Errorf("%q is not an address, prefix, service tag, endpoint or subnet", expr)
}

// endpointPlace is an endpoint named as a place, by the name given.
func (n *Network) endpointPlace(pl Place, ep *model.Endpoint, name string) Place {
	pl.Endpoint = ep
	pl.Addrs = n.endpointAddrs(ep)
	if p := n.byPaaS[ep.Name]; p != nil && n.dnsActive() {
		group := n.Topo.FqdnGroup(ep, name)
		pl.resolve = func(src hs.IPSet) []resolvedPart { return n.resolveFor(p, group, src) }
		for _, pe := range p.pes {
			pl.Addrs = pl.Addrs.Union(addrSet([]netip.Addr{pe.addr}))
		}
		if p.public.IsValid() {
			pl.Addrs = pl.Addrs.Union(addrSet([]netip.Addr{p.public}))
		}
	}
	if name != "" {
		pl.Names = []FlowName{{Name: name, Addrs: pl.Addrs}}
	}
	return pl
}

// endpointByFqdn finds the endpoint one of whose names is fqdn.
func (n *Network) endpointByFqdn(fqdn string) *model.Endpoint {
	for _, ep := range n.Topo.Endpoints {
		for _, f := range n.Topo.EndpointFqdns(ep) {
			if strings.EqualFold(f, fqdn) {
				return ep
			}
		}
	}
	return nil
}

// endpointAddrs are the addresses an endpoint is reached at: a compute
// endpoint's nodes; an AKS scoring frontend (public or internal); a PaaS
// service's private endpoints if it has any (their DNS zone then answers),
// else its public address; an External endpoint's prefixes.
func (n *Network) endpointAddrs(ep *model.Endpoint) hs.IPSet {
	switch {
	case ep.Kind == model.AksScoring:
		c := n.byNIC[ep.Name]
		if c.frontIn {
			return addrSet([]netip.Addr{c.public})
		}
		return c.addrs
	case n.byNIC[ep.Name] != nil:
		return n.byNIC[ep.Name].addrs
	case n.byPaaS[ep.Name] != nil:
		p := n.byPaaS[ep.Name]
		if len(p.pes) > 0 {
			var as []netip.Addr
			for _, pe := range p.pes {
				as = append(as, pe.addr)
			}
			return addrSet(as)
		}
		if p.public.IsValid() {
			return addrSet([]netip.Addr{p.public})
		}
	case ep.Kind == model.External:
		return prefixSet(ep.AddressPrefixes)
	}
	return hs.IPSet{}
}
