package sim

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Load balancers (azure-semantics.md §12, docs/semantics.md §12): frontends
// take packets in, inbound NAT rules and load-balancing rules send them to
// backend nodes in rotation, and health probes, judged by the nodes' NSGs,
// decide the rotation. Their outbound side is in egress.go.

type loadBalancer struct {
	m      *model.LoadBalancer
	fronts []*lbFrontend
}

type lbFrontend struct {
	lb     *loadBalancer
	m      *model.LBFrontend
	addr   netip.Addr
	public bool
	sub    *subnet   // an internal frontend's subnet
	fwds   []lbRoute // inbound NAT rules first, then load-balancing rules
}

// lbRoute is what one rule does at a frontend: the packets it takes (in
// current header form), and where it sends them.
type lbRoute struct {
	ref      string // loadbalancer:<lb>:<rule>
	name     string
	nat      bool
	match    hs.Set
	port     *uint16 // the backend port; nil keeps the port (HA ports)
	backends []backend
	probe    *model.LBProbe
}

// backend is one node address behind a rule.
type backend struct {
	nic  *nic
	addr netip.Addr
}

func lbRef(lb, part string) string { return "loadbalancer:" + lb + ":" + part }

// compileLoadBalancers makes the frontends answer at their addresses and
// gives member NICs their outbound methods. It runs after the NICs are
// placed.
func (n *Network) compileLoadBalancers() {
	for _, m := range n.Topo.LoadBalancers {
		lb := &loadBalancer{m: m}
		n.lbs = append(n.lbs, lb)
		for _, mf := range m.FrontendIPConfigurations {
			fe := &lbFrontend{lb: lb, m: mf}
			if a, err := model.ParseAddr(mf.PublicIPAddress); err == nil {
				fe.addr, fe.public = a, true
				n.publicOwn = append(n.publicOwn, publicOwner{addrs: addrSet([]netip.Addr{a}), lb: fe})
			} else if a, err := model.ParseAddr(mf.PrivateIPAddress); err == nil && n.bySubnet[mf.Subnet] != nil {
				fe.addr, fe.sub = a, n.bySubnet[mf.Subnet]
				fe.sub.vnet.owners = append(fe.sub.vnet.owners, owner{addrs: addrSet([]netip.Addr{a}), lb: fe})
			}
			lb.fronts = append(lb.fronts, fe)
		}
		for _, r := range m.InboundNatRules {
			if fe := lb.front(r.Frontend); fe != nil {
				var bes []backend
				if c := n.byNIC[r.Target]; c != nil && len(c.list) > 0 {
					bes = []backend{{c, c.list[0]}}
				}
				port := uint16(r.BackendPort)
				fe.fwds = append(fe.fwds, lbRoute{ref: lbRef(m.Name, r.Name), name: r.Name, nat: true,
					match: lbMatch(fe, r.Protocol, r.FrontendPort), port: &port, backends: bes})
			}
		}
		for _, r := range m.LoadBalancingRules {
			fe := lb.front(r.Frontend)
			if fe == nil {
				continue
			}
			route := lbRoute{ref: lbRef(m.Name, r.Name), name: r.Name, match: lbMatch(fe, r.Protocol, r.FrontendPort),
				backends: n.poolBackends(m, r.BackendPool), probe: m.ProbeNamed(r.Probe)}
			if !isHAPorts(r) {
				port := uint16(r.BackendPort)
				route.port = &port
			}
			fe.fwds = append(fe.fwds, route)
		}
		n.lbOutbound(lb)
	}
	for _, c := range n.nics {
		slices.Sort(c.pools)
		c.pools = slices.Compact(c.pools)
	}
}

func (lb *loadBalancer) front(name string) *lbFrontend {
	for _, fe := range lb.fronts {
		if fe.m.Name == name && fe.addr.IsValid() {
			return fe
		}
	}
	return nil
}

func isHAPorts(r *model.LBRule) bool {
	return r.Protocol == model.LBAll && r.FrontendPort == 0 && r.BackendPort == 0
}

// lbProtos are the packets of a load-balancer protocol: All (or none
// given) is Tcp and Udp, the protocols a load balancer balances and
// translates, HA ports included (azure-semantics.md §12).
func lbProtos(p model.LBProtocol) hs.ProtoSet {
	switch p {
	case model.LBTcp:
		return hs.ProtoSetOf(hs.Tcp)
	case model.LBUdp:
		return hs.ProtoSetOf(hs.Udp)
	}
	return hs.ProtoSetOf(hs.Tcp, hs.Udp)
}

// lbMatch is what a rule takes at its frontend: the protocol to the
// frontend port, or every TCP and UDP port for HA ports (protocol All,
// port 0).
func lbMatch(fe *lbFrontend, p model.LBProtocol, port int) hs.Set {
	dst := addrSet([]netip.Addr{fe.addr})
	ports := hs.AllPorts()
	if port != 0 {
		ports = hs.PortSetOf(hs.PortRange{Lo: uint16(port), Hi: uint16(port)})
	}
	return hs.FromProduct(hs.Product{Src: allAddrs, Dst: dst, Proto: lbProtos(p), SrcPorts: hs.AllPorts(), DstPorts: ports})
}

// poolBackends are the node addresses of a pool's members, by address
// (the order the rotation is judged in).
func (n *Network) poolBackends(m *model.LoadBalancer, pool string) []backend {
	p := m.Pool(pool)
	if p == nil {
		return nil
	}
	var out []backend
	for _, name := range p.Members {
		if c := n.byNIC[name]; c != nil {
			for _, a := range c.list {
				out = append(out, backend{c, a})
			}
		}
	}
	slices.SortFunc(out, func(x, y backend) int { return x.addr.Compare(y.addr) })
	return out
}

// lbOutbound gives the NICs of lb's pools their outbound methods: outbound
// rules, then the SNAT of load-balancing rules on public frontends
// (docs/semantics.md §4, step 3).
func (n *Network) lbOutbound(lb *loadBalancer) {
	for _, p := range lb.m.BackendAddressPools {
		for _, name := range p.Members {
			if c := n.byNIC[name]; c != nil {
				c.pools = append(c.pools, lb.m.Name)
			}
		}
	}
	add := func(pool string, protos hs.ProtoSet, fronts []string, what string) {
		var addrs []hs.Addr
		for _, f := range fronts {
			if fe := lb.front(f); fe != nil && fe.public {
				addrs = append(addrs, hs.AddrFrom(fe.addr))
			}
		}
		if len(addrs) == 0 {
			return
		}
		o := outboundRule{protos: hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: protos, SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()}),
			addrs: addrs, what: what, lb: lb.m.Name}
		for _, b := range n.poolBackends(lb.m, pool) {
			if !slices.ContainsFunc(b.nic.outbound, func(x outboundRule) bool { return x.what == what }) {
				b.nic.outbound = append(b.nic.outbound, o)
			}
		}
	}
	for _, r := range lb.m.OutboundRules {
		add(r.BackendPool, lbProtos(r.Protocol), r.Frontends, "outbound rule "+r.Name+" of "+lb.m.Name)
	}
	for _, r := range lb.m.LoadBalancingRules {
		if !r.DisableOutboundSnat {
			add(r.BackendPool, lbProtos(r.Protocol), []string{r.Frontend}, "the SNAT of load-balancing rule "+r.Name+" of "+lb.m.Name)
		}
	}
}

// toFrontend takes a request in at a load balancer's frontend and sends it
// to the backends of the rule that matches it.
func (e *engine) toFrontend(b branch, fe *lbFrontend) {
	e.touch("loadbalancer:" + fe.lb.m.Name)
	at := "load balancer " + fe.lb.m.Name
	if b.reply {
		e.arrive(b, at)
		return
	}
	if fe.public && !e.cross(&b, waypointEdge) {
		return
	}
	rest := b.set
	for _, f := range fe.fwds {
		part := rest.Intersect(b.xf.preimage(f.match))
		if part.IsEmpty() {
			continue
		}
		rest = rest.Subtract(part)
		e.lbForward(b.with(part), fe, f)
	}
	e.drop(b, rest, model.NotExposed, lbRef(fe.lb.m.Name, fe.m.Name),
		"add a load-balancing or inbound NAT rule for this protocol and port to frontend "+fe.m.Name+" of "+fe.lb.m.Name,
		func(w hs.Packet) string {
			return fmt.Sprintf("%s %s reaches frontend %s of load balancer %s, and no load-balancing or inbound NAT rule takes %s port %d there",
				protoName(w.Proto), flowText(w), fe.m.Name, fe.lb.m.Name, protoName(w.Proto), w.DstPort)
		})
}

// lbForward sends the packets of one rule to each backend node in
// rotation: any may be chosen, so each must take them.
func (e *engine) lbForward(b branch, fe *lbFrontend, f lbRoute) {
	var live []backend
	var out []string
	var denied *ruleRegion
	for _, be := range f.backends {
		if r := e.probeDenied(be, f.probe); r != nil {
			out = append(out, be.nic.ep.Name+"/"+be.addr.String())
			if denied == nil {
				denied = r
			}
			continue
		}
		live = append(live, be)
	}
	if len(live) == 0 {
		e.noBackend(b, fe, f, denied)
		return
	}
	var names []string
	for _, be := range live {
		names = append(names, be.nic.ep.Name+"/"+be.addr.String())
	}
	for _, be := range live {
		nb := b
		to := xfAddr{from: fromConst, c: hs.AddrFrom(be.addr)}
		if fe.public {
			nb.dnat(to, f.port)
		} else {
			nb.hostDnat(to, f.port)
		}
		detail := "to " + be.addr.String()
		if f.port != nil {
			detail += fmt.Sprintf(":%d", *f.port)
		}
		detail += " (in rotation: " + strings.Join(names, ", ")
		if len(out) > 0 {
			detail += "; out of rotation, probe denied: " + strings.Join(out, ", ")
		}
		detail += ")"
		e.hop(&nb, fe.lb.m.Name+"/"+fe.m.Name, "LoadBalancer", "Forward", f.ref, detail)
		if fe.public && be.nic.sub.nsg == nil && be.nic.nsg == nil {
			e.closedPublicIP(nb, fe.addr, "frontend "+fe.m.Name+" of "+fe.lb.m.Name)
			continue
		}
		e.toNIC(nb, be.nic)
	}
}

// noBackend drops what a rule would send to a pool with no node in
// rotation (or no node at all).
func (e *engine) noBackend(b branch, fe *lbFrontend, f lbRoute, denied *ruleRegion) {
	if denied == nil {
		e.drop(b, b.set, model.NotForwarded, f.ref, "put endpoints in the backend pool of rule "+f.name,
			func(w hs.Packet) string {
				return fmt.Sprintf("%s reaches rule %s of load balancer %s, whose backend has no node", b.what(), f.name, fe.lb.m.Name)
			})
		return
	}
	probe := f.probe
	e.drop(b, b.set, model.ProbeDenied, denied.ref,
		fmt.Sprintf("allow the health probe in: an inbound rule above %s allowing AzureLoadBalancer to Tcp port %d (or remove the rule that denies it)", describeRule(*denied), probe.Port),
		func(w hs.Packet) string {
			return fmt.Sprintf("%s %s reaches rule %s of load balancer %s, but every backend is out of rotation: probe %s (Tcp port %d from 168.63.129.16) is denied by %s (priority %s)",
				protoName(w.Proto), flowText(w), f.name, fe.lb.m.Name, probe.Name, probe.Port, describeRule(*denied), priorityText(denied.priority))
		})
}

// probeSource is where health probes come from (AzureLoadBalancer).
var probeSource = mustSet("168.63.129.16/32")

// probeDenied judges a backend's health probe by its inbound NSGs (subnet,
// then NIC): the rule region that denies some probe packet, or nil when
// every probe packet is allowed (or the rule has no probe).
func (e *engine) probeDenied(be backend, probe *model.LBProbe) *ruleRegion {
	if probe == nil {
		return nil
	}
	port := uint16(probe.Port)
	set := hs.FromProduct(hs.Product{Src: probeSource, Dst: addrSet([]netip.Addr{be.addr}), Proto: hs.ProtoSetOf(hs.Tcp),
		SrcPorts: hs.AllPorts(), DstPorts: hs.PortSetOf(hs.PortRange{Lo: port, Hi: port})})
	for _, l := range nsgLevels(be.nic.sub, be.nic) {
		e.touch(keySubnet(be.nic.sub))
		rules := e.nsgRules(l.cache, l.nsg, model.Inbound, be.nic.sub)
		if rules == nil {
			return nil
		}
		for _, p := range rules.split(set, func(i int) hs.Set { return rules.specs[i].match }) {
			if r := rules.region(p.rule, p.set); !r.allow {
				return &r
			}
		}
	}
	return nil
}

// loadBalancerEdges adds each frontend to the flow graph: reached from the
// internet (public) or its VNet (internal), leading to the backend nodes
// of its rules.
func (n *Network) loadBalancerEdges(b *graphBuilder, e *engine, internet string) {
	for _, lb := range n.lbs {
		for _, fe := range lb.fronts {
			if !fe.addr.IsValid() {
				continue
			}
			group, from := "", internet
			if !fe.public {
				group = fe.sub.vnet.m.Name
				from = b.node("vnet "+group, "vnet", group)
			}
			node := b.node("loadbalancer "+lb.m.Name+"/"+fe.m.Name, "loadbalancer", group)
			b.edge(from, node, dstOnly(addrSet([]netip.Addr{fe.addr})), lbRef(lb.m.Name, fe.m.Name))
			for _, f := range fe.fwds {
				for _, be := range f.backends {
					b.edge(node, b.node("nic "+be.nic.ep.Name, "nic", be.nic.sub.vnet.m.Name), n.allowedIn(e, be.nic).Intersect(dstOnly(be.nic.addrs)), f.ref)
				}
			}
		}
	}
}
