package model

import (
	"fmt"
	"strings"
	"testing"
)

// largeTopology is an estate at a fraction of Azure's per-region limits
// (azure-semantics.md §9): hub and spoke VNets, an NSG and a route table
// per VNet shared by its subnets, compute in every subnet.
func largeTopology(vnets, subnets, rules int) string {
	var b strings.Builder
	b.WriteString("version: 1\nlocation: eastus2\nworkspace: {name: ws, location: eastus2}\n")
	b.WriteString("serviceTags:\n  inline:\n    Storage.EastUS2: [20.38.96.0/19]\n    BatchNodeManagement.EastUS2: [20.36.0.0/27]\n")
	b.WriteString("vnets:\n  - name: hub\n    addressSpace: [10.255.0.0/16]\n    subnets: [{name: fw, addressPrefix: 10.255.0.0/26}]\n    peerings:\n")
	for v := range vnets {
		fmt.Fprintf(&b, "      - {name: to-%d, remoteVirtualNetwork: spoke-%d}\n", v, v)
	}
	for v := range vnets {
		fmt.Fprintf(&b, "  - name: spoke-%d\n    addressSpace: [10.%d.%d.0/22]\n    peerings: [{name: to-hub, remoteVirtualNetwork: hub}]\n    subnets:\n", v, v/64, (v%64)*4)
		for s := range subnets {
			fmt.Fprintf(&b, "      - {name: s%d, addressPrefix: 10.%d.%d.%d/29, networkSecurityGroup: nsg-%d, routeTable: rt-%d}\n",
				s, v/64, (v%64)*4+s/32, (s%32)*8, v, v)
		}
	}
	b.WriteString("networkSecurityGroups:\n")
	for v := range vnets {
		fmt.Fprintf(&b, "  - name: nsg-%d\n    securityRules:\n", v)
		for r := range rules {
			fmt.Fprintf(&b, "      - {name: r%d, priority: %d, direction: Inbound, access: Allow, protocol: Tcp, sourceAddressPrefix: BatchNodeManagement.EastUS2, destinationPortRange: \"%d\"}\n", r, 100+r, 1000+r)
		}
	}
	b.WriteString("routeTables:\n")
	for v := range vnets {
		fmt.Fprintf(&b, "  - name: rt-%d\n    routes:\n      - {name: default, addressPrefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHopIpAddress: 10.255.0.4}\n      - {name: batch, addressPrefix: BatchNodeManagement.EastUS2, nextHopType: Internet}\n", v)
	}
	b.WriteString("appliances: [{name: fw, subnet: hub/fw, privateIpAddress: 10.255.0.4, enableIpForwarding: true}]\nendpoints:\n")
	for v := range vnets {
		for s := range subnets {
			fmt.Fprintf(&b, "  - {name: c-%d-%d, kind: AmlCompute, subnet: spoke-%d/s%d, nodeCount: 2}\n", v, s, v, s)
		}
	}
	return b.String()
}

// BenchmarkLoadLarge loads and validates 500 VNets of 100 subnets (50,000
// subnets and compute endpoints, 25,000 NSG rules).
func BenchmarkLoadLarge(b *testing.B) {
	text := []byte(largeTopology(500, 100, 50))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := NewSource()
		s.AddBytes("large.yaml", text)
		if topo, diags := s.Topology(); topo == nil {
			b.Fatal(diags.Error())
		}
	}
}

func TestLargeTopologyWarnings(t *testing.T) {
	// The generated estate is valid; its only findings are the lints it
	// is built to show: every subnet routes 0.0.0.0/0 to the firewall
	// with AllowVnetInBound kept.
	s := NewSource()
	s.AddBytes("large.yaml", []byte(largeTopology(3, 2, 2)))
	topo, diags := s.Topology()
	if topo == nil {
		t.Fatal(diags.Error())
	}
	for _, d := range diags {
		if d.Code != "default_route_vnet_inbound" {
			t.Errorf("unexpected: %s", d)
		}
	}
	if len(diags) != 6 {
		t.Errorf("%d diagnostics, want one per subnet (6)", len(diags))
	}
}
