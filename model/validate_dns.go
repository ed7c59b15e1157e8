package model

import (
	"regexp"
	"strings"
)

// dnsName is a DNS name of at least two labels.
var dnsName = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

// checkPrivateDNSZones checks private DNS zones, their VNet links, and the
// VNets' custom DNS servers (azure-semantics.md §13).
func (c *checker) checkPrivateDNSZones() {
	checkNames(c, "private DNS zone", c.t.PrivateDNSZones, func(z *PrivateDNSZone) string { return z.Name }, true)
	for _, z := range c.t.PrivateDNSZones {
		m := &z.Meta
		if z.Name != "" && !dnsName.MatchString(strings.ToLower(z.Name)) {
			c.errorf(m, "name", "bad_dns_name", "%q is not a DNS zone name", z.Name)
		}
		seen := map[string]bool{}
		for _, l := range listValues("virtualNetworkLinks", z.VirtualNetworkLinks) {
			if seen[l.value] {
				c.errorf(m, l.key, "duplicate_name", "vnet %q is linked twice", l.value)
			}
			seen[l.value] = true
			ref(c, m, l.key, l.value, "vnet", &c.vnets)
		}
	}
	for _, v := range c.t.VNets {
		if d := v.DhcpOptions; d != nil {
			c.checkDNSServers(&d.Meta, "dnsServers", d.DNSServers)
		}
	}
}

// checkPrivateEndpointDNS checks the zones a private endpoint registers in,
// and that its group is one the kind has.
func (c *checker) checkPrivateEndpointDNS(e *Endpoint, pe *PrivateEndpoint) {
	m := &pe.Meta
	if pe.GroupID != "" && !containsFold(PaaSGroups(e.Kind), pe.GroupID) {
		c.errorf(m, "groupId", "bad_group_id", "%q is not a sub-resource of %s (%s)", pe.GroupID, e.Kind, strings.Join(PaaSGroups(e.Kind), ", "))
	}
	for _, z := range listValues("privateDnsZones", pe.PrivateDNSZones) {
		zone := ref(c, m, z.key, z.value, "private DNS zone", &c.dnsZones)
		if want := PrivateLinkZone(e.Kind, pe.GroupOf(e.Kind)); zone != nil && want != "" && !strings.EqualFold(zone.Name, want) {
			c.warnf(m, z.key, "dns_zone_mismatch", "a %s private endpoint for %s is answered by zone %q, not %q: clients resolving its name will not find this record",
				e.Kind, pe.GroupOf(e.Kind), want, zone.Name)
		}
	}
}

// fqdnOwner is the endpoint one of whose names is fqdn (nil for none).
func (c *checker) fqdnOwner(fqdn string) *Endpoint {
	if c.fqdns == nil {
		c.fqdns = map[string]*Endpoint{}
		for _, e := range c.t.Endpoints {
			for _, f := range c.t.EndpointFqdns(e) {
				if _, dup := c.fqdns[strings.ToLower(f)]; !dup {
					c.fqdns[strings.ToLower(f)] = e
				}
			}
		}
	}
	return c.fqdns[strings.ToLower(fqdn)]
}

// fqdnNames are every endpoint name, for suggestions.
func (c *checker) fqdnNames() []string {
	c.fqdnOwner("")
	return sortedKeys(c.fqdns)
}
