package model

import (
	"fmt"
	"strings"
)

// priorityRange is the priorities a kind of rule may take.
type priorityRange struct{ lo, hi int }

var (
	// NSG user rules (azure-semantics.md §1); the default rules sit above.
	nsgPriorities = priorityRange{100, 4096}
	// maxNSGRules is Azure's limit on the rules of one NSG ("Networking
	// limits - Azure Resource Manager": NSG rules per NSG, 1,000).
	maxNSGRules = 1000
	// Appliance rules follow Azure Firewall's rule collection priorities,
	// the widest an appliance is likely to mirror.
	appliancePriorities = priorityRange{100, 65000}
)

// checkNSGs checks NSGs and their security rules.
func (c *checker) checkNSGs() {
	checkNames(c, "network security group", c.t.NetworkSecurityGroups, func(n *NetworkSecurityGroup) string { return n.Name }, true)
	for _, n := range c.t.NetworkSecurityGroups {
		if len(n.SecurityRules) > maxNSGRules {
			c.errorf(&n.SecurityRules[maxNSGRules].Meta, "", "nsg_rule_limit", "network security group %q has %d rules, and Azure allows at most %d",
				n.Name, len(n.SecurityRules), maxNSGRules)
		}
		checkNames(c, fmt.Sprintf("rule of network security group %q", n.Name), n.SecurityRules, func(r *SecurityRule) string { return r.Name }, true)
		prios := priorities{}
		for _, r := range n.SecurityRules {
			m := &r.Meta
			c.required(m, "access", string(r.Access))
			c.checkRuleMatch(m, &r.RuleMatch, fmt.Sprintf("security rule %q of %q", r.Name, n.Name))
			hasDir := c.required(m, "direction", string(r.Direction))
			if c.priority(m, r.Priority, nsgPriorities) && hasDir {
				prios.check(c, m, r.Name, r.Direction, r.Priority)
			}
		}
	}
}

// checkApplianceRules checks the rules of one appliance, which are ordered
// like an NSG's in a single direction.
func (c *checker) checkApplianceRules(a *Appliance) {
	checkNames(c, fmt.Sprintf("rule of appliance %q", a.Name), a.Rules, func(r *ApplianceRule) string { return r.Name }, true)
	prios := priorities{}
	for _, r := range a.Rules {
		m := &r.Meta
		c.required(m, "access", string(r.Access))
		c.checkRuleMatch(m, &r.RuleMatch, fmt.Sprintf("appliance rule %q of %q", r.Name, a.Name))
		if c.priority(m, r.Priority, appliancePriorities) {
			prios.check(c, m, r.Name, "", r.Priority)
		}
	}
}

// priority checks that a rule has a priority in range.
func (c *checker) priority(m *Meta, p int, r priorityRange) bool {
	if !m.Has("priority") {
		c.errorf(m, "priority", "missing_field", "priority is required")
		return false
	}
	if p < r.lo || p > r.hi {
		c.errorf(m, "priority", "priority_range", "priority %d is outside %d..%d", p, r.lo, r.hi)
		return false
	}
	return true
}

// priorities remembers the first rule of each priority in one ordering
// (an NSG direction, an appliance), since rules are evaluated by priority
// and Azure refuses two at the same one.
type priorities map[priorityKey]firstRule

type priorityKey struct {
	direction Direction // empty for appliance rules
	priority  int
}

type firstRule struct {
	m    *Meta
	name string
}

// check records a rule's priority in its direction.
func (ps priorities) check(c *checker, m *Meta, name string, dir Direction, p int) {
	k := priorityKey{dir, p}
	first, dup := ps[k]
	if !dup {
		ps[k] = firstRule{m, name}
		return
	}
	what := "rule"
	if dir != "" {
		what = strings.ToLower(string(dir)) + " rule"
	}
	c.report(Error, m, "priority", []Pos{first.m.At("priority")}, "duplicate_priority",
		"priority %d is already used by %s %q", p, what, first.name)
}

// singularPlural are the rule fields that Azure gives in a singular and a
// plural form, of which a rule may use one.
var singularPlural = [][2]string{
	{"sourceAddressPrefix", "sourceAddressPrefixes"},
	{"sourcePortRange", "sourcePortRanges"},
	{"destinationAddressPrefix", "destinationAddressPrefixes"},
	{"destinationPortRange", "destinationPortRanges"},
}

// checkRuleMatch checks what an NSG or appliance rule matches on; where
// names the rule in messages.
func (c *checker) checkRuleMatch(m *Meta, r *RuleMatch, where string) {
	c.required(m, "protocol", string(r.Protocol))
	for _, sp := range singularPlural {
		if m.Has(sp[0]) && m.Has(sp[1]) {
			c.report(Error, m, sp[1], []Pos{m.At(sp[0])}, "singular_and_plural",
				"%s and %s are both given; use one of them", sp[0], sp[1])
		}
	}
	for _, v := range pairValues("sourceAddressPrefix", r.SourceAddressPrefix, "sourceAddressPrefixes", r.SourceAddressPrefixes) {
		c.expr(m, v.key, v.value, useRule, where)
	}
	for _, v := range pairValues("destinationAddressPrefix", r.DestinationAddressPrefix, "destinationAddressPrefixes", r.DestinationAddressPrefixes) {
		c.expr(m, v.key, v.value, useRule, where)
	}
	c.ports(m, pairValues("sourcePortRange", r.SourcePortRange, "sourcePortRanges", r.SourcePortRanges))
	c.ports(m, pairValues("destinationPortRange", r.DestinationPortRange, "destinationPortRanges", r.DestinationPortRanges))
	c.asgRefs(m, listValues("sourceApplicationSecurityGroups", r.SourceApplicationSecurityGroups))
	c.asgRefs(m, listValues("destinationApplicationSecurityGroups", r.DestinationApplicationSecurityGroups))
}

// asgRefs checks application security group names: an ASG exists when
// some endpoint's applicationSecurityGroups lists it.
func (c *checker) asgRefs(m *Meta, names []keyed) {
	for _, g := range names {
		if c.asgs.get(g.value) == nil {
			c.errorf(m, g.key, "unknown_reference", "application security group %q is in no endpoint's applicationSecurityGroups%s",
				g.value, c.didYouMean(g.value, c.asgs.names))
		}
	}
}
