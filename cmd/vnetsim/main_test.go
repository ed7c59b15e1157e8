package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"vnetsim": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI end to end from testdata/script/*.txtar: exit
// codes, messages and output shapes. UPDATE_GOLDEN=1 rewrites the golden
// sections that `cmp` compares.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("UPDATE_GOLDEN") != "",
		Setup: func(e *testscript.Env) error {
			// Scripts name the library as $SCENARIOS in commands and as
			// scenarios/ inside their own files: a copy, since a topology
			// may only name files inside its own folder.
			e.Setenv("SCENARIOS", filepath.Join(root, "scenarios"))
			return os.CopyFS(filepath.Join(e.WorkDir, "scenarios"), os.DirFS(filepath.Join(root, "scenarios")))
		},
	})
}
