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
		want:   []string{`bad.json:3:16: invalid character '"' after object key:value pair`},
	}, {
		name:   "truncated",
		inputs: []Input{{Name: "cut.json", Data: []byte("[\n  {\"type\": \"x\"")}},
		want:   []string{`cut.json:2:14: unexpected end of JSON input`},
	}, {
		name:   "empty",
		inputs: []Input{{Name: "<stdin>", Data: []byte(" \n")}},
		want:   []string{`<stdin>:1:1: the file is empty`},
	}, {
		name:   "no resources",
		inputs: []Input{{Name: "none.json", Data: []byte(`[]`)}, {Name: "names.json", Data: []byte(`{"value": ["a", {"name": "b"}]}`)}},
		want: []string{
			`none.json: no Azure resources found (expected az network ... list or show output, a Resource Graph result or an ARM template)`,
			`names.json: no Azure resources found (expected az network ... list or show output, a Resource Graph result or an ARM template)`,
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
		want: []string{`nsg.json:3:78: properties.securityRules.properties.priority: expected number, found string`},
	}, {
		name: "subnet without its vnet",
		inputs: []Input{{Name: "subnets.json", Data: []byte(`[{"type": "Microsoft.Network/virtualNetworks/subnets", "name": "s",
  "id": "` + vnetID + `v/subnets/s", "addressPrefix": "10.0.0.0/24"}]`)}},
		want: []string{`subnets.json:1:2: subnet "s": its vnet "v" is not in the input`},
	}, {
		name: "same name, other id",
		inputs: []Input{
			{Name: "a.json", Data: []byte(`{"type": "Microsoft.Network/virtualNetworks", "name": "v", "id": "` + vnetID + `v"}`)},
			{Name: "b.json", Data: []byte(`[{"type": "Microsoft.Network/virtualNetworks", "name": "V", "id": "/subscriptions/s2/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/V"}]`)},
		},
		want: []string{`b.json:1:2: vnet "V" is also at a.json:1:1 with another id (` + vnetID + `v); vnetsim names must be unique, so import them separately`},
	}, {
		name: "gateway",
		inputs: []Input{{Name: "gw.json", Data: []byte(`[
{"type": "Microsoft.Network/virtualNetworkGateways", "name": "g1", "gatewayType": "LocalGateway"},
{"type": "Microsoft.Network/virtualNetworkGateways", "name": "g2", "gatewayType": "Vpn",
 "ipConfigurations": [{"subnet": {"id": "` + vnetID + `v/subnets/default"}}]}]`)}},
		want: []string{
			`gw.json:2:1: gateway "g1": gatewayType "LocalGateway" is not Vpn or ExpressRoute`,
			`gw.json:3:1: gateway "g2": no ipConfigurations subnet is a GatewaySubnet, so its vnet is unknown`,
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
