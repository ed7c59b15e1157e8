package sim

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// Lint reports what only the compiled rules can show: NSG rules that no
// packet can reach, with the rules that shadow them (azure-semantics.md §8).
// An NSG is checked in the context of each subnet that uses it, directly
// or through a NIC; a rule is reported once, when it is shadowed in all.
func (n *Network) Lint() model.Diagnostics {
	contexts := map[*model.NetworkSecurityGroup][]*subnet{}
	var order []*model.NetworkSecurityGroup
	use := func(nsg *model.NetworkSecurityGroup, s *subnet) {
		if nsg == nil {
			return
		}
		if _, ok := contexts[nsg]; !ok {
			order = append(order, nsg)
		}
		contexts[nsg] = append(contexts[nsg], s)
	}
	for _, s := range n.subnets {
		use(s.nsg, s)
	}
	for _, c := range n.nics {
		use(c.nsg, c.sub)
	}
	var diags model.Diagnostics
	for _, nsg := range order {
		for _, r := range nsg.SecurityRules {
			if by, shadowed := n.shadowedEverywhere(nsg, r, contexts[nsg]); shadowed {
				d := model.Diagnostic{Pos: r.Pos, Path: r.Path, Code: "shadowed_rule", Severity: model.Warning,
					Message: fmt.Sprintf("rule %q can never match: %s", r.Name, by)}
				diags = append(diags, d)
			}
		}
	}
	return diags
}

func (n *Network) shadowedEverywhere(nsg *model.NetworkSecurityGroup, r *model.SecurityRule, subs []*subnet) (string, bool) {
	why := ""
	for _, s := range subs {
		list, err := n.compileNSG(nsg, r.Direction, s)
		if err != nil {
			return "", false
		}
		rules := list.compiled()
		for _, reg := range rules.regions {
			if reg.name != r.Name || !reg.user {
				continue
			}
			if !reg.set.IsEmpty() {
				return "", false
			}
			if reg.match.IsEmpty() {
				why = "it matches no packet"
				continue
			}
			var by []string
			for _, earlier := range rules.regions {
				if earlier.priority < reg.priority && !earlier.match.Intersect(reg.match).IsEmpty() {
					by = append(by, fmt.Sprintf("%s (%d)", earlier.name, earlier.priority))
				}
			}
			why = "rules of higher priority match all its packets: " + strings.Join(by, ", ")
		}
	}
	return why, why != ""
}
