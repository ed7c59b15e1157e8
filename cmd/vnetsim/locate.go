package main

import (
	"cmp"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// locateRef finds where the element a ref names is written
// (docs/cli.md, "Refs"): a user rule or route at its name, a default NSG
// rule at its NSG (Azure adds those, so the NSG is where to act), a system
// route at its subnet, a BGP route at its gateway's on-premises prefixes,
// a PaaS firewall at the firewall, a public IP at the endpoint that holds
// it, a subnet, NAT gateway, load balancer or peering at itself. A ref of a kind
// vnetsim does not know, or naming what the topology lacks, is not found.
func locateRef(t *model.Topology, ref string) (model.Pos, bool) {
	kind, rest, _ := strings.Cut(ref, ":")
	owner, item, _ := strings.Cut(rest, ":")
	var m *model.Meta
	switch kind {
	case "nsg":
		if nsg := t.NSG(owner); nsg != nil {
			m = cmp.Or(byName(nsg.SecurityRules, item, func(r *model.SecurityRule) (string, *model.Meta) { return r.Name, &r.Meta }), &nsg.Meta)
		}
	case "route":
		if rt := t.RouteTable(owner); rt != nil {
			m = cmp.Or(byName(rt.Routes, item, func(r *model.Route) (string, *model.Meta) { return r.Name, &r.Meta }), &rt.Meta)
		}
	case "system", "subnet":
		// system:<vnet>/<subnet>:<prefix>; the prefix is not needed to
		// find the subnet.
		if s := t.Subnet(owner); s != nil {
			m = &s.Meta
		}
	case "bgp":
		if gw := t.Gateway(owner); gw != nil {
			if gw.OnPremises != nil {
				return gw.OnPremises.At("addressPrefixes"), true
			}
			m = &gw.Meta
		}
	case "appliance":
		if a := t.Appliance(owner); a != nil {
			if item == "default" {
				return a.At("defaultAction"), true
			}
			m = cmp.Or(byName(a.Rules, item, func(r *model.ApplianceRule) (string, *model.Meta) { return r.Name, &r.Meta }),
				firewallRule(a, item), &a.Meta)
		}
	case "firewall":
		if ep := t.Endpoint(owner); ep != nil {
			m = &ep.Meta
			if ep.Firewall != nil {
				m = &ep.Firewall.Meta
			}
		}
	case "natgateway":
		m = byName(t.NatGateways, owner, func(g *model.NatGateway) (string, *model.Meta) { return g.Name, &g.Meta })
	case "loadbalancer":
		// loadbalancer:<lb>:<frontend, rule, inbound NAT rule or probe>
		for _, lb := range t.LoadBalancers {
			if lb.Name == owner {
				m = cmp.Or(byName(lb.FrontendIPConfigurations, item, func(f *model.LBFrontend) (string, *model.Meta) { return f.Name, &f.Meta }),
					byName(lb.LoadBalancingRules, item, func(r *model.LBRule) (string, *model.Meta) { return r.Name, &r.Meta }),
					byName(lb.InboundNatRules, item, func(r *model.LBInboundNat) (string, *model.Meta) { return r.Name, &r.Meta }),
					byName(lb.Probes, item, func(p *model.LBProbe) (string, *model.Meta) { return p.Name, &p.Meta }),
					&lb.Meta)
			}
		}
	case "publicip":
		// publicip:<address>: the endpoint that holds it.
		for _, ep := range t.Endpoints {
			if ep.PublicIPAddress == rest {
				return ep.At("publicIpAddress"), true
			}
		}
	case "peering":
		if v := t.VNet(owner); v != nil {
			m = cmp.Or(byName(v.Peerings, item, func(p *model.Peering) (string, *model.Meta) { return p.Name, &p.Meta }), &v.Meta)
		}
	}
	if m == nil || m.Pos.Line == 0 {
		return model.Pos{}, false
	}
	return m.At("name"), true
}

// byName is the position record of the item called name, or nil.
func byName[T any](items []*T, name string, of func(*T) (string, *model.Meta)) *model.Meta {
	for _, it := range items {
		if n, m := of(it); n == name {
			return m
		}
	}
	return nil
}

// firewallRule finds an Azure Firewall policy rule by
// "<group>/<collection>/<rule>", or as much of that path as exists.
func firewallRule(a *model.Appliance, path string) *model.Meta {
	parts := strings.SplitN(path, "/", 3)
	var m *model.Meta
	for _, g := range a.RuleCollectionGroups {
		if g.Name != parts[0] {
			continue
		}
		m = &g.Meta
		for _, c := range g.RuleCollections {
			if len(parts) < 2 || c.Name != parts[1] {
				continue
			}
			m = &c.Meta
			for _, r := range c.Rules {
				if len(parts) == 3 && r.Name == parts[2] {
					m = &r.Meta
				}
			}
		}
	}
	return m
}

// locateIntent finds where an intent is written: a declared intent at its
// name, a standard one ("<intent>/<endpoint>") at the endpoint that
// implies it.
func locateIntent(t *model.Topology, in *model.Intent) model.Pos {
	if !in.Standard {
		return in.At("name")
	}
	if i := strings.LastIndex(in.Name, "/"); i >= 0 {
		if ep := t.Endpoint(in.Name[i+1:]); ep != nil {
			return ep.At("name")
		}
	}
	return t.Pos
}
