package sim

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// og2026Keys are what the 2026 topologies must draw: every new element and
// every older one whose meaning changed.
var og2026Keys = []string{
	"defaultOutboundAccess: false", "natGateways:", "publicIpPrefixes:", "loadBalancers:", "probes:", "inboundNatRules:",
	"outboundRules:", "protocol: All", "disableOutboundSnat: true", "kind: AzureFirewall", "kind: Dnat", "kind: Network",
	"kind: Application", "destinationFqdns:", "forcedTunneling: true", "privateRanges:", "privateDnsZones:", "dnsServers:",
	"groupId: file", "privateEndpointNetworkPolicies:", "publicNetworkAccess: Disabled", "outboundType:", "fqdns:",
	"Microsoft.Storage.Global", "Storage.CentralUS", "AzurePlatformDNS", "allowVirtualNetworkAccess: false",
}

// TestOracleGenerator: the generator's topologies load, and a hundred or so
// draw every 2026 element.
func TestOracleGenerator(t *testing.T) {
	seen := map[string]int{}
	for seed := range uint64(120) {
		text := ogMarshal(ogenTopology(rand.New(rand.NewPCG(seed, 0x6e6e))))
		if _, err := ogLoad(t, text); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, text)
		}
		for _, k := range og2026Keys {
			if strings.Contains(text, k) {
				seen[k]++
			}
		}
	}
	for _, k := range og2026Keys {
		if seen[k] == 0 {
			t.Errorf("no topology draws %q", k)
		}
	}
}
