package sim

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/vnetsim/vnetsim/model"
)

var update = flag.Bool("update", os.Getenv("UPDATE_GOLDEN") != "", "rewrite golden files")

// compileFile loads and compiles a topology file, failing the test on any
// error.
func compileFile(t testing.TB, path string) *Network {
	t.Helper()
	topo, diags := model.Load(path)
	if topo == nil {
		t.Fatalf("load %s:\n%s", path, diags.Errors().Error())
	}
	n, err := Compile(topo)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// compileYAML compiles a topology given as text.
func compileYAML(t testing.TB, text string) *Network {
	t.Helper()
	path := filepath.Join(t.TempDir(), "topo.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return compileFile(t, path)
}

// golden compares got with the golden file, or rewrites it with
// UPDATE_GOLDEN=1.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (UPDATE_GOLDEN=1 rewrites it):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// scenarioOptions load the scenario library, whose scenarios name the
// topologies of a sibling folder.
var scenarioOptions = model.Options{IncludeRoots: []string{"../scenarios"}}
