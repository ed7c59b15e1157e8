package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// firewallSubnetBits: Azure Firewall needs a subnet named
// AzureFirewallSubnet of at least /26 (azure-semantics.md §11).
const firewallSubnetBits = 26

var (
	firewallPriorities = priorityRange{100, 65000}
	ipProtocolValues   = []string{"TCP", "UDP", "ICMP", "Any"}
	appProtocolValues  = []string{"Http", "Https", "Mssql"}
	// applianceOnlyFields and firewallOnlyFields are the appliance keys
	// that belong to one kind.
	nvaOnlyFields      = []string{"enableIpForwarding", "defaultAction", "rules"}
	firewallOnlyFields = []string{"publicIpAddresses", "forcedTunneling", "ruleCollectionGroups"}
)

// checkAppliance checks one appliance of either kind.
func (c *checker) checkAppliance(a *Appliance) {
	m := &a.Meta
	sub := c.subnetRef(m, "subnet", a.Subnet)
	if c.required(m, "privateIpAddress", a.PrivateIPAddress) {
		c.nicAddress(m, "privateIpAddress", a.PrivateIPAddress, sub, fmt.Sprintf("appliance %q", a.Name))
	}
	wrong := firewallOnlyFields
	if a.IsAzureFirewall() {
		wrong = nvaOnlyFields
	}
	for _, k := range wrong {
		if m.Has(k) {
			c.errorf(m, k, "field_not_for_kind", "%s does not apply to %s appliances", k, cmpKind(a.Kind))
		}
	}
	if !a.IsAzureFirewall() {
		if s := a.Snat; s != nil {
			if s.PublicIPAddress == "" {
				c.errorf(&s.Meta, "publicIpAddress", "appliance_snat", "snat needs a publicIpAddress, the address internet-bound traffic leaves with")
			}
			if s.Has("privateRanges") {
				c.errorf(&s.Meta, "privateRanges", "field_not_for_kind", "privateRanges applies to AzureFirewall appliances")
			}
			c.publicAddr(&s.Meta, "publicIpAddress", s.PublicIPAddress, "appliance_snat")
		}
		c.checkApplianceRules(a)
		return
	}
	c.checkAzureFirewall(a, sub)
}

func cmpKind(k ApplianceKind) ApplianceKind {
	if k == "" {
		return NetworkVirtualAppliance
	}
	return k
}

// checkAzureFirewall checks an Azure Firewall: its subnet, addresses, SNAT
// ranges and rule collection groups.
func (c *checker) checkAzureFirewall(a *Appliance, sub *Subnet) {
	m := &a.Meta
	if sub != nil {
		if sub.Name != "AzureFirewallSubnet" {
			c.report(Error, m, "subnet", []Pos{sub.Pos}, "firewall_subnet", "an Azure Firewall must be in a subnet named AzureFirewallSubnet, not %q", sub.Name)
		} else if p, ok := c.subnetPrefix[sub]; ok && p.Bits() > firewallSubnetBits {
			c.report(Error, m, "subnet", []Pos{sub.At("addressPrefix")}, "firewall_subnet", "AzureFirewallSubnet %s is smaller than /%d, the least Azure Firewall needs", p, firewallSubnetBits)
		}
	}
	if len(a.PublicIPAddresses) == 0 && !a.ForcedTunneling {
		c.errorf(m, "publicIpAddresses", "missing_field", "an Azure Firewall needs publicIpAddresses (internet-bound traffic leaves with them), unless forcedTunneling is true")
	}
	for _, p := range listValues("publicIpAddresses", a.PublicIPAddresses) {
		c.publicAddr(m, p.key, p.value, "not_public")
	}
	if s := a.Snat; s != nil {
		if s.Has("publicIpAddress") {
			c.errorf(&s.Meta, "publicIpAddress", "field_not_for_kind", "an Azure Firewall translates to its publicIpAddresses; snat takes only privateRanges")
		}
		for _, r := range listValues("privateRanges", s.PrivateRanges) {
			if !strings.EqualFold(r.value, "IANAPrivateRanges") {
				c.prefix(&s.Meta, r.key, r.value)
			}
		}
	}
	checkNames(c, fmt.Sprintf("rule collection group of %q", a.Name), a.RuleCollectionGroups, func(g *RuleCollectionGroup) string { return g.Name }, true)
	groups := priorities{}
	for _, g := range a.RuleCollectionGroups {
		if c.priority(&g.Meta, g.Priority, firewallPriorities) {
			groups.check(c, &g.Meta, g.Name, "", g.Priority)
		}
		checkNames(c, fmt.Sprintf("rule collection of %q", g.Name), g.RuleCollections, func(rc *RuleCollection) string { return rc.Name }, true)
		colls := priorities{}
		for _, rc := range g.RuleCollections {
			if c.priority(&rc.Meta, rc.Priority, firewallPriorities) {
				colls.check(c, &rc.Meta, rc.Name, "", rc.Priority)
			}
			c.checkRuleCollection(a, rc)
		}
	}
}

func (c *checker) checkRuleCollection(a *Appliance, rc *RuleCollection) {
	m := &rc.Meta
	if !c.required(m, "kind", string(rc.Kind)) {
		return
	}
	switch {
	case rc.Kind == DnatCollection && rc.Action != "":
		c.errorf(m, "action", "field_not_for_kind", "a Dnat collection always translates; action applies to Network and Application collections")
	case rc.Kind != DnatCollection:
		c.required(m, "action", string(rc.Action))
	}
	checkNames(c, fmt.Sprintf("rule of collection %q", rc.Name), rc.Rules, func(r *FirewallPolicyRule) string { return r.Name }, true)
	where := func(r *FirewallPolicyRule) string { return fmt.Sprintf("firewall rule %q of %q", r.Name, a.Name) }
	for _, r := range rc.Rules {
		rm := &r.Meta
		for _, f := range ruleFieldsNotFor(rc.Kind) {
			if rm.Has(f) {
				c.errorf(rm, f, "field_not_for_kind", "%s does not apply to %s rules", f, rc.Kind)
			}
		}
		for _, s := range listValues("sourceAddresses", r.SourceAddresses) {
			c.expr(rm, s.key, s.value, useRule, where(r))
		}
		switch rc.Kind {
		case ApplicationCollection:
			c.checkAppRule(rm, r)
		default:
			c.checkNetRule(rm, rc.Kind, r, where(r), a)
		}
	}
}

// ruleFieldsNotFor lists the rule keys that a collection kind's rules may
// not use.
func ruleFieldsNotFor(k RuleCollectionKind) []string {
	switch k {
	case ApplicationCollection:
		return []string{"ipProtocols", "destinationAddresses", "destinationPorts", "destinationFqdns", "translatedAddress", "translatedPort"}
	case NetworkCollection:
		return []string{"translatedAddress", "translatedPort", "protocols", "targetFqdns", "fqdnTags"}
	}
	return []string{"destinationFqdns", "protocols", "targetFqdns", "fqdnTags"}
}

func (c *checker) checkAppRule(m *Meta, r *FirewallPolicyRule) {
	if requiredList(c, m, "protocols", r.Protocols) {
		for _, p := range listValues("protocols", r.Protocols) {
			if _, _, err := ParseAppProtocol(p.value); err != nil {
				c.errorf(m, p.key, "bad_app_protocol", "%v", err)
			}
		}
	}
	if len(r.TargetFqdns) == 0 && len(r.FqdnTags) == 0 {
		c.errorf(m, "targetFqdns", "missing_field", "an application rule needs targetFqdns or fqdnTags")
	}
	for _, t := range listValues("fqdnTags", r.FqdnTags) {
		if !containsFold(FqdnTagNames, t.value) {
			c.errorf(m, t.key, "bad_fqdn_tag", "%q is not an Azure Firewall FQDN tag%s", t.value, c.didYouMean(t.value, FqdnTagNames))
		} else if _, known := FqdnTagPatterns(t.value); !known {
			c.warnf(m, t.key, "fqdn_tag_unknown_names", "vnetsim does not know the names behind FQDN tag %q: it matches no flow vnetsim proves; list the names in targetFqdns", t.value)
		}
	}
}

func (c *checker) checkNetRule(m *Meta, kind RuleCollectionKind, r *FirewallPolicyRule, where string, a *Appliance) {
	if requiredList(c, m, "ipProtocols", r.IPProtocols) {
		for _, p := range listValues("ipProtocols", r.IPProtocols) {
			if !containsFold(ipProtocolValues, p.value) {
				c.errorf(m, p.key, "bad_enum", "%q is not one of %s", p.value, strings.Join(ipProtocolValues, ", "))
			}
		}
	}
	requiredList(c, m, "destinationPorts", r.DestinationPorts)
	c.ports(m, listValues("destinationPorts", r.DestinationPorts))
	if kind == NetworkCollection {
		if len(r.DestinationAddresses) == 0 && len(r.DestinationFqdns) == 0 {
			c.errorf(m, "destinationAddresses", "missing_field", "a network rule needs destinationAddresses or destinationFqdns")
		}
		for _, d := range listValues("destinationAddresses", r.DestinationAddresses) {
			c.expr(m, d.key, d.value, useRule, where)
		}
		return
	}
	// Dnat: the firewall's own public address and port, to an address and port.
	if requiredList(c, m, "destinationAddresses", r.DestinationAddresses) {
		for _, d := range listValues("destinationAddresses", r.DestinationAddresses) {
			if !slices.Contains(a.PublicIPAddresses, d.value) && d.value != a.PrivateIPAddress {
				c.errorf(m, d.key, "dnat_destination", "a DNAT rule's destination must be one of the firewall's addresses (%s), not %q", strings.Join(append(slices.Clip(a.PublicIPAddresses), a.PrivateIPAddress), ", "), d.value)
			}
		}
	}
	if c.required(m, "translatedAddress", r.TranslatedAddress) {
		c.addr(m, "translatedAddress", r.TranslatedAddress)
	}
	if c.required(m, "translatedPort", r.TranslatedPort) {
		if p, err := strconv.Atoi(r.TranslatedPort); err != nil || p < 1 || p > 65535 {
			c.errorf(m, "translatedPort", "bad_port", "translatedPort %q is not a port number 1..65535", r.TranslatedPort)
		}
	}
	for _, p := range listValues("destinationPorts", r.DestinationPorts) {
		if pr, err := ParsePortRange(p.value); err == nil && pr.Lo != pr.Hi {
			c.errorf(m, p.key, "bad_port", "a DNAT rule translates one port, not the range %q", p.value)
		}
	}
}

// ParseAppProtocol parses an application rule protocol, "Https:443".
func ParseAppProtocol(s string) (string, uint16, error) {
	name, port, ok := strings.Cut(s, ":")
	i := slices.IndexFunc(appProtocolValues, func(v string) bool { return strings.EqualFold(v, name) })
	if !ok || i < 0 {
		return "", 0, fmt.Errorf("%q is not an application protocol and port such as Https:443 (protocols: %s)", s, strings.Join(appProtocolValues, ", "))
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", 0, fmt.Errorf("%q: the port must be 1..65535", s)
	}
	return appProtocolValues[i], uint16(n), nil
}
