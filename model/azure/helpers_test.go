package azure

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// readInputs reads testdata files as inputs named by their base names.
func readInputs(t *testing.T, files []string) []Input {
	t.Helper()
	var ins []Input
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, Input{Name: f, Data: data})
	}
	return ins
}

func yamlOf(t *testing.T, r *Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteYAML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 go test ./model/azure/ creates it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 go test ./model/azure/ rewrites it):\n--- got\n%s", path, got)
	}
}
