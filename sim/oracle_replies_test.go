package sim

// How the oracle follows a reply back (docs/semantics.md §10; interpretation
// 9 in oracle_test.go).

import (
	"slices"

	"github.com/vnetsim/vnetsim/model"
)

// ---------------------------------------------------------------------------
// Replies (§10).

// delivered: the request arrived where subnet s's routes carry its reply
// (an endpoint, an appliance, a private endpoint, a service reached over
// s's service endpoint).
func (o *oracle) delivered(f *oFlow, s *oSubnet) oracleVerdict {
	r := f.replyFlow()
	return o.route(r, s)
}

// deliveredOnInternet: an internet host, an Azure service or a PaaS
// reached over the internet; its reply goes back to the request's
// (translated) source.
func (o *oracle) deliveredOnInternet(f *oFlow) oracleVerdict {
	return o.replyOnInternet(f.replyFlow())
}

func (o *oracle) deliveredOnPrem(f *oFlow, g *oGateway) oracleVerdict {
	return o.replyOnPrem(f.replyFlow(), g, "")
}

// replyFlow starts the reply of a delivered request: addresses and ports
// swapped, every waypoint to cross back, an internal frontend restored.
func (f *oFlow) replyFlow() *oFlow {
	r := &oFlow{pkt: f.pkt.swapped(), reply: true, ways: slices.Clone(f.ways), seen: map[string]bool{},
		homeKind: f.homeKind, home: f.home, steps: f.steps}
	if h := f.hostNAT; h != nil {
		r.pkt.src, r.pkt.sport = h.addr, h.port // §12: the host restores the frontend at once
	}
	return r
}

// replyArrives: the reply ends here; it must be home, every waypoint
// crossed back (interpretation 9).
func (o *oracle) replyArrives(f *oFlow, kind int, ref string) oracleVerdict {
	if kind != f.homeKind || f.pkt.dst != f.home || len(f.ways) > 0 {
		return f.block(model.AsymmetricReturn, ref)
	}
	return oracleVerdict{Delivered: true}
}

// replyOnInternet: the reply is on the internet; it goes to whoever
// translated its destination (interpretation 9).
func (o *oracle) replyOnInternet(f *oFlow) oracleVerdict {
	for len(f.ways) > 0 {
		w := f.ways[len(f.ways)-1]
		switch {
		case w.kind == oWaypointEdge && !w.srcNAT && !w.dstNAT:
			f.ways = f.ways[:len(f.ways)-1]
			continue
		case !w.srcNAT || w.srcTo != f.pkt.dst:
			return f.block(model.AsymmetricReturn, f.lastRoute)
		}
		f.back(w.kind, w.name)
		switch w.kind {
		case oWaypointEdge:
			return o.replyArrives(f, oHomeVNet, f.lastRoute)
		case oWaypointAppliance:
			a := o.applianceNamed(w.name)
			if f.revisits(oWaypointAppliance + " " + a.m.Name) {
				return f.block(model.RoutingLoop, f.lastRoute)
			}
			f.forwarded = true // the appliance forwards the reply on
			return o.route(f, a.subnet)
		case oWaypointEgress:
			// On-premises un-translated it: the connection came from Azure
			// through the gateway, so the reply goes back into Azure through
			// it, whatever its destination (docs §10), unless it is home.
			g := o.gatewayNamed(w.name)
			if oAnyContains(g.onPrem, f.pkt.dst) {
				return o.replyArrives(f, oHomeOnPrem, f.lastRoute)
			}
			return o.throughGateway(f, g, f.lastRoute)
		}
		panic("oracle: waypoint " + w.kind + " translated a source")
	}
	return o.replyArrives(f, oHomeInternet, f.lastRoute)
}

// replyOnPrem: the reply is on-premises behind g. On-premises sends it as
// it sends its own traffic (§7): locally (then it must be home), into the
// VNets that use g through the gateway, and nowhere else.
func (o *oracle) replyOnPrem(f *oFlow, g *oGateway, ref string) oracleVerdict {
	switch dst := f.pkt.dst; {
	case oAnyContains(g.onPrem, dst):
		return o.replyArrives(f, oHomeOnPrem, ref)
	case o.behindGateway(g, dst):
		return o.throughGateway(f, g, ref)
	}
	return f.block(model.NoRoute, "")
}
