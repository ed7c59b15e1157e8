package sim

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// checkPartition: the delivered packets and the blocked regions are
// disjoint and together are exactly the query's packets, and each blocked
// witness is a member of its region.
func checkPartition(t *testing.T, name string, r *Result) {
	t.Helper()
	union := r.Delivered
	for _, b := range r.Blocked {
		if !union.Intersect(b.Set).IsEmpty() {
			t.Errorf("%s: region %s %s overlaps others", name, b.Reason, b.Ref)
		}
		if !b.Set.Contains(b.Witness) {
			t.Errorf("%s: witness %v is not in its region %s", name, b.Witness, b.Set)
		}
		union = union.Union(b.Set)
	}
	if !union.Equal(r.Packets) {
		t.Errorf("%s: delivered and blocked do not cover the query exactly", name)
	}
	want := model.Partial
	switch {
	case len(r.Blocked) == 0:
		want = model.Reachable
	case r.Delivered.IsEmpty():
		want = model.Blocked
	}
	if r.Verdict != want {
		t.Errorf("%s: verdict %s, want %s", name, r.Verdict, want)
	}
}

// TestResultsPartitionTheQuery over every intent of every scenario.
func TestResultsPartitionTheQuery(t *testing.T) {
	files, _ := filepath.Glob("../scenarios/*/*.yaml")
	for _, f := range files {
		if strings.Contains(f, "/patches/") {
			continue
		}
		src, _, diags := scenarioOptions.Open(f)
		if src == nil {
			t.Fatalf("%s: %s", f, diags.Errors().Error())
		}
		topo, diags := src.Topology()
		if topo == nil {
			t.Fatalf("%s: %s", f, diags.Errors().Error())
		}
		n, err := Compile(topo)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range n.Intents() {
			r, err := n.CheckIntent(in)
			if err != nil {
				t.Fatalf("%s: %s: %v", f, in.Name, err)
			}
			checkPartition(t, f+": "+in.Name, r)
		}
	}
}

// TestSharedFrontendNeedsEveryNode: a public address in front of several
// nodes delivers a packet only if every node accepts it (docs/semantics.md
// §5); here the NSG admits only the first node.
func TestSharedFrontendNeedsEveryNode(t *testing.T) {
	n := compileYAML(t, `
version: 1
name: shared-frontend
location: eastus2
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24, networkSecurityGroup: nsg}
networkSecurityGroups:
  - name: nsg
    securityRules:
      - {name: only-first, priority: 100, direction: Inbound, access: Allow, protocol: Tcp,
         sourceAddressPrefix: "*", destinationAddressPrefix: 10.0.1.4, destinationPortRange: "443"}
endpoints:
  - {name: pool, kind: BatchPool, subnet: v/s, nodeCount: 2, publicIpAddress: 20.0.0.1}
  - {name: client, kind: External, addressPrefixes: [203.0.113.0/30]}
`)
	src, _ := n.ResolvePlace("client")
	dst, _ := n.ResolvePlace("20.0.0.1")
	r, err := n.Prove(Query{Source: src, Destination: dst, Protocol: model.Tcp, DestinationPorts: []string{"443"}})
	if err != nil {
		t.Fatal(err)
	}
	checkPartition(t, "shared frontend", r)
	if r.Verdict != model.Blocked || r.Blocked[0].Ref != "nsg:nsg:DenyAllInBound" {
		t.Fatalf("got %s %v, want Blocked by nsg:nsg:DenyAllInBound (the second node)", r.Verdict, r.Blocked)
	}
	if w := r.Blocked[0].Witness; w.Dst != hs.MustParseAddr("20.0.0.1") {
		t.Errorf("witness %v should be in query coordinates (the public address)", w)
	}
}
