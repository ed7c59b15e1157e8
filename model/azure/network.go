package azure

import (
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/template"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// subnetRec is a subnet imported, for what refers to it.
type subnetRec struct {
	vnet, name string // vnetsim names
	prefix     string
	model      *model.Subnet
}

// ref is the subnet's reference form, vnet/subnet.
func (s *subnetRec) ref() string { return s.vnet + "/" + s.name }

// network names the network objects and builds VNets (with their subnets
// and peerings) and NSGs. Route tables are named here and built once
// addresses are known (routes.go).
func (b *builder) network() {
	for _, spec := range []struct {
		typ string
		ns  map[string]bool
	}{{typeVNet, map[string]bool{}}, {typeNSG, map[string]bool{}}, {typeRouteTable, map[string]bool{}}, {typeNatGateway, map[string]bool{}}} {
		for _, r := range b.of(spec.typ) {
			b.name(spec.ns, r, "")
		}
	}
	for _, r := range b.of(typeDNSZone) {
		b.names[r.key] = sanitize(r.short()) // a zone's name is a DNS name: namesakes are one zone (dns.go)
	}
	for _, r := range b.of(typeNSG) {
		b.nsg(r)
	}
	for _, r := range b.of(typeVNet) {
		b.vnet(r)
	}
	for _, typ := range []string{typeSubnet, typePeering} {
		for _, r := range b.of(typ) {
			if b.lookup(armid.Parent(r.id), typeVNet) == nil {
				b.im.notes.add(noteDropped, "%s %s is left out: its vnet %s is not in the input (import the vnet too)", kindOf(typ), r.name, idOrName(armid.Parent(r.id)))
			}
		}
	}
}

func (b *builder) vnet(r *resource) {
	j, ok := decode[vnetJSON](b, r, r.node)
	if !ok {
		return
	}
	h, _ := decode[header](b, r, r.node)
	v := &model.VNet{Name: b.names[r.key]}
	if j.AddressSpace != nil {
		v.AddressSpace = b.knownList(r, "addressSpace", j.AddressSpace.AddressPrefixes)
	}
	if len(v.AddressSpace) == 0 {
		b.im.notes.add(noteDropped, "vnet %s is left out: it has no known addressSpace (az resource list leaves properties out: export with az network vnet list or a Resource Graph query)", r.name)
		delete(b.names, r.key)
		return
	}
	if h != nil {
		v.Location = b.locate(r, h.Location)
	}
	if p, ok := armid.Parse(r.id); ok && p.Subscription != template.PlaceholderSubscription {
		v.Subscription = p.Subscription
	}
	if j.DhcpOptions != nil {
		if dns := b.knownList(r, "dhcpOptions.dnsServers", j.DhcpOptions.DNSServers); len(dns) > 0 {
			v.DhcpOptions = &model.DhcpOptions{DNSServers: dns}
		}
	}
	b.from(v, r)
	subnets := map[string]*model.Subnet{}
	for _, c := range b.children(r, typeSubnet, j.Subnets) {
		if s := b.subnetOf(v, c, subnets); s != nil {
			subnets[c.key] = s
		}
	}
	for _, s := range subnets {
		v.Subnets = append(v.Subnets, s)
	}
	sortObjects(v.Subnets, func(s *model.Subnet) string { return s.Name })
	names := map[string]bool{}
	for _, c := range b.children(r, typePeering, j.VirtualNetworkPeerings) {
		if p := b.peering(c, names); p != nil {
			v.Peerings = append(v.Peerings, p)
		}
	}
	sortObjects(v.Peerings, func(p *model.Peering) string { return p.Name })
	b.t.VNets = append(b.t.VNets, v)
}

// subnetOf builds a subnet of v. A subnet given on its own whose address
// prefix is not known (a template that updates a deployed subnet) keeps the
// prefix the VNet's export gives it.
func (b *builder) subnetOf(v *model.VNet, r *resource, have map[string]*model.Subnet) *model.Subnet {
	j, ok := decode[subnetJSON](b, r, r.node)
	if !ok {
		return nil
	}
	name := sanitize(r.short())
	s := &model.Subnet{Name: name}
	prefixes := append([]string{j.AddressPrefix}, j.AddressPrefixes...)
	prefixes = slices.DeleteFunc(prefixes, func(p string) bool { return p == "" })
	if known := slices.DeleteFunc(slices.Clone(prefixes), unknown.Is); len(known) > 0 {
		prefixes = slices.Compact(known) // a deprecated single form Terraform computes from the list
	}
	if len(prefixes) > 0 {
		s.AddressPrefix, _ = b.known(r, "addressPrefix", prefixes[0])
	}
	if len(prefixes) > 1 {
		b.im.notes.add(noteAssumed, "subnet %s has several address prefixes (%s): vnetsim models one per subnet and takes %s", r.name, strings.Join(prefixes, ", "), prefixes[0])
	}
	if s.AddressPrefix == "" {
		if old := have[r.key]; old != nil && old.AddressPrefix != "" {
			s.AddressPrefix = old.AddressPrefix
			b.im.notes.add(noteAssumed, "subnet %s keeps the address prefix %s that its vnet gives it", r.name, old.AddressPrefix)
		} else {
			b.im.notes.add(noteDropped, "subnet %s is left out: its address prefix is not known (and what is in it with it)", r.name)
			return nil
		}
	}
	s.NetworkSecurityGroup = b.refName(r, "networkSecurityGroup", idOf(j.NetworkSecurityGroup), typeNSG)
	s.RouteTable = b.refName(r, "routeTable", idOf(j.RouteTable), typeRouteTable)
	s.NatGateway = b.refName(r, "natGateway", idOf(j.NatGateway), typeNatGateway)
	for _, se := range j.ServiceEndpoints {
		if svc, ok := b.known(r, "serviceEndpoints", se.Service); ok && svc != "" {
			s.ServiceEndpoints = append(s.ServiceEndpoints, svc)
		}
	}
	for _, d := range j.Delegations {
		if svc, ok := b.known(r, "delegations", d.ServiceName); ok && svc != "" {
			s.Delegations = append(s.Delegations, svc)
		}
	}
	if len(j.ServiceEndpointPolicies) > 0 {
		b.notModelled(r, "Microsoft.Network/serviceEndpointPolicies", "service endpoint policies on subnet "+r.name+" (vnetsim lets the service endpoint reach every account of the service)")
	}
	s.DefaultOutboundAccess = j.DefaultOutboundAccess
	if p, ok := b.known(r, "privateEndpointNetworkPolicies", j.PrivateEndpointNetworkPolicies); ok && p != "" && !strings.EqualFold(p, string(model.PEPoliciesDisabled)) {
		s.PrivateEndpointNetworkPolicies = model.PENetworkPolicies(p)
	}
	b.from(s, r)
	b.subnet[r.key] = &subnetRec{vnet: v.Name, name: name, prefix: s.AddressPrefix, model: s}
	return s
}

func (b *builder) peering(r *resource, names map[string]bool) *model.Peering {
	j, ok := decode[peeringJSON](b, r, r.node)
	if !ok {
		return nil
	}
	remote := b.refName(r, "remoteVirtualNetwork", idOf(j.RemoteVirtualNetwork), typeVNet)
	if remote == "" {
		return nil
	}
	access := j.AllowVirtualNetworkAccess == nil || *j.AllowVirtualNetworkAccess
	p := &model.Peering{Name: sanitize(r.short()), RemoteVirtualNetwork: remote, AllowVirtualNetworkAccess: &access,
		AllowForwardedTraffic: j.AllowForwardedTraffic, AllowGatewayTransit: j.AllowGatewayTransit, UseRemoteGateways: j.UseRemoteGateways}
	if strings.EqualFold(j.PeeringState, "Disconnected") {
		b.im.notes.add(noteAssumed, "peering %s is Disconnected in Azure (its remote side was deleted): it stays in the topology, one-sided, and carries no traffic", r.name)
	}
	names[p.Name] = true
	b.from(p, r)
	return p
}

func (b *builder) nsg(r *resource) {
	j, ok := decode[nsgJSON](b, r, r.node)
	if !ok {
		return
	}
	n := &model.NetworkSecurityGroup{Name: b.names[r.key]}
	for _, c := range b.children(r, typeRule, j.SecurityRules) {
		if rule := b.rule(c); rule != nil {
			n.SecurityRules = append(n.SecurityRules, rule)
		}
	}
	slices.SortFunc(n.SecurityRules, cmpRules)
	b.from(n, r)
	b.t.NetworkSecurityGroups = append(b.t.NetworkSecurityGroups, n)
}

// cmpRules orders rules as Azure evaluates them: inbound first, then by
// priority.
func cmpRules(a, c *model.SecurityRule) int {
	if d := strings.Compare(strings.ToLower(string(a.Direction)), strings.ToLower(string(c.Direction))); d != 0 {
		return d
	}
	if a.Priority != c.Priority {
		return a.Priority - c.Priority
	}
	return strings.Compare(a.Name, c.Name)
}

// rule converts a security rule, keeping ARM's spelling of the enums (the
// model matches them case-insensitively). A rule with a value known only at
// deployment is dropped, with a note: left out, an unknown prefix would
// read as "any".
func (b *builder) rule(r *resource) *model.SecurityRule {
	j, ok := decode[ruleJSON](b, r, r.node)
	if !ok {
		return nil
	}
	strs := slices.Concat([]string{j.Direction, j.Access, j.Protocol, j.SourceAddressPrefix, j.SourcePortRange,
		j.DestinationAddressPrefix, j.DestinationPortRange}, j.SourceAddressPrefixes, j.SourcePortRanges,
		j.DestinationAddressPrefixes, j.DestinationPortRanges)
	for _, s := range strs {
		if _, ok := b.known(r, "a match field", s); !ok {
			b.im.notes.add(noteDropped, "security rule %s is dropped: not all of it is known offline", r.name)
			return nil
		}
	}
	if j.Priority == 0 {
		b.im.notes.add(noteDropped, "security rule %s is dropped: it has no known priority", r.name)
		return nil
	}
	rule := &model.SecurityRule{Name: sanitize(r.short()), Priority: j.Priority, Direction: model.Direction(j.Direction),
		Access: model.Access(j.Access), Description: j.Description,
		RuleMatch: model.RuleMatch{Protocol: model.Protocol(j.Protocol),
			SourceApplicationSecurityGroups:      b.asgNames(r, j.SourceApplicationSecurityGroups),
			DestinationApplicationSecurityGroups: b.asgNames(r, j.DestinationApplicationSecurityGroups)}}
	rule.SourceAddressPrefix, rule.SourceAddressPrefixes = oneSide(j.SourceAddressPrefix, j.SourceAddressPrefixes)
	rule.SourcePortRange, rule.SourcePortRanges = oneSide(j.SourcePortRange, j.SourcePortRanges)
	rule.DestinationAddressPrefix, rule.DestinationAddressPrefixes = oneSide(j.DestinationAddressPrefix, j.DestinationAddressPrefixes)
	rule.DestinationPortRange, rule.DestinationPortRanges = oneSide(j.DestinationPortRange, j.DestinationPortRanges)
	b.from(rule, r)
	return rule
}

// oneSide keeps the plural form when ARM gives a non-empty list (adding the
// singular to it should ARM give both), else the singular.
func oneSide(one string, many []string) (string, []string) {
	if len(many) == 0 {
		return one, nil
	}
	if one != "" && !slices.Contains(many, one) {
		many = append(slices.Clone(many), one)
	}
	return "", many
}

// asgNames are the names of application security groups by id: the ASG's
// own name when it is in the input, else the id's last segment (ASGs are
// names in a topology, not objects).
func (b *builder) asgNames(from *resource, refs []ref) []string {
	var out []string
	for _, a := range refs {
		if _, ok := b.known(from, "applicationSecurityGroups", a.ID); !ok || a.ID == "" {
			continue
		}
		name := armid.Last(a.ID)
		if r := b.lookup(a.ID, typeASG); r != nil {
			b.used[r.key] = true
			name = r.short()
		}
		out = append(out, sanitize(name))
	}
	return out
}

func idOf(r *ref) string {
	if r == nil {
		return ""
	}
	return r.ID
}
