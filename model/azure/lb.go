package azure

import (
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/armid"
)

// loadBalancers builds load balancers (azure-semantics.md §12). Backend
// pool members are the endpoints whose NICs name the pool (or that the
// pool names); an inbound NAT rule targets the endpoint whose NIC names
// it.
func (b *builder) loadBalancers() {
	ns := map[string]bool{}
	members, natTargets := b.lbMembership()
	for _, r := range b.of(typeLoadBalancer) {
		j, ok := decode[lbJSON](b, r, r.node)
		if !ok {
			continue
		}
		lb := &model.LoadBalancer{Name: b.name(ns, r, "")}
		if j.Sku != nil && j.Sku.Name != "" {
			lb.Sku = model.PublicIPSku(j.Sku.Name)
		}
		for i, f := range j.FrontendIPConfigurations {
			fe := &model.LBFrontend{Name: sanitize(armid.Last(f.Name))}
			switch {
			case f.PublicIPAddress != nil && f.PublicIPAddress.ID != "":
				fe.PublicIPAddress = b.publicOf(r, f.PublicIPAddress.ID)
			case f.Subnet != nil:
				if s := b.subnetFor(f.Subnet.ID); s != nil {
					fe.Subnet, fe.PrivateIPAddress = s.ref(), b.addrs[configKey(r.key, i)]
				}
			}
			if fe.PublicIPAddress == "" && fe.PrivateIPAddress == "" {
				b.im.notes.add(noteDropped, "load balancer %s: frontend %s is dropped: its address or subnet is not in the input", r.name, f.Name)
				continue
			}
			lb.FrontendIPConfigurations = append(lb.FrontendIPConfigurations, fe)
		}
		if len(lb.FrontendIPConfigurations) == 0 {
			b.im.notes.add(noteDropped, "load balancer %s is left out: none of its frontends is known", r.name)
			delete(b.names, r.key)
			continue
		}
		has := func(id string) string {
			n := sanitize(armid.Last(id))
			if slices.ContainsFunc(lb.FrontendIPConfigurations, func(f *model.LBFrontend) bool { return f.Name == n }) {
				return n
			}
			return ""
		}
		for _, p := range j.BackendAddressPools {
			pool := &model.LBBackendPool{Name: sanitize(armid.Last(p.Name))}
			pool.Members = members[armid.Key(p.ID)]
			if p.ID == "" {
				pool.Members = members[armid.Key(r.id+"/backendAddressPools/"+p.Name)]
			}
			lb.BackendAddressPools = append(lb.BackendAddressPools, pool)
		}
		for _, p := range j.Probes {
			lb.Probes = append(lb.Probes, &model.LBProbe{Name: sanitize(armid.Last(p.Name)), Protocol: model.ProbeProtocol(p.Protocol), Port: p.Port, RequestPath: p.RequestPath})
		}
		for _, rule := range j.LoadBalancingRules {
			fe := has(idOf(rule.FrontendIPConfiguration))
			pool := armid.Last(idOf(rule.BackendAddressPool))
			if pool == "" && len(rule.BackendAddressPools) > 0 {
				pool = armid.Last(rule.BackendAddressPools[0].ID)
			}
			if fe == "" || pool == "" {
				b.im.notes.add(noteDropped, "load balancer %s: rule %s is dropped: its frontend or backend pool is not known", r.name, rule.Name)
				continue
			}
			lb.LoadBalancingRules = append(lb.LoadBalancingRules, &model.LBRule{Name: sanitize(armid.Last(rule.Name)), Frontend: fe,
				BackendPool: sanitize(pool), Protocol: lbProtocol(rule.Protocol), FrontendPort: rule.FrontendPort, BackendPort: rule.BackendPort,
				Probe: sanitize(armid.Last(idOf(rule.Probe))), DisableOutboundSnat: rule.DisableOutboundSnat})
		}
		for _, n := range j.InboundNatRules {
			fe := has(idOf(n.FrontendIPConfiguration))
			target := natTargets[armid.Key(n.ID)]
			if n.ID == "" {
				target = natTargets[armid.Key(r.id+"/inboundNatRules/"+n.Name)]
			}
			if target == "" && n.BackendIPConfiguration != nil {
				target = b.endpointOfConfig(n.BackendIPConfiguration.ID)
			}
			if fe == "" || target == "" {
				b.im.notes.add(noteDropped, "load balancer %s: inbound NAT rule %s is dropped: its frontend or target NIC is not in the input", r.name, n.Name)
				continue
			}
			lb.InboundNatRules = append(lb.InboundNatRules, &model.LBInboundNat{Name: sanitize(armid.Last(n.Name)), Frontend: fe,
				Protocol: lbProtocol(n.Protocol), FrontendPort: n.FrontendPort, BackendPort: n.BackendPort, Target: target})
		}
		for _, o := range j.OutboundRules {
			out := &model.LBOutboundRule{Name: sanitize(armid.Last(o.Name)), BackendPool: sanitize(armid.Last(idOf(o.BackendAddressPool)))}
			if p := lbProtocol(o.Protocol); p != model.LBAll {
				out.Protocol = p
			}
			for _, f := range o.FrontendIPConfigurations {
				if fe := has(f.ID); fe != "" {
					out.Frontends = append(out.Frontends, fe)
				}
			}
			if len(out.Frontends) == 0 || out.BackendPool == "" {
				b.im.notes.add(noteDropped, "load balancer %s: outbound rule %s is dropped: its frontends or backend pool are not known", r.name, o.Name)
				continue
			}
			lb.OutboundRules = append(lb.OutboundRules, out)
		}
		b.from(lb, r)
		b.t.LoadBalancers = append(b.t.LoadBalancers, lb)
	}
}

// lbMembership reads which endpoints the NICs put in which backend pools
// and inbound NAT rules (by lower-case pool or rule id).
func (b *builder) lbMembership() (map[string][]string, map[string]string) {
	pools, nats := map[string][]string{}, map[string]string{}
	for _, r := range b.of(typeNIC) {
		e := b.placed[r.key]
		j, ok := decode[nicJSON](b, r, r.node)
		if e == nil || !ok {
			continue
		}
		for _, c := range j.IPConfigurations {
			for _, p := range c.LoadBalancerBackendAddressPools {
				k := armid.Key(p.ID)
				if !slices.Contains(pools[k], e.Name) {
					pools[k] = append(pools[k], e.Name)
				}
			}
			for _, n := range c.LoadBalancerInboundNatRules {
				nats[armid.Key(n.ID)] = e.Name
			}
		}
	}
	return pools, nats
}

// endpointOfConfig is the endpoint whose NIC owns an IP configuration id
// (.../networkInterfaces/nic/ipConfigurations/ipconfig1).
func (b *builder) endpointOfConfig(id string) string {
	if i := strings.Index(strings.ToLower(id), "/ipconfigurations/"); i > 0 {
		if r := b.lookup(id[:i], typeNIC); r != nil && b.placed[r.key] != nil {
			return b.placed[r.key].Name
		}
	}
	return ""
}

func lbProtocol(p string) model.LBProtocol {
	switch strings.ToLower(p) {
	case "tcp":
		return model.LBTcp
	case "udp":
		return model.LBUdp
	}
	return model.LBAll
}
