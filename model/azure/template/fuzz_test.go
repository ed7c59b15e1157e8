package template

import (
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// FuzzTemplate evaluates arbitrary templates: no panic, no hang, no
// unbounded memory (the budget and ARM's loop limits stop it), and every
// error positioned in the file. Seeds: the shapes the evaluator handles,
// and the corpus in testdata/fuzz.
func FuzzTemplate(f *testing.F) {
	for _, seed := range []string{
		`{"parameters": {"n": {"type": "int", "defaultValue": 3}}, "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[concat('v', copyIndex())]", "copy": {"name": "c", "count": "[parameters('n')]"}, "properties": {"copy": [{"name": "subnets", "count": 2, "input": {"name": "[string(copyIndex('subnets'))]"}}]}}]}`,
		`{"variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": [{"type": "x/y", "name": "[variables('a')]"}]}`,
		`{"languageVersion": "2.0", "resources": {"r": {"type": "Microsoft.Network/routeTables", "name": "rt", "properties": {"x": "[reference('r').y]"}}}}`,
		`{"functions": [{"namespace": "ns", "members": {"f": {"parameters": [{"name": "a"}], "output": {"value": "[ns.f(parameters('a'))]"}}}}], "resources": [{"type": "x/y", "name": "[ns.f('a')]"}]}`,
		`{"resources": [{"type": "Microsoft.Resources/deployments", "name": "d", "properties": {"template": {"resources": [{"type": "Microsoft.Resources/deployments", "name": "e", "properties": {"template": {}}}]}}}]}`,
		`{"resources": [{"type": "x/y", "name": "[format('{0}{1}{99}', 'a')]"}]}`,
		`{"resources": [{"type": "x/y", "name": "[padLeft('a', 2000000000)]"}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Evaluate(File{Name: "t.json", Data: data}, nil, Options{Unknowns: &unknown.Table{}})
		if err == nil {
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "t.json") && !strings.HasPrefix(line, "--parameter") {
				t.Fatalf("an error line is not positioned: %q", line)
			}
		}
	})
}
