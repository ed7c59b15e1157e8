package azure

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/synth"
	"gopkg.in/yaml.v3"
)

// A 1,000-VNet estate (vnetsim gen's hub and spokes: 4 subnets each with
// their NSG of 20 rules and route table of 10 routes, peerings, a gateway,
// compute clusters) as Azure Resource Graph would return it. The import
// must take no longer than validating what it writes (issue 10).

// estate is a generated estate as a Resource Graph result, and its service
// tags as YAML to append to what the import writes.
type estate struct {
	graph []byte
	tags  string
}

var estates sync.Map // VNet count -> *estate

func benchEstate(tb testing.TB, vnets int) *estate {
	if e, ok := estates.Load(vnets); ok {
		return e.(*estate)
	}
	data := synth.Generate(synth.Options{VNets: vnets, SubnetsPerVNet: 4, RulesPerNSG: 20, RoutesPerTable: 10, ComputeEndpoints: vnets / 10, Seed: 1})
	path := filepath.Join(tb.TempDir(), "estate.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	top, diags := model.Load(path)
	if top == nil {
		tb.Fatal(diags.Errors())
	}
	tags, err := yaml.Marshal(map[string]any{"serviceTags": top.ServiceTags})
	if err != nil {
		tb.Fatal(err)
	}
	e := &estate{graph: resourceGraph(top), tags: string(tags)}
	estates.Store(vnets, e)
	return e
}

// resourceGraph writes a topology as a Resource Graph result
// ({"count", "data"}, lower-case types, settings under properties).
func resourceGraph(t *model.Topology) []byte {
	const rg = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-estate/providers/"
	id := func(typ, name string) string { return rg + typ + "/" + name }
	ref := func(typ, name string) any {
		if name == "" {
			return nil
		}
		return map[string]any{"id": id(typ, name)}
	}
	var rows []any
	row := func(typ, name string, props map[string]any) {
		rows = append(rows, map[string]any{"id": id(typ, name), "name": name, "type": strings.ToLower(typ),
			"location": t.Location, "resourceGroup": "rg-estate", "properties": props})
	}
	for _, v := range t.VNets {
		var subnets, peerings []any
		for _, s := range v.Subnets {
			var eps []any
			for _, e := range s.ServiceEndpoints {
				eps = append(eps, map[string]any{"service": e})
			}
			subnets = append(subnets, map[string]any{"id": id("Microsoft.Network/virtualNetworks", v.Name+"/subnets/"+s.Name), "name": s.Name,
				"properties": map[string]any{"addressPrefix": s.AddressPrefix, "networkSecurityGroup": ref("Microsoft.Network/networkSecurityGroups", s.NetworkSecurityGroup),
					"routeTable": ref("Microsoft.Network/routeTables", s.RouteTable), "serviceEndpoints": eps}})
		}
		for _, p := range v.Peerings {
			peerings = append(peerings, map[string]any{"id": id("Microsoft.Network/virtualNetworks", v.Name+"/virtualNetworkPeerings/"+p.Name), "name": p.Name,
				"properties": map[string]any{"remoteVirtualNetwork": ref("Microsoft.Network/virtualNetworks", p.RemoteVirtualNetwork),
					"allowVirtualNetworkAccess": p.AllowsAccess(), "allowForwardedTraffic": p.AllowForwardedTraffic,
					"allowGatewayTransit": p.AllowGatewayTransit, "useRemoteGateways": p.UseRemoteGateways, "peeringState": "Connected"}})
		}
		row("Microsoft.Network/virtualNetworks", v.Name, map[string]any{"addressSpace": map[string]any{"addressPrefixes": v.AddressSpace},
			"subnets": subnets, "virtualNetworkPeerings": peerings})
	}
	for _, n := range t.NetworkSecurityGroups {
		var rules []any
		for _, r := range n.SecurityRules {
			b, _ := json.Marshal(r.RuleMatch)
			var props map[string]any
			_ = json.Unmarshal(b, &props)
			props["priority"], props["direction"], props["access"] = r.Priority, r.Direction, r.Access
			rules = append(rules, map[string]any{"name": r.Name, "id": id("Microsoft.Network/networkSecurityGroups", n.Name+"/securityRules/"+r.Name), "properties": props})
		}
		row("Microsoft.Network/networkSecurityGroups", n.Name, map[string]any{"securityRules": rules})
	}
	for _, rt := range t.RouteTables {
		var routes []any
		for _, r := range rt.Routes {
			routes = append(routes, map[string]any{"name": r.Name, "properties": map[string]any{"addressPrefix": r.AddressPrefix,
				"nextHopType": r.NextHopType, "nextHopIpAddress": r.NextHopIPAddress}})
		}
		row("Microsoft.Network/routeTables", rt.Name, map[string]any{"routes": routes, "disableBgpRoutePropagation": rt.DisableBgpRoutePropagation})
	}
	for _, g := range t.Gateways {
		row("Microsoft.Network/virtualNetworkGateways", g.Name, map[string]any{"gatewayType": g.Type, "ipConfigurations": []any{
			map[string]any{"name": "default", "properties": map[string]any{"subnet": ref("Microsoft.Network/virtualNetworks", g.VNet+"/subnets/GatewaySubnet")}}}})
	}
	if w := t.Workspace; w != nil {
		row("Microsoft.MachineLearningServices/workspaces", w.Name, map[string]any{})
		for _, e := range t.Endpoints {
			if e.Kind != model.AmlCompute {
				continue
			}
			vnet, sub, _ := strings.Cut(e.Subnet, "/")
			rows = append(rows, map[string]any{"id": id("Microsoft.MachineLearningServices/workspaces", w.Name+"/computes/"+e.Name), "name": e.Name,
				"type": "microsoft.machinelearningservices/workspaces/computes", "location": t.Location,
				"properties": map[string]any{"computeType": "AmlCompute", "properties": map[string]any{
					"subnet":        ref("Microsoft.Network/virtualNetworks", vnet+"/subnets/"+sub),
					"scaleSettings": map[string]any{"maxNodeCount": e.NodeCount}, "enableNodePublicIp": false}}})
		}
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(map[string]any{"count": len(rows), "data": rows, "skip_token": nil, "total_records": len(rows)})
	return buf.Bytes()
}

// importedTopology is the YAML the import writes for the estate, with its
// service tags.
func importedTopology(tb testing.TB, vnets int) string {
	e := benchEstate(tb, vnets)
	res, err := Import([]Input{{Name: "graph.json", Data: e.graph}}, Options{Name: "estate"})
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.WriteYAML(&b); err != nil {
		tb.Fatal(err)
	}
	return b.String() + e.tags
}

// TestImportGeneratedEstate checks the benchmark's estate, at a thirtieth of its
// size: every VNet, subnet, NSG and compute cluster comes through, and the
// topology validates.
func TestImportGeneratedEstate(t *testing.T) {
	const vnets = 30
	topo := importedTopology(t, vnets)
	path := filepath.Join(t.TempDir(), "estate.yaml")
	if err := os.WriteFile(path, []byte(topo), 0o644); err != nil {
		t.Fatal(err)
	}
	top, diags := model.Load(path)
	if top == nil {
		t.Fatalf("%v", diags.Errors())
	}
	if len(top.VNets) != vnets+1 || len(top.NetworkSecurityGroups) < vnets*4 || len(top.Endpoints) != vnets/10 {
		t.Errorf("%d vnets, %d NSGs, %d endpoints", len(top.VNets), len(top.NetworkSecurityGroups), len(top.Endpoints))
	}
}

func BenchmarkImportResourceGraph1000(b *testing.B) {
	graph := benchEstate(b, 1000).graph
	b.SetBytes(int64(len(graph)))
	for b.Loop() {
		res, err := Import([]Input{{Name: "graph.json", Data: graph}}, Options{Name: "estate"})
		if err != nil {
			b.Fatal(err)
		}
		if err := res.WriteYAML(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateImported1000 is vnetsim validate of what the import
// writes: the yardstick of BenchmarkImportResourceGraph1000.
func BenchmarkValidateImported1000(b *testing.B) {
	path := filepath.Join(b.TempDir(), "estate.yaml")
	if err := os.WriteFile(path, []byte(importedTopology(b, 1000)), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if top, diags := model.Load(path); top == nil {
			b.Fatal(diags.Errors())
		}
	}
}
