package model

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// minSubnetBits: Azure's smallest IPv4 subnet is a /29 (it reserves five
// addresses of each).
const minSubnetBits = 29

// checkVNets checks VNets and their subnets: names, address spaces,
// prefixes, where subnets lie, and what they refer to.
func (c *checker) checkVNets() {
	checkNames(c, "vnet", c.t.VNets, func(v *VNet) string { return v.Name }, true)
	for _, v := range c.t.VNets {
		if requiredList(c, &v.Meta, "addressSpace", v.AddressSpace) {
			c.spaces[v] = c.prefixes(&v.Meta, listValues("addressSpace", v.AddressSpace))
			c.checkOverlaps(&v.Meta, "overlapping_address_space", "address space", c.spaces[v])
		}
		checkNames(c, fmt.Sprintf("subnet of vnet %q", v.Name), v.Subnets, func(s *Subnet) string { return s.Name }, true)
		checkNames(c, fmt.Sprintf("peering of vnet %q", v.Name), v.Peerings, func(p *Peering) string { return p.Name }, true)
		for _, s := range v.Subnets {
			c.checkSubnet(v, s)
		}
		c.checkSubnetOverlaps(v)
	}
}

func (c *checker) checkSubnet(v *VNet, s *Subnet) {
	m := &s.Meta
	ref(c, m, "networkSecurityGroup", s.NetworkSecurityGroup, "network security group", &c.nsgs)
	ref(c, m, "routeTable", s.RouteTable, "route table", &c.routeTables)
	for _, se := range listValues("serviceEndpoints", s.ServiceEndpoints) {
		if _, ok := ServiceEndpointTags[se.value]; !ok {
			c.errorf(m, se.key, "bad_service_endpoint", "%q is not a service endpoint vnetsim knows%s",
				se.value, c.didYouMean(se.value, keysOf(ServiceEndpointTags)))
		}
	}
	if !c.required(m, "addressPrefix", s.AddressPrefix) {
		return
	}
	p, ok := c.prefix(m, "addressPrefix", s.AddressPrefix)
	if !ok {
		return
	}
	c.subnetPrefix[s] = p
	if p.Bits() > minSubnetBits {
		c.errorf(m, "addressPrefix", "subnet_too_small", "%q is smaller than /%d, the smallest subnet Azure allows", s.AddressPrefix, minSubnetBits)
	}
	space := c.spaces[v]
	if len(space) > 0 && !slices.ContainsFunc(space, func(k keyedPrefix) bool { return k.prefix.Bits() <= p.Bits() && k.prefix.Contains(p.Addr()) }) {
		c.errorf(m, "addressPrefix", "subnet_outside_vnet", "%q is outside the address space of vnet %q (%s)", s.AddressPrefix, v.Name, joinPrefixes(space))
	}
}

// checkSubnetOverlaps reports subnets of one VNet that overlap (Azure
// refuses them).
func (c *checker) checkSubnetOverlaps(v *VNet) {
	var subnets []*Subnet
	var ps []netip.Prefix
	for _, s := range v.Subnets {
		if p, ok := c.subnetPrefix[s]; ok {
			subnets, ps = append(subnets, s), append(ps, p)
		}
	}
	for _, pair := range overlapping(ps) {
		a, b := subnets[pair[0]], subnets[pair[1]]
		c.report(Error, &a.Meta, "addressPrefix", []Pos{b.At("addressPrefix")}, "overlapping_subnets",
			"subnet %q (%s) overlaps subnet %q (%s)", a.Name, a.AddressPrefix, b.Name, b.AddressPrefix)
	}
}

// checkOverlaps reports prefixes of one list (written in m) that overlap.
func (c *checker) checkOverlaps(m *Meta, code, what string, list []keyedPrefix) {
	ps := make([]netip.Prefix, len(list))
	for i, k := range list {
		ps[i] = k.prefix
	}
	for _, pair := range overlapping(ps) {
		a, b := list[pair[0]], list[pair[1]]
		c.report(Error, m, a.key, []Pos{m.At(b.key)}, code, "%s %s overlaps %s", what, a.prefix, b.prefix)
	}
}

func joinPrefixes(ps []keyedPrefix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.prefix.String()
	}
	return strings.Join(s, ", ")
}
