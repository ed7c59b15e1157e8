package azure

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A plan whose unknown values the configuration resolves: ids through
// references (a module's input and output included), a route's next hop
// through the firewall's private address (assigned as Azure does), and
// association resources that set the subnet's NSG and route table, a NIC's
// ASG.
func TestTerraformGolden(t *testing.T) {
	res, err := Import(readInputs(t, []string{"terraform/hub-plan.json"}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"terraform/hub-plan.json: planned values: skipped Terraform resource types vnetsim does not read: azurerm_resource_group (1)",
		"3 private addresses that Azure assigns at deployment are given here as Azure gives them, the next free address of the subnet, in the order the input lists them (Azure follows the order of deployment: check with az network nic show after deploying)",
		"Azure Firewall hub-fw: its classic rule collections are in rule collection groups classic-<kind>-rules, one per kind",
		"to fill in: public IP fw-pip: Azure assigns its address at deployment; 203.0.113.1 (a documentation address) stands for it: replace it with az network public-ip show --ids /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/fw-pip --query ipAddress",
	}
	if !slices.Equal(res.Notes, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(res.Notes, "\n"), strings.Join(want, "\n"))
	}
	got := yamlOf(t, res)
	checkGolden(t, filepath.Join("testdata", "terraform", "hub-plan.golden.yaml"), got)
	assertLoads(t, got)
}

// A plan's two sides, and the overlays between them: a created route is
// added, a destroyed one deleted, what does not change is left alone.
func TestPlanOverlays(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "terraform", "forced-tunnel-plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ImportPlan(Input{Name: "plan.json", Data: data}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	prior, deletes, adds, err := p.Overlays()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(prior); got != "routeTables:\n    - name: compute-rt\n" {
		t.Errorf("prior:\n%s", got)
	}
	if got := string(deletes); got != "routeTables:\n    - $delete: true\n      name: compute-rt\n" {
		t.Errorf("deletes:\n%s", got)
	}
	if want := "- name: default-to-onprem\n          addressPrefix: 0.0.0.0/0\n          nextHopType: VirtualNetworkGateway\n"; !strings.Contains(string(adds), want) {
		t.Errorf("adds:\n%s", adds)
	}
	if a := p.Address("route:compute-rt:default-to-onprem"); a != "azurerm_route.default_to_onprem" {
		t.Errorf("the route's address is %q", a)
	}
	if a := p.Address("system:nowhere/x:0.0.0.0/0"); a != "" {
		t.Errorf("an element the plan does not hold has the address %q", a)
	}

	// The reverse plan destroys the route: it is deleted, and the route
	// table comes back without it.
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	planned := doc["planned_values"].(map[string]any)
	doc["planned_values"] = doc["prior_state"].(map[string]any)["values"]
	doc["prior_state"].(map[string]any)["values"] = planned
	doc["resource_changes"] = []any{}
	reversed, _ := json.Marshal(doc)
	p, err = ImportPlan(Input{Name: "plan.json", Data: reversed}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, deletes, adds, err = p.Overlays()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(deletes), "name: compute-rt") || strings.Contains(string(adds), "default-to-onprem") {
		t.Errorf("deletes:\n%s\nadds:\n%s", deletes, adds)
	}
}

func TestImportPlanRefusesOthers(t *testing.T) {
	_, err := ImportPlan(Input{Name: "state.json", Data: []byte(`{"format_version": "1.0", "values": {"root_module": {}}}`)}, Options{})
	if err == nil || err.Error() != "state.json: not a Terraform plan (give terraform show -json plan.tfplan output)" {
		t.Errorf("error %v", err)
	}
}

// AzAPI resources (as Azure Verified Modules write subnets) deploy ARM
// bodies: a subnet whose parent and NSG ids are unknown at plan time joins
// its VNet, and its NSG is the one the body's configuration refers to.
func TestTerraformAzapi(t *testing.T) {
	res, err := Import(readInputs(t, []string{"terraform/azapi-plan.json"}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := yamlOf(t, res)
	want := `      # from azapi_resource.subnet_app
      - name: app
        addressPrefix: 10.20.1.0/24
        networkSecurityGroup: app-nsg
        defaultOutboundAccess: false
`
	if !strings.Contains(got, want) {
		t.Errorf("no\n%s\nin\n%s", want, got)
	}
	notes := []string{
		"skipped 1 resource of 1 type that vnetsim does not read: Microsoft.Insights/diagnosticSettings (1)",
		"terraform/azapi-plan.json: planned values: skipped Terraform resource types vnetsim does not read: azurerm_resource_group (1)",
	}
	if !slices.Equal(res.Notes, notes) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(res.Notes, "\n"), strings.Join(notes, "\n"))
	}
	assertLoads(t, got)
}

// A state (terraform show -json of it) has every id: objects carry their
// address and id, association resources in a module set the subnet's NSG
// and route table, and a NIC's dynamic address is the deployed one.
func TestTerraformState(t *testing.T) {
	res, err := Import(readInputs(t, []string{"terraform/app-state.json"}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes: %q", res.Notes)
	}
	got := yamlOf(t, res)
	checkGolden(t, filepath.Join("testdata", "terraform", "app-state.golden.yaml"), got)
	assertLoads(t, got)
}
