package sim

import (
	"slices"
	"testing"
)

func TestFlowGraph(t *testing.T) {
	n := compileFile(t, "../scenarios/topologies/hub-spoke.yaml")
	fg, err := n.Graph()
	if err != nil {
		t.Fatal(err)
	}
	nodes := fg.FlowNodes()
	for i, nd := range nodes {
		if nd.ID() != int64(i) || (i > 0 && nodes[i-1].Name >= nd.Name) {
			t.Fatalf("node IDs must be dense in sorted-name order: %d %s", nd.ID(), nd.Name)
		}
	}
	for _, want := range []string{"nic vm1", "router spoke1/workload", "vnet spoke2", "peering hub/hub-to-spoke2", "appliance hub-nva", "internet"} {
		if _, ok := fg.NodeByName(want); !ok {
			t.Errorf("no node %q", want)
		}
	}
	edge := func(from, to string) *FlowEdge {
		a, _ := fg.NodeByName(from)
		b, _ := fg.NodeByName(to)
		if a == nil || b == nil || fg.Edge(a.ID(), b.ID()) == nil {
			t.Fatalf("no edge %s -> %s", from, to)
		}
		return fg.Edge(a.ID(), b.ID()).(*FlowEdge)
	}
	if e := edge("router spoke1/workload", "appliance hub-nva"); !slices.Contains(e.Refs, "route:spoke1-rt:to-spoke2") {
		t.Errorf("the route to the appliance should name route:spoke1-rt:to-spoke2, got %v", e.Refs)
	}
	if e := edge("peering hub/hub-to-spoke2", "vnet spoke2"); !slices.Contains(e.Refs, "peering:hub:hub-to-spoke2") {
		t.Errorf("the peering edge should name its peering, got %v", e.Refs)
	}
	if e := edge("router spoke1/workload", "appliance hub-nva"); e.Set.DstAddrs().String() != "10.2.0.0/16" {
		t.Errorf("the route edge carries destinations %s, want 10.2.0.0/16", e.Set.DstAddrs())
	}
}
