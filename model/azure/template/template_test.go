package template

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

func evaluate(t *testing.T, tpl string, params *File, opts Options) *Result {
	t.Helper()
	opts.Unknowns = &unknown.Table{}
	res, err := Evaluate(File{Name: "main.json", Data: []byte(tpl)}, params, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// names lists "type name" of the resources deployed.
func names(res *Result) []string {
	var out []string
	for _, r := range res.Resources {
		out = append(out, r.Type+" "+r.Name)
	}
	return out
}

func TestCopyConditionAndChildren(t *testing.T) {
	tpl := `{
  "parameters": {"n": {"type": "int", "defaultValue": 2}, "withNsg": {"type": "bool", "defaultValue": false}},
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "name": "[concat('vnet', copyIndex(1))]",
     "copy": {"name": "vnets", "count": "[parameters('n')]"},
     "properties": {"addressSpace": {"addressPrefixes": ["[format('10.{0}.0.0/16', copyIndex())]"]},
       "copy": [{"name": "subnets", "count": 2, "input": {"name": "[concat('s', copyIndex('subnets'))]",
         "properties": {"addressPrefix": "[format('10.{0}.{1}.0/24', copyIndex('vnets'), copyIndex('subnets'))]"}}}]},
     "resources": [{"type": "virtualNetworkPeerings", "name": "peer", "properties": {}}]},
    {"condition": "[parameters('withNsg')]", "type": "Microsoft.Network/networkSecurityGroups", "name": "nsg"}
  ]}`
	res := evaluate(t, tpl, nil, Options{})
	want := []string{"Microsoft.Network/virtualNetworks vnet1", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings vnet1/peer",
		"Microsoft.Network/virtualNetworks vnet2", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings vnet2/peer"}
	if got := names(res); !slices.Equal(got, want) {
		t.Errorf("resources %q, want %q", got, want)
	}
	props, _ := json.Marshal(res.Resources[2].Value["properties"])
	if w := `{"addressSpace":{"addressPrefixes":["10.1.0.0/16"]},"subnets":[{"name":"s0","properties":{"addressPrefix":"10.1.0.0/24"}},{"name":"s1","properties":{"addressPrefix":"10.1.1.0/24"}}]}`; string(props) != w {
		t.Errorf("properties %s, want %s", props, w)
	}
	if id := res.Resources[1].ID; id != "/subscriptions/"+PlaceholderSubscription+"/resourceGroups/"+PlaceholderResourceGroup+"/providers/Microsoft.Network/virtualNetworks/vnet1/virtualNetworkPeerings/peer" {
		t.Errorf("child id %s", id)
	}
}

func TestNestedDeployments(t *testing.T) {
	tpl := `{
  "parameters": {"prefix": {"type": "string", "defaultValue": "p"}},
  "variables": {"v": "outer-var"},
  "resources": [
    {"type": "Microsoft.Resources/deployments", "name": "inner", "resourceGroup": "other",
     "properties": {"expressionEvaluationOptions": {"scope": "inner"},
       "parameters": {"name": {"value": "[concat(parameters('prefix'), '-nsg')]"}},
       "template": {"parameters": {"name": {"type": "string"}}, "variables": {"v": "inner-var"},
         "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "[parameters('name')]", "properties": {"description": "[variables('v')]"}}],
         "outputs": {"id": {"type": "string", "value": "[resourceId('Microsoft.Network/networkSecurityGroups', parameters('name'))]"}}}}},
    {"type": "Microsoft.Resources/deployments", "name": "outer",
     "properties": {"template": {"variables": {"v": "ignored"},
       "resources": [{"type": "Microsoft.Network/routeTables", "name": "[concat(parameters('prefix'), '-rt')]", "properties": {"description": "[variables('v')]"}}]}}},
    {"type": "Microsoft.Network/virtualNetworks", "name": "vnet",
     "properties": {"subnets": [{"name": "s", "properties": {"networkSecurityGroup": {"id": "[reference('inner').outputs.id.value]"}}}]}}
  ]}`
	res := evaluate(t, tpl, nil, Options{})
	got := map[string]string{}
	for _, r := range res.Resources {
		b, _ := json.Marshal(r.Value["properties"])
		got[r.Name] = r.ID + " " + string(b)
	}
	for name, want := range map[string]string{
		"p-nsg": "/resourceGroups/other/providers/Microsoft.Network/networkSecurityGroups/p-nsg {\"description\":\"inner-var\"}",
		"p-rt":  "{\"description\":\"outer-var\"}", // outer scope: the parent's variables
		"vnet":  "networkSecurityGroups/p-nsg\"}",  // the inner deployment's output, in its resource group
	} {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s: %s, want it to contain %s", name, got[name], want)
		}
	}
	if !strings.Contains(got["vnet"], "resourceGroups/other/") {
		t.Errorf("the output id is not in the nested deployment's resource group: %s", got["vnet"])
	}
}

// Bicep's languageVersion 2.0: resources by symbolic name, existing
// resources only referred to, reference() and resourceInfo() by symbol.
func TestSymbolicNames(t *testing.T) {
	tpl := `{
  "languageVersion": "2.0",
  "resources": {
    "hub": {"type": "Microsoft.Network/virtualNetworks", "existing": true, "name": "hub-vnet"},
    "nsg": {"type": "Microsoft.Network/networkSecurityGroups", "name": "web-nsg", "properties": {"securityRules": []}},
    "vnet": {"type": "Microsoft.Network/virtualNetworks", "name": "spoke",
      "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
        "subnets": [{"name": "web", "properties": {"addressPrefix": "10.1.0.0/24", "networkSecurityGroup": {"id": "[resourceInfo('nsg').id]"}}}]}},
    "peer": {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "name": "spoke/to-hub",
      "properties": {"remoteVirtualNetwork": {"id": "[resourceInfo('hub').id]"}, "prefixes": "[reference('vnet').addressSpace.addressPrefixes]"}}
  }}`
	res := evaluate(t, tpl, nil, Options{})
	if got, want := names(res), []string{"Microsoft.Network/networkSecurityGroups web-nsg", "Microsoft.Network/virtualNetworks spoke",
		"Microsoft.Network/virtualNetworks/virtualNetworkPeerings spoke/to-hub"}; !slices.Equal(got, want) {
		t.Errorf("resources %q, want %q (the existing hub is not deployed)", got, want)
	}
	b, _ := json.Marshal(res.Resources[2].Value["properties"])
	if !strings.Contains(string(b), `virtualNetworks/hub-vnet"}`) || !strings.Contains(string(b), `"prefixes":["10.1.0.0/16"]`) {
		t.Errorf("peering properties %s", b)
	}
}

func TestParameters(t *testing.T) {
	tpl := `{"parameters": {"name": {"type": "string"}, "secret": {"type": "securestring"}, "n": {"type": "int"}},
  "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "[parameters('name')]",
    "properties": {"count": "[parameters('n')]", "pw": "[parameters('secret')]"}}]}`
	params := &File{Name: "main.parameters.json", Data: []byte(`{"$schema": "x/deploymentParameters.json#",
  "parameters": {"name": {"value": "from-file"}, "secret": {"reference": {"keyVault": {"id": "kv"}, "secretName": "s"}}}}`)}
	res := evaluate(t, tpl, params, Options{Values: map[string]any{"n": int64(4)}})
	if res.Resources[0].Name != "from-file" {
		t.Errorf("name %q", res.Resources[0].Name)
	}
	p := res.Resources[0].Value["properties"].(map[string]any)
	if p["count"] != int64(4) || !unknown.Is(str(p["pw"])) {
		t.Errorf("properties %v", p)
	}

	// Without a value a string parameter is a placeholder, named in the
	// result, so that names built from it stay consistent.
	res = evaluate(t, tpl, nil, Options{})
	if res.Resources[0].Name != "{name}" || res.Placeholders["{name}"] != "main.json:1:25" {
		t.Errorf("name %q, placeholders %v", res.Resources[0].Name, res.Placeholders)
	}

	// A parameter the template does not declare: Azure refuses it.
	bad := &File{Name: "p.json", Data: []byte(`{"parameters": {"nmae": {"value": "x"}}}`)}
	_, err := Evaluate(File{Name: "main.json", Data: []byte(tpl)}, bad, Options{Unknowns: &unknown.Table{}})
	if err == nil || !strings.Contains(err.Error(), `p.json:1:25: parameter "nmae" is not declared by the template main.json (Azure refuses the deployment); it declares n, name, secret`) {
		t.Errorf("error %v", err)
	}
}

// What depends on a value known only at deployment is left out with a
// note, never guessed.
func TestLeftOut(t *testing.T) {
	tpl := `{"resources": [
    {"type": "Microsoft.Network/publicIPAddresses", "name": "pip"},
    {"condition": "[equals(reference('pip').ipAddress, '1.2.3.4')]", "type": "Microsoft.Network/routeTables", "name": "rt"},
    {"type": "Microsoft.Network/networkSecurityGroups", "name": "[concat('n', copyIndex())]", "copy": {"name": "l", "count": "[length(reference('pip').ipTags)]"}}]}`
	res := evaluate(t, tpl, nil, Options{})
	if got := names(res); !slices.Equal(got, []string{"Microsoft.Network/publicIPAddresses pip"}) {
		t.Errorf("resources %q", got)
	}
	want := []string{
		"main.json:3:5: resource left out: whether it is deployed depends on reference('pip').ipAddress (main.json:3:19): set by Azure when the resource is deployed",
		`main.json:4:5: resources of copy loop "l" left out: its count depends on reference('pip').ipTags (main.json:4:126): set by Azure when the resource is deployed`,
	}
	if !slices.Equal(res.Notes, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(res.Notes, "\n"), strings.Join(want, "\n"))
	}
}

// A linked template next to the template is read through
// deployment().properties.templateLink.uri, as quickstarts write it.
func TestLinkedTemplate(t *testing.T) {
	dir := t.TempDir()
	nested := `{"parameters": {"n": {"type": "string"}}, "resources": [{"type": "Microsoft.Network/routeTables", "name": "[parameters('n')]"}]}`
	if err := os.MkdirAll(filepath.Join(dir, "nested"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nested", "rt.json"), []byte(nested), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl := `{"parameters": {"_artifactsLocation": {"type": "string", "defaultValue": "[deployment().properties.templateLink.uri]"}},
  "resources": [{"type": "Microsoft.Resources/deployments", "name": "d",
    "properties": {"templateLink": {"uri": "[uri(parameters('_artifactsLocation'), 'nested/rt.json')]"}, "parameters": {"n": {"value": "linked-rt"}}}}]}`
	res := evaluate(t, tpl, nil, Options{Dir: dir, ReadFile: os.ReadFile})
	if got := names(res); !slices.Equal(got, []string{"Microsoft.Network/routeTables linked-rt"}) {
		t.Errorf("resources %q", got)
	}
	// Without a folder (standard input) the link cannot be read: a note.
	res = evaluate(t, tpl, nil, Options{})
	if len(res.Resources) != 0 || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], `deployment "d" left out: its linked template`) {
		t.Errorf("resources %q, notes %q", names(res), res.Notes)
	}
}

func TestTemplateLimits(t *testing.T) {
	tests := []struct{ tpl, want string }{
		{`{"resources": [{"type": "Microsoft.Network/routeTables", "name": "x", "copy": {"name": "l", "count": 801}}]}`, "from 0 to 800"},
		{`{"variables": {"a": "[concat('xxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxx')]", "b": "[concat(variables('a'), variables('a'), variables('a'), variables('a'))]",
		  "c": "[concat(variables('b'), variables('b'), variables('b'), variables('b'))]", "d": "[concat(variables('c'), variables('c'), variables('c'), variables('c'))]",
		  "e": "[concat(variables('d'), variables('d'), variables('d'), variables('d'))]", "f": "[concat(variables('e'), variables('e'), variables('e'), variables('e'))]",
		  "g": "[concat(variables('f'), variables('f'), variables('f'), variables('f'))]", "h": "[concat(variables('g'), variables('g'), variables('g'), variables('g'))]",
		  "i": "[concat(variables('h'), variables('h'), variables('h'), variables('h'))]", "j": "[concat(variables('i'), variables('i'), variables('i'), variables('i'))]",
		  "k": "[concat(variables('j'), variables('j'), variables('j'), variables('j'))]", "l": "[concat(variables('k'), variables('k'), variables('k'), variables('k'))]"},
		  "resources": [{"type": "Microsoft.Network/routeTables", "name": "[variables('l')]"}]}`, "more than vnetsim evaluates offline"},
		{`{"resources": [{"type": "Microsoft.Network/routeTables", "name": ""}]}`, "the resource's name is empty"},
		{`{"resources": {"a": 1}}`, "a resource is a JSON object"},
	}
	for _, tt := range tests {
		_, err := Evaluate(File{Name: "t.json", Data: []byte(tt.tpl)}, nil, Options{Unknowns: &unknown.Table{}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want %q", err, tt.want)
		}
	}
}
