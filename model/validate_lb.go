package model

import (
	"fmt"
	"strconv"
)

// checkLoadBalancers checks load balancers (azure-semantics.md §12): their
// frontends, pools of endpoints, and the rules and probes between them.
func (c *checker) checkLoadBalancers() {
	checkNames(c, "load balancer", c.t.LoadBalancers, func(l *LoadBalancer) string { return l.Name }, true)
	for _, lb := range c.t.LoadBalancers {
		if lb.Sku == BasicSku {
			c.warnf(&lb.Meta, "sku", "basic_sku_retired", "Basic load balancers are retired; vnetsim treats %q as Standard", lb.Name)
		}
		c.checkLBParts(lb)
		c.checkLBRules(lb)
	}
}

func (c *checker) checkLBParts(lb *LoadBalancer) {
	what := func(kind string) string { return fmt.Sprintf("%s of load balancer %q", kind, lb.Name) }
	checkNames(c, what("frontend"), lb.FrontendIPConfigurations, func(f *LBFrontend) string { return f.Name }, true)
	checkNames(c, what("backend pool"), lb.BackendAddressPools, func(p *LBBackendPool) string { return p.Name }, true)
	checkNames(c, what("load-balancing rule"), lb.LoadBalancingRules, func(r *LBRule) string { return r.Name }, true)
	checkNames(c, what("inbound NAT rule"), lb.InboundNatRules, func(r *LBInboundNat) string { return r.Name }, true)
	checkNames(c, what("outbound rule"), lb.OutboundRules, func(r *LBOutboundRule) string { return r.Name }, true)
	checkNames(c, what("probe"), lb.Probes, func(p *LBProbe) string { return p.Name }, true)
	for _, f := range lb.FrontendIPConfigurations {
		m := &f.Meta
		switch {
		case f.PublicIPAddress != "" && (f.PrivateIPAddress != "" || f.Subnet != ""):
			c.errorf(m, "publicIpAddress", "lb_frontend", "a frontend is public (publicIpAddress) or internal (privateIpAddress and subnet), not both")
		case f.PublicIPAddress != "":
			c.publicAddr(m, "publicIpAddress", f.PublicIPAddress, "not_public")
		default:
			sub := c.subnetRef(m, "subnet", f.Subnet)
			if c.required(m, "privateIpAddress", f.PrivateIPAddress) {
				c.nicAddress(m, "privateIpAddress", f.PrivateIPAddress, sub, fmt.Sprintf("frontend %q of load balancer %q", f.Name, lb.Name))
			}
		}
	}
	for _, p := range lb.BackendAddressPools {
		for _, mem := range listValues("members", p.Members) {
			if e := ref(c, &p.Meta, mem.key, mem.value, "endpoint", &c.endpoints); e != nil && !e.Kind.HasNodes() {
				c.errorf(&p.Meta, mem.key, "lb_member_kind", "%s endpoint %q has no NIC to put in a backend pool", e.Kind, e.Name)
			}
		}
	}
	for _, p := range lb.Probes {
		c.required(&p.Meta, "protocol", string(p.Protocol))
		c.portNumber(&p.Meta, "port", p.Port, false)
	}
}

func (c *checker) checkLBRules(lb *LoadBalancer) {
	frontend := func(m *Meta, key, name string) *LBFrontend {
		if !c.required(m, key, name) {
			return nil
		}
		f := lb.Frontend(name)
		if f == nil {
			c.errorf(m, key, "unknown_reference", "frontend %q of load balancer %q does not exist%s", name, lb.Name, c.didYouMean(name, names(lb.FrontendIPConfigurations, func(f *LBFrontend) string { return f.Name })))
		}
		return f
	}
	pool := func(m *Meta, key, name string) {
		if c.required(m, key, name) && lb.Pool(name) == nil {
			c.errorf(m, key, "unknown_reference", "backend pool %q of load balancer %q does not exist%s", name, lb.Name, c.didYouMean(name, names(lb.BackendAddressPools, func(p *LBBackendPool) string { return p.Name })))
		}
	}
	used := map[string]*Meta{}
	claim := func(m *Meta, f *LBFrontend, proto LBProtocol, port int) {
		if f == nil {
			return
		}
		k := f.Name + "/" + string(proto) + "/" + strconv.Itoa(port)
		if first, dup := used[k]; dup {
			c.report(Error, m, "frontendPort", []Pos{first.At("frontendPort")}, "lb_port_in_use", "frontend %q already forwards %s port %d", f.Name, proto, port)
			return
		}
		used[k] = m
	}
	for _, r := range lb.LoadBalancingRules {
		m := &r.Meta
		f := frontend(m, "frontend", r.Frontend)
		pool(m, "backendPool", r.BackendPool)
		c.required(m, "protocol", string(r.Protocol))
		if r.Probe != "" && lb.ProbeNamed(r.Probe) == nil {
			c.errorf(m, "probe", "unknown_reference", "probe %q of load balancer %q does not exist%s", r.Probe, lb.Name, c.didYouMean(r.Probe, names(lb.Probes, func(p *LBProbe) string { return p.Name })))
		}
		haPorts := r.Protocol == LBAll && r.FrontendPort == 0 && r.BackendPort == 0
		if haPorts {
			if f != nil && f.PublicIPAddress != "" {
				c.errorf(m, "protocol", "lb_ha_ports", "HA ports (protocol All, ports 0) are for internal frontends only, and %q is public", f.Name)
			}
		} else {
			c.portNumber(m, "frontendPort", r.FrontendPort, false)
			c.portNumber(m, "backendPort", r.BackendPort, false)
		}
		claim(m, f, r.Protocol, r.FrontendPort)
	}
	for _, r := range lb.InboundNatRules {
		m := &r.Meta
		f := frontend(m, "frontend", r.Frontend)
		c.required(m, "protocol", string(r.Protocol))
		c.portNumber(m, "frontendPort", r.FrontendPort, false)
		c.portNumber(m, "backendPort", r.BackendPort, false)
		if c.required(m, "target", r.Target) {
			if e := ref(c, m, "target", r.Target, "endpoint", &c.endpoints); e != nil && !e.Kind.HasNodes() {
				c.errorf(m, "target", "lb_member_kind", "%s endpoint %q has no NIC to forward to", e.Kind, e.Name)
			}
		}
		claim(m, f, r.Protocol, r.FrontendPort)
	}
	for _, r := range lb.OutboundRules {
		m := &r.Meta
		requiredList(c, m, "frontends", r.Frontends)
		for _, fk := range listValues("frontends", r.Frontends) {
			if f := frontend(m, fk.key, fk.value); f != nil && f.PublicIPAddress == "" {
				c.errorf(m, fk.key, "lb_outbound_frontend", "an outbound rule needs public frontends, and %q is internal", f.Name)
			}
		}
		pool(m, "backendPool", r.BackendPool)
	}
}

// portNumber checks a port number field (1..65535; 0 when zeroOK).
func (c *checker) portNumber(m *Meta, key string, p int, zeroOK bool) {
	if !m.Has(key) {
		c.errorf(m, key, "missing_field", "%s is required", key)
		return
	}
	if (p == 0 && !zeroOK) || p < 0 || p > 65535 {
		c.errorf(m, key, "bad_port", "%s %d is outside 1..65535", key, p)
	}
}

func names[T any](list []*T, name func(*T) string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = name(v)
	}
	return out
}
