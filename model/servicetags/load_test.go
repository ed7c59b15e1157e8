package servicetags

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestLoadFormats(t *testing.T) {
	tests := []struct {
		file   string
		change int
		names  []string
	}{
		{"download.json", 364, []string{
			"ActionGroup.FranceCentral", "AzureCloud", "AzureCloud.eastus2", "AzureFrontDoor.Backend", "AzureFrontDoor.Frontend",
			"AzureMachineLearning", "BatchNodeManagement.EastUS2", "Storage", "Storage.EastUS2", "Storage.WestUS",
		}},
		{"api.json", 241, []string{"AzureFrontDoor.FirstParty", "Sql.EastUS2", "Storage.EastUS2"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			db := loadTestdata(t, tt.file)
			if db.ChangeNumber() != tt.change {
				t.Errorf("ChangeNumber() = %d, want %d", db.ChangeNumber(), tt.change)
			}
			if got := db.Names(); !reflect.DeepEqual(got, tt.names) {
				t.Errorf("Names() = %q, want %q", got, tt.names)
			}
		})
	}
}

func TestLoadVariants(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		change int
		tags   int
	}{
		{"no tags", `{"changeNumber": 1, "values": []}`, 1, 0},
		{"no changeNumber", `{"values": [{"name": "A"}]}`, 0, 1},
		{"null changeNumber", `{"changeNumber": null, "values": []}`, 0, 0},
		{"byte order mark", "\ufeff{\"changeNumber\": \"7\", \"values\": []}", 7, 0},
		{"unknown fields", `{"x": {"y": [1]}, "values": [{"name": "A", "z": 1, "properties": {"state": "GA", "addressPrefixes": null}}]}`, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Load("t.json", strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if db.ChangeNumber() != tt.change || len(db.Names()) != tt.tags {
				t.Errorf("got changeNumber %d and %d tags, want %d and %d", db.ChangeNumber(), len(db.Names()), tt.change, tt.tags)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"empty", "", "t.json: empty file"},
		{"blank", " \r\n\t\n", "t.json: empty file"},
		{"syntax", "{\n  \"values\": [\n    }\n", "t.json:3:5: invalid character '}' looking for beginning of value"},
		{"syntax after CRLF", "{\r\n  \"values\": [,\r\n", "t.json:2:14: invalid character ',' looking for beginning of value"},
		{"truncated", "{\n  \"values\": [", "t.json:2:13: unexpected end of JSON input"},
		{"trailing data", "{\"values\": []}\nx", "t.json:2:1: invalid character 'x' after top-level value"},
		{"array", "[1, 2]", `t.json: not a service tags document: expected an object with "values"`},
		{"string", `"values"`, `t.json: not a service tags document: expected an object with "values"`},
		{"null", "null", `t.json: not a service tags document: expected an object with "values"`},
		{"no values", `{"changeNumber": 1}`, `t.json: not a service tags document: expected an object with "values"`},
		{"null values", `{"values": null}`, `t.json: not a service tags document: expected an object with "values"`},
		{"values not a list", "{\n  \"values\": {}\n}", "t.json:2:13: values: expected array, found object"},
		{"value not an object", `{"values": [1]}`, "t.json:1:13: values: expected object, found number"},
		{"name a number", "{\"values\": [\n  {\"name\": 12.5e3}]}", "t.json:2:12: values.name: expected string, found number"},
		{"name a bool", `{"values": [{"name":true}]}`, "t.json:1:21: values.name: expected string, found bool"},
		{"prefixes a string", `{"values": [{"name": "A", "properties": {"addressPrefixes": "1.2.3.0/24"}}]}`,
			"t.json:1:61: values.properties.addressPrefixes: expected array, found string"},
		{"prefix a number", `{"values": [{"name": "A", "properties": {"addressPrefixes": ["1.2.3.0/24", 5]}}]}`,
			"t.json:1:76: values.properties.addressPrefixes: expected string, found number"},
		{"prefixes a string with escapes", `{"values": [{"name": "A", "properties": {"addressPrefixes": "x\"y\\"}}]}`,
			"t.json:1:61: values.properties.addressPrefixes: expected array, found string"},
		{"region an array", `{"values": [{"name": "A", "properties": {"region": ["x"]}}]}`,
			"t.json:1:52: values.properties.region: expected string, found array"},
		{"changeNumber not an integer", `{"changeNumber": "12a", "values": []}`, `t.json: changeNumber "12a" is not an integer`},
		{"changeNumber a float", `{"changeNumber": 1.5, "values": []}`, `t.json: changeNumber "1.5" is not an integer`},
		{"changeNumber a bool", `{"changeNumber": false, "values": []}`, `t.json: changeNumber "false" is not an integer`},
		{"no name", `{"values": [{"name": "A"}, {"id": "B"}]}`, "t.json: values[1]: tag has no name"},
		{"duplicate", `{"values": [{"name": "Storage.EastUS2"}, {"name": "storage.East US 2"}]}`,
			`t.json: values[1]: tag "storage.East US 2" duplicates "Storage.EastUS2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Load("t.json", strings.NewReader(tt.input))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got error %v, want %s", err, tt.want)
			}
			if db != nil {
				t.Error("got a DB with the error")
			}
		})
	}
}

func TestInvalidPrefix(t *testing.T) {
	const input = `{"values": [
		{"name": "Storage", "properties": {"addressPrefixes": ["1.2.3.0/24"]}},
		{"name": "Storage.EastUS2", "properties": {"addressPrefixes": ["1.2.4.0/24", "1.2.5.0/33"]}},
		{"name": "Storage.WestUS", "properties": {"addressPrefixes": ["1.2.6.1/24"]}},
		{"name": "Sql", "properties": {"addressPrefixes": ["1.2.3.0/24", "1.2.3.4"]}}
	]}`
	tests := []struct {
		lookup string
		want   string
	}{
		{"Storage.east us 2", `t.json: tag "Storage.EastUS2": invalid prefix "1.2.5.0/33"`},
		{"storage.westus", `t.json: tag "Storage.WestUS": invalid prefix "1.2.6.1/24"`},
		{"Storage", `t.json: tag "Storage.EastUS2": invalid prefix "1.2.5.0/33"`},
		{"SQL", `t.json: tag "Sql": invalid prefix "1.2.3.4"`},
	}
	db, err := Load("t.json", strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.lookup, func(t *testing.T) {
			for range 2 { // the error is kept with the parsed result
				if _, ok, err := db.Resolve(tt.lookup); !ok || err == nil || err.Error() != tt.want {
					t.Errorf("Resolve(%q) = %v, %v; want true, %s", tt.lookup, ok, err, tt.want)
				}
			}
			if _, ok := db.Lookup(tt.lookup); ok {
				t.Errorf("Lookup(%q) reported true", tt.lookup)
			}
		})
	}
}

func TestLoadReadError(t *testing.T) {
	_, err := Load("t.json", io.MultiReader(strings.NewReader("{"), errReader{}))
	if err == nil || err.Error() != "t.json: disk on fire" || !errors.Is(err, errDiskOnFire) {
		t.Errorf("got %v", err)
	}
}

var errDiskOnFire = errors.New("disk on fire")

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errDiskOnFire }
