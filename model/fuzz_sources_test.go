package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Fuzz targets for what a load assembles from several files: overlays,
// scenarios and include graphs. Whatever the files hold, loading must not
// panic or hang, must give a topology or an error (never both, never
// neither), and every diagnostic must have a code and a position in one
// of the files (or the name of one).

// checkLoad asserts those properties; dir holds the files.
func checkLoad(t *testing.T, dir string, topo *Topology, diags Diagnostics) {
	t.Helper()
	if topo == nil && !diags.HasErrors() {
		t.Fatalf("no topology and no error; diagnostics:\n%s", diags.Error())
	}
	if topo != nil && diags.HasErrors() {
		t.Fatalf("a topology despite errors:\n%s", diags.Error())
	}
	for _, d := range diags {
		if d.Code == "" {
			t.Errorf("diagnostic without a code: %s", d)
		}
		if !strings.HasPrefix(d.Pos.File, dir) {
			t.Errorf("diagnostic not positioned in a file of %s: %s", dir, d)
		}
	}
}

// seedFiles adds the YAML files of the golden inputs and of the scenario
// library's topologies to add.
func seedFiles(f *testing.F, add func(data []byte)) {
	for _, pattern := range []string{"testdata/validate/*.yaml", "../scenarios/topologies/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			add(data)
		}
	}
}

// FuzzOverlay patches a topology with an overlay. When the topology loads
// without a word and holds no $delete, patching it with itself changes
// nothing: merging by name is idempotent.
func FuzzOverlay(f *testing.F) {
	base := []byte(overlayBase)
	for _, patch := range []string{
		"vnets: [{name: v, subnets: [{name: a, $delete: true}]}]\n",
		"vnets: [{name: w, addressSpace: [10.9.0.0/16]}]\nnetworkSecurityGroups: [{name: n, $delete: true}]\n",
		"vnets: [{name: v, $delete: maybe}]\n",
		"$delete: true\n",
		"vnets: [{name: nope, $delete: true}]\n",
		"vnets: {name: v}\n",
		"include: [base.yaml]\nvnets: [{name: v, location: eastus}]\n",
		"version: 2\n",
		"- just a list\n",
	} {
		f.Add(base, []byte(patch))
	}
	seedFiles(f, func(data []byte) { f.Add(data, data) })
	f.Fuzz(func(t *testing.T, base, patch []byte) {
		dir := writeTree(t, map[string]string{"base.yaml": string(base), "patch.yaml": string(patch)})
		src, _, diags := Open(filepath.Join(dir, "base.yaml"))
		if src == nil {
			checkLoad(t, dir, nil, diags)
			return
		}
		src.Patch(filepath.Join(dir, "patch.yaml"))
		topo, diags := src.Topology()
		checkLoad(t, dir, topo, diags)

		plain, diags := Load(filepath.Join(dir, "base.yaml"))
		if plain == nil || len(diags) > 0 || bytes.Contains(base, []byte(deleteKey)) {
			return
		}
		self, _, _ := Open(filepath.Join(dir, "base.yaml"))
		self.Patch(filepath.Join(dir, "base.yaml"))
		again, diags := self.Topology()
		if again == nil {
			t.Fatalf("patched with itself, the topology no longer loads:\n%s", diags.Error())
		}
		if a, b := marshal(t, plain), marshal(t, again); a != b {
			t.Fatalf("patched with itself, the topology changed:\n%s\nbecame\n%s", a, b)
		}
	})
}

func marshal(t *testing.T, topo *Topology) string {
	t.Helper()
	out, err := yaml.Marshal(topo)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// FuzzScenario loads a scenario whose topology (t.yaml) and patch file
// (p.yaml) are fuzzed too.
func FuzzScenario(f *testing.F) {
	topo := []byte(overlayBase)
	for _, sc := range []string{
		"scenario: s\ntopology: t.yaml\npatches: [p.yaml, {vnets: [{name: v, $delete: true}]}]\nexpect: [{intent: i, verdict: Reachable}]\n",
		"scenario: s\ntopology: {version: 1}\nexpect: [{intent: i, reason: NsgDenied}]\n",
		"scenario: s\ntopology: ../t.yaml\nexpect: [{intent: i, blockedBy: x}]\n",
		"scenario: s\ntopology: [t.yaml]\npatches: p.yaml\nexpect: [{intent: i}]\n",
		"scenario: s\nexpect: []\n",
	} {
		f.Add([]byte(sc), topo, []byte("vnets: [{name: v, location: eastus}]\n"))
	}
	library, _ := filepath.Glob("../scenarios/*/*.yaml")
	for _, file := range library {
		data, err := os.ReadFile(file)
		if err != nil || !bytes.HasPrefix(data, []byte("scenario:")) && !bytes.Contains(data, []byte("\nscenario:")) {
			continue
		}
		// Point the scenario at t.yaml, and give it the topology it names.
		var sc struct {
			Topology string `yaml:"topology"`
		}
		if yaml.Unmarshal(data, &sc) != nil || sc.Topology == "" {
			continue
		}
		named, err := os.ReadFile(filepath.Join(filepath.Dir(file), sc.Topology))
		if err != nil {
			continue
		}
		f.Add(bytes.Replace(data, []byte(sc.Topology), []byte("t.yaml"), 1), named, []byte{})
	}
	f.Fuzz(func(t *testing.T, scenario, topology, patch []byte) {
		dir := writeTree(t, map[string]string{"s.yaml": string(scenario), "t.yaml": string(topology), "p.yaml": string(patch)})
		src, sc, diags := LoadScenario(filepath.Join(dir, "s.yaml"))
		if (src == nil) != (sc == nil) {
			t.Fatalf("a source without its scenario, or the reverse:\n%s", diags.Error())
		}
		if src == nil {
			checkLoad(t, dir, nil, diags)
			return
		}
		topo, diags := src.Topology()
		checkLoad(t, dir, topo, diags)
	})
}

// includeFiles are the files FuzzIncludes writes, main.yaml first; its
// input is their contents, separated by includeSep.
var includeFiles = []string{"main.yaml", "a.yaml", "sub/b.yaml", "sub/c.yaml", "tags.json"}

const includeSep = "\n#--\n"

// FuzzIncludes loads main.yaml of a small tree of files that include each
// other (and a service-tag file): chains, diamonds, cycles, names that
// leave the folder.
func FuzzIncludes(f *testing.F) {
	tags, err := os.ReadFile("servicetags/testdata/api.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, files := range [][]string{
		{"version: 1\ninclude: [a.yaml, sub/b.yaml]\n", "include: [sub/c.yaml]\nvnets: [{name: a, addressSpace: [10.0.0.0/16]}]\n", "include: [c.yaml]\n", "networkSecurityGroups: [{name: n}]\n", ""},
		{"version: 1\ninclude: [a.yaml]\n", "include: [main.yaml]\n", "", "", ""},
		{"version: 1\ninclude: [sub/b.yaml]\n", "", "include: [../a.yaml, ../../a.yaml, /etc/passwd, c.yaml, c.yaml]\n", "include: [b.yaml]\n", ""},
		{"version: 1\nserviceTags: {files: [tags.json]}\nintents: [{name: i, source: Storage, destination: AzureCloud}]\n", "", "", "", string(tags)},
		{"version: 1\ninclude: [a.yaml]\nserviceTags: {files: [sub/../tags.json, sub]}\n", "serviceTags: {inline: {Storage: [10.0.0.0/8]}}\n", "", "", "{\"values\": []}"},
	} {
		f.Add([]byte(strings.Join(files, includeSep)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := bytes.SplitN(data, []byte(includeSep), len(includeFiles))
		files := map[string]string{}
		for i, p := range parts {
			files[includeFiles[i]] = string(p)
		}
		dir := writeTree(t, files)
		topo, diags := Load(filepath.Join(dir, "main.yaml"))
		checkLoad(t, dir, topo, diags)
	})
}
