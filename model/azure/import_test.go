package azure

import (
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
	tests := []struct {
		name  string
		files []string
		opts  Options
		extra string // YAML appended before loading
		notes []string
		// dangling: the output refers to resources not in the input, so it
		// does not load on its own (the notes say what is missing).
		dangling bool
	}{{
		name:  "estate",
		files: []string{"vnets.json", "nsgs.json", "route-tables.json", "gateway.json"},
		opts:  Options{Name: "ml-estate"},
		extra: asgHolders,
		notes: []string{
			"gateway hub-vpngw: fill in onPremises by hand (ARM does not describe what lies behind a gateway)",
			"application security groups app-asg, web-asg are used by security rules: list them in the applicationSecurityGroups of the endpoints that hold them (ARM keeps membership on NICs, which are not imported)",
		},
	}, {
		name:  "resource-graph",
		files: []string{"graph.json", "subnets.json"},
		notes: []string{
			"skipped 2 resources of types microsoft.compute/virtualmachines (1), microsoft.storage/storageaccounts (1)",
			"gateway weu-ergw: fill in onPremises by hand (ARM does not describe what lies behind a gateway)",
		},
	}, {
		name:  "template",
		files: []string{"template.json"},
		notes: []string{"skipped 1 resource of type Microsoft.Network/publicIPAddresses (1)"},
	}, {
		name:     "vnets-alone",
		files:    []string{"vnets.json"},
		dangling: true,
		notes: []string{
			`network security group "aks-nsg", used by subnet ml-vnet/aks, is not in the input`,
			`network security group "compute-nsg", used by subnet ml-vnet/compute, is not in the input`,
			`route table "compute-rt", used by subnet ml-vnet/compute, is not in the input`,
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
			if !tt.dangling {
				assertLoads(t, got+tt.extra)
			}
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
