package azure

import (
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
