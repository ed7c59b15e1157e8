package template

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// evalIn evaluates one expression in a template with the given parameters
// (JSON object of values) and variables (JSON object).
func evalIn(t *testing.T, params, vars, text string) (any, *unknown.Table, error) {
	t.Helper()
	tpl := `{"parameters": ` + params + `, "variables": ` + vars + `, "resources": []}`
	tab := &unknown.Table{}
	ev := &evaluator{unk: tab, budget: budgetUnits, exprs: map[string]expr{}}
	lines := jsontree.NewLines("t.json", []byte(tpl))
	root, err := jsontree.Parse([]byte(tpl), lines)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := ev.newTmpl(root, lines, deployCtx{sub: "sub1", rg: "rg1", location: "westeurope", name: "dep"})
	if err != nil {
		t.Fatal(err)
	}
	n := &jsontree.Node{Kind: jsontree.String, Str: text}
	v, err := tm.scope().value(n)
	return settle(v), tab, err
}

func TestExpressions(t *testing.T) {
	params := `{"name": {"type": "string", "defaultValue": "web"}, "count": {"type": "int", "defaultValue": 3},
		"prefixes": {"type": "array", "defaultValue": ["10.0.0.0/24", "10.0.1.0/24"]},
		"derived": {"type": "string", "defaultValue": "[concat(parameters('name'), '-x')]"}}`
	vars := `{"Base": "10.1", "obj": {"a": 1, "B": {"c": "deep"}}, "twice": "[concat(variables('base'), variables('base'))]",
		"copy": [{"name": "subnets", "count": 2, "input": {"name": "[concat('s', copyIndex('subnets'))]"}}]}`
	tests := []struct{ expr, want string }{
		{"[parameters('name')]", `"web"`},
		{"[PARAMETERS('Name')]", `"web"`}, // functions and names are case-insensitive
		{"[parameters('derived')]", `"web-x"`},
		{"[variables('twice')]", `"10.110.1"`},
		{"[variables('obj').b.C]", `"deep"`}, // properties too
		{"[variables('obj')['a']]", `1`},
		{"[variables('subnets')[1].name]", `"s1"`},
		{"[concat('a', 'b', 1)]", `"ab1"`},
		{"[concat(parameters('prefixes'), createArray('x'))]", `["10.0.0.0/24","10.0.1.0/24","x"]`},
		{"[format('{0}-{1:D3}', 'vm', 7)]", `"vm-007"`},
		{"[format('{{literal}} {0}', 'x')]", `"{literal} x"`},
		{"[if(equals(parameters('count'), 3), 'three', json('null'))]", `"three"`},
		{"[if(false, reference('nothing').x, 'lazy')]", `"lazy"`},
		{"[and(true, not(false), or(false, true))]", `true`},
		{"[add(add(mul(2, 3), sub(10, div(9, 3))), mod(7, 4))]", `16`},
		{"[length(range(5, 3))]", `3`},
		{"[range(5, 3)]", `[5,6,7]`},
		{"[split('a,b;c', createArray(',', ';'))]", `["a","b","c"]`},
		{"[toLower(replace('A-B-C', '-', '.'))]", `"a.b.c"`},
		{"[substring('abcdef', 2, 3)]", `"cde"`},
		{"[take(skip(parameters('prefixes'), 1), 1)]", `["10.0.1.0/24"]`},
		{"[union(createObject('a', 1), createObject('b', 2))]", `{"a":1,"b":2}`},
		{"[intersection(createArray(1, 2, 3), createArray(3, 2))]", `[2,3]`},
		{"[contains(variables('obj'), 'A')]", `true`},
		{"[startsWith('HelloWorld', 'hello')]", `true`},
		{"[indexOf('abcABC', 'C')]", `2`},
		{"[last(parameters('prefixes'))]", `"10.0.1.0/24"`},
		{"[empty('')]", `true`},
		{"[string(true)]", `"True"`},
		{"[string(createObject('k', 'v'))]", `"{\"k\":\"v\"}"`},
		{"[int('42')]", `42`},
		{"[max(3, 9, 2)]", `9`},
		{"[coalesce(json('null'), 'second')]", `"second"`},
		{"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]", `"/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/subnets/s"`},
		{"[resourceId('other-rg', 'Microsoft.Network/networkSecurityGroups', 'n')]", `"/subscriptions/sub1/resourceGroups/other-rg/providers/Microsoft.Network/networkSecurityGroups/n"`},
		{"[resourceId('sub2', 'rg2', 'Microsoft.Network/routeTables', 'rt')]", `"/subscriptions/sub2/resourceGroups/rg2/providers/Microsoft.Network/routeTables/rt"`},
		{"[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')]", `"/subscriptions/sub1/providers/Microsoft.Resources/resourceGroups/rg"`},
		{"[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'l')]", `"/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Authorization/locks/l"`},
		{"[resourceGroup().location]", `"westeurope"`},
		{"[environment().suffixes.storage]", `"core.windows.net"`},
		{"[filter(createArray(1, 2, 3, 4), lambda('x', greater(lambdaVariables('x'), 2)))]", `[3,4]`},
		{"[map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))]", `[10,20]`},
		{"[reduce(createArray(1, 2, 3), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]", `6`},
		{"[toObject(createArray('a', 'b'), lambda('k', lambdaVariables('k')), lambda('k', length(lambdaVariables('k'))))]", `{"a":1,"b":1}`},
		{"[[not an expression]", `"[not an expression]"`},
		{"[uniqueString('a', 'b')]", `"` + uniqueString([]string{"a", "b"}) + `"`},
	}
	for _, tt := range tests {
		v, _, err := evalIn(t, params, vars, tt.expr)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		got, _ := json.Marshal(v)
		if string(got) != tt.want {
			t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
		}
	}
}

func TestUniqueStringIsStable(t *testing.T) {
	a, b := uniqueString([]string{"rg", "x"}), uniqueString([]string{"rg", "y"})
	if len(a) != 13 || a == b || a != uniqueString([]string{"rg", "x"}) {
		t.Errorf("uniqueString: %q %q", a, b)
	}
}

func TestExpressionErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"[parameters('nope')]", `t.json:1:1: parameter "nope" is not declared`},
		{"[concat('a']", `expected ',' or ')'`},
		{"[nosuchfunction(1)]", "unknown function nosuchfunction"},
		{"[div(1, 0)]", "divides by zero"},
		{"[variables('loop')]", `variable "loop" refers to itself`},
		{"[substring('abc', 2, 5)]", "is outside the string"},
		{"[range(0, 20000)]", "a count from 0 to 10000"},
	}
	for _, tt := range tests {
		_, _, err := evalIn(t, `{}`, `{"loop": "[variables('loop')]"}`, tt.expr)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.expr, err, tt.want)
		}
	}
}

// Values Azure decides at deployment are unknown, with the expression and
// its reason; what depends on them stays unknown.
func TestUnknowns(t *testing.T) {
	tests := []struct{ expr, reason string }{
		{"[newGuid()]", "a new GUID"},
		{"[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2021-01-01').keys[0].value]", "listKeys"},
		{"[concat('x', reference(resourceId('Microsoft.Network/publicIPAddresses', 'pip')).ipAddress)]", "set by Azure when the resource is deployed"},
		{"[utcNow()]", "time of the deployment"},
	}
	for _, tt := range tests {
		v, tab, err := evalIn(t, `{}`, `{}`, tt.expr)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		s, ok := v.(unk)
		if !ok {
			t.Errorf("%s = %v, want unknown", tt.expr, v)
			continue
		}
		u, _ := tab.Find(string(s))
		if !strings.Contains(u.Describe(), tt.reason) {
			t.Errorf("%s: %s, want the reason %q", tt.expr, u.Describe(), tt.reason)
		}
	}
}
