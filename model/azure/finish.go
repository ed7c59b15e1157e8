package azure

import (
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/template"
)

// handled are the types the builder reads; every other type is skipped
// (counted) or, when it affects traffic, named as not modelled.
var handled = map[string]bool{
	typeVNet: true, typeSubnet: true, typePeering: true, typeNSG: true, typeRule: true, typeASG: true,
	typeRouteTable: true, typeRoute: true, typeNIC: true, typeVM: true, typeVMSS: true, typePublicIP: true,
	typePublicIPPrefix: true, typeNatGateway: true, typeLoadBalancer: true, typeGateway: true, typeLocalGateway: true,
	typeConnection: true, typeFirewall: true, typeFirewallPolicy: true, typeRuleGroup: true, typeIPGroup: true,
	typePrivateEP: true, typeDNSZoneGroup: true, typeDNSZone: true, typeVNetLink: true, typeStorage: true,
	typeKeyVault: true, typeRegistry: true, typeAKS: true, typeAgentPool: true, typeWorkspace: true,
	typeCompute: true, typeBatchAccount: true, typeBatchPool: true,
}

// supporting types matter only to what uses them: one nothing imported
// uses is named, so that nothing read disappears without a word.
var supporting = []string{typePublicIP, typePublicIPPrefix, typeASG, typeLocalGateway, typeConnection, typeIPGroup,
	typeFirewallPolicy, typeRuleGroup, typeDNSZoneGroup, typeVNetLink}

func (b *builder) skipped() {
	b.emptyASGs()
	for _, typ := range slices.Sorted(maps.Keys(b.byType)) {
		for _, r := range b.byType[typ] {
			switch {
			case handled[typ]:
			case notModelled[typ] != "":
				b.notModelled(r, typeSpelling(r), notModelled[typ]+": "+r.name)
			case typ == typeDeployment:
			default:
				b.im.notes.skip(typeSpelling(r))
			}
		}
	}
	for _, typ := range supporting {
		var unused []string
		for _, r := range b.of(typ) {
			if !b.used[r.key] {
				unused = append(unused, r.name)
			}
		}
		if len(unused) > 0 {
			b.im.notes.add(noteDropped, "%d %s used by nothing imported (read with what uses %s): %s", len(unused), plural(len(unused), kindOf(typ)),
				pickVerb(len(unused), "it", "them"), strings.Join(unused, ", "))
		}
	}
}

// locate is a resource's location as the topology writes it; one that a
// template takes from its resource group is asked for once.
func (b *builder) locate(r *resource, loc string) string {
	switch {
	case strings.Contains(loc, template.LocationPlaceholder):
		b.im.notes.ask("location: the template takes it from the resource group it is deployed to (give --location REGION); the regional service tags depend on it")
		return ""
	case template.HasPlaceholder(loc):
		b.im.notes.ask("location: it depends on %s", b.describe(loc))
		return ""
	}
	v, _ := b.known(r, "location", loc)
	return v
}

func normRegion(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }

// location is the topology's location: the most common one (ties broken
// by name); objects in it leave theirs out.
func (b *builder) location() string {
	best := ""
	for _, loc := range slices.Sorted(maps.Keys(b.locs)) {
		if b.locs[loc] > b.locs[best] {
			best = loc
		}
	}
	if best == "" && b.im.opts.Location != "" {
		best = normRegion(b.im.opts.Location)
	}
	if b.im.overlay {
		return "" // merged into a topology with its own location: objects keep theirs
	}
	for _, v := range b.t.VNets {
		if normRegion(v.Location) == best {
			v.Location = ""
		}
	}
	for _, e := range b.t.Endpoints {
		if normRegion(e.Location) == best {
			e.Location = ""
		}
	}
	if w := b.t.Workspace; w != nil && normRegion(w.Location) == best {
		w.Location = ""
	}
	return best
}

// builtinTags are computed by vnetsim, never read from a tags file.
var builtinTags = []string{"virtualnetwork", "internet", "azureloadbalancer", "azureplatformdns", "azureplatformimds", "azureplatformlkm", "*", "any"}

// serviceTags names the service tag files given, or asks for one when the
// topology uses service tags.
func (b *builder) serviceTags() {
	if len(b.im.opts.ServiceTags) > 0 {
		b.t.ServiceTags = &model.ServiceTagSources{Files: b.im.opts.ServiceTags}
		return
	}
	used := map[string]bool{}
	note := func(values ...string) {
		for _, v := range values {
			if isTag(v) {
				used[v] = true
			}
		}
	}
	for _, n := range b.t.NetworkSecurityGroups {
		for _, r := range n.SecurityRules {
			note(r.Sources()...)
			note(r.Destinations()...)
		}
	}
	for _, t := range b.t.RouteTables {
		for _, r := range t.Routes {
			note(r.AddressPrefix)
		}
	}
	for _, a := range b.t.Appliances {
		for _, g := range a.RuleCollectionGroups {
			for _, c := range g.RuleCollections {
				for _, r := range c.Rules {
					note(r.SourceAddresses...)
					note(r.DestinationAddresses...)
				}
			}
		}
	}
	if len(used) > 0 {
		b.im.notes.ask("serviceTags: the topology uses the service tags %s: give --service-tags FILE (Azure's ServiceTags_Public_*.json, or az network list-service-tags output)",
			strings.Join(slices.Sorted(maps.Keys(used)), ", "))
	}
}

// isTag reports whether an address expression is a service tag name.
func isTag(v string) bool {
	if v == "" || slices.Contains(builtinTags, strings.ToLower(v)) {
		return false
	}
	if _, err := netip.ParsePrefix(v); err == nil {
		return false
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return false
	}
	return !strings.ContainsAny(v, "-/{") && (v[0] < '0' || v[0] > '9')
}

// sortAll orders every list by name, so that the output does not depend on
// the order of the inputs.
func (b *builder) sortAll() {
	t := b.t
	sortObjects(t.VNets, func(v *model.VNet) string { return v.Name })
	sortObjects(t.NetworkSecurityGroups, func(n *model.NetworkSecurityGroup) string { return n.Name })
	sortObjects(t.RouteTables, func(r *model.RouteTable) string { return r.Name })
	sortObjects(t.NatGateways, func(n *model.NatGateway) string { return n.Name })
	sortObjects(t.LoadBalancers, func(l *model.LoadBalancer) string { return l.Name })
	sortObjects(t.Gateways, func(g *model.Gateway) string { return g.Name })
	sortObjects(t.Appliances, func(a *model.Appliance) string { return a.Name })
	sortObjects(t.PrivateDNSZones, func(z *model.PrivateDNSZone) string { return z.Name })
	sortObjects(t.Endpoints, func(e *model.Endpoint) string { return e.Name })
	sortObjects(t.NotModelled, func(n *model.NotModelled) string { return n.Type + "/" + n.Name })
	for _, e := range t.Endpoints {
		sortObjects(e.PrivateEndpoints, func(p *model.PrivateEndpoint) string { return p.Name })
	}
	for _, lb := range t.LoadBalancers {
		for _, p := range lb.BackendAddressPools {
			slices.Sort(p.Members)
		}
	}
}

// emptyASGs names application security groups that rules use and no
// imported endpoint is in: membership is on NICs, so without them the
// rules match nothing.
func (b *builder) emptyASGs() {
	held := map[string]bool{}
	for _, e := range b.t.Endpoints {
		for _, a := range e.ApplicationSecurityGroups {
			held[a] = true
		}
	}
	used := map[string][]string{}
	for _, n := range b.t.NetworkSecurityGroups {
		for _, r := range n.SecurityRules {
			for _, a := range slices.Concat(r.SourceApplicationSecurityGroups, r.DestinationApplicationSecurityGroups) {
				if !held[a] && !slices.Contains(used[a], n.Name+"/"+r.Name) {
					used[a] = append(used[a], n.Name+"/"+r.Name)
				}
			}
		}
	}
	for _, a := range slices.Sorted(maps.Keys(used)) {
		b.im.notes.add(noteDropped, "application security group %s is used by %s, but no imported endpoint is in it: membership is on NICs, so import the NICs (or list %s in an endpoint's applicationSecurityGroups)",
			a, strings.Join(used[a], ", "), a)
	}
}
