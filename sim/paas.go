package sim

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/servicetags"
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
	if how == "private endpoint" {
		e.hop(&b, at, "PaasFirewall", "Allow", ref, how)
		e.deliver(b, at, replyFrom)
		return
	}
	if p.ep.PublicNetworkAccess == model.PublicAccessDisabled {
		e.refuse(b, p, how, "its public network access is disabled, which admits only private endpoints",
			"reach "+p.ep.Name+" through its private endpoint (or enable publicNetworkAccess)")
		return
	}
	if fw == nil || fw.DefaultAction != model.Deny {
		e.hop(&b, at, "PaasFirewall", "Allow", ref, how)
		e.deliver(b, at, replyFrom)
		return
	}
	var ok hs.Set
	if how == "service endpoint" && slices.Contains(fw.VirtualNetworkRules, b.via.id) {
		ok = b.set
		e.hop(&b, at, "PaasFirewall", "Allow", ref, "virtual network rule "+b.via.id)
	}
	why := "no virtual network rule, IP rule or trusted-service exception admits it"
	if how == "internet" {
		if e.sameRegion(b, p) {
			why = "its IP rules have no effect on requests from the same Azure region (" + e.n.location(p.ep.Location) + "), and no virtual network rule or trusted-service exception admits it"
		} else {
			ok = b.xf.restrictSrc(b.set, prefixSet(fw.IPRules))
		}
		if slices.ContainsFunc(fw.Bypass, func(s string) bool { return strings.EqualFold(s, "AzureServices") }) {
			ok = ok.Union(b.xf.restrictSrc(b.set, e.n.trustedServices()))
		}
		if !ok.IsEmpty() {
			e.hop(&b, at, "PaasFirewall", "Allow", ref, "ip rule or trusted service")
		}
	}
	e.refuse(b.with(b.set.Subtract(ok)), p, how, "it denies by default, and "+why, firewallFix(p, b.via, b.origin, how))
	if !ok.IsEmpty() {
		e.deliver(b.with(ok), at, replyFrom)
	}
}

// refuse drops what a PaaS service refuses on its public side: NameNotPrivate
// when the request was made by name and the name did not resolve to the
// service's private endpoint from where it started (docs/semantics.md §14),
// else FirewallDenied.
func (e *engine) refuse(b branch, p *paas, how, why, fix string) {
	if b.set.IsEmpty() {
		return
	}
	ref := "firewall:" + p.ep.Name
	db := b
	e.hop(&db, p.ep.Name, "PaasFirewall", "Deny", ref, how)
	if dnsFix, ok := e.nameNotPrivate(b, p); ok {
		e.drop(db, b.set, model.NameNotPrivate, ref, dnsFix, func(w hs.Packet) string {
			return fmt.Sprintf("%s's name resolves to its public address %s from where the request starts, not to its private endpoint, and on its public side %s", p.ep.Name, w.Dst, why)
		})
		return
	}
	e.drop(db, b.set, model.FirewallDenied, ref, fix, func(w hs.Packet) string {
		return fmt.Sprintf("%s refuses the request from %s over the %s: %s", describeEndpoint(p.ep), addrText(w.Src), how, why)
	})
}

// sameRegion reports whether a storage account sees the request as coming
// from its own Azure region: its source was last translated by an element
// in a VNet of the account's location (docs/semantics.md §9). IP rules do
// not apply to such requests.
func (e *engine) sameRegion(b branch, p *paas) bool {
	if p.ep.Kind != model.StorageAccount || len(b.nats) == 0 {
		return false
	}
	in := b.nats[len(b.nats)-1].in
	return in != nil && servicetags.NormalizeRegion(e.n.location(in.m.Location)) == servicetags.NormalizeRegion(e.n.location(p.ep.Location))
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
