package model

import "fmt"

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
		}
	}
}

// checkAppliances checks network virtual appliances and Azure Firewalls.
func (c *checker) checkAppliances() {
	checkNames(c, "appliance", c.t.Appliances, func(a *Appliance) string { return a.Name }, true)
	for _, a := range c.t.Appliances {
		m := &a.Meta
		sub := c.subnetRef(m, "subnet", a.Subnet)
		if c.required(m, "privateIpAddress", a.PrivateIPAddress) {
			c.nicAddress(m, "privateIpAddress", a.PrivateIPAddress, sub, fmt.Sprintf("appliance %q", a.Name))
		}
		if s := a.Snat; s != nil {
			if s.PublicIPAddress == "" {
				c.errorf(&s.Meta, "publicIpAddress", "appliance_snat", "snat needs a publicIpAddress, the address internet-bound traffic leaves with")
			}
			c.publicAddr(&s.Meta, "publicIpAddress", s.PublicIPAddress, "appliance_snat")
		}
		c.checkApplianceRules(a)
	}
}
