package azure

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model"
)

// updateGolden rewrites the golden files: UPDATE_GOLDEN=1 go test ./model/azure/.
var updateGolden = os.Getenv("UPDATE_GOLDEN") != ""

// asgHolders are the endpoints that ARM keeps on NICs, which import does not
// read: what a user adds by hand before the estate's topology loads.
const asgHolders = `endpoints:
  - name: web-vm
    kind: VirtualMachine
    subnet: ml-vnet/compute
    applicationSecurityGroups: [web-asg]
  - name: app-vm
    kind: VirtualMachine
    subnet: ml-vnet/compute
    applicationSecurityGroups: [app-asg]
`

func TestImportGolden(t *testing.T) {
	const askOnPrem = "to fill in: gateway %s: whether on-premises advertises 0.0.0.0/0 (forced tunnelling) and what it does with internet-bound traffic are not in ARM: set onPremises.advertiseDefaultRoute and internetEgress (absent: no default route)"
	const askBGP = "to fill in: gateway %s: the prefixes on-premises advertises over BGP are not in ARM: list them in onPremises.addressPrefixes"
	tests := []struct {
		name  string
		files []string
		opts  Options
		extra string // YAML appended before loading
		notes []string
	}{{
		name:  "estate",
		files: []string{"vnets.json", "nsgs.json", "route-tables.json", "gateway.json"},
		opts:  Options{Name: "ml-estate"},
		extra: asgHolders,
		notes: []string{
			"application security group app-asg is used by compute-nsg/AllowWebToApp, but no imported endpoint is in it: membership is on NICs, so import the NICs (or list app-asg in an endpoint's applicationSecurityGroups)",
			"application security group web-asg is used by compute-nsg/AllowWebToApp, but no imported endpoint is in it: membership is on NICs, so import the NICs (or list web-asg in an endpoint's applicationSecurityGroups)",
			fmt.Sprintf(askBGP, "hub-vpngw"), fmt.Sprintf(askOnPrem, "hub-vpngw"),
		},
	}, {
		name:  "resource-graph",
		files: []string{"graph.json", "subnets.json"},
		notes: []string{
			"virtual machine app-vm-01 is left out: none of its network interfaces is in the input",
			fmt.Sprintf(askBGP, "weu-ergw"), fmt.Sprintf(askOnPrem, "weu-ergw"),
		},
	}, {
		// Bicep's languageVersion 2.0: a subnet and NSG added to a deployed
		// VNet that the template names as existing land in that VNet.
		name:  "bicep-existing",
		files: []string{"graph.json", "subnets.json", "bicep-existing.json"},
		notes: []string{
			"virtual machine app-vm-01 is left out: none of its network interfaces is in the input",
			fmt.Sprintf(askBGP, "weu-ergw"), fmt.Sprintf(askOnPrem, "weu-ergw"),
		},
	}, {
		name:  "template",
		files: []string{"template.json"},
		notes: []string{"1 public IP used by nothing imported (read with what uses it): tpl-bastion-pip"},
	}, {
		// References to what is not in the input are dropped and named, so
		// that the topology still loads.
		name:  "vnets-alone",
		files: []string{"vnets.json"},
		notes: []string{
			"subnet ml-vnet/aks: its network security group aks-nsg (resource group rg-network) is not in the input; the association is dropped (import that resource too to keep it)",
			"subnet ml-vnet/compute: its network security group compute-nsg (resource group rg-network) is not in the input; the association is dropped (import that resource too to keep it)",
			"subnet ml-vnet/compute: its route table compute-rt (resource group rg-network) is not in the input; the association is dropped (import that resource too to keep it)",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import(readInputs(t, tt.files), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Notes, tt.notes) {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(res.Notes, "\n"), strings.Join(tt.notes, "\n"))
			}
			got := yamlOf(t, res)
			checkGolden(t, filepath.Join("testdata", tt.name+".golden.yaml"), got)

			// The order of the inputs does not matter.
			backward := slices.Clone(tt.files)
			slices.Reverse(backward)
			reversed, err := Import(readInputs(t, backward), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if again := yamlOf(t, reversed); again != got {
				t.Errorf("output depends on the order of the inputs:\n%s", again)
			}
			assertLoads(t, got+tt.extra)
		})
	}
}

// assertLoads checks that model.Load accepts the topology with no errors.
func assertLoads(t *testing.T, topo string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "imported.yaml")
	if err := os.WriteFile(path, []byte(topo), 0o644); err != nil {
		t.Fatal(err)
	}
	top, diags := model.Load(path)
	for _, d := range diags.Errors() {
		t.Errorf("load: %s", d)
	}
	if top == nil {
		t.Fatalf("the imported topology does not load:\n%s", topo)
	}
}
