package model

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary bytes through the whole pipeline (parse,
// includes, decode, service tags, validation). Whatever the input, Load
// must not panic, must return a topology or an error, and every
// diagnostic must carry a code and a position in the file it came from.
func FuzzLoad(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	// The shapes the loader treats specially, which no golden input has.
	for _, seed := range []string{
		"scenario: s\ntopology: {version: 1}\npatches: [{vnets: [{name: v, $delete: true}]}, p.yaml]\nexpect: [{intent: i, verdict: Reachable}]\n",
		"version: 1\ninclude: [other.yaml]\n",
		"version: 1\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
		"version: 1\nvnets:\n\t- name: v\n",
		"version: 1\n---\nversion: 1\n",
		"# only a comment\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(t.TempDir(), "fuzz.yaml")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		topo, diags := Load(name)
		checkLoad(t, filepath.Dir(name), topo, diags)
	})
}
