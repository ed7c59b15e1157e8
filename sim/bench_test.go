package sim

import (
	"net/netip"
	"testing"

	"github.com/seancfoley/ipaddress-go/ipaddr"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/synth"
	"github.com/vnetsim/vnetsim/sim/hs"
)

const exampleTopology = "../scenarios/topologies/aml-secure.yaml"

// generated100 is the target estate: 100 VNets of 10 subnets, 50-rule
// NSGs and 20-route tables, and 100 compute endpoints with their standard
// intents.
var generated100 = synth.Options{VNets: 100, SubnetsPerVNet: 10, RulesPerNSG: 50, RoutesPerTable: 20, ComputeEndpoints: 100, Seed: 1}

// loadGenerated loads a synthetic topology, failing on any error.
func loadGenerated(b *testing.B, o synth.Options) *model.Topology {
	b.Helper()
	src := model.NewSource()
	src.AddBytes("generated.yaml", synth.Generate(o))
	topo, diags := src.Topology()
	if topo == nil {
		b.Fatalf("generated topology:\n%s", diags.Errors().Error())
	}
	return topo
}

func loadExample(b *testing.B) *model.Topology {
	b.Helper()
	topo, diags := model.Load(exampleTopology)
	if topo == nil {
		b.Fatalf("%s:\n%s", exampleTopology, diags.Errors().Error())
	}
	return topo
}

// compileCheckAll compiles the topology and proves every intent: what
// `vnetsim check` does after loading. NSGs and routes compile lazily into
// the Network, so each round starts from a fresh one.
func compileCheckAll(b *testing.B, topo *model.Topology) {
	n, err := Compile(topo)
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range n.Intents() {
		if _, err := n.CheckIntent(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadExample(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadExample(b)
	}
}

func BenchmarkCheckExample(b *testing.B) {
	topo := loadExample(b)
	b.ReportAllocs()
	for b.Loop() {
		compileCheckAll(b, topo)
	}
}

// BenchmarkLoadGenerated100 is the parse and validation that precede
// BenchmarkCheckGenerated100 in `vnetsim check`.
func BenchmarkLoadGenerated100(b *testing.B) {
	data := synth.Generate(generated100)
	b.ReportAllocs()
	for b.Loop() {
		src := model.NewSource()
		src.AddBytes("generated.yaml", data)
		if topo, diags := src.Topology(); topo == nil {
			b.Fatal(diags.Errors().Error())
		}
	}
}

func BenchmarkCheckGenerated100(b *testing.B) {
	topo := loadGenerated(b, generated100)
	b.ReportAllocs()
	for b.Loop() {
		compileCheckAll(b, topo)
	}
}

// compileOne compiles a one-spoke, one-subnet estate and returns its spoke
// subnet.
func compileOne(b *testing.B, o synth.Options) (*Network, *subnet) {
	b.Helper()
	o.VNets, o.SubnetsPerVNet = 1, 1
	n, err := Compile(loadGenerated(b, o))
	if err != nil {
		b.Fatal(err)
	}
	return n, n.bySubnet["spoke-000/snet-00"]
}

// BenchmarkCompileNSG1000 compiles both directions of a 1,000-rule NSG
// (Azure's limit) in its subnet.
func BenchmarkCompileNSG1000(b *testing.B) {
	n, s := compileOne(b, synth.Options{RulesPerNSG: 1000, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		for _, dir := range []model.Direction{model.Inbound, model.Outbound} {
			if _, err := n.compileNSG(s.nsg, dir, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEffectiveRoutes600 builds the effective routes of a subnet
// whose table has 600 routes (Azure's limit), with BGP routes from the
// hub's gateway and a service endpoint.
func BenchmarkEffectiveRoutes600(b *testing.B) {
	n, s := compileOne(b, synth.Options{RoutesPerTable: 600, ComputeEndpoints: 1, BGPDefaultRoute: true, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		n.buildRoutes(s, true)
	}
}

// BenchmarkTraceExample traces one flow of the example: a cpu-cluster node
// to the workspace storage account's public address, Tcp 443.
func BenchmarkTraceExample(b *testing.B) {
	n, err := Compile(loadExample(b))
	if err != nil {
		b.Fatal(err)
	}
	src, err := n.ResolvePlace("cpu-cluster")
	if err != nil {
		b.Fatal(err)
	}
	dst, err := n.ResolvePlace("ws-storage")
	if err != nil {
		b.Fatal(err)
	}
	q := Query{Source: src, Destination: dst, Protocol: model.Tcp, DestinationPorts: []string{"443"}}
	p := hs.Packet{Src: hs.MustParseAddr("10.0.1.4"), Dst: dst.Addrs.Ranges()[0].Lo, Proto: hs.Tcp, SrcPort: 1024, DstPort: 443}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Trace(q, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWhatifOneRule: what-if of a one-rule patch on the 100-VNet
// estate (issue: compare with a full check, BenchmarkCheckGenerated100).
// The patch turns one spoke subnet's Batch rule into a deny.
func BenchmarkWhatifOneRule(b *testing.B) {
	src := model.NewSource()
	src.AddBytes("generated.yaml", synth.Generate(generated100))
	before, diags := src.Topology()
	if before == nil {
		b.Fatal(diags.Errors().Error())
	}
	src.AddBytes("patch.yaml", []byte(`networkSecurityGroups:
  - name: spoke-000-snet-00-nsg
    securityRules:
      - {name: AllowBatchNodeManagementInbound, access: Deny}
`))
	after, diags := src.Topology()
	if after == nil {
		b.Fatal(diags.Errors().Error())
	}
	b.ReportAllocs()
	for b.Loop() {
		nb, err := Compile(before)
		if err != nil {
			b.Fatal(err)
		}
		na, err := Compile(after)
		if err != nil {
			b.Fatal(err)
		}
		ic, _, err := Diff(nb, na)
		if err != nil {
			b.Fatal(err)
		}
		if len(ic) == 0 {
			b.Fatal("the patch changes no intent")
		}
	}
}

// routeLookupAddrs are 1,024 addresses spread over the IPv4 space.
func routeLookupAddrs() []netip.Addr {
	out := make([]netip.Addr, 1024)
	for i := range out {
		v := uint32(i) * 4194301 // a stride coprime with 2^32
		out[i] = netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}
	return out
}

// BenchmarkRouteLookup600 looks up 1,024 destinations in the effective
// routes of a 600-route table with the interval map the engine uses (the
// selection rules and exceptions are compiled in).
func BenchmarkRouteLookup600(b *testing.B) {
	n, s := compileOne(b, synth.Options{RoutesPerTable: 600, ComputeEndpoints: 1, BGPDefaultRoute: true, Seed: 1})
	rt := n.routes(s)
	addrs := routeLookupAddrs()
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range addrs {
			rt.lookup(hs.IPSetOf(netip.PrefixFrom(a, 32)))
		}
	}
}

// BenchmarkRouteLookup600Trie is the same lookups in ipaddress-go's
// associative trie, plain longest-prefix match only (no tie-breaking, no
// exceptions): the structure the design suggests, for comparison.
func BenchmarkRouteLookup600Trie(b *testing.B) {
	n, s := compileOne(b, synth.Options{RoutesPerTable: 600, ComputeEndpoints: 1, BGPDefaultRoute: true, Seed: 1})
	trie := ipaddr.NewIPv4AddressAssociativeTrie()
	for _, e := range n.routes(s).entries {
		for _, p := range e.Prefixes {
			a := ipaddr.NewIPAddressString(p.String()).GetAddress().ToIPv4()
			trie.Put(a, e)
		}
	}
	var keys []*ipaddr.IPv4Address
	for _, a := range routeLookupAddrs() {
		keys = append(keys, ipaddr.NewIPAddressString(a.String()).GetAddress().ToIPv4())
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range keys {
			trie.LongestPrefixMatchNode(k)
		}
	}
}
