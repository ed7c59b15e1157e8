package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestOutputIndependentOfCores: check, matrix and whatif write the same
// bytes on one core as on several (docs/cli.md "Memory and cores").
func TestOutputIndependentOfCores(t *testing.T) {
	dir := t.TempDir()
	estate := filepath.Join(dir, "estate.yaml")
	if code := run([]string{"gen", "--vnets", "6", "--computes", "8", "--out", estate}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Fatalf("gen: exit %d", code)
	}
	patch := filepath.Join(dir, "patch.yaml")
	if err := os.WriteFile(patch, []byte(estatePatches[2].text), 0o644); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"check", estate, "-o", "json"},
		{"matrix", estate, "-o", "json"},
		{"whatif", estate, "--patch", patch, "-o", "json"},
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	outputs := map[int][]string{}
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		for _, args := range commands {
			var stdout, stderr bytes.Buffer
			if code := run(args, strings.NewReader(""), &stdout, &stderr); code > 1 {
				t.Fatalf("%s: exit %d\n%s", args[0], code, stderr.String())
			}
			outputs[procs] = append(outputs[procs], stdout.String())
		}
	}
	for i, args := range commands {
		if outputs[1][i] != outputs[4][i] {
			t.Errorf("%s: the output on 1 core differs from the output on 4", args[0])
		}
		if len(outputs[1][i]) < 100 {
			t.Errorf("%s: almost no output:\n%s", args[0], outputs[1][i])
		}
	}
}
