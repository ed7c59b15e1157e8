package servicetags

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

const benchFile = "ServiceTags_Public_20250728.json"

func readReal(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile(realFile(b, benchFile))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkDecodeJSON is the baseline: a plain encoding/json decoding of
// the whole file into a struct with every field of the format.
func BenchmarkDecodeJSON(b *testing.B) {
	type file struct {
		ChangeNumber int    `json:"changeNumber"`
		Cloud        string `json:"cloud"`
		Values       []struct {
			Name       string `json:"name"`
			ID         string `json:"id"`
			Properties struct {
				ChangeNumber    int      `json:"changeNumber"`
				Region          string   `json:"region"`
				RegionID        int      `json:"regionId"`
				Platform        string   `json:"platform"`
				SystemService   string   `json:"systemService"`
				AddressPrefixes []string `json:"addressPrefixes"`
				NetworkFeatures []string `json:"networkFeatures"`
			} `json:"properties"`
		} `json:"values"`
	}
	data := readReal(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var f file
		if err := json.Unmarshal(data, &f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadServiceTags(b *testing.B) {
	data := readReal(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(benchFile, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAndLookup is what a topology pays: loading the file and
// resolving the tags of the Azure ML network requirements.
func BenchmarkLoadAndLookup(b *testing.B) {
	data := readReal(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		db, err := Load(benchFile, bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range []string{"Storage.EastUS2", "BatchNodeManagement.EastUS2", "AzureMachineLearning", "AzureCloud.eastus2", "AzureContainerRegistry.EastUS2", "AzureKeyVault.EastUS2"} {
			if _, ok := db.Lookup(name); !ok {
				b.Fatalf("no %s", name)
			}
		}
	}
}

// BenchmarkLookupStorageRegional measures a lookup once the tag is parsed.
func BenchmarkLookupStorageRegional(b *testing.B) {
	db, err := Load(benchFile, bytes.NewReader(readReal(b)))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, ok := db.Regional("Storage", "East US 2"); !ok {
			b.Fatal("no Storage.EastUS2")
		}
	}
}
