package sim

// Load balancers in the oracle (docs/semantics.md §12; interpretation 20 in
// oracle_test.go).

import (
	"net/netip"
	"slices"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// oProbeKey is a node and a probe port.
type oProbeKey struct {
	addr netip.Addr
	port int
}

// loadBalancer: a request arriving at frontend fe. Its inbound NAT rules
// first, then its load-balancing rules; nothing takes it: NotExposed.
func (o *oracle) loadBalancer(f *oFlow, fe *oFrontend) oracleVerdict {
	lb := fe.lb
	notExposed := f.block(model.NotExposed, "loadbalancer:"+lb.Name+":"+fe.m.Name)
	for _, r := range lb.InboundNatRules {
		if r.Frontend != fe.m.Name || !oLBPortTakes(r.Protocol, r.FrontendPort, f.pkt) {
			continue
		}
		nics := o.nicsOf(o.t.Endpoint(r.Target))
		if len(nics) == 0 {
			return notExposed
		}
		return o.toNode(f, fe, nics[0], uint16(r.BackendPort), true)
	}
	for _, r := range lb.LoadBalancingRules {
		ha := r.Protocol == model.LBAll && r.FrontendPort == 0 && r.BackendPort == 0
		if r.Frontend != fe.m.Name || !(ha && oPorted(f.pkt.proto) || oLBPortTakes(r.Protocol, r.FrontendPort, f.pkt)) {
			continue
		}
		nodes := o.poolNodes(lb, r.BackendPool)
		if len(nodes) == 0 {
			return notExposed
		}
		probe := lb.ProbeNamed(r.Probe)
		var rotation []*oNIC
		for _, n := range nodes {
			if probe == nil || o.probe(n, probe).allow {
				rotation = append(rotation, n)
			}
		}
		if len(rotation) == 0 {
			return f.block(model.ProbeDenied, o.probe(nodes[0], probe).ref)
		}
		return oEach(f, rotation, func(g *oFlow, n *oNIC) oracleVerdict {
			return o.toNode(g, fe, n, uint16(r.BackendPort), !ha)
		})
	}
	return notExposed
}

// oLBPortTakes: a rule of protocol Tcp or Udp takes that protocol to its
// frontend port; All takes both (interpretation 20).
func oLBPortTakes(p model.LBProtocol, port int, pkt oPacket) bool {
	return oPorted(pkt.proto) && oLBProtocolTakes(p, pkt.proto) && int(pkt.dport) == port
}

// poolNodes are the NICs of a pool's members, in address order.
func (o *oracle) poolNodes(lb *model.LoadBalancer, pool string) []*oNIC {
	var out []*oNIC
	for _, n := range o.nics {
		if oPoolHolds(lb, pool, n.ep) {
			out = append(out, n)
		}
	}
	return out
}

// toNode: the frontend sends the packet to node n, its destination port
// becoming port when translate. Through a public frontend it enters
// through the edge, under the Standard rule (§5); through an internal one
// the node's host will restore the frontend on the reply.
func (o *oracle) toNode(f *oFlow, fe *oFrontend, n *oNIC, port uint16, translate bool) oracleVerdict {
	if fe.public {
		f.push(oWaypoint{kind: oWaypointEdge})
		f.translateDst(n.addr)
		if translate {
			f.translateDport(port)
		}
		if n.nsg == nil && n.subnet.nsg == nil {
			return f.block(model.NsgDenied, "publicip:"+fe.addr.String())
		}
		return o.deliverToNIC(f, n)
	}
	f.hostNAT = &oHostNAT{addr: f.pkt.dst, port: f.pkt.dport}
	f.pkt.dst = n.addr
	if translate && oPorted(f.pkt.proto) {
		f.pkt.dport = port
	}
	return o.deliverToNIC(f, n)
}

// probe: whether a node's inbound NSGs allow every packet of a health
// probe (from 168.63.129.16, any source port, Tcp to the probe's port),
// else the rule that denies the lowest source port (interpretation 20).
func (o *oracle) probe(n *oNIC, p *model.LBProbe) oRuleHit {
	k := oProbeKey{n.addr, p.Port}
	if hit, ok := o.probes[k]; ok {
		return hit
	}
	nsgs := []*model.NetworkSecurityGroup{n.subnet.nsg, n.nsg}
	hit := oRuleHit{allow: true}
	for _, sport := range oSourcePortStarts(nsgs) {
		pkt := oPacket{src: oAzureLoadBalancer, dst: n.addr, proto: hs.Tcp, sport: sport, dport: uint16(p.Port)}
		if h := o.firstDeny(nsgs, n.subnet, pkt); !h.allow {
			hit = h
			break
		}
	}
	o.probes[k] = hit
	return hit
}

// firstDeny runs the inbound NSGs in order and returns the first deny.
func (o *oracle) firstDeny(nsgs []*model.NetworkSecurityGroup, s *oSubnet, p oPacket) oRuleHit {
	for _, nsg := range nsgs {
		if nsg == nil {
			continue
		}
		if hit := o.nsgEval(nsg, s, model.Inbound, p); !hit.allow {
			return hit
		}
	}
	return oRuleHit{allow: true}
}

// oSourcePortStarts are the source ports where the inbound rules of the
// NSGs may change their answer: every packet of the probe behaves as one of
// these does.
func oSourcePortStarts(nsgs []*model.NetworkSecurityGroup) []uint16 {
	starts := []uint16{0}
	for _, nsg := range nsgs {
		if nsg == nil {
			continue
		}
		for _, r := range nsg.SecurityRules {
			for _, s := range r.SourcePorts() {
				if pr, err := model.ParsePortRange(s); err == nil {
					starts = append(starts, pr.Lo)
					if pr.Hi < 65535 {
						starts = append(starts, pr.Hi+1)
					}
				}
			}
		}
	}
	slices.Sort(starts)
	return slices.Compact(starts)
}
