package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReportDeterministic renders the shipped example twice, in separate
// runs, and wants the same bytes: the page has no timestamp and nothing
// ordered by a map.
func TestReportDeterministic(t *testing.T) {
	topo := filepath.Join("..", "..", "scenarios", "topologies", "aml-secure.yaml")
	dir := t.TempDir()
	var pages [2][]byte
	for i := range pages {
		out := filepath.Join(dir, []string{"a.html", "b.html"}[i])
		var stdout, stderr bytes.Buffer
		if code := run([]string{"report", topo, "--out", out}, nil, &stdout, &stderr); code != exitFailed {
			t.Fatalf("run %d: exit %d, want %d (one intent fails); stderr:\n%s", i, code, exitFailed, stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = data
	}
	if !bytes.Equal(pages[0], pages[1]) {
		t.Fatalf("two runs differ (%d and %d bytes)", len(pages[0]), len(pages[1]))
	}
	if !bytes.Contains(pages[0], []byte("<svg")) {
		t.Fatal("no drawing in the page")
	}
}
