package azure

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// element is the model object an element ref names (cli-contract.md,
// "Verdicts and reasons"): the most specific one the topology has, nil
// when it has none.
func (r *Result) element(ref string) any {
	kind, rest, _ := strings.Cut(ref, ":")
	a, b, _ := strings.Cut(rest, ":")
	t := r.topology
	switch kind {
	case "nsg":
		if n := find(t.NetworkSecurityGroups, a, func(n *model.NetworkSecurityGroup) string { return n.Name }); n != nil {
			if rule := find(n.SecurityRules, b, func(s *model.SecurityRule) string { return s.Name }); rule != nil && r.addresses[rule] != "" {
				return rule
			}
			return n
		}
	case "route":
		if rt := find(t.RouteTables, a, func(r *model.RouteTable) string { return r.Name }); rt != nil {
			if route := find(rt.Routes, b, func(r *model.Route) string { return r.Name }); route != nil && r.addresses[route] != "" {
				return route
			}
			return rt
		}
	case "system", "subnet":
		vnet, sub, _ := strings.Cut(a, "/")
		if v := find(t.VNets, vnet, func(v *model.VNet) string { return v.Name }); v != nil {
			if s := find(v.Subnets, sub, func(s *model.Subnet) string { return s.Name }); s != nil {
				return s
			}
			return v
		}
	case "vnet":
		if v := find(t.VNets, a, func(v *model.VNet) string { return v.Name }); v != nil {
			return v
		}
	case "peering":
		if v := find(t.VNets, a, func(v *model.VNet) string { return v.Name }); v != nil {
			if p := find(v.Peerings, b, func(p *model.Peering) string { return p.Name }); p != nil {
				return p
			}
			return v
		}
	case "bgp", "gateway":
		if g := find(t.Gateways, a, func(g *model.Gateway) string { return g.Name }); g != nil {
			return g
		}
	case "appliance":
		if ap := find(t.Appliances, a, func(p *model.Appliance) string { return p.Name }); ap != nil {
			group, _, _ := strings.Cut(b, "/")
			if g := find(ap.RuleCollectionGroups, group, func(g *model.RuleCollectionGroup) string { return g.Name }); g != nil && r.addresses[g] != "" {
				return g
			}
			return ap
		}
	case "firewall", "paas":
		if e := find(t.Endpoints, a, func(e *model.Endpoint) string { return e.Name }); e != nil {
			return e
		}
	case "loadbalancer":
		if lb := find(t.LoadBalancers, a, func(l *model.LoadBalancer) string { return l.Name }); lb != nil {
			return lb
		}
	case "natgateway":
		if n := find(t.NatGateways, a, func(n *model.NatGateway) string { return n.Name }); n != nil {
			return n
		}
	case "publicip":
		return r.publicOwner(rest)
	}
	return nil
}

// publicOwner is what has a public address.
func (r *Result) publicOwner(addr string) any {
	if _, err := netip.ParseAddr(addr); err != nil {
		return nil
	}
	t := r.topology
	for _, e := range t.Endpoints {
		if e.PublicIPAddress == addr {
			return e
		}
	}
	for _, a := range t.Appliances {
		if slices.Contains(a.PublicIPAddresses, addr) {
			return a
		}
	}
	for _, lb := range t.LoadBalancers {
		for _, f := range lb.FrontendIPConfigurations {
			if f.PublicIPAddress == addr {
				return lb
			}
		}
	}
	return nil
}

func find[T any](list []*T, name string, nameOf func(*T) string) *T {
	for _, x := range list {
		if nameOf(x) == name {
			return x
		}
	}
	return nil
}
