package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/synth"
)

// BenchmarkValidate measures what `vnetsim validate` does (load, validate,
// compile, lint) beside the plain yaml.v3 decode of the same bytes, the
// yardstick of issue 13 (validate <= 2x decode): `go test -bench
// Validate ./sim/` and compare each estate's two lines.
func BenchmarkValidate(b *testing.B) {
	gen := func(vnets, subnets, rules, routes int) func() []byte {
		return func() []byte {
			return synth.Generate(synth.Options{VNets: vnets, SubnetsPerVNet: subnets, RulesPerNSG: rules, RoutesPerTable: routes, ComputeEndpoints: 10, Seed: 1})
		}
	}
	for _, estate := range []struct {
		name string
		data func() []byte
	}{
		{"spokes=10", gen(10, 4, 20, 10)}, // vnetsim gen's defaults
		{"spokes=100", gen(100, 4, 20, 10)},
		{"nsg=1000", gen(1, 1, 1000, 10)},
		{"nsg=2000", func() []byte { return denseNSG(2000) }},
	} {
		data := estate.data()
		b.Run(estate.name+"/decode", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var n yaml.Node
				if err := yaml.Unmarshal(data, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(estate.name+"/validate", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				src := model.NewSource()
				src.AddBytes("estate.yaml", data)
				topo, diags := src.Topology()
				if topo == nil && estate.name == "nsg=2000" && diags[0].Code == "nsg_rule_limit" {
					continue // Azure allows 1,000: refused, and the lint never runs
				}
				if topo == nil {
					b.Fatal(diags.Errors().Error())
				}
				n, err := Compile(topo)
				if err != nil {
					b.Fatal(err)
				}
				n.Lint()
			}
		})
	}
}

// denseNSG is a topology with one subnet whose NSG has rules rules, half
// inbound and half outbound, over random prefixes and ports: some overlap,
// many shadow others. At 2,000 it is twice Azure's limit, which validation
// refuses.
func denseNSG(rules int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("version: 1\nlocation: eastus2\nvnets:\n  - name: v\n    addressSpace: [10.0.0.0/8]\n    subnets: [{name: s, addressPrefix: 10.0.0.0/24, networkSecurityGroup: nsg}]\n")
	b.WriteString("networkSecurityGroups:\n  - name: nsg\n    securityRules:\n")
	for i := range rules {
		dir, side := "Inbound", "sourceAddressPrefix"
		if i%2 == 1 {
			dir, side = "Outbound", "destinationAddressPrefix"
		}
		bits := 8 + rng.IntN(21)
		prefix := fmt.Sprintf("10.%d.%d.0/%d", rng.IntN(256), rng.IntN(256), bits)
		if bits < 24 {
			prefix = fmt.Sprintf("10.%d.0.0/%d", rng.IntN(256)&^(1<<max(0, 16-bits)-1), min(bits, 16))
		}
		lo := 1 + rng.IntN(60000)
		access := []string{"Allow", "Deny"}[rng.IntN(2)]
		fmt.Fprintf(&b, "      - {name: r%d, priority: %d, direction: %s, access: %s, protocol: Tcp, %s: %s, destinationPortRange: \"%d-%d\"}\n",
			i, 100+i/2, dir, access, side, prefix, lo, lo+rng.IntN(2000))
	}
	return []byte(b.String())
}
