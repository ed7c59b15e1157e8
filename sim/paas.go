package sim

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

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
	db := b
	e.hop(&db, at, "PaasFirewall", "Deny", ref, how)
	e.drop(db, denied, model.FirewallDenied, ref, firewallFix(p, b.via, b.origin, how), func(w hs.Packet) string {
		return fmt.Sprintf("%s denies by default, and the request from %s arrives over the %s, which no virtual network rule, IP rule or trusted-service exception admits",
			describeEndpoint(p.ep), addrText(w.Src), how)
	})
	if !ok.IsEmpty() {
		e.deliver(b.with(ok), at, replyFrom)
	}
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
