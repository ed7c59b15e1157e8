package sim

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// ruleRegion is the part of the header space that one rule decides: the
// packets it matches that no earlier rule matched.
type ruleRegion struct {
	set      hs.Set
	match    hs.Set // everything the rule matches, shadowed or not
	ref      string
	name     string
	priority int
	allow    bool
	user     bool   // written by the user (not a default rule or default action)
	app      bool   // an Azure Firewall application rule (its traffic is always translated)
	desc     string // its description, when describeRule's does not fit
}

// compiledRules is an ordered rule list (an NSG direction, or an appliance)
// compiled into disjoint regions that cover the whole header space.
type compiledRules struct {
	regions     []ruleRegion
	allowed     hs.Set
	userAllowed hs.Set // allowed by a rule the user wrote
}

// ruleList is an ordered rule list (an NSG direction, an appliance, a
// firewall policy as one flow name meets it): specs by ascending priority,
// the last matching every packet. A proof decides the packets it carries
// by first match over them alone (split), which costs a few intersections
// of small sets where compiling the whole list into disjoint regions
// (compiled) costs a subtraction chain over the whole header space; the
// views that need every rule's region (graph, rules, lint) compile it, once.
type ruleList struct {
	specs []ruleSpec
	once  sync.Once
	full  *compiledRules
}

func newRuleList(specs []ruleSpec) *ruleList {
	byPriority(specs)
	return &ruleList{specs: specs}
}

// compiled is the whole list compiled into regions, built on first use.
func (rl *ruleList) compiled() *compiledRules {
	rl.once.Do(func() { rl.full = compileFirstMatch(rl.specs) })
	return rl.full
}

// rulePart is the part of a set that one rule (by index) decides.
type rulePart struct {
	set  hs.Set
	rule int
}

// split gives each packet of set to the first rule that matches it;
// match(i) is rule i's match as the set reads it (pulled back through a
// header transform). The parts are in rule order and partition set.
func (rl *ruleList) split(set hs.Set, match func(i int) hs.Set) []rulePart {
	var out []rulePart
	for i := range rl.specs {
		if set.IsEmpty() {
			break
		}
		part := set.Intersect(match(i))
		if part.IsEmpty() {
			continue
		}
		set = set.Subtract(part)
		out = append(out, rulePart{part, i})
	}
	if !set.IsEmpty() {
		panic("sim: rule list does not cover the header space")
	}
	return out
}

// region describes rule i deciding set, for explanations and fixes.
func (rl *ruleList) region(i int, set hs.Set) ruleRegion {
	s := rl.specs[i]
	return ruleRegion{set: set, match: s.match, ref: s.ref, name: s.name, priority: s.priority, allow: s.allow, user: s.user, app: s.app, desc: s.desc}
}

// ruleSpec is one rule before compilation.
type ruleSpec struct {
	name     string
	ref      string
	priority int
	allow    bool
	user     bool
	app      bool
	desc     string
	match    hs.Set
}

// compileFirstMatch gives each packet to the first rule (by ascending
// priority) that matches it. The last spec must match everything.
func compileFirstMatch(specs []ruleSpec) *compiledRules {
	byPriority(specs)
	out := &compiledRules{}
	remaining := universeAll
	for _, r := range specs {
		region := remaining.Intersect(r.match)
		remaining = remaining.Subtract(r.match)
		out.regions = append(out.regions, ruleRegion{set: region, match: r.match, ref: r.ref, name: r.name,
			priority: r.priority, allow: r.allow, user: r.user, app: r.app, desc: r.desc})
		if r.allow {
			out.allowed = out.allowed.Union(region)
			if r.user {
				out.userAllowed = out.userAllowed.Union(region)
			}
		}
	}
	if !remaining.IsEmpty() {
		panic("sim: rule list does not cover the header space")
	}
	return out
}

// byPriority orders specs by ascending priority, keeping the order of
// equal ones.
func byPriority(specs []ruleSpec) {
	slices.SortStableFunc(specs, func(a, b ruleSpec) int { return cmp.Compare(a.priority, b.priority) })
}

// matchSet is the header set a rule's match fields describe; prefixes are
// resolved in the context of subnet s.
func (n *Network) matchSet(m *model.RuleMatch, s *subnet) (hs.Set, error) {
	src, err := n.sideSet(m.Sources(), m.SourceApplicationSecurityGroups, s)
	if err != nil {
		return hs.Set{}, err
	}
	dst, err := n.sideSet(m.Destinations(), m.DestinationApplicationSecurityGroups, s)
	if err != nil {
		return hs.Set{}, err
	}
	sports, err := portSet(m.SourcePorts())
	if err != nil {
		return hs.Set{}, err
	}
	dports, err := portSet(m.DestinationPorts())
	if err != nil {
		return hs.Set{}, err
	}
	return protoProduct(m.Protocol, src, dst, sports, dports), nil
}

// protoProduct builds the header set of a protocol with port constraints:
// ports constrain Tcp and Udp only (azure-semantics.md §1).
func protoProduct(p model.Protocol, src, dst hs.IPSet, sports, dports hs.PortSet) hs.Set {
	ported, portless := protoSplit(p)
	set := hs.FromProduct(hs.Product{Src: src, Dst: dst, Proto: ported, SrcPorts: sports, DstPorts: dports})
	return set.Union(hs.FromProduct(hs.Product{Src: src, Dst: dst, Proto: portless, SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()}))
}

// protoSplit separates a protocol field into the protocols that have ports
// and those that do not.
func protoSplit(p model.Protocol) (ported, portless hs.ProtoSet) {
	switch p {
	case model.Tcp:
		return hs.ProtoSetOf(hs.Tcp), 0
	case model.Udp:
		return hs.ProtoSetOf(hs.Udp), 0
	case model.Icmp:
		return 0, hs.ProtoSetOf(hs.Icmp)
	case model.Esp:
		return 0, hs.ProtoSetOf(hs.Esp)
	case model.Ah:
		return 0, hs.ProtoSetOf(hs.Ah)
	}
	return hs.ProtoSetOf(hs.Tcp, hs.Udp), hs.ProtoSetOf(hs.Icmp, hs.Esp, hs.Ah)
}

func (n *Network) sideSet(prefixes, asgs []string, s *subnet) (hs.IPSet, error) {
	var set hs.IPSet
	for _, p := range prefixes {
		ps, err := n.rulePrefix(p, s)
		if err != nil {
			return hs.IPSet{}, err
		}
		set = set.Union(ps)
	}
	for _, g := range asgs {
		set = set.Union(n.asgs[g])
	}
	return set, nil
}

func portSet(ranges []string) (hs.PortSet, error) {
	var rs []hs.PortRange
	for _, r := range ranges {
		pr, err := model.ParsePortRange(r)
		if err != nil {
			return hs.PortSet{}, err
		}
		rs = append(rs, hs.PortRange{Lo: pr.Lo, Hi: pr.Hi})
	}
	return hs.PortSetOf(rs...), nil
}

// defaultRule is one of the six rules every NSG has (azure-semantics.md §1).
type defaultRule struct {
	name     string
	dir      model.Direction
	priority int
	src, dst string
	allow    bool
}

var defaultRules = []defaultRule{
	{"AllowVnetInBound", model.Inbound, 65000, tagVirtualNetwork, tagVirtualNetwork, true},
	{"AllowAzureLoadBalancerInBound", model.Inbound, 65001, tagAzureLoadBalancer, "*", true},
	{"DenyAllInBound", model.Inbound, 65500, "*", "*", false},
	{"AllowVnetOutBound", model.Outbound, 65000, tagVirtualNetwork, tagVirtualNetwork, true},
	{"AllowInternetOutBound", model.Outbound, 65001, "*", tagInternet, true},
	{"DenyAllOutBound", model.Outbound, 65500, "*", "*", false},
}

func nsgRef(nsg, rule string) string { return "nsg:" + nsg + ":" + rule }

// compileNSG compiles one direction of an NSG as applied in subnet s.
//
// Outbound traffic to the host's own services (168.63.129.16,
// 169.254.169.254) is seen only by rules that name them by their platform
// tag (AzurePlatformDNS, AzurePlatformIMDS) on the destination side; what
// no such rule decides passes. Inbound traffic from 168.63.129.16 (health
// probes) is ordinary (docs/semantics.md, "The host's own services").
func (n *Network) compileNSG(nsg *model.NetworkSecurityGroup, dir model.Direction, s *subnet) (*ruleList, error) {
	specs, err := n.nsgSpecs(nsg, dir, s)
	if err != nil {
		return nil, err
	}
	return newRuleList(specs), nil
}

// nsgSpecs are the rules of one direction of an NSG as applied in subnet s,
// its default rules and the platform's pass included, before compilation.
func (n *Network) nsgSpecs(nsg *model.NetworkSecurityGroup, dir model.Direction, s *subnet) ([]ruleSpec, error) {
	var specs []ruleSpec
	for _, r := range nsg.SecurityRules {
		if r.Direction != dir {
			continue
		}
		m, err := n.matchSet(&r.RuleMatch, s)
		if err != nil {
			return nil, fmt.Errorf("%s: rule %s: %w", nsg.Name, r.Name, err)
		}
		specs = append(specs, ruleSpec{name: r.Name, ref: nsgRef(nsg.Name, r.Name), priority: r.Priority,
			allow: r.Access == model.Allow, user: true, match: platformView(m, &r.RuleMatch, dir)})
	}
	for _, d := range defaultRules {
		if d.dir != dir {
			continue
		}
		rm := &model.RuleMatch{Protocol: model.AnyProtocol, SourceAddressPrefix: d.src, DestinationAddressPrefix: d.dst}
		m, err := n.matchSet(rm, s)
		if err != nil {
			panic("sim: default rule: " + err.Error())
		}
		specs = append(specs, ruleSpec{name: d.name, ref: nsgRef(nsg.Name, d.name), priority: d.priority, allow: d.allow, match: platformView(m, rm, dir)})
	}
	if dir == model.Outbound {
		specs = append(specs, ruleSpec{name: platformRule, ref: nsgRef(nsg.Name, platformRule), priority: 1 << 30, allow: true, match: dstOnly(platformAddrs)})
	}
	return specs, nil
}

// platformRule names, in traces, the pass the host's own services get.
const platformRule = "platform"

// platformServices are the host's services an outbound rule sees only
// when it names them by their platform tag.
var platformServices = []struct {
	tag   string
	addrs hs.Set
}{
	{"AzurePlatformDNS", dstOnly(mustSet("168.63.129.16/32"))},
	{"AzurePlatformIMDS", dstOnly(mustSet("169.254.169.254/32"))},
}

// platformView is what a rule's match sees: outbound, the traffic to each
// host service whose platform tag it does not name is out of its sight.
func platformView(m hs.Set, r *model.RuleMatch, dir model.Direction) hs.Set {
	if dir != model.Outbound {
		return m
	}
	for _, ps := range platformServices {
		if !slices.ContainsFunc(r.Destinations(), func(p string) bool { return strings.EqualFold(p, ps.tag) }) {
			m = m.Subtract(ps.addrs)
		}
	}
	return m
}

// compileAppliance lists an appliance's rules and default action.
func (n *Network) compileAppliance(a *appliance) (*ruleList, error) {
	var specs []ruleSpec
	for _, r := range a.m.Rules {
		m, err := n.matchSet(&r.RuleMatch, a.sub)
		if err != nil {
			return nil, fmt.Errorf("appliance %s: rule %s: %w", a.m.Name, r.Name, err)
		}
		specs = append(specs, ruleSpec{name: r.Name, ref: "appliance:" + a.m.Name + ":" + r.Name, priority: r.Priority,
			allow: r.Access == model.Allow, user: true, match: m})
	}
	specs = append(specs, ruleSpec{name: "default", ref: "appliance:" + a.m.Name + ":default", priority: 1 << 30,
		allow: a.m.DefaultAction != model.Deny, match: universeAll})
	return newRuleList(specs), nil
}
