package azure

import (
	"slices"
	"strings"
	"testing"
)

// TestTemplateAddresses: a template's address for a dynamic configuration
// (az group export records the deployed one) is kept and marked assumed;
// a configuration without one gets the next free address, around it.
func TestTemplateAddresses(t *testing.T) {
	nic := func(name, ipc string) string {
		return `{"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "` + name + `", "location": "westeurope",
		  "properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": {` + ipc + `
		    "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]"}}}]}}`
	}
	tpl := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
	  "resources": [
	    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "v", "location": "westeurope",
	     "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/24"]}, "subnets": [{"name": "s", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
	    ` + nic("exported-nic", `"privateIPAddress": "10.0.0.4", "privateIPAllocationMethod": "Dynamic",`) + `,
	    ` + nic("new-nic", `"privateIPAllocationMethod": "Dynamic",`) + `,
	    ` + nic("static-nic", `"privateIPAddress": "10.0.0.5", "privateIPAllocationMethod": "Static",`) + `]}`
	r, err := Import([]Input{{Name: "export.json", Data: []byte(tpl)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := yamlOf(t, r)
	for _, want := range []string{
		"  # from export.json:5:6 Microsoft.Network/networkInterfaces exported-nic\n  # ipAddresses: assumed: Azure assigns it at deployment (the notes say how it was chosen; check after deploying)\n  - name: exported-nic\n    kind: VirtualMachine\n    subnet: v/s\n    ipAddresses:\n      - 10.0.0.4\n",
		"  # ipAddresses: assumed: Azure assigns it at deployment (the notes say how it was chosen; check after deploying)\n  - name: new-nic\n    kind: VirtualMachine\n    subnet: v/s\n    ipAddresses:\n      - 10.0.0.6\n",
		"  # from export.json:11:6 Microsoft.Network/networkInterfaces static-nic\n  - name: static-nic\n    kind: VirtualMachine\n    subnet: v/s\n    ipAddresses:\n      - 10.0.0.5\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the output has no\n%s\nin\n%s", want, got)
		}
	}
	notes := []string{
		"1 private address of dynamic IP configurations is the one the template records (az group export records the deployed ones; a new deployment may assign others: check with az network nic show after deploying)",
		"1 private address that Azure assigns at deployment is given here as Azure gives them, the next free address of the subnet, in the order the input lists them (Azure follows the order of deployment: check with az network nic show after deploying)",
	}
	for _, n := range notes {
		if !slices.Contains(r.Notes, n) {
			t.Errorf("no note %q in\n%s", n, strings.Join(r.Notes, "\n"))
		}
	}
}
