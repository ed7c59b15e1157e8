package azure

import (
	"slices"
	"strings"
	"testing"
)

// TestInputShapes: one VNet, in each shape az, Resource Graph and the REST
// API give it, imports to the same topology.
func TestInputShapes(t *testing.T) {
	const id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1"
	const rest = `{"id": "` + id + `", "name": "v1", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
	  "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
	    "subnets": [{"id": "` + id + `/subnets/a", "name": "a", "properties": {"addressPrefix": "10.1.0.0/24"}}]}}`
	shapes := map[string]string{
		"az show (REST shape)": rest,
		"az list":              `[` + rest + `]`,
		"az show (flattened)": `{"id": "` + id + `", "name": "v1", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
		  "addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
		  "subnets": [{"id": "` + id + `/subnets/a", "name": "a", "addressPrefix": "10.1.0.0/24"}]}`,
		"Resource Graph data":       `{"data": [` + rest + `]}`,
		"Resource Graph count+data": `{"count": 1, "data": [` + rest + `], "skip_token": null}`,
		"Resource Graph table": `{"data": {"columns": [{"name": "id", "type": "string"}, {"name": "name", "type": "string"},
		  {"name": "type", "type": "string"}, {"name": "location", "type": "string"}, {"name": "properties", "type": "object"}],
		  "rows": [["` + id + `", "v1", "microsoft.network/virtualnetworks", "westeurope",
		    {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
		     "subnets": [{"id": "` + id + `/subnets/a", "name": "a", "properties": {"addressPrefix": "10.1.0.0/24"}}]}]]}}`,
		"REST list":    `{"value": [` + rest + `], "nextLink": null}`,
		"REST example": `{"parameters": {"api-version": "2024-05-01"}, "responses": {"200": {"body": ` + rest + `}}}`,
	}
	want := ""
	for name, data := range shapes {
		r, err := Import([]Input{{Name: "in.json", Data: []byte(data)}}, Options{Name: "shapes"})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := yamlOf(t, r)
		if !strings.Contains(got, "addressPrefix: 10.1.0.0/24") || !strings.Contains(got, "# from "+id+"\n") {
			t.Errorf("%s: the VNet and its subnet are not imported:\n%s", name, got)
		}
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s: imports differently from the others:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

// TestNamesakes: resources that share a name keep distinct names, said in a
// note; a template's, whose resource group is not known, is told how to
// make it the deployed one.
func TestNamesakes(t *testing.T) {
	nsg := func(rg string) string {
		return `{"id": "/subscriptions/s1/resourceGroups/` + rg + `/providers/Microsoft.Network/networkSecurityGroups/default",
		  "name": "default", "type": "Microsoft.Network/networkSecurityGroups", "location": "westeurope", "properties": {}}`
	}
	deployed := Input{Name: "nsgs.json", Data: []byte(`[` + nsg("rg-a") + `, ` + nsg("rg-b") + `]`)}
	tpl := Input{Name: "t.json", Data: []byte(`{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
	  "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
	  "name": "default", "location": "westeurope", "properties": {}}]}`)}
	r, err := Import([]Input{deployed, tpl}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"network security group default (resource group rg-b) is named rg-b.default: another network security group already has the name default",
		"network security group default is named default.2: another network security group already has the name default (if the template deploys to that one's resource group, give --subscription and --resource-group: it then replaces it)",
	}
	if !slices.Equal(r.Notes, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(r.Notes, "\n"), strings.Join(want, "\n"))
	}
	// Given the resource group, the template's NSG is the deployed one.
	r, err = Import([]Input{deployed, tpl}, Options{Subscription: "s1", ResourceGroup: "rg-b"})
	if err != nil {
		t.Fatal(err)
	}
	if got := yamlOf(t, r); strings.Count(got, "  - name: ") != 2 || !strings.Contains(got, "# from t.json:") {
		t.Errorf("the template's NSG should replace rg-b's:\n%s", got)
	}
}
