package sim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// routeText describes a route for explanations.
func routeText(s *subnet, c *candidate) string {
	e := c.entry
	hop := string(e.NextHopType)
	if e.NextHopIP != "" {
		hop += " " + e.NextHopIP
	}
	switch e.Source {
	case SourceUser:
		return fmt.Sprintf("route %s (%s -> %s) in %s", e.Name, e.route.AddressPrefix, hop, s.rt.Name)
	case SourceGateway:
		return fmt.Sprintf("BGP route %s -> %s from gateway %s", c.prefix, hop, e.gw.m.Name)
	}
	return fmt.Sprintf("system route %s -> %s of %s", c.prefix, hop, s.id)
}

// describeRef turns a ref into words for fixes.
func describeRef(ref string) string {
	kind, rest, _ := strings.Cut(ref, ":")
	switch kind {
	case "route":
		table, name, _ := strings.Cut(rest, ":")
		return "route " + name + " in " + table
	case "bgp":
		gw, prefix, _ := strings.Cut(rest, ":")
		return "the BGP route " + prefix + " from " + gw
	case "system":
		return "the system route " + rest
	}
	return ref
}

func describeRule(r ruleRegion) string {
	kind, rest, _ := strings.Cut(r.ref, ":")
	owner, name, _ := strings.Cut(rest, ":")
	if kind == "appliance" {
		if name == "default" {
			return "the default action of appliance " + owner
		}
		return "rule " + name + " of appliance " + owner
	}
	return "rule " + name + " of " + owner
}

// ruleText describes a rule region with its priority, for explanations.
func ruleText(r ruleRegion) string {
	if r.desc != "" {
		return r.desc
	}
	return describeRule(r) + " (priority " + priorityText(r.priority) + ")"
}

func priorityText(p int) string {
	if p >= 1<<30 {
		return "last"
	}
	return fmt.Sprint(p)
}

func protoName(p hs.Proto) string { return p.String() }

func flowText(w hs.Packet) string {
	return fmt.Sprintf("from %s to %s", addrText(w.Src), addrText(w.Dst))
}

func portText(w hs.Packet) string {
	if w.Proto != hs.Tcp && w.Proto != hs.Udp {
		return ""
	}
	return fmt.Sprintf("port %d", w.DstPort)
}

func describeEndpoint(ep *model.Endpoint) string {
	return fmt.Sprintf("the firewall of %s %s", strings.ToLower(splitCamel(string(ep.Kind))), ep.Name)
}

func splitCamel(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func nsgFix(nsg *model.NetworkSecurityGroup, dir model.Direction, r ruleRegion) string {
	where := "a priority number lower than " + fmt.Sprint(r.priority)
	if r.user {
		return fmt.Sprintf("change or remove rule %s of %s, or add an %s Allow rule with %s", r.name, nsg.Name, strings.ToLower(string(dir)), where)
	}
	return fmt.Sprintf("add an %s Allow rule for this traffic to %s (any priority from 100 to 4096)", strings.ToLower(string(dir)), nsg.Name)
}

func applianceFix(a *appliance, r ruleRegion) string {
	if r.user {
		return fmt.Sprintf("change rule %s of appliance %s, or add an Allow rule before it", r.name, a.m.Name)
	}
	return fmt.Sprintf("add an Allow rule for this traffic to appliance %s", a.m.Name)
}

func noneFix(b branch) string {
	if strings.HasPrefix(b.route, "route:") {
		return "remove " + describeRef(b.route) + " or give it a next hop"
	}
	s := b.routeSub
	fix := fmt.Sprintf("add a route on %s for the %s's destination (through a peering, a gateway or an appliance): Azure drops private ranges that nothing routes", s.id, b.what()[4:])
	if s.rt != nil && s.rt.DisableBgpRoutePropagation {
		fix += fmt.Sprintf(", and %s has disableBgpRoutePropagation: true, which removes the gateway's routes", s.rt.Name)
	}
	return fix
}

func internetFix(ref string) string {
	return "add a route with nextHopType Internet for the destination, so that it does not follow " + describeRef(ref) + " to on-premises, or set internetEgress: Snat on the gateway's onPremises"
}

func firewallFix(p *paas, via, origin *subnet, how string) string {
	se := p.ep.Kind.ServiceEndpointFor()
	switch {
	case how == "service endpoint":
		return fmt.Sprintf("add %s to the virtualNetworkRules of %s", via.id, p.ep.Name)
	case origin != nil && slices.Contains(p.ep.Firewall.VirtualNetworkRules, origin.id):
		return fmt.Sprintf("add a %s service endpoint to %s (%s already has a virtual network rule for it), or a private endpoint", se, origin.id, p.ep.Name)
	case origin != nil:
		return fmt.Sprintf("add a %s service endpoint to %s and %s to the virtualNetworkRules of %s, or give %s a private endpoint", se, origin.id, origin.id, p.ep.Name, p.ep.Name)
	}
	return fmt.Sprintf("add the source's public address to the ipRules of %s, or reach it over a service endpoint or private endpoint", p.ep.Name)
}

// asymmetricFix is the documented remedy (azure-semantics.md §4): a user
// route for the source's prefixes with next hop Internet.
func (e *engine) asymmetricFix(b branch) string {
	what := e.srcTag
	if what == "" {
		what = "the source's prefixes"
	}
	table := "a route table on the destination's subnet"
	if s := b.routeSub; s != nil {
		table = "a route table on " + s.id
		if s.rt != nil {
			table = s.rt.Name
		}
	}
	return fmt.Sprintf("add a route for %s with nextHopType Internet to %s", what, table)
}
