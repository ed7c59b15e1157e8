package model

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The model's types are also how vnetsim writes topologies: what yaml.v3
// marshals holds only what is set, and loads back as it was.
func TestMarshalRoundTrip(t *testing.T) {
	no := false
	in := &Topology{Version: 1, Name: "rt", Location: "eastus2",
		VNets: []*VNet{
			{Name: "a", AddressSpace: []string{"10.0.0.0/16"}, Subnets: []*Subnet{{Name: "s", AddressPrefix: "10.0.0.0/24", NetworkSecurityGroup: "n"}},
				Peerings: []*Peering{{Name: "a-b", RemoteVirtualNetwork: "b", AllowVirtualNetworkAccess: &no}}},
			{Name: "b", AddressSpace: []string{"10.1.0.0/16"},
				Peerings: []*Peering{{Name: "b-a", RemoteVirtualNetwork: "a", AllowForwardedTraffic: true}}},
		},
		NetworkSecurityGroups: []*NetworkSecurityGroup{{Name: "n", SecurityRules: []*SecurityRule{
			{Name: "r", Priority: 100, Direction: Inbound, Access: Deny, RuleMatch: RuleMatch{Protocol: Tcp, DestinationPortRange: "22"}},
		}}},
	}
	out, err := yaml.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, absent := range []string{"description", "meta", "pos", "path", "tags", "allowGatewayTransit", "useRemoteGateways", "routeTables", "sourceAddressPrefix"} {
		if strings.Contains(strings.ToLower(text), strings.ToLower(absent)+":") {
			t.Errorf("%s is written:\n%s", absent, text)
		}
	}
	for _, present := range []string{"version: 1", "allowVirtualNetworkAccess: false", "allowForwardedTraffic: true", "priority: 100"} {
		if !strings.Contains(text, present) {
			t.Errorf("%q is not written:\n%s", present, text)
		}
	}
	src := NewSource()
	src.AddBytes("rt.yaml", out)
	got, diags := src.Topology()
	if got == nil || diags.HasErrors() {
		t.Fatalf("does not load:\n%s\n%s", diags.Errors().Error(), text)
	}
	if p := got.VNets[0].Peerings[0]; p.AllowsAccess() || !got.VNets[1].Peerings[0].AllowForwardedTraffic {
		t.Errorf("peering flags did not round-trip:\n%s", text)
	}
	if r := got.NetworkSecurityGroups[0].SecurityRules[0]; r.Priority != 100 || r.Protocol != Tcp || r.DestinationPortRange != "22" {
		t.Errorf("rule did not round-trip: %+v", r)
	}
}
