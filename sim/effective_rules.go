package sim

import (
	"fmt"
	"net/netip"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// NSGRules is one NSG as it applies at one level, in evaluation order.
type NSGRules struct {
	NSG   string
	Level string // "subnet" or "nic"
	Rules []EffectiveRule
}

// EffectiveRule is a rule with, on request, its prefixes expanded.
type EffectiveRule struct {
	Name             string
	Priority         int
	Access           model.Access
	Protocol         model.Protocol
	Sources          []string
	SourcePorts      []string
	Destinations     []string
	DestinationPorts []string
	Default          bool
	// Expanded prefixes of Sources and Destinations (service tags,
	// VirtualNetwork and Internet as seen from the subnet).
	SourcePrefixes, DestinationPrefixes []netip.Prefix
}

// EffectiveRules lists the NSGs that filter an endpoint's NIC (or a
// subnet's hosts) in Azure's evaluation order: inbound subnet then NIC,
// outbound NIC then subnet (azure-semantics.md §1).
func (n *Network) EffectiveRules(endpoint, subnetID string, expand bool) (inbound, outbound []NSGRules, err error) {
	var s *subnet
	var nicNSG *model.NetworkSecurityGroup
	switch {
	case endpoint != "":
		c := n.byNIC[endpoint]
		if c == nil {
			return nil, nil, fmt.Errorf("no compute or scoring endpoint %q", endpoint)
		}
		s, nicNSG = c.sub, c.nsg
	default:
		if s = n.bySubnet[subnetID]; s == nil {
			return nil, nil, fmt.Errorf("no subnet %q", subnetID)
		}
	}
	level := func(nsg *model.NetworkSecurityGroup, name string, dir model.Direction) []NSGRules {
		if nsg == nil {
			return nil
		}
		rules, err2 := n.listRules(nsg, dir, s, expand)
		if err2 != nil {
			err = err2
		}
		return []NSGRules{{NSG: nsg.Name, Level: name, Rules: rules}}
	}
	inbound = append(level(s.nsg, "subnet", model.Inbound), level(nicNSG, "nic", model.Inbound)...)
	outbound = append(level(nicNSG, "nic", model.Outbound), level(s.nsg, "subnet", model.Outbound)...)
	return inbound, outbound, err
}

func (n *Network) listRules(nsg *model.NetworkSecurityGroup, dir model.Direction, s *subnet, expand bool) ([]EffectiveRule, error) {
	compiled, err := n.compileNSG(nsg, dir, s)
	if err != nil {
		return nil, err
	}
	var out []EffectiveRule
	for _, r := range compiled.specs {
		if r.name == platformRule && !r.user {
			continue // implicit: not a rule Azure lists
		}
		er := EffectiveRule{Name: r.name, Priority: r.priority, Access: model.Deny, Protocol: model.AnyProtocol, Default: !r.user,
			Sources: []string{"*"}, SourcePorts: []string{"*"}, Destinations: []string{"*"}, DestinationPorts: []string{"*"}}
		if r.allow {
			er.Access = model.Allow
		}
		if m := n.ruleMatch(nsg, r.name, dir); m != nil {
			er.Protocol, er.Sources, er.SourcePorts, er.Destinations, er.DestinationPorts = m.Protocol, m.Sources(), m.SourcePorts(), m.Destinations(), m.DestinationPorts()
			er.Sources = append(er.Sources, prefixed("asg:", m.SourceApplicationSecurityGroups)...)
			er.Destinations = append(er.Destinations, prefixed("asg:", m.DestinationApplicationSecurityGroups)...)
		}
		if expand {
			er.SourcePrefixes = visiblePrefixes(r.match.SrcAddrs())
			er.DestinationPrefixes = visiblePrefixes(r.match.DstAddrs())
		}
		out = append(out, er)
	}
	return out, nil
}

// visiblePrefixes are a rule's addresses as Azure lists them: without the
// engine's stand-in for the default outbound address.
func visiblePrefixes(s hs.IPSet) []netip.Prefix {
	return s.Subtract(hs.IPSetFromRanges(hs.IPRange{Lo: defaultOutbound, Hi: defaultOutbound})).Prefixes()
}

func prefixed(p string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = p + n
	}
	return out
}

// ruleMatch is the match fields of a user rule, or of the default rule of
// that name.
func (n *Network) ruleMatch(nsg *model.NetworkSecurityGroup, name string, dir model.Direction) *model.RuleMatch {
	for _, r := range nsg.SecurityRules {
		if r.Name == name && r.Direction == dir {
			return &r.RuleMatch
		}
	}
	for _, d := range defaultRules {
		if d.name == name {
			return &model.RuleMatch{Protocol: model.AnyProtocol, SourceAddressPrefix: d.src, DestinationAddressPrefix: d.dst}
		}
	}
	return nil
}
