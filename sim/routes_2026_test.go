package sim

import (
	"fmt"
	"strings"
	"testing"
)

// routeRows renders a subnet's effective routes as "source state prefixes
// hop" lines.
func routeRows(t *testing.T, n *Network, sub string) string {
	t.Helper()
	entries, ok := n.EffectiveRoutes(sub)
	if !ok {
		t.Fatalf("no subnet %s", sub)
	}
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, "%s %s %v %s\n", e.Source, e.State, e.Prefixes, e.NextHopType)
	}
	return b.String()
}

func wantRow(t *testing.T, rows, row string) {
	t.Helper()
	if !strings.Contains(rows, row+"\n") {
		t.Errorf("no row %q in:\n%s", row, rows)
	}
}

const peRoutesTopo = `version: 1
location: eastus2
serviceTags:
  inline: {Storage.EastUS2: [20.38.96.0/19]}
vnets:
  - name: hub
    addressSpace: [10.1.0.0/16]
    subnets:
      - {name: pe, addressPrefix: 10.1.1.0/24, privateEndpointNetworkPolicies: %s}
    peerings: [{name: to-spoke, remoteVirtualNetwork: spoke}]
  - name: spoke
    addressSpace: [10.2.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.2.1.0/24, routeTable: rt, serviceEndpoints: [Microsoft.Storage]}
    peerings: [{name: to-hub, remoteVirtualNetwork: hub}]
  - name: far
    addressSpace: [10.3.0.0/16]
    subnets: [{name: s, addressPrefix: 10.3.1.0/24}]
routeTables:
  - name: rt
    routes:
      - {name: hub-via-nva, addressPrefix: 10.1.0.0/16, nextHopType: VirtualAppliance, nextHopIpAddress: 10.2.1.10}
      - {name: default, addressPrefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHopIpAddress: 10.2.1.10}
      - {name: storage, addressPrefix: 20.38.96.0/19, nextHopType: Internet}
endpoints:
  - name: st
    kind: StorageAccount
    privateEndpoints: [{subnet: hub/pe, privateIpAddress: 10.1.1.5}]
`

// TestPrivateEndpointRoutes: a private endpoint's /32 InterfaceEndpoint
// route is in its VNet and directly peered VNets, not further; with
// route-table network policies a user route as wide as the address space
// invalidates it, while 0.0.0.0/0 never does (azure-semantics.md §3, §14;
// "Manage network policies for private endpoints").
func TestPrivateEndpointRoutes(t *testing.T) {
	n := compileYAML(t, fmt.Sprintf(peRoutesTopo, "Disabled"))
	wantRow(t, routeRows(t, n, "hub/pe"), "Default Active [10.1.1.5/32] InterfaceEndpoint")
	wantRow(t, routeRows(t, n, "spoke/s"), "Default Active [10.1.1.5/32] InterfaceEndpoint")
	if rows := routeRows(t, n, "far/s"); strings.Contains(rows, "InterfaceEndpoint") {
		t.Errorf("an unpeered VNet has the route:\n%s", rows)
	}
	if got := winningRef(t, n, "spoke/s", "10.1.1.5"); got != "system:spoke/s:10.1.1.5/32" {
		t.Errorf("policies disabled: the /32 should beat the /16 user route, got %s", got)
	}
	n = compileYAML(t, fmt.Sprintf(peRoutesTopo, "RouteTableEnabled"))
	wantRow(t, routeRows(t, n, "spoke/s"), "Default Invalid [10.1.1.5/32] InterfaceEndpoint")
	if got := winningRef(t, n, "spoke/s", "10.1.1.5"); got != "route:rt:hub-via-nva" {
		t.Errorf("policies enabled: the /16 user route should win, got %s", got)
	}
	// Only 0.0.0.0/0 around: the /32 stays.
	n = compileYAML(t, strings.Replace(fmt.Sprintf(peRoutesTopo, "Enabled"), "      - {name: hub-via-nva", "      - {name: x, addressPrefix: 10.9.0.0/16, nextHopType: None}\n      #", 1))
	wantRow(t, routeRows(t, n, "spoke/s"), "Default Active [10.1.1.5/32] InterfaceEndpoint")
}

// TestRouteStatesPerPrefix: a service endpoint route stays Active over a
// user route of the same prefix (it cannot be overridden), and a gateway
// entry whose prefixes are only partly overridden is shown as an Active and
// an Invalid row (azure-semantics.md §3).
func TestRouteStatesPerPrefix(t *testing.T) {
	n := compileYAML(t, fmt.Sprintf(peRoutesTopo, "Disabled"))
	rows := routeRows(t, n, "spoke/s")
	wantRow(t, rows, "Default Active [20.38.96.0/19] VirtualNetworkServiceEndpoint")
	wantRow(t, rows, "User Invalid [20.38.96.0/19] Internet")

	n = compileYAML(t, `version: 1
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24, routeTable: rt}]
gateways:
  - {name: gw, vnet: v, type: Vpn, onPremises: {addressPrefixes: [192.168.1.0/24, 192.168.2.0/24]}}
routeTables:
  - name: rt
    routes: [{name: drop, addressPrefix: 192.168.2.0/24, nextHopType: None}]
`)
	rows = routeRows(t, n, "v/s")
	wantRow(t, rows, "VirtualNetworkGateway Active [192.168.1.0/24] VirtualNetworkGateway")
	wantRow(t, rows, "VirtualNetworkGateway Invalid [192.168.2.0/24] VirtualNetworkGateway")
}
