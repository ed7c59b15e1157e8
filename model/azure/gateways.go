package azure

import (
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// gateways builds VPN and ExpressRoute gateways. What lies behind them comes
// from their connections: a site-to-site connection's local network
// gateway gives the on-premises prefixes; an ExpressRoute circuit's routes
// and what on-premises does with internet-bound traffic are not in ARM, so
// the import asks.
func (b *builder) gateways() {
	ns := map[string]bool{}
	type conn struct {
		r *resource
		j *connectionJSON
	}
	byGateway := map[string][]conn{}
	for _, r := range b.of(typeConnection) {
		j, ok := decode[connectionJSON](b, r, r.node)
		if !ok {
			continue
		}
		for _, g := range []*ref{j.VirtualNetworkGateway1, j.VirtualNetworkGateway2} {
			if gr := b.lookup(idOf(g), typeGateway); gr != nil {
				byGateway[gr.key] = append(byGateway[gr.key], conn{r, j})
			}
		}
	}
	for _, r := range b.of(typeGateway) {
		j, ok := decode[gatewayJSON](b, r, r.node)
		if !ok {
			continue
		}
		g := &model.Gateway{}
		switch {
		case strings.EqualFold(j.GatewayType, "Vpn"):
			g.Type = model.Vpn
		case strings.EqualFold(j.GatewayType, "ExpressRoute"):
			g.Type = model.ExpressRoute
		default:
			b.im.notes.add(noteDropped, "virtual network gateway %s is left out: gatewayType %q is not Vpn or ExpressRoute", r.name, j.GatewayType)
			continue
		}
		for _, c := range j.IPConfigurations {
			if p := b.lookup(idOf(c.PublicIPAddress), typePublicIP); p != nil {
				b.used[p.key] = true // the gateway's own address, which no flow vnetsim proves uses
			}
			if s := b.subnetFor(idOf(c.Subnet)); s != nil && strings.EqualFold(s.name, "GatewaySubnet") {
				g.VNet = s.vnet
				break
			}
		}
		if g.VNet == "" {
			b.im.notes.add(noteDropped, "virtual network gateway %s is left out: none of its IP configurations is in a GatewaySubnet of the input, so its vnet is unknown", r.name)
			continue
		}
		g.Name = b.name(ns, r, "")
		var prefixes []string
		askRoutes := false
		for _, c := range byGateway[r.key] {
			b.used[c.r.key] = true
			switch {
			case strings.EqualFold(c.j.ConnectionType, "IPsec"):
				lr := b.lookup(idOf(c.j.LocalNetworkGateway2), typeLocalGateway)
				if lr == nil {
					b.im.notes.add(noteDropped, "connection %s: its local network gateway %s is not in the input; the on-premises prefixes behind it are unknown", c.r.name, idOrName(idOf(c.j.LocalNetworkGateway2)))
					continue
				}
				b.used[lr.key] = true
				if lj, ok := decode[localGatewayJSON](b, lr, lr.node); ok && lj.LocalNetworkAddressSpace != nil {
					prefixes = append(prefixes, b.knownList(lr, "localNetworkAddressSpace", lj.LocalNetworkAddressSpace.AddressPrefixes)...)
				}
			case strings.EqualFold(c.j.ConnectionType, "ExpressRoute"):
				askRoutes = true
			default:
				b.im.notes.add(noteNotModelled, "connection %s (%s) is not modelled: vnetsim models the on-premises side of site-to-site and ExpressRoute connections", c.r.name, c.j.ConnectionType)
			}
		}
		slices.Sort(prefixes)
		prefixes = slices.Compact(prefixes)
		if len(prefixes) > 0 {
			g.OnPremises = &model.OnPremises{AddressPrefixes: prefixes}
		}
		if askRoutes || len(prefixes) == 0 {
			b.im.notes.ask("gateway %s: the prefixes on-premises advertises over BGP are not in ARM: list them in onPremises.addressPrefixes", g.Name)
		}
		b.im.notes.ask("gateway %s: whether on-premises advertises 0.0.0.0/0 (forced tunnelling) and what it does with internet-bound traffic are not in ARM: set onPremises.advertiseDefaultRoute and internetEgress (absent: no default route)", g.Name)
		b.from(g, r)
		b.t.Gateways = append(b.t.Gateways, g)
	}
}
