package model

// checkGateways checks gateways and the on-premises side behind them.
func (c *checker) checkGateways() {
	checkNames(c, "gateway", c.t.Gateways, func(g *Gateway) string { return g.Name }, true)
	for _, g := range c.t.Gateways {
		m := &g.Meta
		if c.required(m, "vnet", g.VNet) {
			ref(c, m, "vnet", g.VNet, "vnet", &c.vnets)
		}
		c.required(m, "type", string(g.Type))
		if on := g.OnPremises; on != nil {
			c.prefixes(&on.Meta, listValues("addressPrefixes", on.AddressPrefixes))
			if on.InternetEgress == EgressSnat && on.SnatAddress == "" {
				c.errorf(&on.Meta, "internetEgress", "gateway_snat", "internetEgress Snat needs a snatAddress, the public address the internet sees")
			}
			c.publicAddr(&on.Meta, "snatAddress", on.SnatAddress, "gateway_snat")
			c.checkDNSServers(&on.Meta, "dnsServers", on.DNSServers)
		}
	}
}

// checkAppliances checks network virtual appliances and Azure Firewalls.
func (c *checker) checkAppliances() {
	checkNames(c, "appliance", c.t.Appliances, func(a *Appliance) string { return a.Name }, true)
	for _, a := range c.t.Appliances {
		c.checkAppliance(a)
	}
}
