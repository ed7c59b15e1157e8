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
// reach, in any of the contexts subs, to why. It runs the first-match
// order of compileFirstMatch without building the regions: a rule decides
// some packets exactly when taking its packets away changes what remains.
// The rules of a direction that does not compile are not judged.
func (n *Network) shadowedRules(nsg *model.NetworkSecurityGroup, subs []*subnet) map[string]string {
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
			remaining := universeAll
			for i, r := range specs {
				next := remaining.Subtract(r.match)
				switch {
				case !r.user || live[r.name]:
				case !next.Equal(remaining):
					live[r.name] = true
				case r.match.IsEmpty():
					why[r.name] = "it matches no packet"
				default:
					why[r.name] = "rules of higher priority match all its packets: " + shadowers(specs[:i+1], boxes)
				}
				remaining = next
			}
		}
	}
	for name := range live {
		delete(why, name)
	}
	return why
}

// shadowers names the rules before the last of specs whose packets overlap
// its packets, the first maxShadowers of them. boxes caches the boxes of
// specs.
func shadowers(specs []ruleSpec, boxes []*box) string {
	last := len(specs) - 1
	reg, regBox := specs[last], boxAt(specs, boxes, last)
	var by []string
	for i, e := range specs[:last] {
		if e.priority >= reg.priority || !boxAt(specs, boxes, i).overlaps(regBox) || !e.match.Overlaps(reg.match) {
			continue
		}
		if len(by) == maxShadowers {
			by = append(by, "and more")
			break
		}
		by = append(by, fmt.Sprintf("%s (%d)", e.name, e.priority))
	}
	return strings.Join(by, ", ")
}

// box is a set of packets projected on each header field. Packets of two
// sets can only be the same when their boxes overlap on every field, which
// rules most pairs of rules out at a fraction of the cost of intersecting
// them.
type box struct {
	src, dst       hs.IPSet
	protos         hs.ProtoSet
	sports, dports hs.PortSet
}

func boxAt(specs []ruleSpec, boxes []*box, i int) *box {
	if boxes[i] == nil {
		m := specs[i].match
		boxes[i] = &box{m.SrcAddrs(), m.DstAddrs(), m.Protos(), m.SrcPortSet(), m.DstPortSet()}
	}
	return boxes[i]
}

func (a *box) overlaps(b *box) bool {
	return a.protos&b.protos != 0 && a.src.Overlaps(b.src) && a.dst.Overlaps(b.dst) &&
		a.sports.Overlaps(b.sports) && a.dports.Overlaps(b.dports)
}
