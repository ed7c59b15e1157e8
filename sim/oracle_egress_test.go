package sim

// How the oracle lets a request leave for the internet (docs/semantics.md
// §4; interpretations 16 and 17 in oracle_test.go).

import (
	"net/netip"
	"slices"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// egressAddrs are the source addresses a request from a private source
// leaves subnet s with (each one is proved), or why it cannot leave.
func (o *oracle) egressAddrs(f *oFlow, s *oSubnet, ref string) ([]netip.Addr, oracleVerdict, bool) {
	src := f.pkt.src
	noOutbound := f.block(model.NoOutbound, "subnet:"+s.id)
	switch n := o.nicAt(src); {
	case n != nil && n.subnet == s:
		return o.nicEgress(n, f.pkt.proto, noOutbound)
	case s.declared && s.prefix.Contains(src): // steps 1, 6 and 7
		if s.nat != nil && len(s.nat.addrs) > 0 {
			return s.nat.addrs, oracleVerdict{}, true
		}
		if o.t.DefaultOutbound(s.m) {
			return []netip.Addr{oDefaultOutbound}, oracleVerdict{}, true
		}
		return nil, noOutbound, false
	}
	return nil, f.block(model.AsymmetricReturn, ref), false // interpretation 8: not the reply's
}

// nicEgress: §4's precedence for a NIC of its subnet.
func (o *oracle) nicEgress(n *oNIC, proto hs.Proto, noOutbound oracleVerdict) ([]netip.Addr, oracleVerdict, bool) {
	s := n.subnet
	switch {
	case s.nat != nil && len(s.nat.addrs) > 0:
		return s.nat.addrs, oracleVerdict{}, true
	case n.public.IsValid():
		return []netip.Addr{n.public}, oracleVerdict{}, true
	}
	if addrs := o.loadBalancerEgress(n.ep, proto); len(addrs) > 0 {
		return addrs, oracleVerdict{}, true
	}
	if n.ep.Kind == model.AksCluster || n.ep.Kind == model.AksScoring {
		switch n.ep.OutboundType {
		case "", model.OutboundLoadBalancer, model.OutboundManagedNATGateway:
			return []netip.Addr{oDefaultOutbound}, oracleVerdict{}, true // interpretation 17
		}
	}
	if o.inAnyPool(n.ep) || !o.t.DefaultOutbound(s.m) {
		return nil, noOutbound, false
	}
	return []netip.Addr{oDefaultOutbound}, oracleVerdict{}, true
}

// loadBalancerEgress: step 3, the first outbound rule for the endpoint's
// pool and the protocol, then the first load-balancing rule with a public
// frontend that does not disable outbound SNAT (interpretation 16). A load
// balancer translates Tcp and Udp only.
func (o *oracle) loadBalancerEgress(ep *model.Endpoint, proto hs.Proto) []netip.Addr {
	if !oPorted(proto) {
		return nil
	}
	for _, lb := range o.t.LoadBalancers {
		for _, r := range lb.OutboundRules {
			if !oLBProtocolTakes(r.Protocol, proto) || !oPoolHolds(lb, r.BackendPool, ep) {
				continue
			}
			var addrs []netip.Addr
			for _, name := range r.Frontends {
				if fe := lb.Frontend(name); fe != nil {
					if a := oParseAddr(fe.PublicIPAddress); a.IsValid() {
						addrs = append(addrs, a)
					}
				}
			}
			if len(addrs) > 0 {
				return addrs
			}
		}
	}
	for _, lb := range o.t.LoadBalancers {
		for _, r := range lb.LoadBalancingRules {
			fe := lb.Frontend(r.Frontend)
			if fe == nil || r.DisableOutboundSnat || !oLBProtocolTakes(r.Protocol, proto) || !oPoolHolds(lb, r.BackendPool, ep) {
				continue
			}
			if a := oParseAddr(fe.PublicIPAddress); a.IsValid() {
				return []netip.Addr{a}
			}
		}
	}
	return nil
}

// oLBProtocolTakes: a load balancer's rule protocol; All (or none) is TCP
// and UDP, all a load balancer balances or translates, HA ports included
// (§12: "balances all TCP and UDP flows, regardless of port number").
func oLBProtocolTakes(p model.LBProtocol, proto hs.Proto) bool {
	switch p {
	case model.LBTcp:
		return proto == hs.Tcp
	case model.LBUdp:
		return proto == hs.Udp
	}
	return oPorted(proto)
}

func oPoolHolds(lb *model.LoadBalancer, pool string, ep *model.Endpoint) bool {
	p := lb.Pool(pool)
	return p != nil && slices.Contains(p.Members, ep.Name)
}

// inAnyPool: step 5, the endpoint is in a backend pool.
func (o *oracle) inAnyPool(ep *model.Endpoint) bool {
	for _, lb := range o.t.LoadBalancers {
		for _, p := range lb.BackendAddressPools {
			if slices.Contains(p.Members, ep.Name) {
				return true
			}
		}
	}
	return false
}
