package azure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

func convertVNet(j *vnetJSON) (*model.VNet, error) {
	p := props(j.Properties, &j.vnetProps)
	v := &model.VNet{Name: j.Name, Location: j.Location, Subscription: after(j.ID, "subscriptions")}
	if p.AddressSpace != nil {
		v.AddressSpace = p.AddressSpace.AddressPrefixes
	}
	for i := range p.Subnets {
		v.Subnets = append(v.Subnets, convertSubnet(p.Subnets[i]))
	}
	for i := range p.VirtualNetworkPeerings {
		v.Peerings = append(v.Peerings, convertPeering(&p.VirtualNetworkPeerings[i]))
	}
	slices.SortFunc(v.Subnets, byName)
	slices.SortFunc(v.Peerings, byName)
	return v, nil
}

func convertSubnet(j subnetJSON) *model.Subnet {
	p := props(j.Properties, &j.subnetProps)
	// A template names a subnet resource "vnet/subnet".
	s := &model.Subnet{Name: j.Name[strings.LastIndexByte(j.Name, '/')+1:], AddressPrefix: p.AddressPrefix,
		NetworkSecurityGroup: refName(p.NetworkSecurityGroup), RouteTable: refName(p.RouteTable)}
	if s.AddressPrefix == "" && len(p.AddressPrefixes) > 0 {
		s.AddressPrefix = p.AddressPrefixes[0] // vnetsim has one prefix per subnet
	}
	for _, se := range p.ServiceEndpoints {
		s.ServiceEndpoints = append(s.ServiceEndpoints, se.Service)
	}
	for i := range p.Delegations {
		d := &p.Delegations[i]
		s.Delegations = append(s.Delegations, props(d.Properties, &d.delegationProps).ServiceName)
	}
	return s
}

// convertPeering always sets allowVirtualNetworkAccess, the one flag whose
// default is true, so that the output shows it; the other flags are written
// only when true, false being their default.
func convertPeering(j *peeringJSON) *model.Peering {
	p := props(j.Properties, &j.peeringProps)
	access := p.AllowVirtualNetworkAccess == nil || *p.AllowVirtualNetworkAccess
	return &model.Peering{Name: j.Name, RemoteVirtualNetwork: refName(p.RemoteVirtualNetwork),
		AllowVirtualNetworkAccess: &access,
		AllowForwardedTraffic:     p.AllowForwardedTraffic, AllowGatewayTransit: p.AllowGatewayTransit, UseRemoteGateways: p.UseRemoteGateways}
}

func convertNSG(j *nsgJSON) (*model.NetworkSecurityGroup, error) {
	p := props(j.Properties, &j.nsgProps)
	n := &model.NetworkSecurityGroup{Name: j.Name}
	for i := range p.SecurityRules {
		n.SecurityRules = append(n.SecurityRules, convertRule(&p.SecurityRules[i]))
	}
	slices.SortFunc(n.SecurityRules, cmpRules)
	return n, nil
}

// cmpRules orders rules as Azure evaluates them: inbound first, then by
// priority.
func cmpRules(a, b *model.SecurityRule) int {
	if c := strings.Compare(strings.ToLower(string(a.Direction)), strings.ToLower(string(b.Direction))); c != 0 {
		return c
	}
	if a.Priority != b.Priority {
		return a.Priority - b.Priority
	}
	return strings.Compare(a.Name, b.Name)
}

// convertRule keeps ARM's spelling of the enumerations; the model matches
// them case-insensitively on load.
func convertRule(j *ruleJSON) *model.SecurityRule {
	p := props(j.Properties, &j.ruleProps)
	r := &model.SecurityRule{Name: j.Name, Priority: p.Priority, Direction: model.Direction(p.Direction),
		Access: model.Access(p.Access), Description: p.Description,
		RuleMatch: model.RuleMatch{Protocol: model.Protocol(p.Protocol),
			SourceApplicationSecurityGroups:      refNames(p.SourceApplicationSecurityGroups),
			DestinationApplicationSecurityGroups: refNames(p.DestinationApplicationSecurityGroups)}}
	r.SourceAddressPrefix, r.SourceAddressPrefixes = oneSide(p.SourceAddressPrefix, p.SourceAddressPrefixes)
	r.SourcePortRange, r.SourcePortRanges = oneSide(p.SourcePortRange, p.SourcePortRanges)
	r.DestinationAddressPrefix, r.DestinationAddressPrefixes = oneSide(p.DestinationAddressPrefix, p.DestinationAddressPrefixes)
	r.DestinationPortRange, r.DestinationPortRanges = oneSide(p.DestinationPortRange, p.DestinationPortRanges)
	return r
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

func convertRouteTable(j *routeTableJSON) (*model.RouteTable, error) {
	p := props(j.Properties, &j.routeTableProps)
	t := &model.RouteTable{Name: j.Name, DisableBgpRoutePropagation: p.DisableBgpRoutePropagation}
	for i := range p.Routes {
		rp := props(p.Routes[i].Properties, &p.Routes[i].routeProps)
		t.Routes = append(t.Routes, &model.Route{Name: p.Routes[i].Name, AddressPrefix: rp.AddressPrefix,
			NextHopType: model.NextHopType(rp.NextHopType), NextHopIPAddress: rp.NextHopIPAddress})
	}
	slices.SortFunc(t.Routes, byName)
	return t, nil
}

// convertGateway finds the gateway's VNet through the subnet of its IP
// configuration, which Azure requires to be the GatewaySubnet.
func convertGateway(j *gatewayJSON) (*model.Gateway, error) {
	p := props(j.Properties, &j.gatewayProps)
	g := &model.Gateway{Name: j.Name}
	switch {
	case strings.EqualFold(p.GatewayType, string(model.Vpn)):
		g.Type = model.Vpn
	case strings.EqualFold(p.GatewayType, string(model.ExpressRoute)):
		g.Type = model.ExpressRoute
	default:
		return nil, fmt.Errorf("gateway %q: gatewayType %q is not Vpn or ExpressRoute", j.Name, p.GatewayType)
	}
	for i := range p.IPConfigurations {
		c := &p.IPConfigurations[i]
		if s := props(c.Properties, &c.ipConfigProps).Subnet; s != nil && strings.EqualFold(nameOf(s.ID), "GatewaySubnet") {
			g.VNet = parentVNet(s.ID, "")
			break
		}
	}
	if g.VNet == "" {
		return nil, fmt.Errorf("gateway %q: no ipConfigurations subnet is a GatewaySubnet, so its vnet is unknown", j.Name)
	}
	return g, nil
}

func refName(r *ref) string {
	if r == nil {
		return ""
	}
	return nameOf(r.ID)
}

func refNames(rs []ref) []string {
	var out []string
	for i := range rs {
		out = append(out, nameOf(rs[i].ID))
	}
	return out
}
