package azure

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/jsontree"
)

// firewalls builds Azure Firewalls (appliances of kind AzureFirewall):
// their address in AzureFirewallSubnet, public addresses, and rules, from
// the firewall's classic rule collections and from its firewall policy's
// rule collection groups (azure-semantics.md §11).
func (b *builder) firewalls() {
	for _, r := range b.of(typeFirewall) {
		b.firewall(r)
	}
}

func (b *builder) firewall(r *resource) {
	j, ok := decode[firewallJSON](b, r, r.node)
	if !ok {
		return
	}
	if j.VirtualHub != nil && j.VirtualHub.ID != "" {
		b.notModelled(r, "Microsoft.Network/azureFirewalls", "Azure Firewall "+r.name+" secures a Virtual WAN hub, which vnetsim does not model")
		return
	}
	a := &model.Appliance{Kind: model.AzureFirewall}
	for i, c := range j.IPConfigurations {
		if s := b.subnetFor(idOf(c.Subnet)); s != nil && a.Subnet == "" {
			a.Subnet, a.PrivateIPAddress = s.ref(), b.addrs[configKey(r.key, i)]
			if b.assumed[configKey(r.key, i)] {
				b.assumedObj[a] = "privateIpAddress"
			}
		}
		if c.PublicIPAddress != nil {
			if p := b.publicOf(r, c.PublicIPAddress.ID); p != "" {
				a.PublicIPAddresses = append(a.PublicIPAddresses, p)
			}
		}
	}
	if a.Subnet == "" || a.PrivateIPAddress == "" {
		b.im.notes.add(noteDropped, "Azure Firewall %s is left out: none of its IP configurations is in a subnet of the input with a known address", r.name)
		return
	}
	a.Name = b.name(b.applianceNS, r, "")
	if m := j.ManagementIPConfiguration; m != nil && m.Subnet != nil {
		a.ForcedTunneling = true // a management configuration is what forced tunnelling needs
		if p := b.lookup(idOf(m.PublicIPAddress), typePublicIP); p != nil {
			b.used[p.key] = true
		}
	}
	a.RuleCollectionGroups = append(a.RuleCollectionGroups, b.classicRules(r, j)...)
	if j.FirewallPolicy != nil && j.FirewallPolicy.ID != "" {
		b.policy(r, a, j.FirewallPolicy.ID, 0)
	}
	b.from(a, r)
	b.t.Appliances = append(b.t.Appliances, a)
}

// classicRules puts a firewall's own rule collections in rule collection
// groups, one per kind: classic collections take their priorities per kind
// (DNAT, network and application rules are processed in that order anyway).
func (b *builder) classicRules(r *resource, j *firewallJSON) []*model.RuleCollectionGroup {
	var groups []*model.RuleCollectionGroup
	for i, set := range []struct {
		kind model.RuleCollectionKind
		list []classicCollection
	}{{model.DnatCollection, j.NatRuleCollections}, {model.NetworkCollection, j.NetworkRuleCollections}, {model.ApplicationCollection, j.ApplicationRuleCollections}} {
		if len(set.list) == 0 {
			continue
		}
		g := &model.RuleCollectionGroup{Name: "classic-" + strings.ToLower(string(set.kind)) + "-rules", Priority: 100 * (i + 1)}
		for _, c := range set.list {
			rc := &model.RuleCollection{Name: sanitize(c.Name), Priority: c.Priority, Kind: set.kind}
			if set.kind != model.DnatCollection && c.Action != nil {
				rc.Action = model.Access(c.Action.Type)
			}
			for _, fr := range c.Rules {
				if rule := b.firewallRule(r, set.kind, fr); rule != nil {
					rc.Rules = append(rc.Rules, rule)
				}
			}
			g.RuleCollections = append(g.RuleCollections, rc)
		}
		groups = append(groups, g)
	}
	if len(groups) > 0 {
		b.im.notes.add(noteAssumed, "Azure Firewall %s: its classic rule collections are in rule collection groups classic-<kind>-rules, one per kind", r.name)
	}
	return groups
}

// policy adds a firewall policy's rule collection groups (and its base
// policy's, which it inherits) to the firewall.
func (b *builder) policy(from *resource, a *model.Appliance, id string, depth int) {
	pr := b.lookup(id, typeFirewallPolicy)
	if pr == nil {
		b.im.notes.add(noteDropped, "Azure Firewall %s: its firewall policy %s is not in the input, so it has no rules here (and denies everything)", from.name, idOrName(id))
		return
	}
	b.used[pr.key] = true
	pj, ok := decode[firewallPolicyJSON](b, pr, pr.node)
	if !ok {
		return
	}
	if pj.BasePolicy != nil && pj.BasePolicy.ID != "" && depth < 5 {
		b.policy(from, a, pj.BasePolicy.ID, depth+1)
	}
	if pj.Snat != nil && len(pj.Snat.PrivateRanges) > 0 {
		a.Snat = &model.ApplianceSnat{PrivateRanges: b.knownList(pr, "snat.privateRanges", pj.Snat.PrivateRanges)}
	}
	groups := b.children(pr, typeRuleGroup, nil)
	for _, gr := range groups {
		b.used[gr.key] = true
		gj, ok := decode[ruleCollectionGroupJSON](b, gr, gr.node)
		if !ok {
			continue
		}
		g := &model.RuleCollectionGroup{Name: sanitize(gr.short()), Priority: gj.Priority}
		for _, c := range gj.RuleCollections {
			kind := model.NetworkCollection
			switch {
			case strings.Contains(strings.ToLower(c.RuleCollectionType), "nat"):
				kind = model.DnatCollection
			case len(c.Rules) > 0 && strings.EqualFold(c.Rules[0].RuleType, "ApplicationRule"):
				kind = model.ApplicationCollection
			}
			rc := &model.RuleCollection{Name: sanitize(c.Name), Priority: c.Priority, Kind: kind}
			if kind != model.DnatCollection && c.Action != nil {
				rc.Action = model.Access(c.Action.Type)
			}
			for _, fr := range c.Rules {
				if rule := b.firewallRule(gr, kind, fr); rule != nil {
					rc.Rules = append(rc.Rules, rule)
				}
			}
			g.RuleCollections = append(g.RuleCollections, rc)
		}
		b.from(g, gr)
		a.RuleCollectionGroups = append(a.RuleCollectionGroups, g)
	}
	if len(groups) == 0 {
		b.im.notes.add(noteDropped, "firewall policy %s: none of its rule collection groups is in the input, so Azure Firewall %s has no rules here (and denies everything)", pr.name, from.name)
	}
}

// firewallRule converts a classic or policy rule; a rule that names what
// vnetsim cannot model (a translated FQDN) or that depends on an unknown
// value is dropped, with a note.
func (b *builder) firewallRule(r *resource, kind model.RuleCollectionKind, fr fwRuleJSON) *model.FirewallPolicyRule {
	rule := &model.FirewallPolicyRule{Name: sanitize(fr.Name)}
	drop := func(why string, args ...any) *model.FirewallPolicyRule {
		b.im.notes.add(noteDropped, "%s %s: rule %s is dropped: %s", kindOf(r.typ), r.name, fr.Name, fmt.Sprintf(why, args...))
		return nil
	}
	var ok bool
	if rule.SourceAddresses, ok = b.fwAddresses(r, fr.SourceAddresses, fr.SourceIPGroups); !ok {
		return drop("a source depends on a value known only at deployment")
	}
	protocols := fr.ProtocolNames
	var appProtocols []string
	for _, p := range fr.ClassicProtocols {
		switch p.Kind {
		case jsontree.String:
			protocols = append(protocols, p.Str)
		case jsontree.Object:
			appProtocols = append(appProtocols, appProtocol(p))
		}
	}
	switch kind {
	case model.ApplicationCollection:
		rule.Protocols = appProtocols
		rule.TargetFqdns = fr.TargetFqdns
		rule.FqdnTags = fr.FqdnTags
		return rule
	}
	rule.IPProtocols = ipProtocols(protocols)
	if rule.DestinationAddresses, ok = b.fwAddresses(r, fr.DestinationAddresses, fr.DestinationIPGroups); !ok {
		return drop("a destination depends on a value known only at deployment")
	}
	rule.DestinationPorts = fr.DestinationPorts
	if kind == model.NetworkCollection {
		rule.DestinationFqdns = fr.DestinationFqdns
		return rule
	}
	if fr.TranslatedFqdn != "" && fr.TranslatedAddress == "" {
		return drop("it translates to an FQDN (%s), which vnetsim does not resolve", fr.TranslatedFqdn)
	}
	if rule.TranslatedAddress, ok = b.known(r, "translatedAddress", fr.TranslatedAddress); !ok {
		return drop("its translated address depends on a value known only at deployment")
	}
	rule.TranslatedPort = fr.TranslatedPort
	return rule
}

// appProtocol is {"protocolType": "Https", "port": 443} as "Https:443".
func appProtocol(n *jsontree.Node) string {
	typ := n.Get("protocolType").StrOr("")
	for _, p := range []string{"Http", "Https", "Mssql"} {
		if strings.EqualFold(typ, p) {
			typ = p
		}
	}
	port := n.Get("port")
	if port == nil {
		return typ
	}
	return typ + ":" + port.Str
}

// ipProtocols spells protocols as the model does (TCP, UDP, ICMP, Any).
func ipProtocols(in []string) []string {
	var out []string
	for _, p := range in {
		switch strings.ToUpper(p) {
		case "TCP", "UDP", "ICMP":
			out = append(out, strings.ToUpper(p))
		case "ANY", "*":
			out = append(out, "Any")
		default:
			out = append(out, p)
		}
	}
	return out
}

// fwAddresses are a rule's addresses: its own (ranges "a-b" as prefixes)
// and those of the IP groups it names; false when one is not known.
func (b *builder) fwAddresses(r *resource, addrs, groups []string) ([]string, bool) {
	var out []string
	for _, a := range addrs {
		v, ok := b.known(r, "address", a)
		if !ok {
			return nil, false
		}
		out = append(out, rangeToPrefixes(v)...)
	}
	for _, g := range groups {
		gr := b.lookup(g, typeIPGroup)
		if gr == nil {
			b.im.notes.add(noteDropped, "%s %s: IP group %s is not in the input; its addresses are left out of the rules that name it", kindOf(r.typ), r.name, idOrName(g))
			continue
		}
		b.used[gr.key] = true
		if gj, ok := decode[ipGroupJSON](b, gr, gr.node); ok {
			for _, a := range b.knownList(gr, "ipAddresses", gj.IPAddresses) {
				out = append(out, rangeToPrefixes(a)...)
			}
		}
	}
	return out, true
}

// rangeToPrefixes turns "10.0.0.1-10.0.0.12" into the prefixes that cover
// it exactly; anything else is returned as it is.
func rangeToPrefixes(s string) []string {
	lo, hi, ok := strings.Cut(s, "-")
	if !ok {
		return []string{s}
	}
	a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
	z, err2 := netip.ParseAddr(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil || !a.Is4() || !z.Is4() || z.Less(a) {
		return []string{s}
	}
	var out []string
	for {
		bits := 32
		for bits > 0 {
			p := netip.PrefixFrom(a, bits-1).Masked()
			if p.Addr() != a || lastAddr(p).Compare(z) > 0 {
				break
			}
			bits--
		}
		p := netip.PrefixFrom(a, bits)
		out = append(out, p.String())
		end := lastAddr(p)
		if end == z || !end.Next().IsValid() {
			return slices.Clip(out)
		}
		a = end.Next()
	}
}
