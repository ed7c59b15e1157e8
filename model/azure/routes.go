package azure

import (
	"github.com/vnetsim/vnetsim/model"
)

// routes builds route tables, once the addresses that next hops may read
// from other resources (a firewall's private address) are known.
func (b *builder) routes() {
	for _, r := range b.of(typeRouteTable) {
		j, ok := decode[routeTableJSON](b, r, r.node)
		if !ok {
			continue
		}
		t := &model.RouteTable{Name: b.names[r.key], DisableBgpRoutePropagation: j.DisableBgpRoutePropagation}
		for _, c := range b.children(r, typeRoute, j.Routes) {
			if route := b.route(c); route != nil {
				t.Routes = append(t.Routes, route)
			}
		}
		sortObjects(t.Routes, func(r *model.Route) string { return r.Name })
		b.from(t, r)
		b.t.RouteTables = append(b.t.RouteTables, t)
	}
}

// route converts a route; one whose prefix, next hop or next hop address
// is known only at deployment is dropped, with a note.
func (b *builder) route(r *resource) *model.Route {
	j, ok := decode[routeJSON](b, r, r.node)
	if !ok {
		return nil
	}
	prefix, ok1 := b.known(r, "addressPrefix", j.AddressPrefix)
	hop, ok2 := b.known(r, "nextHopType", j.NextHopType)
	ip, ok3 := b.known(r, "nextHopIpAddress", j.NextHopIPAddress)
	if !ok1 || !ok2 || !ok3 {
		b.im.notes.add(noteDropped, "route %s is dropped: not all of it is known offline", r.name)
		return nil
	}
	route := &model.Route{Name: sanitize(r.short()), AddressPrefix: prefix, NextHopType: model.NextHopType(hop), NextHopIPAddress: ip}
	b.from(route, r)
	return route
}
