package sim

import (
	"cmp"
	"net/netip"
	"slices"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Route sources, as `az network nic show-effective-route-table` prints them.
const (
	SourceDefault = "Default"
	SourceUser    = "User"
	SourceGateway = "VirtualNetworkGateway"
)

// RouteEntry is one line of a subnet's effective route table.
type RouteEntry struct {
	Source      string
	State       string // Active | Invalid
	Prefixes    []netip.Prefix
	NextHopType model.NextHopType
	NextHopIP   string
	Name        string // user routes
	Ref         string // user and gateway-default routes; per-prefix refs come from refFor

	route *model.Route
	gw    *gateway
	peer  *peer
	pe    *peAddr // an InterfaceEndpoint route's private endpoint
	// invalid: overridden by a rule other than longest prefix (a private
	// endpoint route that a wide user route invalidates); it routes nothing.
	invalid bool
	active  []bool // per prefix: no route of the same prefix overrides it
	tagRank int    // user routes on equal prefixes: explicit 2 > regional tag 1 > global tag 0
	order   int
}

// refFor names the element a packet meets when this entry routes it via
// prefix p (cli-contract.md, refs).
func (e *RouteEntry) refFor(sub string, p netip.Prefix) string {
	switch e.Source {
	case SourceUser:
		return e.Ref
	case SourceGateway:
		return "bgp:" + e.gw.m.Name + ":" + p.String()
	}
	return "system:" + sub + ":" + p.String()
}

func sourceRank(s string) int {
	switch s {
	case SourceUser:
		return 3
	case SourceGateway:
		return 2
	}
	return 1
}

// candidate is one prefix of one entry.
type candidate struct {
	entry  *RouteEntry
	prefix netip.Prefix
	lo, hi hs.Addr
	ref    string
}

// routePart is a maximal address range that one candidate wins.
type routePart struct {
	lo, hi hs.Addr
	c      *candidate
}

// routeTable is a subnet's effective routes, compiled into an interval map
// from destination address to the winning route.
type routeTable struct {
	entries   []*RouteEntry
	parts     []routePart // sorted, disjoint, covering the IPv4 space
	anyPublic *candidate  // the route of a public address nothing more specific covers
}

// routes returns the effective route table of subnet s, built on first use.
func (n *Network) routes(s *subnet) *routeTable {
	s.routesOnce.Do(func() { s.routes = n.buildRoutes(s, true) })
	return s.routes
}

// systemRoutes is s's effective routes without its route table (its user
// routes and its BGP propagation setting alike): what routes a private
// endpoint's replies when its subnet's network policies leave route
// tables out (docs/semantics.md §15).
func (n *Network) systemRoutes(s *subnet) *routeTable {
	s.sysRoutesOnce.Do(func() { s.sysRoutes = n.buildRoutes(s, false) })
	return s.sysRoutes
}

func (n *Network) buildRoutes(s *subnet, withTable bool) *routeTable {
	table := s.rt
	if !withTable {
		table = nil
	}
	var entries []*RouteEntry
	add := func(e *RouteEntry) {
		e.order = len(entries)
		entries = append(entries, e)
	}
	sys := func(hop model.NextHopType, prefixes ...netip.Prefix) *RouteEntry {
		e := &RouteEntry{Source: SourceDefault, Prefixes: prefixes, NextHopType: hop}
		add(e)
		return e
	}
	for _, p := range prefixesOf(s.vnet.m.AddressSpace) {
		sys(model.HopVnetLocal, p)
	}
	for _, pr := range s.vnet.peers {
		sys(model.HopVNetPeering, prefixesOf(pr.to.m.AddressSpace)...).peer = pr
	}
	propagate := table == nil || !table.DisableBgpRoutePropagation
	bgpDefault := false
	if propagate {
		for _, g := range s.vnet.usedGateways() {
			if g.m.OnPremises == nil {
				continue
			}
			if ps := prefixesOf(g.m.OnPremises.AddressPrefixes); len(ps) > 0 {
				add(&RouteEntry{Source: SourceGateway, Prefixes: ps, NextHopType: model.HopVirtualNetworkGateway, gw: g})
			}
			if g.m.OnPremises.AdvertiseDefaultRoute {
				bgpDefault = true
				add(&RouteEntry{Source: SourceGateway, Prefixes: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")},
					NextHopType: model.HopVirtualNetworkGateway, gw: g})
			}
		}
	}
	sys(model.HopInternet, netip.MustParsePrefix("0.0.0.0/0"))
	userDefault := false
	if table != nil {
		for _, r := range table.Routes {
			if r.AddressPrefix == "0.0.0.0/0" {
				userDefault = true
			}
		}
	}
	// Overriding 0.0.0.0/0 removes the None routes for the reserved ranges,
	// as the routing example of azure-semantics.md §3 shows; so does an
	// address space that contains one of them.
	if !userDefault && !bgpDefault {
		for _, r := range reservedNone {
			p := netip.MustParsePrefix(r)
			if !s.vnet.space.ContainsSet(hs.IPSetOf(p)) {
				sys(model.HopNone, p)
			}
		}
	}
	for _, se := range s.m.ServiceEndpoints {
		if ps := n.serviceEndpointPrefixes(se, n.location(s.vnet.m.Location)); len(ps) > 0 {
			sys(model.HopVirtualNetworkServiceEndpoint, ps...)
		}
	}
	for _, e := range n.privateEndpointRoutes(s) {
		add(e)
	}
	if table != nil {
		for _, r := range table.Routes {
			e := &RouteEntry{Source: SourceUser, NextHopType: r.NextHopType, NextHopIP: r.NextHopIPAddress,
				Name: r.Name, Ref: "route:" + table.Name + ":" + r.Name, route: r, tagRank: 2}
			if p, err := model.ParsePrefix(r.AddressPrefix); err == nil {
				e.Prefixes = []netip.Prefix{p}
			} else {
				tag, _ := n.Topo.Tags.Lookup(r.AddressPrefix)
				e.Prefixes = v4(tag.Prefixes)
				e.tagRank = 0
				if tag.Region != "" {
					e.tagRank = 1
				}
			}
			add(e)
		}
	}
	for _, e := range entries {
		if e.Source == SourceGateway && e.Prefixes[0].Bits() == 0 {
			e.Ref = e.refFor(s.id, e.Prefixes[0])
		}
	}
	rt := &routeTable{entries: entries}
	rt.parts = partition(s.id, entries)
	var zero []*candidate
	for _, e := range entries {
		for _, p := range e.Prefixes {
			if p.Bits() == 0 {
				zero = append(zero, &candidate{entry: e, prefix: p, ref: e.refFor(s.id, p)})
			}
		}
	}
	rt.anyPublic = winner(zero)
	markStates(entries)
	return rt
}

// serviceEndpointPrefixes are the destinations a subnet's service endpoint
// covers: the service's tag in the subnet's region; for Microsoft.Storage
// also its paired region, and for Microsoft.Storage.Global every region
// (azure-semantics.md §6).
func (n *Network) serviceEndpointPrefixes(se, region string) []netip.Prefix {
	base := model.ServiceEndpointTags[se]
	if se == "Microsoft.Storage.Global" {
		tag, _ := n.Topo.Tags.Lookup(base)
		return v4(tag.Prefixes)
	}
	regions := []string{region}
	if pair := model.PairedRegion(region); se == "Microsoft.Storage" && pair != "" {
		regions = append(regions, pair)
	}
	var out []netip.Prefix
	for _, r := range regions {
		if tag, ok := n.Topo.Tags.Regional(base, r); ok {
			for _, p := range v4(tag.Prefixes) {
				if !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

func prefixesOf(ss []string) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range ss {
		if p, err := model.ParsePrefix(s); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func v4(ps []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range ps {
		if p.Addr().Is4() {
			out = append(out, p)
		}
	}
	return out
}

// beats orders two candidates that both contain an address, per
// azure-semantics.md §3: longest prefix, then User > BGP > Default, then for
// user routes an explicit prefix over a regional tag over a global tag.
func beats(a, b *candidate) bool {
	if a.prefix.Bits() != b.prefix.Bits() {
		return a.prefix.Bits() > b.prefix.Bits()
	}
	if ra, rb := sourceRank(a.entry.Source), sourceRank(b.entry.Source); ra != rb {
		return ra > rb
	}
	if a.entry.tagRank != b.entry.tagRank {
		return a.entry.tagRank > b.entry.tagRank
	}
	return a.entry.order < b.entry.order
}

// partition sweeps the candidates' ranges into elementary intervals and
// picks each one's winner, with the two exceptions: service endpoint routes
// cannot be overridden, and VNet and peering routes beat more specific
// gateway routes.
func partition(sub string, entries []*RouteEntry) []routePart {
	var cands []*candidate
	for _, e := range entries {
		if e.invalid {
			continue
		}
		for _, p := range e.Prefixes {
			c := &candidate{entry: e, prefix: p, lo: hs.AddrFrom(p.Masked().Addr()), hi: hs.AddrFrom(lastAddr(p))}
			c.ref = e.refFor(sub, p)
			cands = append(cands, c)
		}
	}
	type event struct {
		at    hs.Addr
		start bool
		c     *candidate
	}
	var events []event
	for _, c := range cands {
		events = append(events, event{c.lo, true, c})
		if next := c.hi.Next(); c.hi != hs.AddrFrom(netip.MustParseAddr("255.255.255.255")) {
			events = append(events, event{next, false, c})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })
	var parts []routePart
	var active []*candidate
	for i := 0; i < len(events); {
		at := events[i].at
		for ; i < len(events) && events[i].at == at; i++ {
			if events[i].start {
				active = append(active, events[i].c)
			} else {
				active = slices.DeleteFunc(active, func(c *candidate) bool { return c == events[i].c })
			}
		}
		end := hs.AddrFrom(netip.MustParseAddr("255.255.255.255"))
		if i < len(events) {
			end = events[i].at.Prev()
		}
		w := winner(active)
		if w == nil {
			continue
		}
		if k := len(parts) - 1; k >= 0 && parts[k].c == w && parts[k].hi.Next() == at {
			parts[k].hi = end
			continue
		}
		parts = append(parts, routePart{lo: at, hi: end, c: w})
	}
	return parts
}

func winner(active []*candidate) *candidate {
	var best *candidate
	inVNet := false
	for _, c := range active {
		if c.entry.NextHopType == model.HopVirtualNetworkServiceEndpoint {
			if best == nil || best.entry.NextHopType != model.HopVirtualNetworkServiceEndpoint || beats(c, best) {
				best = c
			}
		}
		if c.entry.Source == SourceDefault && (c.entry.NextHopType == model.HopVnetLocal || c.entry.NextHopType == model.HopVNetPeering) {
			inVNet = true
		}
	}
	if best != nil {
		return best
	}
	for _, c := range active {
		if inVNet && c.entry.Source == SourceGateway {
			continue
		}
		if best == nil || beats(c, best) {
			best = c
		}
	}
	return best
}

// markStates sets Active or Invalid: an entry is Invalid when, for each of
// its prefixes, another entry with the same prefix wins.
func markStates(entries []*RouteEntry) {
	byPrefix := map[netip.Prefix][]*candidate{}
	for _, e := range entries {
		for _, p := range e.Prefixes {
			if !e.invalid {
				byPrefix[p] = append(byPrefix[p], &candidate{entry: e, prefix: p})
			}
		}
	}
	for _, e := range entries {
		e.State = "Invalid"
		e.active = make([]bool, len(e.Prefixes))
		if e.invalid {
			continue
		}
		for i, p := range e.Prefixes {
			if samePrefixWinner(byPrefix[p]).entry == e {
				e.active[i] = true
				e.State = "Active"
			}
		}
	}
}

// samePrefixWinner is the route that wins among routes of one prefix: a
// service endpoint route, which nothing overrides, else by beats.
func samePrefixWinner(cands []*candidate) *candidate {
	if se := slices.DeleteFunc(slices.Clone(cands), func(c *candidate) bool {
		return c.entry.NextHopType != model.HopVirtualNetworkServiceEndpoint
	}); len(se) > 0 {
		cands = se
	}
	return slices.MinFunc(cands, func(a, b *candidate) int {
		if beats(a, b) {
			return -1
		}
		return cmp.Compare(a.entry.order, b.entry.order)
	})
}

// stateRows splits an entry into one row per state, as
// `az network nic show-effective-route-table` does when only some of an
// entry's prefixes are overridden: the Active prefixes, then the Invalid.
func stateRows(e *RouteEntry) []*RouteEntry {
	var active, invalid []netip.Prefix
	for i, p := range e.Prefixes {
		if e.active[i] {
			active = append(active, p)
		} else {
			invalid = append(invalid, p)
		}
	}
	if len(active) == 0 || len(invalid) == 0 {
		return []*RouteEntry{e}
	}
	a, in := *e, *e
	a.Prefixes, a.State = active, "Active"
	in.Prefixes, in.State = invalid, "Invalid"
	return []*RouteEntry{&a, &in}
}

// lookup splits a destination set by the route that wins each part,
// in address order.
func (rt *routeTable) lookup(dst hs.IPSet) []routeHit {
	var hits []routeHit
	index := map[*candidate]int{}
	for _, r := range dst.Ranges() {
		i, _ := slices.BinarySearchFunc(rt.parts, r.Lo, func(p routePart, a hs.Addr) int {
			if p.hi.Compare(a) < 0 {
				return -1
			}
			if p.lo.Compare(a) > 0 {
				return 1
			}
			return 0
		})
		for ; i < len(rt.parts) && rt.parts[i].lo.Compare(r.Hi) <= 0; i++ {
			p := rt.parts[i]
			lo, hi := maxAddr(p.lo, r.Lo), minAddr(p.hi, r.Hi)
			piece := hs.IPSetFromRanges(hs.IPRange{Lo: lo, Hi: hi})
			if k, ok := index[p.c]; ok {
				hits[k].dst = hits[k].dst.Union(piece)
				continue
			}
			index[p.c] = len(hits)
			hits = append(hits, routeHit{c: p.c, dst: piece})
		}
	}
	if dst.Contains(defaultOutbound) && rt.anyPublic != nil {
		sentinel := hs.IPSetFromRanges(hs.IPRange{Lo: defaultOutbound, Hi: defaultOutbound})
		if k, ok := index[rt.anyPublic]; ok {
			hits[k].dst = hits[k].dst.Union(sentinel)
		} else {
			hits = append(hits, routeHit{c: rt.anyPublic, dst: sentinel})
		}
	}
	return hits
}

type routeHit struct {
	c   *candidate
	dst hs.IPSet
}

func maxAddr(a, b hs.Addr) hs.Addr {
	if a.Compare(b) > 0 {
		return a
	}
	return b
}

func minAddr(a, b hs.Addr) hs.Addr {
	if a.Compare(b) < 0 {
		return a
	}
	return b
}

// EffectiveRoutes is the effective route table of a subnet ("vnet/subnet").
func (n *Network) EffectiveRoutes(subnetID string) ([]*RouteEntry, bool) {
	s := n.bySubnet[subnetID]
	if s == nil {
		return nil, false
	}
	var out []*RouteEntry
	for _, e := range n.routes(s).entries {
		out = append(out, stateRows(e)...)
	}
	return out, true
}
