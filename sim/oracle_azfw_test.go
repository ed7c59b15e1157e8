package sim

// Azure Firewall in the oracle (docs/semantics.md §13; interpretation 21 in
// oracle_test.go).

import (
	"cmp"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// azureFirewall: a request at Azure Firewall a, its waypoint just pushed:
// DNAT for its own addresses, else network rules, then application rules,
// then the default deny.
func (o *oracle) azureFirewall(f *oFlow, a *oAppliance) oracleVerdict {
	if blocked, ok := o.admit(f, a.subnet); !ok { // its own address over a restricted peering
		return blocked
	}
	p := f.pkt
	denied := f.block(model.ApplianceDenied, "appliance:"+a.m.Name+":default")
	if p.dst == a.addr || slices.Contains(a.publics, p.dst) {
		hit := o.firewallRule(a, model.DnatCollection, func(r *model.FirewallPolicyRule) bool {
			return o.fwSource(a, r, p) && oFwProtocol(r.IPProtocols, p.proto) && o.fwExprs(a, r.DestinationAddresses, p.dst) && oFwPorts(r.DestinationPorts, p)
		})
		if hit == nil {
			return denied
		}
		f.translateDst(oParseAddr(hit.rule.TranslatedAddress))
		if port, err := strconv.Atoi(hit.rule.TranslatedPort); err == nil {
			f.translateDport(uint16(port))
		}
		f.translateSrc(a.addr)
		f.natRegion = a.subnet.vnet.location
		return o.route(f, a.subnet)
	}
	if hit := o.firewallRule(a, model.NetworkCollection, func(r *model.FirewallPolicyRule) bool {
		return o.fwSource(a, r, p) && oFwProtocol(r.IPProtocols, p.proto) && oFwPorts(r.DestinationPorts, p) &&
			(o.fwExprs(a, r.DestinationAddresses, p.dst) || oFwName(r.DestinationFqdns, f.name))
	}); hit != nil {
		if hit.coll.Action != model.Allow {
			return f.block(model.ApplianceDenied, hit.ref)
		}
		if oAnyContains(a.private, p.dst) {
			return o.route(f, a.subnet)
		}
		return o.firewallSnat(f, a)
	}
	if hit := o.firewallRule(a, model.ApplicationCollection, func(r *model.FirewallPolicyRule) bool {
		return p.proto == hs.Tcp && o.fwSource(a, r, p) && oAppPorts(r.Protocols, p.dport) && oAppName(r, f.name)
	}); hit != nil {
		if hit.coll.Action != model.Allow {
			return f.block(model.ApplianceDenied, hit.ref)
		}
		if oAnyContains(a.private, p.dst) {
			f.translateSrc(a.addr)
			f.natRegion = a.subnet.vnet.location
			return o.route(f, a.subnet)
		}
		return o.firewallSnat(f, a)
	}
	return denied
}

// firewallSnat: an allowed packet to a destination outside the private
// ranges leaves with the firewall's private address under forced
// tunnelling, else with each address of its subnet's NAT gateway, else
// with each of its public addresses (interpretation 21).
func (o *oracle) firewallSnat(f *oFlow, a *oAppliance) oracleVerdict {
	addrs := a.publics
	switch {
	case a.forced:
		addrs = []netip.Addr{a.addr}
	case a.subnet.nat != nil && len(a.subnet.nat.addrs) > 0:
		addrs = a.subnet.nat.addrs
	case len(addrs) == 0:
		return o.route(f, a.subnet) // no address to translate to (validate refuses it)
	}
	return oEach(f, addrs, func(g *oFlow, to netip.Addr) oracleVerdict {
		g.translateSrc(to)
		g.natRegion = a.subnet.vnet.location
		return o.route(g, a.subnet)
	})
}

// oFwHit is the rule that decided, with its collection.
type oFwHit struct {
	coll *model.RuleCollection
	rule *model.FirewallPolicyRule
	ref  string
}

// firewallRule is the first rule of the kind that matches: collections by
// their group's priority, then their own; rules in order.
func (o *oracle) firewallRule(a *oAppliance, kind model.RuleCollectionKind, match func(*model.FirewallPolicyRule) bool) *oFwHit {
	type ordered struct {
		g *model.RuleCollectionGroup
		c *model.RuleCollection
	}
	var colls []ordered
	for _, g := range a.m.RuleCollectionGroups {
		for _, c := range g.RuleCollections {
			if c.Kind == kind {
				colls = append(colls, ordered{g, c})
			}
		}
	}
	slices.SortStableFunc(colls, func(x, y ordered) int {
		return cmp.Or(cmp.Compare(x.g.Priority, y.g.Priority), cmp.Compare(x.c.Priority, y.c.Priority))
	})
	for _, gc := range colls {
		for _, r := range gc.c.Rules {
			if match(r) {
				return &oFwHit{coll: gc.c, rule: r, ref: "appliance:" + a.m.Name + ":" + gc.g.Name + "/" + gc.c.Name + "/" + r.Name}
			}
		}
	}
	return nil
}

// fwSource: the rule's sourceAddresses hold the source (none: any).
func (o *oracle) fwSource(a *oAppliance, r *model.FirewallPolicyRule, p oPacket) bool {
	return len(r.SourceAddresses) == 0 || o.fwExprs(a, r.SourceAddresses, p.src)
}

func (o *oracle) fwExprs(a *oAppliance, exprs []string, addr netip.Addr) bool {
	return slices.ContainsFunc(exprs, func(e string) bool { return o.exprContains(e, a.subnet, addr) })
}

// oFwProtocol: ipProtocols TCP, UDP, ICMP or Any.
func oFwProtocol(protos []string, p hs.Proto) bool {
	return slices.ContainsFunc(protos, func(s string) bool { return strings.EqualFold(s, "Any") || strings.EqualFold(s, p.String()) })
}

// oFwPorts: destinationPorts constrain Tcp and Udp only.
func oFwPorts(ports []string, p oPacket) bool {
	return !oPorted(p.proto) || oPortsContain(ports, p.dport)
}

// oFwName: a name pattern of the rule matches the flow's name.
func oFwName(patterns []string, name string) bool {
	return name != "" && slices.ContainsFunc(patterns, func(pat string) bool { return model.MatchFqdn(pat, name) })
}

// oAppPorts: the port of one of an application rule's protocols.
func oAppPorts(protocols []string, port uint16) bool {
	return slices.ContainsFunc(protocols, func(s string) bool {
		_, p, err := model.ParseAppProtocol(s)
		return err == nil && p == port
	})
}

// oAppName: the flow's name matches a target FQDN or a name behind an FQDN
// tag.
func oAppName(r *model.FirewallPolicyRule, name string) bool {
	if oFwName(r.TargetFqdns, name) {
		return true
	}
	for _, tag := range r.FqdnTags {
		if pats, _ := model.FqdnTagPatterns(tag); oFwName(pats, name) {
			return true
		}
	}
	return false
}
