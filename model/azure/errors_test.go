package azure

import (
	"strings"
	"testing"
)

func TestImportErrors(t *testing.T) {
	const vnetID = `/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/`
	tests := []struct {
		name   string
		inputs []Input
		want   []string // the lines of the error, in order
	}{{
		name:   "malformed",
		inputs: []Input{{Name: "bad.json", Data: []byte("[\n  {\"type\": \"Microsoft.Network/virtualNetworks\",\n   \"name\": \"v\" \"location\": \"x\"}\n]")}},
		want:   []string{`bad.json:3:16: invalid character '"' after object element`},
	}, {
		name:   "truncated",
		inputs: []Input{{Name: "cut.json", Data: []byte("[\n  {\"type\": \"x\"")}},
		want:   []string{`cut.json:2:15: unexpected end of JSON input`},
	}, {
		name:   "empty",
		inputs: []Input{{Name: "<stdin>", Data: []byte(" \n")}},
		want:   []string{`<stdin>:1:1: the file is empty`},
	}, {
		name:   "no resources",
		inputs: []Input{{Name: "none.json", Data: []byte(`[]`)}, {Name: "names.json", Data: []byte(`{"value": ["a", {"name": "b"}]}`)}},
		want: []string{
			`none.json:1:1: no Azure resources found (expected az network ... list or show output, a Resource Graph result or a REST API list: objects with an id or a type)`,
			`names.json:1:11: no Azure resources found (expected az network ... list or show output, a Resource Graph result or a REST API list: objects with an id or a type)`,
		},
	}, {
		name:   "no name",
		inputs: []Input{{Name: "v.json", Data: []byte(`[{}, {"type": "Microsoft.Network/virtualNetworks"}]`)}},
		want:   []string{`v.json:1:6: Microsoft.Network/virtualNetworks resource has no name`},
	}, {
		name: "wrong type",
		inputs: []Input{{Name: "nsg.json", Data: []byte(`{"data": [
  {"type": "Microsoft.Network/networkSecurityGroups", "name": "n",
   "properties": {"securityRules": [{"name": "r", "properties": {"priority": "100"}}]}}]}`)}},
		want: []string{`nsg.json:3:78: properties.securityRules[0].properties.priority: expected number, found string "100"`},
	}, {
		name: "nothing to import",
		inputs: []Input{{Name: "subnets.json", Data: []byte(`[{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "s",
  "id": "` + vnetID + `v/subnets/s", "addressPrefix": "10.0.0.0/24"},
  {"type": "Microsoft.Network/publicIPAddresses", "name": "pip", "id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip"}]`)}},
		want: []string{
			"nothing to import: the inputs hold 2 resources, and none makes a network object on its own:",
			"  1 public IP used by nothing imported (read with what uses it): pip",
			"  subnet v/s is left out: its vnet v (resource group rg) is not in the input (import the vnet too)",
		},
	}, {
		name: "not resources",
		inputs: []Input{
			{Name: "main.bicep", Data: []byte("param location string = resourceGroup().location\nresource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {\n}\n")},
			{Name: "main.tf", Data: []byte("resource \"azurerm_virtual_network\" \"main\" {\n}\n")},
			{Name: "topo.yaml", Data: []byte("version: 1\nvnets: []\n")},
			{Name: "terraform.tfstate", Data: []byte(`{"version": 4, "terraform_version": "1.9.0", "resources": []}`)},
			{Name: "routes.json", Data: []byte(`{"value": [{"source": "Default", "state": "Active", "addressPrefix": ["10.0.0.0/16"], "nextHopType": "VnetLocal"}]}`)},
			{Name: "p.json", Data: []byte(`{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`)},
		},
		want: []string{
			"main.bicep: Bicep source, which vnetsim reads compiled: az bicep build --file main.bicep --stdout | vnetsim import -",
			"main.tf: Terraform configuration (HCL), which vnetsim reads as a plan: terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json",
			"topo.yaml: already a vnetsim topology: give it to validate, check or diff, not to import",
			"terraform.tfstate: a raw Terraform state file, which vnetsim does not read: give `terraform show -json` output instead",
			"routes.json: Azure's effective routes of a NIC (az network nic show-effective-route-table): an output of Azure, not resources to import; compare it with vnetsim routes",
			"p.json: an ARM parameters file, but no template was given with it",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import(tt.inputs, Options{})
			if err == nil {
				t.Fatalf("no error; notes %q", res.Notes)
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}
