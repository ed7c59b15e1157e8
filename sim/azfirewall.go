package sim

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Azure Firewall (azure-semantics.md §11, docs/semantics.md §13): an
// appliance kind with DNAT, network and application rules in rule
// collection groups, a default deny, and its own translation rules.

// ianaPrivate is Azure Firewall's default private ranges: destinations it
// does not translate network-rule traffic for.
var ianaPrivate = mustSet("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")

type azFirewall struct {
	a       *appliance
	own     hs.IPSet  // its addresses, public and private
	publics []hs.Addr // the addresses internet-bound traffic leaves with
	private hs.IPSet  // destinations it does not translate network-rule traffic for
	dnat    []fwDnat

	mu     sync.Mutex
	byName map[string]*fwRules // the network and application rules as a flow name sees them
}

// fwDnat is one DNAT rule: what it takes at the firewall's address, and
// where it sends it.
type fwDnat struct {
	ref   string
	match hs.Set
	to    netip.Addr
	port  uint16
}

// fwRules are the network and application rules as one flow name meets
// them (application rules' traffic is always translated: ruleSpec.app).
type fwRules struct {
	rules *ruleList
}

// fwRef is the ref of a firewall rule.
func fwRef(a *appliance, g *model.RuleCollectionGroup, c *model.RuleCollection, r *model.FirewallPolicyRule) string {
	return "appliance:" + a.m.Name + ":" + g.Name + "/" + c.Name + "/" + r.Name
}

// firewall compiles an Azure Firewall on first use.
func (n *Network) firewall(a *appliance) (*azFirewall, error) {
	a.once.Do(func() { a.fw, a.rulesErr = n.compileFirewall(a) })
	return a.fw, a.rulesErr
}

func (n *Network) compileFirewall(a *appliance) (*azFirewall, error) {
	fw := &azFirewall{a: a, private: ianaPrivate, byName: map[string]*fwRules{}}
	ps := []netip.Addr{a.addr}
	for _, s := range a.m.PublicIPAddresses {
		if p, err := model.ParseAddr(s); err == nil {
			ps = append(ps, p)
			fw.publics = append(fw.publics, hs.AddrFrom(p))
		}
	}
	fw.own = addrSet(ps)
	if a.sub.nat != nil {
		fw.publics = a.sub.nat.addrs
	}
	if s := a.m.Snat; s != nil && len(s.PrivateRanges) > 0 {
		fw.private = hs.IPSet{}
		for _, r := range s.PrivateRanges {
			if strings.EqualFold(r, "IANAPrivateRanges") {
				fw.private = fw.private.Union(ianaPrivate)
			} else {
				fw.private = fw.private.Union(prefixSet([]string{r}))
			}
		}
	}
	for _, g := range sortedGroups(a.m.RuleCollectionGroups) {
		for _, c := range sortedCollections(g.RuleCollections) {
			if c.Kind != model.DnatCollection {
				continue
			}
			for _, r := range c.Rules {
				d, err := n.compileDnat(a, r)
				if err != nil {
					return nil, err
				}
				d.ref = fwRef(a, g, c, r)
				fw.dnat = append(fw.dnat, d)
			}
		}
	}
	return fw, nil
}

func (n *Network) compileDnat(a *appliance, r *model.FirewallPolicyRule) (fwDnat, error) {
	src, err := n.sideSet(defaultAny(r.SourceAddresses), nil, a.sub)
	if err != nil {
		return fwDnat{}, err
	}
	dports, err := portSet(r.DestinationPorts)
	if err != nil {
		return fwDnat{}, err
	}
	to, _ := model.ParseAddr(r.TranslatedAddress)
	port, _ := strconv.Atoi(r.TranslatedPort)
	return fwDnat{match: ipProtoProduct(r.IPProtocols, src, prefixSet(r.DestinationAddresses), dports), to: to, port: uint16(port)}, nil
}

// rulesFor compiles the network and application rules as a flow with the
// given name ("" for none) meets them.
func (n *Network) rulesFor(fw *azFirewall, name string) (*fwRules, error) {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if r, ok := fw.byName[name]; ok {
		return r, nil
	}
	a := fw.a
	var specs []ruleSpec
	for gi, g := range sortedGroups(a.m.RuleCollectionGroups) {
		for ci, c := range sortedCollections(g.RuleCollections) {
			kind := 0
			switch c.Kind {
			case model.NetworkCollection:
				kind = 1
			case model.ApplicationCollection:
				kind = 2
			default:
				continue
			}
			for ri, r := range c.Rules {
				m, err := n.firewallMatch(a, c.Kind, r, name)
				if err != nil {
					return nil, fmt.Errorf("firewall %s: rule %s: %w", a.m.Name, r.Name, err)
				}
				desc := fmt.Sprintf("%s rule %s of collection %s (priority %d) in group %s (priority %d) of firewall %s",
					strings.ToLower(string(c.Kind)), r.Name, c.Name, c.Priority, g.Name, g.Priority, a.m.Name)
				specs = append(specs, ruleSpec{name: g.Name + "/" + c.Name + "/" + r.Name, ref: fwRef(a, g, c, r),
					priority: kind<<48 | gi<<32 | ci<<16 | ri, allow: c.Action == model.Allow, user: true, app: kind == 2, desc: desc, match: m})
			}
		}
	}
	specs = append(specs, ruleSpec{name: "default", ref: "appliance:" + a.m.Name + ":default", priority: 1 << 62, match: universeAll,
		desc: "firewall " + a.m.Name + ", whose policy has no rule that allows it (Azure Firewall denies by default)"})
	out := &fwRules{rules: newRuleList(specs)}
	fw.byName[name] = out
	return out, nil
}

// firewallMatch is what a network or application rule matches for a flow
// named name.
func (n *Network) firewallMatch(a *appliance, kind model.RuleCollectionKind, r *model.FirewallPolicyRule, name string) (hs.Set, error) {
	src, err := n.sideSet(defaultAny(r.SourceAddresses), nil, a.sub)
	if err != nil {
		return hs.Set{}, err
	}
	if kind == model.ApplicationCollection {
		if name == "" || !matchesName(r, name) {
			return hs.Set{}, nil
		}
		var ports []hs.PortRange
		for _, p := range r.Protocols {
			if _, port, err := model.ParseAppProtocol(p); err == nil {
				ports = append(ports, hs.PortRange{Lo: port, Hi: port})
			}
		}
		return hs.FromProduct(hs.Product{Src: src, Dst: allAddrs, Proto: hs.ProtoSetOf(hs.Tcp), SrcPorts: hs.AllPorts(), DstPorts: hs.PortSetOf(ports...)}), nil
	}
	dst, err := n.sideSet(r.DestinationAddresses, nil, a.sub)
	if err != nil {
		return hs.Set{}, err
	}
	if name != "" {
		for _, f := range r.DestinationFqdns {
			if model.MatchFqdn(f, name) {
				dst = allAddrs
			}
		}
	}
	dports, err := portSet(r.DestinationPorts)
	if err != nil {
		return hs.Set{}, err
	}
	return ipProtoProduct(r.IPProtocols, src, dst, dports), nil
}

// matchesName reports whether an application rule's targetFqdns or FQDN
// tags match a flow name.
func matchesName(r *model.FirewallPolicyRule, name string) bool {
	for _, f := range r.TargetFqdns {
		if model.MatchFqdn(f, name) {
			return true
		}
	}
	for _, t := range r.FqdnTags {
		ps, _ := model.FqdnTagPatterns(t)
		for _, f := range ps {
			if model.MatchFqdn(f, name) {
				return true
			}
		}
	}
	return false
}

func defaultAny(ss []string) []string {
	if len(ss) == 0 {
		return []string{"*"}
	}
	return ss
}

// ipProtoProduct is the header set of a firewall rule's ipProtocols (TCP,
// UDP, ICMP, Any), sources, destinations and destination ports.
func ipProtoProduct(protos []string, src, dst hs.IPSet, dports hs.PortSet) hs.Set {
	var set hs.Set
	for _, p := range protos {
		switch strings.ToUpper(p) {
		case "TCP":
			set = set.Union(protoProduct(model.Tcp, src, dst, hs.AllPorts(), dports))
		case "UDP":
			set = set.Union(protoProduct(model.Udp, src, dst, hs.AllPorts(), dports))
		case "ICMP":
			set = set.Union(protoProduct(model.Icmp, src, dst, hs.AllPorts(), dports))
		case "ANY":
			set = set.Union(protoProduct(model.AnyProtocol, src, dst, hs.AllPorts(), dports))
		}
	}
	return set
}

// sortedBy sorts a copy of items by ascending key, keeping input order for
// equal keys.
func sortedBy[T any](items []T, key func(T) int) []T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

func sortedGroups(gs []*model.RuleCollectionGroup) []*model.RuleCollectionGroup {
	return sortedBy(gs, func(g *model.RuleCollectionGroup) int { return g.Priority })
}

func sortedCollections(cs []*model.RuleCollection) []*model.RuleCollection {
	return sortedBy(cs, func(c *model.RuleCollection) int { return c.Priority })
}

// azureFirewall processes a request at an Azure Firewall: DNAT for its own
// addresses, else network then application rules, then the default deny;
// what they allow is translated as §13 says and forwarded by the
// firewall's subnet routes.
func (e *engine) azureFirewall(b branch, a *appliance) {
	fw, err := e.n.firewall(a)
	if err != nil {
		e.fail(err)
		return
	}
	own := b.xf.restrictDst(b.set, fw.own)
	if !own.IsEmpty() {
		e.firewallDnat(b.with(own), fw)
	}
	rest := b.set.Subtract(own)
	for _, nb := range e.byFlowName(b.with(rest)) {
		rules, err := e.n.rulesFor(fw, nb.name)
		if err != nil {
			e.fail(err)
			return
		}
		var net, app hs.Set
		for _, p := range e.decide(nb.b, rules.rules, a.m.Name, "AzureFirewall", model.ApplianceDenied, func(r ruleRegion) string { return firewallRuleFix(a, r) }) {
			if rules.rules.specs[p.rule].app {
				app = app.Union(p.set)
			} else {
				net = net.Union(p.set)
			}
		}
		e.firewallForward(nb.b.with(net), fw, false)
		e.firewallForward(nb.b.with(app), fw, true)
	}
}

// firewallDnat translates what DNAT rules take at the firewall's own
// addresses; the rest is denied.
func (e *engine) firewallDnat(b branch, fw *azFirewall) {
	a := fw.a
	rest := b.set
	for _, d := range fw.dnat {
		part := rest.Intersect(b.xf.preimage(d.match))
		if part.IsEmpty() {
			continue
		}
		rest = rest.Subtract(part)
		nb := b.with(part)
		e.cross(&nb, waypointAppliance(a))
		port := d.port
		nb.dnat(xfAddr{from: fromConst, c: hs.AddrFrom(d.to)}, &port)
		e.hop(&nb, a.m.Name, "AzureFirewall", "Dnat", d.ref, fmt.Sprintf("to %s:%d", d.to, d.port))
		if ianaPrivateOrOwn(fw, d.to) {
			e.firewallSnat(nb, fw, hs.AddrFrom(a.addr))
			continue
		}
		for _, p := range fw.publics {
			e.firewallSnat(nb, fw, p)
		}
	}
	ref := "appliance:" + a.m.Name + ":default"
	e.drop(b, rest, model.ApplianceDenied, ref, "add a DNAT rule for this protocol and port to firewall "+a.m.Name,
		func(w hs.Packet) string {
			return fmt.Sprintf("%s %s reaches firewall %s's own address, and no DNAT rule takes %s %s", protoName(w.Proto), flowText(w), a.m.Name, protoName(w.Proto), portText(w))
		})
}

func ianaPrivateOrOwn(fw *azFirewall, a netip.Addr) bool {
	return fw.private.Contains(hs.AddrFrom(a)) || privateRanges.Contains(hs.AddrFrom(a))
}

// firewallForward translates what the rules allowed and routes it on:
// application-rule traffic always, network-rule traffic when its
// destination is outside the private ranges.
func (e *engine) firewallForward(b branch, fw *azFirewall, app bool) {
	if b.set.IsEmpty() {
		return
	}
	a := fw.a
	e.cross(&b, waypointAppliance(a))
	private := b.xf.restrictDst(b.set, fw.private)
	if !private.IsEmpty() {
		pb := b.with(private)
		if app {
			e.firewallSnat(pb, fw, hs.AddrFrom(a.addr))
		} else {
			e.route(pb, a.sub)
		}
	}
	public := b.set.Subtract(private)
	if public.IsEmpty() {
		return
	}
	if a.m.ForcedTunneling {
		e.firewallSnat(b.with(public), fw, hs.AddrFrom(a.addr))
		return
	}
	for _, p := range fw.publics {
		e.firewallSnat(b.with(public), fw, p)
	}
}

// firewallSnat translates the source to addr and routes on.
func (e *engine) firewallSnat(b branch, fw *azFirewall, addr hs.Addr) {
	nat := natPoint{addr: addr, app: fw.a, prev: b.xf.src, in: fw.a.sub.vnet}
	b.xf.src = xfAddr{from: fromConst, c: addr}
	b.nats = grow(b.nats, nat)
	e.hop(&b, fw.a.m.Name, "AzureFirewall", "Snat", "", "source "+addr.String())
	e.route(b, fw.a.sub)
}

func firewallRuleFix(a *appliance, r ruleRegion) string {
	if r.user {
		return fmt.Sprintf("change rule %s of firewall %s, or allow the traffic in a collection processed before it", r.name, a.m.Name)
	}
	return fmt.Sprintf("allow this traffic with a network rule (or, for Http/Https/Mssql to a name, an application rule) in firewall %s's policy: Azure Firewall denies what no rule allows", a.m.Name)
}

// fromInternetToFirewall takes a request from the internet in at an Azure
// Firewall's public address (its DNAT rules decide).
func (e *engine) fromInternetToFirewall(b branch, a *appliance) {
	if b.reply {
		e.arrive(b, "firewall "+a.m.Name)
		return
	}
	if e.cross(&b, waypointEdge) {
		e.appliance(b, a)
	}
}
