package model

import "fmt"

// maxTagRoutes is Azure's limit on routes whose addressPrefix is a service
// tag, per route table (azure-semantics.md §3).
const maxTagRoutes = 25

// checkRouteTables checks route tables and their routes.
func (c *checker) checkRouteTables() {
	checkNames(c, "route table", c.t.RouteTables, func(r *RouteTable) string { return r.Name }, true)
	for _, rt := range c.t.RouteTables {
		checkNames(c, fmt.Sprintf("route of route table %q", rt.Name), rt.Routes, func(r *Route) string { return r.Name }, true)
		var tagRoutes []*Route
		for _, r := range rt.Routes {
			m := &r.Meta
			if c.required(m, "addressPrefix", r.AddressPrefix) {
				e, ok := c.expr(m, "addressPrefix", r.AddressPrefix, useRoute, fmt.Sprintf("route %q of %q", r.Name, rt.Name))
				if ok && e.Kind == ExprName {
					tagRoutes = append(tagRoutes, r)
				}
			}
			if c.required(m, "nextHopType", string(r.NextHopType)) {
				c.checkNextHop(r)
			}
		}
		if len(tagRoutes) > maxTagRoutes {
			c.warnf(&tagRoutes[maxTagRoutes].Meta, "addressPrefix", "too_many_tag_routes",
				"route table %q has %d routes whose addressPrefix is a service tag; Azure allows at most %d", rt.Name, len(tagRoutes), maxTagRoutes)
		}
	}
}

// checkNextHop: nextHopIpAddress goes with VirtualAppliance and only with it.
func (c *checker) checkNextHop(r *Route) {
	m := &r.Meta
	switch {
	case r.NextHopType == HopVirtualAppliance && r.NextHopIPAddress == "":
		c.errorf(m, "nextHopType", "next_hop_ip", "nextHopIpAddress is required when nextHopType is VirtualAppliance")
	case r.NextHopType != HopVirtualAppliance && m.Has("nextHopIpAddress"):
		c.errorf(m, "nextHopIpAddress", "next_hop_ip", "nextHopIpAddress is only allowed when nextHopType is VirtualAppliance, not %s", r.NextHopType)
	default:
		c.addr(m, "nextHopIpAddress", r.NextHopIPAddress)
	}
}
