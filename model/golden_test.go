package model

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// updateGolden rewrites golden files from what the code produces:
// UPDATE_GOLDEN=1 go test ./model/. Read the diff before committing it.
var updateGolden = os.Getenv("UPDATE_GOLDEN") != ""

// TestValidateGolden pins the wording of diagnostics: each
// testdata/validate/NAME.yaml loads to the lines of NAME.golden, sorted
// as Load sorts them.
func TestValidateGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/validate/*.yaml")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			// Some name the service-tag files of the package's testdata.
			_, diags := Options{IncludeRoots: []string{"."}}.Load(in)
			var b strings.Builder
			for _, d := range diags.Sorted() {
				b.WriteString(d.String())
				b.WriteByte('\n')
			}
			checkGolden(t, strings.TrimSuffix(in, ".yaml")+".golden", b.String())
		})
	}
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
		t.Fatalf("%v (UPDATE_GOLDEN=1 go test ./model/ creates it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 go test ./model/ rewrites it):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want ("-") and only in got ("+"),
// which is enough for sorted diagnostics.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
