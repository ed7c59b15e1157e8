package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// Marks that lead an item in a subnet row.
const (
	markEndpoint        = "■ "
	markAppliance       = "◆ "
	markGateway         = "▲ "
	markPrivateEndpoint = "● "
)

// vnetViews gathers what each VNet box shows: its subnets with their NSG
// and route table, and what sits in each subnet (workloads and private
// endpoints from the topology, appliances and gateways from the compiled
// graph).
func vnetViews(n *sim.Network, fg *sim.FlowGraph) []*vnetView {
	t := n.Topo
	items := map[string][]string{} // subnet ID -> items
	for _, ep := range t.Endpoints {
		if ep.Subnet != "" {
			items[ep.Subnet] = append(items[ep.Subnet], markEndpoint+endpointLabel(ep))
		}
		for _, pe := range ep.PrivateEndpoints {
			items[pe.Subnet] = append(items[pe.Subnet], fmt.Sprintf("%sprivate endpoint of %s %s", markPrivateEndpoint, ep.Name, pe.PrivateIPAddress))
		}
	}
	for _, nd := range fg.FlowNodes() {
		if subnet, label := placedNode(nd, t); subnet != "" {
			items[subnet] = append(items[subnet], label)
		}
	}
	var out []*vnetView
	for _, v := range t.VNets {
		vv := &vnetView{m: v}
		endpoints, marks := 0, []string{}
		for i, s := range v.Subnets {
			its := items[s.ID()]
			for _, it := range its {
				if strings.HasPrefix(it, markEndpoint) {
					endpoints++
				} else if !strings.HasPrefix(it, markPrivateEndpoint) {
					marks = append(marks, it)
				}
			}
			if i >= maxSubnetRows {
				vv.more++
				continue
			}
			if len(its) > maxItems {
				its = append(its[:maxItems-1:maxItems-1], fmt.Sprintf("+ %d more", len(its)-maxItems+1))
			}
			vv.subnets = append(vv.subnets, subnetView{id: s.ID(), name: s.Name + " · " + s.AddressPrefix, meta: subnetMeta(s), items: its})
		}
		vv.endpoints = endpoints
		vv.summary = strings.Join(append([]string{plural(len(v.Subnets), "subnet") + ", " + plural(endpoints, "endpoint")}, marks...), " · ")
		out = append(out, vv)
	}
	return out
}

// placedNode is the subnet and label of an appliance or gateway node.
func placedNode(nd *sim.FlowNode, t *model.Topology) (subnet, label string) {
	name, _ := strings.CutPrefix(nd.Name, nd.Kind+" ")
	switch nd.Kind {
	case "appliance":
		for _, a := range t.Appliances {
			if a.Name == name {
				fwd := "no IP forwarding"
				if a.EnableIPForwarding {
					fwd = "forwarding"
				}
				return a.Subnet, fmt.Sprintf("%sappliance %s %s, %s", markAppliance, name, a.PrivateIPAddress, fwd)
			}
		}
	case "gateway":
		for _, g := range t.Gateways {
			if g.Name == name {
				return nd.Group + "/GatewaySubnet", fmt.Sprintf("%sgateway %s (%s)", markGateway, name, g.Type)
			}
		}
	}
	return "", ""
}

func endpointLabel(ep *model.Endpoint) string {
	parts := []string{ep.Name, string(ep.Kind)}
	if ep.NodeCount > 0 {
		parts = append(parts, fmt.Sprintf("%d nodes", ep.NodeCount))
	}
	parts = append(parts, ep.IPAddresses...)
	if ep.PrivateIPAddress != "" {
		parts = append(parts, ep.PrivateIPAddress)
	}
	if ep.PublicIPAddress != "" {
		parts = append(parts, "public "+ep.PublicIPAddress)
	}
	return strings.Join(parts, " · ")
}

func subnetMeta(s *model.Subnet) string {
	nsg, rt := "no NSG", "no route table"
	if s.NetworkSecurityGroup != "" {
		nsg = "NSG " + s.NetworkSecurityGroup
	}
	if s.RouteTable != "" {
		rt = "routes " + s.RouteTable
	}
	parts := []string{nsg, rt}
	if len(s.ServiceEndpoints) > 0 {
		var ses []string
		for _, se := range s.ServiceEndpoints {
			ses = append(ses, strings.TrimPrefix(se, "Microsoft."))
		}
		parts = append(parts, "svc endpoints "+strings.Join(ses, ", "))
	}
	return strings.Join(parts, " · ")
}

// peerings pairs up the VNets' peerings, in the order first declared.
func peerings(t *model.Topology) []peeringLink {
	var out []peeringLink
	for _, v := range t.VNets {
		for _, p := range v.Peerings {
			i := slices.IndexFunc(out, func(l peeringLink) bool {
				return l.A == p.RemoteVirtualNetwork && l.B == v.Name && l.BName == ""
			})
			if i < 0 {
				out = append(out, peeringLink{A: v.Name, B: p.RemoteVirtualNetwork})
				i = len(out) - 1
			}
			l := &out[i]
			if l.A == v.Name {
				l.AName = p.Name
			} else {
				l.BName = p.Name
			}
			l.Denied = l.Denied || !p.AllowsAccess()
			if f := peeringFlags(p); f != "" {
				l.Flags = strings.TrimPrefix(l.Flags+"; "+p.Name+": "+f, "; ")
			}
		}
	}
	return out
}

func peeringFlags(p *model.Peering) string {
	var fs []string
	for _, f := range []struct {
		on   bool
		name string
	}{{!p.AllowsAccess(), "no virtual network access"}, {p.AllowForwardedTraffic, "allowForwardedTraffic"},
		{p.AllowGatewayTransit, "allowGatewayTransit"}, {p.UseRemoteGateways, "useRemoteGateways"}} {
		if f.on {
			fs = append(fs, f.name)
		}
	}
	return strings.Join(fs, ", ")
}

// externalLink joins a VNet to a place outside the VNets, with the refs of
// the graph edges between them.
type externalLink struct {
	vnet, ext string
	refs      []string
}

func (c externalLink) title() string {
	refs := c.refs
	if len(refs) > 6 {
		refs = append(refs[:6:6], fmt.Sprintf("+%d more", len(c.refs)-6))
	}
	t := c.vnet + " ⇄ " + c.ext
	if len(refs) > 0 {
		t += ": " + strings.Join(refs, ", ")
	}
	return t
}

// serviceEndpointsNode is the graph's one node for every service
// endpoint; the drawing links each PaaS service instead.
const serviceEndpointsNode = "service endpoints"

// externalLinks joins VNets to outside places: one link per pair from the
// graph's edges between their nodes, and one per PaaS virtual network rule
// that a subnet's service endpoint makes effective.
func externalLinks(fg *sim.FlowGraph, t *model.Topology) []externalLink {
	var out []externalLink
	for _, e := range fg.FlowEdges() {
		from, to := e.From().(*sim.FlowNode), e.To().(*sim.FlowNode)
		if from.Group == "" {
			from, to = to, from
		}
		if from.Group != "" && to.Group == "" && to.Name != serviceEndpointsNode {
			out = addLink(out, from.Group, to.Name, e.Refs...)
		}
	}
	for _, ep := range t.Endpoints {
		if ep.Firewall == nil || ep.Kind.ServiceEndpointFor() == "" {
			continue
		}
		for _, id := range ep.Firewall.VirtualNetworkRules {
			if s := findSubnet(t, id); s != nil && hasServiceEndpoint(s, ep.Kind.ServiceEndpointFor()) {
				out = addLink(out, s.VNet.Name, "paas "+ep.Name, "service endpoint "+id)
			}
		}
	}
	return out
}

func addLink(out []externalLink, vnet, ext string, refs ...string) []externalLink {
	i := slices.IndexFunc(out, func(c externalLink) bool { return c.vnet == vnet && c.ext == ext })
	if i < 0 {
		out = append(out, externalLink{vnet: vnet, ext: ext})
		i = len(out) - 1
	}
	for _, r := range refs {
		if !slices.Contains(out[i].refs, r) {
			out[i].refs = append(out[i].refs, r)
		}
	}
	return out
}

func findSubnet(t *model.Topology, id string) *model.Subnet {
	for _, v := range t.VNets {
		for _, s := range v.Subnets {
			if s.ID() == id {
				return s
			}
		}
	}
	return nil
}

func hasServiceEndpoint(s *model.Subnet, name string) bool {
	return slices.ContainsFunc(s.ServiceEndpoints, func(se string) bool { return strings.EqualFold(se, name) })
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "s") {
		return fmt.Sprintf("%d %ses", n, what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}
