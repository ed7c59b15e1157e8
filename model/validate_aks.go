package model

import "net/netip"

// checkAKSRanges checks the address ranges AKS uses inside the cluster: the
// service range must not overlap any subnet, the DNS service address must
// lie in it, and the docker bridge must overlap neither (the seeds, "AKS";
// Azure's own example bridge is an interface address, 172.17.0.1/16).
func (c *checker) checkAKSRanges(e *Endpoint) {
	m := &e.Meta
	svc, hasSvc := c.prefix(m, "serviceCidr", e.ServiceCidr)
	if hasSvc {
		c.overlappingSubnets(m, "serviceCidr", e.ServiceCidr, svc, "aks_service_cidr")
	}
	if a, ok := c.addr(m, "dnsServiceIp", e.DNSServiceIP); ok {
		switch {
		case e.ServiceCidr == "":
			c.errorf(m, "dnsServiceIp", "aks_dns_service_ip", "dnsServiceIp needs a serviceCidr to lie in")
		case hasSvc && !svc.Contains(a):
			c.report(Error, m, "dnsServiceIp", []Pos{m.At("serviceCidr")}, "aks_dns_service_ip",
				"dnsServiceIp %q is outside serviceCidr %q", e.DNSServiceIP, e.ServiceCidr)
		}
	}
	if e.DockerBridgeCidr == "" {
		return
	}
	bridge, err := ParseInterfacePrefix(e.DockerBridgeCidr)
	if err != nil {
		c.errorf(m, "dockerBridgeCidr", "bad_prefix", "%v", err)
		return
	}
	c.overlappingSubnets(m, "dockerBridgeCidr", e.DockerBridgeCidr, bridge, "aks_docker_bridge")
	if hasSvc && bridge.Overlaps(svc) {
		c.report(Error, m, "dockerBridgeCidr", []Pos{m.At("serviceCidr")}, "aks_docker_bridge",
			"dockerBridgeCidr %q overlaps serviceCidr %q", e.DockerBridgeCidr, e.ServiceCidr)
	}
}

// overlappingSubnets reports, under code, every subnet that the range p,
// written as value at key, overlaps.
func (c *checker) overlappingSubnets(m *Meta, key, value string, p netip.Prefix, code string) {
	for _, s := range c.t.Subnets() {
		if sp, ok := c.subnetPrefix[s]; ok && sp.Overlaps(p) {
			c.report(Error, m, key, []Pos{s.At("addressPrefix")}, code,
				"%s %q overlaps subnet %q (%s)", key, value, s.ID(), sp)
		}
	}
}
