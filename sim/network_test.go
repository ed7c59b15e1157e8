package sim

import (
	"testing"
)

// TestNodeAddressAllocation: nodes take the subnet's addresses after the
// four Azure reserves, in file order, skipping what is fixed elsewhere.
func TestNodeAddressAllocation(t *testing.T) {
	n := compileYAML(t, `
version: 1
name: alloc
location: eastus2
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/29}
appliances:
  - {name: nva, subnet: v/s, privateIpAddress: 10.0.1.5, enableIpForwarding: true}
endpoints:
  - {name: a, kind: AmlCompute, subnet: v/s, nodeCount: 1}
  - {name: b, kind: AmlCompute, subnet: v/s, nodeCount: 2}
`)
	cases := map[string]string{"a": "10.0.1.4", "b": "10.0.1.6"} // .5 is the appliance's, .7 the last
	for name, want := range cases {
		if got := n.byNIC[name].addrs.String(); got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
	}
}
