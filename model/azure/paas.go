package azure

import (
	"net/netip"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/armid"
)

// paasKinds are the PaaS resources that become endpoints.
var paasKinds = []struct {
	typ  string
	kind model.EndpointKind
}{{typeStorage, model.StorageAccount}, {typeKeyVault, model.KeyVault}, {typeRegistry, model.ContainerRegistry}, {typeBatchAccount, model.BatchAccount}}

// paas builds storage accounts, key vaults, container registries and
// Batch accounts with their firewalls and private endpoints.
func (b *builder) paas() {
	accounts := map[string]*model.Endpoint{}
	for _, k := range paasKinds {
		for _, r := range b.of(k.typ) {
			if e := b.account(r, k.kind); e != nil {
				accounts[r.key] = e
			}
		}
	}
	for _, r := range b.of(typePrivateEP) {
		b.privateEndpoint(r, accounts)
	}
	for _, p := range b.pendingBatch {
		if a := accounts[p.account]; a != nil {
			p.e.BatchAccount = a.Name
		}
	}
	b.linkWorkspace()
}

func (b *builder) account(r *resource, kind model.EndpointKind) *model.Endpoint {
	j, ok := decode[paasJSON](b, r, r.node)
	h, hok := decode[header](b, r, r.node)
	if !ok || !hok {
		return nil
	}
	e := &model.Endpoint{Name: b.name(b.endpointNS, r, ""), Kind: kind, Location: b.locate(r, h.Location)}
	switch pna := strings.ToLower(j.PublicNetworkAccess); pna {
	case "enabled":
		e.PublicNetworkAccess = model.PublicAccessEnabled
	case "disabled":
		e.PublicNetworkAccess = model.PublicAccessDisabled
	case "":
	default:
		b.im.notes.add(noteAssumed, "%s %s: publicNetworkAccess %s (a network security perimeter) is read as Enabled, its firewall deciding", kindOf(r.typ), r.name, j.PublicNetworkAccess)
	}
	acl := j.NetworkAcls
	if acl == nil {
		acl = j.NetworkRuleSet
	}
	if acl == nil && j.NetworkProfile != nil {
		acl = j.NetworkProfile.AccountAccess
	}
	if acl != nil {
		e.Firewall = b.paasFirewall(r, acl, j.NetworkRuleBypass)
	}
	b.from(e, r)
	b.t.Endpoints = append(b.t.Endpoints, e)
	return e
}

// paasFirewall reads networkAcls (storage, key vault), networkRuleSet
// (container registry) or accountAccess (Batch).
func (b *builder) paasFirewall(r *resource, acl *aclJSON, registryBypass string) *model.Firewall {
	fw := &model.Firewall{}
	if d, ok := b.known(r, "defaultAction", acl.DefaultAction); ok && d != "" {
		fw.DefaultAction = model.Access(d)
	}
	for _, field := range []string{acl.Bypass, registryBypass} {
		field, _ = b.known(r, "bypass", field)
		for _, by := range strings.Split(field, ",") {
			if by = strings.TrimSpace(by); by != "" {
				fw.Bypass = append(fw.Bypass, by)
			}
		}
	}
	for _, ip := range acl.IPRules {
		if ip.Action != "" && !strings.EqualFold(ip.Action, "Allow") {
			continue
		}
		v := ip.Value
		if v == "" {
			v = ip.IPAddressOrRange
		}
		v, ok := b.known(r, "ipRules", v)
		if !ok || v == "" {
			continue
		}
		if why := badIPRule(v); why != "" {
			b.im.notes.add(noteDropped, "%s %s: IP rule %q is ignored: %s", kindOf(r.typ), r.name, v, why)
			continue
		}
		fw.IPRules = append(fw.IPRules, v)
	}
	for _, vr := range acl.VirtualNetworkRules {
		id := vr.ID
		if id == "" {
			id = vr.VirtualNetworkResourceID
		}
		if id, ok := b.known(r, "virtualNetworkRules", id); !ok || id == "" {
			continue
		}
		if s := b.subnetFor(id); s != nil {
			fw.VirtualNetworkRules = append(fw.VirtualNetworkRules, s.ref())
		} else {
			b.im.notes.add(noteDropped, "%s %s: its virtual network rule for subnet %s is dropped: the subnet is not in the input", kindOf(r.typ), r.name, idOrName(id))
		}
	}
	if fw.DefaultAction == "" && len(fw.IPRules)+len(fw.VirtualNetworkRules)+len(fw.Bypass) == 0 {
		return nil
	}
	return fw
}

// privateEndpoint adds a private endpoint to the account it connects to.
func (b *builder) privateEndpoint(r *resource, accounts map[string]*model.Endpoint) {
	j, ok := decode[privateEndpointJSON](b, r, r.node)
	if !ok {
		return
	}
	for _, g := range b.children(r, typeDNSZoneGroup, nil) {
		b.used[g.key] = true // read with the private endpoint, or noted with it
	}
	sub := b.subnetFor(idOf(j.Subnet))
	if sub == nil {
		b.im.notes.add(noteDropped, "private endpoint %s is left out: its subnet %s is not in the input", r.name, idOrName(idOf(j.Subnet)))
		return
	}
	addr := b.addrs[configKey(r.key, 0)]
	conns := append(j.PrivateLinkServiceConnections, j.ManualPrivateLinkServiceConnections...)
	if len(conns) == 0 {
		b.im.notes.add(noteDropped, "private endpoint %s is left out: it connects to nothing", r.name)
		return
	}
	c := conns[0]
	target := b.lookup(c.PrivateLinkServiceID, "")
	if target == nil {
		b.im.notes.add(noteDropped, "private endpoint %s is left out: what it connects to, %s, is not in the input", r.name, idOrName(c.PrivateLinkServiceID))
		return
	}
	b.used[target.key] = true
	e := accounts[target.key]
	if e == nil {
		p, _ := armid.Parse(target.id)
		b.im.notes.add(noteNotModelled, "private endpoint %s connects to %s %s, which vnetsim does not model: left out (its address %s still occupies subnet %s)",
			r.name, p.Type, target.name, addr, sub.ref())
		return
	}
	if addr == "" {
		b.im.notes.add(noteDropped, "private endpoint %s is left out: it has no known address", r.name)
		return
	}
	pe := &model.PrivateEndpoint{Name: sanitize(r.short()), Subnet: sub.ref(), PrivateIPAddress: addr}
	if len(c.GroupIDs) > 0 {
		pe.GroupID, _ = b.known(r, "groupIds", c.GroupIDs[0])
	}
	pe.PrivateDNSZones = b.zoneGroups(r)
	b.from(pe, r)
	if b.assumed[configKey(r.key, 0)] {
		b.assumedObj[pe] = "privateIpAddress"
	}
	e.PrivateEndpoints = append(e.PrivateEndpoints, pe)
}

// zoneGroups are the private DNS zones a private endpoint's DNS zone
// groups register it in.
func (b *builder) zoneGroups(r *resource) []string {
	var zones []string
	for _, g := range b.children(r, typeDNSZoneGroup, nil) {
		b.used[g.key] = true
		j, ok := decode[dnsZoneGroupJSON](b, g, g.node)
		if !ok {
			continue
		}
		for _, z := range j.PrivateDNSZoneConfigs {
			if name := b.refName(g, "privateDnsZoneId", z.PrivateDNSZoneID, typeDNSZone); name != "" {
				zones = append(zones, name)
			}
		}
	}
	return zones
}

// badIPRule says why a PaaS IP rule has no effect: Azure takes public
// addresses and prefixes only ("IP network rules ... private address
// ranges aren't allowed", Storage firewall).
func badIPRule(v string) string {
	p, err := netip.ParsePrefix(v)
	if err != nil {
		a, aerr := netip.ParseAddr(v)
		if aerr != nil {
			return "it is not an address or prefix"
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if p.Addr().IsPrivate() || p.Addr().IsLoopback() || p.Addr().IsLinkLocalUnicast() || netip.MustParsePrefix("100.64.0.0/10").Overlaps(p) {
		return "Azure's firewalls take public addresses only (a private range has no effect)"
	}
	return ""
}
