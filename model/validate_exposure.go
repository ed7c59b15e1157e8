package model

import (
	"slices"
	"strings"
)

// checkDefaultRouteExposure warns about a subnet whose route table has a
// user route for 0.0.0.0/0 while its NSG keeps AllowVnetInBound: the
// prefixes of user routes are part of VirtualNetwork (azure-semantics.md
// §2), so VirtualNetwork then covers every address and the default rule
// admits the internet.
//
// Deciding whether the NSG really lets internet traffic reach
// AllowVnetInBound needs the packet engine; this is a heuristic. Every
// user rule (priority at most 4096) comes before AllowVnetInBound (65000),
// so the NSG counts as overriding it when some inbound user rule denies
// any protocol on any destination port from *, Internet or 0.0.0.0/0.
// A narrower deny, or an allow placed before the deny, is not weighed.
func (c *checker) checkDefaultRouteExposure() {
	// Route tables and NSGs are shared by many subnets: decide each once.
	defaults := map[*RouteTable]*Route{}
	for _, rt := range c.t.RouteTables {
		for _, r := range rt.Routes {
			if p, err := ParsePrefix(r.AddressPrefix); err == nil && p.Bits() == 0 {
				defaults[rt] = r
				break
			}
		}
	}
	denies := map[*NetworkSecurityGroup]bool{}
	for _, s := range c.t.Subnets() {
		nsg, rt := c.nsgs.get(s.NetworkSecurityGroup), c.routeTables.get(s.RouteTable)
		r := defaults[rt]
		if nsg == nil || r == nil {
			continue
		}
		d, known := denies[nsg]
		if !known {
			d = deniesInternetInbound(nsg)
			denies[nsg] = d
		}
		if !d {
			c.report(Warning, &s.Meta, "routeTable", []Pos{r.At("addressPrefix"), nsg.Pos}, "default_route_vnet_inbound",
				"route %q of %q sends 0.0.0.0/0 by a user route, so VirtualNetwork covers every address and AllowVnetInBound of %q admits the internet; add an inbound Deny rule from Internet to %q",
				r.Name, rt.Name, nsg.Name, nsg.Name)
		}
	}
}

func deniesInternetInbound(nsg *NetworkSecurityGroup) bool {
	return slices.ContainsFunc(nsg.SecurityRules, func(r *SecurityRule) bool {
		return r.Direction == Inbound && r.Access == Deny && r.Protocol == AnyProtocol &&
			slices.ContainsFunc(r.Sources(), coversInternet) && slices.ContainsFunc(r.DestinationPorts(), anyPort)
	})
}

// coversInternet: a rule prefix that includes every internet address.
func coversInternet(s string) bool {
	e, err := ParseAddrExpr(s)
	return err == nil && (e.Kind == ExprAny ||
		(e.Kind == ExprPrefix && e.Prefix.Bits() == 0) ||
		(e.Kind == ExprName && strings.EqualFold(e.Name, "Internet")))
}

// anyPort: a rule's ports that cover every port.
func anyPort(s string) bool {
	r, err := ParsePortRange(s)
	return err == nil && r == PortRange{0, 65535}
}
