package sim

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// toAppliance sends a branch to the appliance a VirtualAppliance route
// names; it must be a forwarding NIC in this VNet or a connected peer.
func (e *engine) toAppliance(b branch, s *subnet, c *candidate) {
	e.touch(keyLayout) // which appliance holds the address
	a, via := e.n.applianceAt(s.vnet, c.entry.NextHopIP)
	if a == nil || !a.m.EnableIPForwarding {
		why := "no appliance in " + s.vnet.m.Name + " or its peers has address " + c.entry.NextHopIP
		fix := "point the route at an appliance's address, or declare the appliance"
		if a != nil {
			why = "appliance " + a.m.Name + " does not have IP forwarding enabled"
			fix = "set enableIpForwarding: true on appliance " + a.m.Name
		}
		e.drop(b, b.set, model.NotForwarded, b.route, fix, func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s matches %s, but %s, so Azure drops it", b.what(), w.Dst, b.routeTxt, why)
		})
		return
	}
	if via != nil && !e.crossPeering(&b, s.vnet, via) {
		return
	}
	e.appliance(b, a)
}

// appliance filters with the appliance subnet's NSG and the appliance's
// rules, translates internet-bound sources when it has SNAT, and forwards by
// its own subnet's routes. Replies are not filtered (it is stateful), but
// must be the replies of flows it saw.
func (e *engine) appliance(b branch, a *appliance) {
	at := a.m.Name
	if !e.enter(&b, "appliance "+at) {
		return
	}
	b.applied = true
	e.touch("appliance:" + at)
	if b.reply {
		if e.cross(&b, waypointAppliance(a)) {
			e.route(b, a.sub)
		}
		return
	}
	b, ok := e.inbound(b, nil, a.sub)
	if !ok {
		return
	}
	rules, err := e.n.applianceRules(a)
	if err != nil {
		e.fail(err)
		return
	}
	b, ok = e.filterStage(b, rules, at, "Appliance", model.ApplianceDenied, func(r ruleRegion) string { return applianceFix(a, r) })
	if !ok {
		return
	}
	b, ok = e.outbound(b, nil, a.sub)
	if !ok {
		return
	}
	e.cross(&b, waypointAppliance(a))
	if a.m.Snat == nil {
		e.route(b, a.sub)
		return
	}
	pub, _ := model.ParseAddr(a.m.Snat.PublicIPAddress)
	internetBound := b.xf.restrictDst(b.set, e.n.internetTag(a.sub))
	if rest := b.set.Subtract(internetBound); !rest.IsEmpty() {
		e.route(b.with(rest), a.sub)
	}
	if !internetBound.IsEmpty() {
		nb := b.with(internetBound)
		nat := natPoint{addr: hs.AddrFrom(pub), app: a, prev: nb.xf.src}
		nb.xf.src = xfAddr{from: fromConst, c: nat.addr}
		nb.nats = grow(nb.nats, nat)
		e.hop(&nb, at, "Appliance", "Snat", "", "source "+pub.String())
		e.route(nb, a.sub)
	}
}

// gatewayOut sends a branch from Azure to on-premises through gateway g.
func (e *engine) gatewayOut(b branch, g *gateway) {
	e.touch("gateway:" + g.m.Name)
	if !e.enter(&b, "gateway "+g.m.Name) || !e.cross(&b, waypointGateway(g)) {
		return
	}
	at := "on-premises " + g.m.Name
	e.hop(&b, g.m.Name, "Gateway", "ToOnPremises", "", "")
	local := b.xf.restrictDst(b.set, g.onPrem)
	if !local.IsEmpty() {
		lb := b.with(local)
		if lb.reply {
			e.arrive(lb, at)
		} else {
			e.deliver(lb, at, func(r branch) { e.gatewayIn(r, g) })
		}
	}
	rest := b.set.Subtract(local)
	public := b.xf.restrictDst(rest, publicAddrs)
	e.drop(b, rest.Subtract(public), model.NoRoute, b.route, "on-premises does not hold this address; route it elsewhere",
		func(w hs.Packet) string {
			return fmt.Sprintf("%s to %s is sent to on-premises by %s, which holds no such address", b.what(), w.Dst, b.routeTxt)
		})
	if public.IsEmpty() {
		return
	}
	on := g.m.OnPremises
	if on == nil || on.InternetEgress != model.EgressSnat || b.reply {
		e.drop(b, public, model.OnPremisesDropped, b.route, internetFix(b.route),
			func(w hs.Packet) string {
				return fmt.Sprintf("%s to %s matches %s and goes to on-premises through %s, which drops internet-bound traffic", b.what(), w.Dst, b.routeTxt, g.m.Name)
			})
		return
	}
	pb := b.with(public)
	snat, _ := model.ParseAddr(on.SnatAddress)
	nat := natPoint{addr: hs.AddrFrom(snat), gw: g, prev: pb.xf.src}
	pb.xf.src = xfAddr{from: fromConst, c: nat.addr}
	pb.nats = grow(pb.nats, nat)
	e.hop(&pb, at, "OnPremises", "Snat", "", "source "+snat.String())
	e.internet(pb)
}

// gatewaySpace is what on-premises reaches through gateway g: the address
// spaces of its VNet and of the VNets that use it through gateway transit.
func (n *Network) gatewaySpace(g *gateway) hs.IPSet {
	var set hs.IPSet
	for _, v := range n.vnets {
		if v == g.vnet || slices.Contains(v.usedGateways(), g) {
			set = set.Union(v.space)
		}
	}
	return set
}

// gatewayIn brings a branch from on-premises into the gateway's VNet,
// routed by the GatewaySubnet's routes.
func (e *engine) gatewayIn(b branch, g *gateway) {
	e.touch("gateway:" + g.m.Name)
	e.touch(keyVNet(g.vnet))
	if !e.enter(&b, "gateway "+g.m.Name) || !e.cross(&b, waypointGateway(g)) {
		return
	}
	e.hop(&b, g.m.Name, "Gateway", "FromOnPremises", "", "")
	e.route(b, e.n.gatewaySubnet(g.vnet))
}

// service reaches an Azure service over a service endpoint: the PaaS
// endpoint whose public address it is, or the service itself.
func (e *engine) service(b branch, how string) {
	e.touch(keyInternet) // the PaaS public addresses
	sp := splitDst(b)
	for _, p := range e.n.paas {
		if !p.public.IsValid() {
			continue
		}
		if part, ok := sp.take(addrSet([]netip.Addr{p.public})); ok {
			e.paasFirewall(part, p, how)
		}
	}
	rest := sp.rest
	if rest.IsEmpty() {
		return
	}
	via := b.via
	e.deliver(b.with(rest), "Azure service", func(r branch) { e.route(r, via) })
}

// paasFirewall admits or refuses a request at a storage account, key vault
// or registry (azure-semantics.md §6). how is "internet", "service
// endpoint" or "private endpoint".
func (e *engine) paasFirewall(b branch, p *paas, how string) {
	e.touch("paas:" + p.ep.Name)
	at := p.ep.Name
	ref := "firewall:" + at
	replyFrom := func(r branch) {
		if r.via != nil {
			e.route(r, r.via)
		} else {
			e.internet(r)
		}
	}
	if b.reply {
		e.arrive(b, at)
		return
	}
	fw := p.ep.Firewall
	if how == "private endpoint" || fw == nil || fw.DefaultAction != model.Deny {
		e.hop(&b, at, "PaasFirewall", "Allow", ref, how)
		e.deliver(b, at, replyFrom)
		return
	}
	var ok hs.Set
	if how == "service endpoint" && slices.Contains(fw.VirtualNetworkRules, b.via.id) {
		ok = b.set
		e.hop(&b, at, "PaasFirewall", "Allow", ref, "virtual network rule "+b.via.id)
	}
	if how == "internet" {
		ok = b.xf.restrictSrc(b.set, prefixSet(fw.IPRules))
		if slices.ContainsFunc(fw.Bypass, func(s string) bool { return strings.EqualFold(s, "AzureServices") }) {
			ok = ok.Union(b.xf.restrictSrc(b.set, e.n.trustedServices()))
		}
		if !ok.IsEmpty() {
			e.hop(&b, at, "PaasFirewall", "Allow", ref, "ip rule or trusted service")
		}
	}
	denied := b.set.Subtract(ok)
	e.drop(b, denied, model.FirewallDenied, ref, firewallFix(p, b.via, b.origin, how), func(w hs.Packet) string {
		return fmt.Sprintf("%s denies by default, and the request from %s arrives over the %s, which no virtual network rule, IP rule or trusted-service exception admits",
			describeEndpoint(p.ep), addrText(w.Src), how)
	})
	if !ok.IsEmpty() {
		e.deliver(b.with(ok), at, replyFrom)
	}
}

// toPrivateEndpoint delivers to a PaaS service through a private endpoint
// in a subnet: always admitted by its firewall. Replies leave by the
// private endpoint's subnet routes.
func (e *engine) toPrivateEndpoint(b branch, p *paas, addrs hs.IPSet) {
	e.touch("paas:" + p.ep.Name)
	if b.reply {
		e.arrive(b, p.ep.Name)
		return
	}
	var sub *subnet
	for _, pe := range p.pes {
		if addrs.Contains(hs.AddrFrom(pe.addr)) {
			sub = pe.sub
		}
	}
	b.via = sub
	b, ok := e.explicitOnly(b, nil, nil)
	if !ok {
		return
	}
	e.hop(&b, p.ep.Name, "PaasFirewall", "Allow", "firewall:"+p.ep.Name, "private endpoint")
	e.deliver(b, p.ep.Name, func(r branch) { e.route(r, sub) })
}

// trustedServices are the sources `bypass: AzureServices` admits
// (azure-semantics.md §6: vnetsim takes AzureMachineLearning and
// BatchNodeManagement, never a compute node).
func (n *Network) trustedServices() hs.IPSet {
	var set hs.IPSet
	for _, t := range []string{"AzureMachineLearning", "BatchNodeManagement"} {
		if s, ok := n.tagSet(t); ok {
			set = set.Union(s)
		}
	}
	return set
}

// applianceRules compiles an appliance's rules on first use.
func (n *Network) applianceRules(a *appliance) (*compiledRules, error) {
	if a.rules == nil {
		r, err := n.compileAppliance(a)
		if err != nil {
			return nil, err
		}
		a.rules = r
	}
	return a.rules, nil
}
