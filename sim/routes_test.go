package sim

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

// TestRoutingExample reproduces the effective routes of the routing
// example, route by route with states (azure-semantics.md §3).
func TestRoutingExample(t *testing.T) {
	n := compileFile(t, "../scenarios/topologies/routing-example.yaml")
	for _, sub := range []string{"Subnet1", "Subnet2"} {
		t.Run(sub, func(t *testing.T) {
			entries, ok := n.EffectiveRoutes("Virtual-network-1/" + sub)
			if !ok {
				t.Fatal("no subnet")
			}
			var b strings.Builder
			for _, e := range entries {
				fmt.Fprintf(&b, "%-21s %-7s %-40s %s %s %s\n", e.Source, e.State, fmt.Sprint(e.Prefixes), e.NextHopType, e.NextHopIP, e.Name)
			}
			golden(t, "testdata/routes/routing-example-"+sub+".golden", b.String())
		})
	}
}

// winningRef is the ref of the route that carries dst from subnet sub.
func winningRef(t *testing.T, n *Network, sub, dst string) string {
	t.Helper()
	a := netip.MustParseAddr(dst)
	hits := n.routes(n.bySubnet[sub]).lookup(hs.IPSetOf(netip.PrefixFrom(a, 32)))
	if len(hits) != 1 {
		t.Fatalf("%s from %s: %d routes", dst, sub, len(hits))
	}
	return hits[0].c.ref
}

// routeCase: from subnet sub, destination dst takes the route whose ref is want.
type routeCase struct{ name, sub, dst, want string }

func checkRoutes(t *testing.T, n *Network, cases []routeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := winningRef(t, n, c.sub, c.dst); got != c.want {
				t.Errorf("%s from %s: got %s, want %s", c.dst, c.sub, got, c.want)
			}
		})
	}
}

// TestRouteSelection checks every selection rule and exception of
// azure-semantics.md §3.
func TestRouteSelection(t *testing.T) {
	n := compileFile(t, "../scenarios/topologies/routing-example.yaml")
	const s1 = "Virtual-network-1/Subnet1"
	cases := []routeCase{
		{"longest prefix: /24 user over /16 user", s1, "10.0.0.9", "route:Subnet1-rt:Within-Subnet1"},
		{"equal prefix: user over default", s1, "10.0.1.9", "route:Subnet1-rt:Within-VNet1"},
		{"user None over peering", s1, "10.1.0.4", "route:Subnet1-rt:ToVNet2-1-Drop"},
		{"user over gateway on equal prefix", s1, "10.10.1.1", "route:Subnet1-rt:To-On-Prem"},
		{"user 0/0 over default 0/0", s1, "198.51.100.1", "route:Subnet1-rt:Default-NVA"},
		{"service endpoint route", s1, "52.239.1.1", "system:Virtual-network-1/Subnet1:52.239.0.0/17"},
		{"defaults: VNet", "Virtual-network-1/Subnet2", "10.0.0.9", "system:Virtual-network-1/Subnet2:10.0.0.0/16"},
		{"defaults: peering", "Virtual-network-1/Subnet2", "10.2.3.4", "system:Virtual-network-1/Subnet2:10.2.0.0/16"},
		{"defaults: gateway", "Virtual-network-1/Subnet2", "10.10.3.4", "bgp:vpn-gw:10.10.0.0/16"},
		{"defaults: reserved None", "Virtual-network-1/Subnet2", "10.20.0.1", "system:Virtual-network-1/Subnet2:10.0.0.0/8"},
		{"defaults: internet", "Virtual-network-1/Subnet2", "8.8.8.8", "system:Virtual-network-1/Subnet2:0.0.0.0/0"},
	}
	checkRoutes(t, n, cases)
}

const exceptionsTopo = `
version: 1
name: route-exceptions
location: eastus2
serviceTags:
  inline:
    Storage.EastUS2: [52.239.0.0/17]
    AzureCloud.eastus2: [52.239.0.0/17, 40.0.0.0/8]
    AzureCloud: [40.0.0.0/8]
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.0.0/24, routeTable: rt, serviceEndpoints: [Microsoft.Storage]}
      - {name: plain, addressPrefix: 10.0.1.0/24}
      - {name: nobgp, addressPrefix: 10.0.2.0/24, routeTable: nobgp-rt}
routeTables:
  - name: rt
    routes:
      - {name: storage-more-specific, addressPrefix: 52.239.1.0/24, nextHopType: None}
      - {name: regional-tag, addressPrefix: AzureCloud.eastus2, nextHopType: None}
      - {name: global-tag, addressPrefix: AzureCloud, nextHopType: Internet}
      - {name: explicit, addressPrefix: 40.0.0.0/8, nextHopType: VirtualNetworkGateway}
  - name: nobgp-rt
    disableBgpRoutePropagation: true
gateways:
  - name: gw
    vnet: v
    type: Vpn
    onPremises:
      addressPrefixes: [10.0.0.128/25, 192.168.0.0/16]
      advertiseDefaultRoute: true
      internetEgress: Drop
`

func TestRouteExceptions(t *testing.T) {
	n := compileYAML(t, exceptionsTopo)
	cases := []routeCase{
		{"service endpoint can't be overridden, even by a longer user route", "v/s", "52.239.1.1", "system:v/s:52.239.0.0/17"},
		{"explicit prefix beats tags on equal prefix", "v/s", "40.1.1.1", "route:rt:explicit"},
		{"VNet route beats a more specific BGP route", "v/plain", "10.0.0.200", "system:v/plain:10.0.0.0/16"},
		{"BGP beats default on equal prefix", "v/plain", "8.8.8.8", "bgp:gw:0.0.0.0/0"},
		{"BGP route outside the VNet", "v/plain", "192.168.1.1", "bgp:gw:192.168.0.0/16"},
		{"disableBgpRoutePropagation drops gateway routes", "v/nobgp", "8.8.8.8", "system:v/nobgp:0.0.0.0/0"},
		{"disableBgpRoutePropagation: on-premises falls to None", "v/nobgp", "192.168.1.1", "system:v/nobgp:192.168.0.0/16"},
	}
	checkRoutes(t, n, cases)
}

func TestRegionalTagBeatsGlobalTag(t *testing.T) {
	n := compileYAML(t, strings.Replace(exceptionsTopo, "{name: explicit, addressPrefix: 40.0.0.0/8, nextHopType: VirtualNetworkGateway}", "{name: other, addressPrefix: 41.0.0.0/8, nextHopType: None}", 1))
	if got := winningRef(t, n, "v/s", "40.1.1.1"); got != "route:rt:regional-tag" {
		t.Errorf("got %s, want the regional tag route", got)
	}
}
