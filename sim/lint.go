package sim

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// maxShadowers bounds how many shadowing rules a warning names.
const maxShadowers = 5

// Lint reports what only the compiled rules can show: NSG rules that no
// packet can reach, with the rules that shadow them (azure-semantics.md §8).
// An NSG is checked in the context of each subnet that uses it, directly
// or through a NIC; a rule is reported once, when it is shadowed in all.
//
// Each direction of an NSG is compiled once per distinct context: a
// compilation depends on the subnet only through its VirtualNetwork tag
// (Internet is what that tag leaves of the public space), so subnets whose
// tags are equal share one.
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
	// Compilation caches what it resolves (VirtualNetwork tags, service
	// tags); resolving it all first leaves the NSGs nothing shared to
	// write, so that they can be linted side by side.
	subs := make([][]*subnet, len(order))
	for i, nsg := range order {
		subs[i] = n.distinctContexts(contexts[nsg])
		n.resolveRulePrefixes(nsg, subs[i][0])
	}
	shadowed := make([]map[string]string, len(order))
	parallel(len(order), func(i int) { shadowed[i] = n.shadowedRules(order[i], subs[i]) })
	var diags model.Diagnostics
	for i, nsg := range order {
		for _, r := range nsg.SecurityRules {
			if why := shadowed[i][r.Name]; why != "" {
				diags = append(diags, model.Diagnostic{Pos: r.Pos, Path: r.Path, Code: "shadowed_rule", Severity: model.Warning,
					Message: fmt.Sprintf("rule %q can never match: %s", r.Name, why)})
			}
		}
	}
	return diags
}

// parallel calls f(0) ... f(n-1), on as many goroutines as Go may run at
// once.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// resolveRulePrefixes resolves every address prefix the rules of nsg name,
// in the context of s, for what it caches.
func (n *Network) resolveRulePrefixes(nsg *model.NetworkSecurityGroup, s *subnet) {
	for _, r := range nsg.SecurityRules {
		for _, p := range slices.Concat(r.Sources(), r.Destinations()) {
			_, _ = n.rulePrefix(p, s) // an error is met again when compiling
		}
	}
}

// distinctContexts keeps one subnet of each VirtualNetwork tag.
func (n *Network) distinctContexts(subs []*subnet) []*subnet {
	var out []*subnet
	for _, s := range subs {
		tag := n.vnetTag(s)
		if !slices.ContainsFunc(out, func(o *subnet) bool { return n.vnetTag(o).Equal(tag) }) {
			out = append(out, s)
		}
	}
	return out
}

// shadowedRules maps the name of each user rule of nsg that no packet can
// reach, in any of the contexts subs, to why. A rule decides no packet
// exactly when the rules before it cover its packets (compileFirstMatch's
// region is empty). That is decided on the rule's own packets, taking away
// only what earlier rules that can overlap it match: cheaper than keeping
// what all rules before it leave, which fragments as the rules go by. The
// rules of a direction that does not compile are not judged.
func (n *Network) shadowedRules(nsg *model.NetworkSecurityGroup, subs []*subnet) map[string]string {
	rules := map[string]*model.SecurityRule{}
	for _, r := range nsg.SecurityRules {
		rules[r.Name] = r
	}
	why := map[string]string{}
	live := map[string]bool{}
	for _, dir := range []model.Direction{model.Inbound, model.Outbound} {
		for _, s := range subs {
			specs, err := n.nsgSpecs(nsg, dir, s)
			if err != nil {
				for _, r := range nsg.SecurityRules {
					live[r.Name] = live[r.Name] || r.Direction == dir
				}
				break
			}
			byPriority(specs)
			boxes := make([]*box, len(specs))
			for i, r := range specs {
				if r.user {
					boxes[i] = n.ruleBox(&rules[r.name].RuleMatch, s)
				}
			}
			for i, r := range specs {
				switch {
				case !r.user || live[r.name]:
				case r.match.IsEmpty():
					why[r.name] = "it matches no packet"
				default:
					if by := coveredBy(specs[:i], boxes[:i], r, boxes[i]); by != nil {
						why[r.name] = "rules of higher priority match all its packets: " + names(by)
					} else {
						live[r.name] = true
					}
				}
			}
		}
	}
	for name := range live {
		delete(why, name)
	}
	return why
}

// coveredBy returns the earlier rules that take packets from r's match
// until nothing is left, in priority order, or nil when something is.
func coveredBy(earlier []ruleSpec, boxes []*box, r ruleSpec, rb *box) []ruleSpec {
	region := r.match
	var by []ruleSpec
	for j, e := range earlier {
		if e.priority >= r.priority || (boxes[j] != nil && !boxes[j].overlaps(rb)) {
			continue
		}
		if next := region.Subtract(e.match); !next.Equal(region) {
			by, region = append(by, e), next
			if region.IsEmpty() {
				return by
			}
		}
	}
	return nil
}

// names lists rules with their priorities, the first maxShadowers of them.
func names(rules []ruleSpec) string {
	var out []string
	for i, r := range rules {
		if i == maxShadowers {
			out = append(out, fmt.Sprintf("and %d more", len(rules)-i))
			break
		}
		out = append(out, fmt.Sprintf("%s (%d)", r.name, r.priority))
	}
	return strings.Join(out, ", ")
}

// box is what a rule matches on each header field, in the context of a
// subnet: a superset of each projection of the rule's packets. Packets of
// two rules can only be the same when their boxes overlap on every field,
// which rules most pairs out for a fraction of the cost of a set
// operation.
type box struct {
	src, dst       hs.IPSet
	protos         hs.ProtoSet
	sports, dports hs.PortSet
}

// ruleBox is the box of a rule's match fields in subnet s; parts that do
// not resolve are left whole.
func (n *Network) ruleBox(m *model.RuleMatch, s *subnet) *box {
	src, err1 := n.sideSet(m.Sources(), m.SourceApplicationSecurityGroups, s)
	dst, err2 := n.sideSet(m.Destinations(), m.DestinationApplicationSecurityGroups, s)
	sports, err3 := portSet(m.SourcePorts())
	dports, err4 := portSet(m.DestinationPorts())
	ported, portless := protoSplit(m.Protocol)
	if err1 != nil || err2 != nil {
		src, dst = allAddrs, allAddrs
	}
	if err3 != nil || err4 != nil || portless != 0 {
		// Protocols without ports match on every port.
		sports, dports = hs.AllPorts(), hs.AllPorts()
	}
	return &box{src, dst, ported | portless, sports, dports}
}

func (a *box) overlaps(b *box) bool {
	return a.protos&b.protos != 0 && a.src.Overlaps(b.src) && a.dst.Overlaps(b.dst) &&
		a.sports.Overlaps(b.sports) && a.dports.Overlaps(b.dports)
}
