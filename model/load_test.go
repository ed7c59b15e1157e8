package model

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// writeTree writes files (slash-separated names relative to a new
// temporary folder) and returns the folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, dir, name, text)
	}
	return dir
}

// writeFile writes text to name (slash-separated, relative to dir),
// making its folders, and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// codes lists "line:col code" for each diagnostic, sorted as Load sorts.
func codes(ds Diagnostics) []string {
	var out []string
	for _, d := range ds.Sorted() {
		out = append(out, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Code))
	}
	return out
}

func mustLoad(t *testing.T, path string) *Topology {
	t.Helper()
	topo, diags := Load(path)
	if topo == nil || len(diags) > 0 {
		t.Fatalf("Load(%s): unexpected diagnostics:\n%s", path, diags.Error())
	}
	return topo
}

func TestIncludes(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.yaml": `version: 1
include: [common/hub.yaml]
vnets:
  - name: spoke
    addressSpace: [10.1.0.0/16]
    subnets: [{name: s, addressPrefix: 10.1.0.0/24, networkSecurityGroup: shared-nsg}]
`,
		// Nested, and relative to the including file.
		"common/hub.yaml": `version: 1
include: [../shared/nsgs.yaml]
vnets:
  - name: hub
    addressSpace: [10.0.0.0/16]
`,
		"shared/nsgs.yaml": `networkSecurityGroups: [{name: shared-nsg}]
`,
	})
	topo := mustLoad(t, filepath.Join(dir, "main.yaml"))
	var names []string
	for _, v := range topo.VNets {
		names = append(names, v.Name)
	}
	if !slices.Equal(names, []string{"hub", "spoke"}) {
		t.Errorf("vnets = %v, want the included hub first, then spoke", names)
	}
	if got := topo.VNet("hub").Pos.File; !strings.HasSuffix(got, filepath.FromSlash("common/hub.yaml")) {
		t.Errorf("hub is positioned in %s, want common/hub.yaml", got)
	}
	if nsg := topo.NSG("shared-nsg"); nsg == nil || !strings.HasSuffix(nsg.Pos.File, filepath.FromSlash("shared/nsgs.yaml")) {
		t.Errorf("shared-nsg not loaded from shared/nsgs.yaml: %+v", nsg)
	}
}

func TestIncludeErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.yaml":     "version: 1\ninclude: [b.yaml]\n",
		"b.yaml":     "include: [sub/c.yaml]\n",
		"sub/c.yaml": "include: [../a.yaml]\n",
		"self.yaml":  "version: 1\ninclude: [self.yaml]\n",
		"gone.yaml":  "version: 1\ninclude: [missing.yaml, {a: b}]\n",
		"v2.yaml":    "version: 1\ninclude: [two.yaml]\n",
		"two.yaml":   "version: 2\n",
	})
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"a.yaml", []string{"1:11 include_cycle"}}, // reported in sub/c.yaml
		{"self.yaml", []string{"2:11 include_cycle"}},
		{"gone.yaml", []string{"2:11 unreadable_file", "2:25 wrong_type"}},
		{"v2.yaml", []string{"1:10 unsupported_version"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			topo, diags := Load(filepath.Join(dir, tc.file))
			if topo != nil || !slices.Equal(codes(diags), tc.want) {
				t.Errorf("got %q, want %q\n%s", codes(diags), tc.want, diags.Error())
			}
		})
	}
}

// overlayBase is the topology the overlay tests patch.
const overlayBase = `version: 1
vnets:
  - name: v
    addressSpace: [10.0.0.0/16, 10.1.0.0/16]
    subnets:
      - {name: a, addressPrefix: 10.0.1.0/24}
      - {name: b, addressPrefix: 10.0.2.0/24}
networkSecurityGroups: [{name: n}]
`

func TestOverlays(t *testing.T) {
	for _, tc := range []struct {
		name, patch string
		check       func(*testing.T, *Topology)
	}{
		{"merge a field of an existing item", `
vnets:
  - name: v
    subnets:
      - {name: a, networkSecurityGroup: n}
`, func(t *testing.T, topo *Topology) {
			s := topo.Subnet("v/a")
			if s.NetworkSecurityGroup != "n" || s.AddressPrefix != "10.0.1.0/24" {
				t.Errorf("subnet a = %+v, want its prefix kept and the NSG added", s)
			}
		}},
		{"append a new item", `
vnets:
  - name: v
    subnets:
      - {name: c, addressPrefix: 10.0.3.0/24}
`, func(t *testing.T, topo *Topology) {
			if got := subnetIDs(topo); !slices.Equal(got, []string{"v/a", "v/b", "v/c"}) {
				t.Errorf("subnets = %v", got)
			}
		}},
		{"delete an item", `
vnets:
  - name: v
    subnets:
      - {name: a, $delete: true}
`, func(t *testing.T, topo *Topology) {
			if got := subnetIDs(topo); !slices.Equal(got, []string{"v/b"}) {
				t.Errorf("subnets = %v", got)
			}
		}},
		{"a list of strings is replaced whole", `
vnets:
  - name: v
    addressSpace: [10.0.0.0/8]
`, func(t *testing.T, topo *Topology) {
			if got := topo.VNet("v").AddressSpace; !slices.Equal(got, []string{"10.0.0.0/8"}) {
				t.Errorf("addressSpace = %v", got)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"patch.yaml": tc.patch})
			src := NewSource()
			src.AddBytes("base.yaml", []byte(overlayBase))
			src.Patch(filepath.Join(dir, "patch.yaml"))
			topo, diags := src.Topology()
			if topo == nil || len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
			}
			tc.check(t, topo)
		})
	}
}

func subnetIDs(topo *Topology) []string {
	var out []string
	for _, s := range topo.Subnets() {
		out = append(out, s.ID())
	}
	return out
}

func TestOverlayDeleteMissing(t *testing.T) {
	const patch = `vnets:
  - name: v
    subnets:
      - {name: zz, $delete: true}
`
	dir := writeTree(t, map[string]string{"patch.yaml": patch})
	src := NewSource()
	src.AddBytes("base.yaml", []byte(overlayBase))
	src.Patch(filepath.Join(dir, "patch.yaml"))
	topo, diags := src.Topology()
	if want := []string{"4:29 delete_missing"}; topo != nil || !slices.Equal(codes(diags), want) {
		t.Errorf("got %q, want %q\n%s", codes(diags), want, diags.Error())
	}

	// Includes are lenient: deleting what is not there is not an error.
	lenient := NewSource()
	lenient.AddBytes("base.yaml", []byte(overlayBase))
	lenient.AddBytes(filepath.Join(dir, "patch.yaml"), []byte(patch))
	if topo, diags := lenient.Topology(); topo == nil || len(diags) > 0 {
		t.Errorf("an include deleting a missing item: %s", diags.Error())
	}
}

func TestScenarios(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"topologies/base.yaml": overlayBase,
		"patches/add-c.yaml": `vnets:
  - name: v
    subnets: [{name: c, addressPrefix: 10.0.3.0/24}]
`,
		"inline.yaml": `scenario: everything inline
topology:
  version: 1
  vnets:
    - name: v
      addressSpace: [10.0.0.0/16]
      subnets: [{name: a, addressPrefix: 10.0.1.0/24}]
patches:
  - vnets:
      - name: v
        subnets: [{name: a, $delete: true}, {name: d, addressPrefix: 10.0.4.0/24}]
expect:
  - {intent: x, verdict: reachable}
`,
		"files.yaml": `scenario: topology and patch from files
topology: topologies/base.yaml
patches:
  - patches/add-c.yaml
  - vnets: [{name: v, subnets: [{name: b, $delete: true}]}]
expect:
  - {intent: x, verdict: Blocked, reason: asymmetricreturn, blockedBy: "route:rt:r"}
`,
	})
	for _, tc := range []struct {
		file    string
		subnets []string
		expect  string // intent, verdict, reason, blockedBy
	}{
		{"inline.yaml", []string{"v/d"}, "x Reachable  "},
		{"files.yaml", []string{"v/a", "v/c"}, "x Blocked AsymmetricReturn route:rt:r"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			src, sc, diags := LoadScenario(filepath.Join(dir, tc.file))
			if src == nil || len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
			}
			topo, diags := src.Topology()
			if topo == nil || len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
			}
			if got := subnetIDs(topo); !slices.Equal(got, tc.subnets) {
				t.Errorf("subnets = %v, want %v", got, tc.subnets)
			}
			e := sc.Expect[0]
			if got := fmt.Sprintf("%s %s %s %s", e.Intent, e.Verdict, e.Reason, e.BlockedBy); got != tc.expect {
				t.Errorf("expectation = %q, want %q", got, tc.expect)
			}
			// Load takes a scenario file too, patches applied.
			if topo := mustLoad(t, filepath.Join(dir, tc.file)); !slices.Equal(subnetIDs(topo), tc.subnets) {
				t.Errorf("Load: subnets = %v", subnetIDs(topo))
			}
		})
	}
}

func TestScenarioErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"missing.yaml": "scenario: s\ntopology: nothere.yaml\npatches: [nope.yaml, [1], {$delete: true}]\n",
		"none.yaml":    "scenario: s\nexpect: [{intent: i}]\n",
		"plain.yaml":   "version: 1\n",
	})
	for _, tc := range []struct {
		file string
		want []string
	}{
		// Problems with what the scenario names are reported where it names them.
		{"missing.yaml", []string{"2:11 unreadable_file", "3:11 unreadable_file", "3:22 wrong_type", "3:28 bad_delete"}},
		{"none.yaml", []string{"1:1 missing_field", "2:10 missing_field"}},
		{"plain.yaml", []string{"1:1 not_a_scenario"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			src, _, diags := LoadScenario(filepath.Join(dir, tc.file))
			if src != nil || !slices.Equal(codes(diags), tc.want) {
				t.Errorf("got %q, want %q\n%s", codes(diags), tc.want, diags.Error())
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want []want // all errors; the first listed is the first sorted
		msg  string // a part of the first message, when the wording matters
	}{
		{"unknown key with suggestion", `version: 1
networkSecurityGroups:
  - name: n
    securityRules:
      - {name: r, priority: 100, direction: Inbound, access: Deny, protocol: Tcp, destinationPortRang: "22"}
`, []want{errAt("unknown_key", "destinationPortRang")}, `unknown key "destinationPortRang" (did you mean destinationPortRange?)`},
		{"unknown key without suggestion", "version: 1\nfrobnicate: true\n", []want{errAt("unknown_key", "frobnicate")}, `unknown key "frobnicate"`},
		{"duplicate key", "version: 1\nname: a\nlocation: x\nname: b\n", []want{errAt("duplicate_key", "name: b")}, `key "name" appears twice`},
		{"duplicate key in a list item", "version: 1\nvnets:\n  - {name: a, addressSpace: [10.0.0.0/16], name: b}\n", []want{errAt("duplicate_key", "name: b")}, ""},
		{"wrong types", `version: 1
vnets: {}
routeTables:
  - name: t
    disableBgpRoutePropagation: sometimes
    routes: [{name: r, addressPrefix: [10.0.0.0/8], nextHopType: None}]
networkSecurityGroups:
  - {name: n, securityRules: [{name: r, priority: "100"}]}
`, []want{
			errAt("wrong_type", "{}"), errAt("wrong_type", "sometimes"),
			errAt("wrong_type", "[10.0.0.0/8]"),
			// The rule is checked all the same: it lacks these three.
			errAt("missing_field", `{name: r, priority: "100"}`), errAt("missing_field", `{name: r, priority: "100"}`),
			errAt("missing_field", `{name: r, priority: "100"}`),
			errAt("wrong_type", `"100"`),
		}, "expected a list, found a mapping"},
		{"bad enums are listed", `version: 1
networkSecurityGroups:
  - {name: n, securityRules: [{name: r, priority: 100, direction: Sideways, access: Allow, protocol: Gre}]}
`, []want{errAt("bad_enum", "Sideways"), errAt("bad_enum", "Gre")}, `"Sideways" is not one of Inbound, Outbound`},
		{"an empty mapping", "{}\n", []want{errAt("missing_field", "{")}, "version is required"},
		{"version missing", "name: x\n", []want{errAt("missing_field", "name")}, "version is required"},
		{"version 2", "version: 2\n", []want{errAt("unsupported_version", "2")}, `version "2" is not supported`},
		{"version as text", "version: one\n", []want{errAt("unsupported_version", "one")}, ""},
		{"empty file", "", []want{{"empty_file", Error, ""}}, "the file is empty"},
		{"only white space", "  \n\n \t \n", []want{{"empty_file", Error, ""}}, "the file is empty"},
		{"only a comment", "# nothing yet\n", []want{errAt("empty_file", "#")}, "no YAML document"},
		{"tabs for indentation", "version: 1\nvnets:\n\t- name: v\n", []want{errAt("syntax_error", "\t")}, "tabs"},
		{"binary garbage", "\x00\x01\x02\xff\xfe\x89PNG\r\n", []want{errAt("syntax_error", "\x00")}, ""},
		{"two documents", "version: 1\n---\nversion: 1\n", []want{errAt("syntax_error", "---")}, "only one YAML document"},
		{"not a mapping", "- version: 1\n", []want{errAt("wrong_type", "-")}, ""},
		{"empty list item", "version: 1\nvnets:\n  -\n  - name: v\n    addressSpace: [10.0.0.0/16]\n", []want{errAt("wrong_type", "\n  - name")}, ""},
		{"recursive alias", "version: 1\na: &a [*a]\n", []want{errAt("alias_limit", "version")}, ""},
		{"several errors at once, sorted", `version: 1
vnets:
  - name: v
    addresSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24, nsg: x}]
networkSecurityGroups:
  - {name: n, securityRules: [{name: r, priority: low, direction: In}]}
`, []want{
			errAt("unknown_key", "addresSpace"), errAt("unknown_key", "nsg"),
			errAt("missing_field", "{name: r, priority: low"), errAt("missing_field", "{name: r, priority: low"),
			errAt("wrong_type", "low"), errAt("bad_enum", "In}"),
		}, "did you mean addressSpace?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			topo, diags := loadText(tc.text)
			var want []string
			for _, w := range tc.want {
				line, col := 1, 1
				if w.at != "" {
					line, col = textPos(t, tc.text, w.at)
				}
				want = append(want, fmt.Sprintf("%d:%d %s", line, col, w.code))
			}
			if got := codes(diags); topo != nil || !slices.Equal(got, want) {
				t.Fatalf("got %q, want %q\n%s", got, want, diags.Error())
			}
			if !strings.Contains(diags.Sorted()[0].Message, tc.msg) {
				t.Errorf("message %q does not contain %q", diags.Sorted()[0].Message, tc.msg)
			}
		})
	}
}

func TestEnumSpelling(t *testing.T) {
	topo, diags := loadText(`version: 1
networkSecurityGroups:
  - name: n
    securityRules:
      - {name: a, priority: 100, direction: inbound, access: ALLOW, protocol: tcp}
      - {name: b, priority: 101, direction: Inbound, access: Allow, protocol: Any}
      - {name: c, priority: 102, direction: Inbound, access: Allow, protocol: "*"}
`)
	if topo == nil {
		t.Fatal(diags.Error())
	}
	var got []string
	for _, r := range topo.NSG("n").SecurityRules {
		got = append(got, fmt.Sprintf("%s %s %s", r.Direction, r.Access, r.Protocol))
	}
	if want := []string{"Inbound Allow Tcp", "Inbound Allow *", "Inbound Allow *"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want the ARM spelling %q", got, want)
	}
}

// TestAliasBomb: the classic "billion laughs", nine aliases of nine, must
// fail fast with alias_limit instead of expanding 9^9 nodes.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	topo, diags := loadText(b.String())
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if want := []string{"1:1 alias_limit"}; topo != nil || !slices.Equal(codes(diags), want) {
		t.Fatalf("got %q, want %q", codes(diags), want)
	}
	if elapsed > 2*time.Second {
		t.Errorf("took %v", elapsed)
	}
	t.Logf("%v, %d MiB allocated", elapsed, (after.TotalAlloc-before.TotalAlloc)>>20)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
}

// TestServiceTagFiles: tag files are read relative to the file naming
// them, and must be regular files.
func TestServiceTagFiles(t *testing.T) {
	data, err := os.ReadFile("servicetags/testdata/download.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{
		"tags/ServiceTags.json": string(data),
		"ok.yaml": `version: 1
serviceTags: {files: [tags/ServiceTags.json]}
intents: [{name: i, source: BatchNodeManagement.EastUS2, destination: Storage}]
`,
		"bad.yaml": `version: 1
serviceTags: {files: [tags/Missing.json, tags]}
`,
		"tags/Broken.json": `{"changeNumber": 1, "cloud": "Public", "values": [
  {"name": "Broken", "id": "Broken", "properties": {"addressPrefixes": ["20.0.0.0/8", "nope"]}}]}`,
		// A tag's prefixes are parsed when it is first used: the error is
		// reported where it is used.
		"broken.yaml": `version: 1
serviceTags: {files: [tags/Broken.json]}
routeTables: [{name: t, routes: [{name: r, addressPrefix: Broken, nextHopType: Internet}]}]
`,
	})
	topo := mustLoad(t, filepath.Join(dir, "ok.yaml"))
	if _, ok := topo.Tags.Lookup("Storage.WestUS"); !ok {
		t.Error("Storage.WestUS not loaded")
	}
	for file, want := range map[string][]string{
		"bad.yaml":    {"2:23 bad_service_tags", "2:42 bad_service_tags"},
		"broken.yaml": {"3:59 bad_service_tags"},
	} {
		if _, diags := Load(filepath.Join(dir, file)); !slices.Equal(codes(diags), want) {
			t.Errorf("%s: got %q, want %q\n%s", file, codes(diags), want, diags.Error())
		}
	}
}

// TestYAMLPanic: yaml.v3 has panicked on hostile input before (go-yaml
// issues 665, 666, 744); a panic must come back as a diagnostic.
func TestYAMLPanic(t *testing.T) {
	defer func(orig func(io.Reader) interface{ Decode(any) error }) { newYAMLDecoder = orig }(newYAMLDecoder)
	newYAMLDecoder = func(io.Reader) interface{ Decode(any) error } { return panicking{} }
	topo, diags := loadText("version: 1\n")
	if want := []string{"1:1 syntax_error"}; topo != nil || !slices.Equal(codes(diags), want) {
		t.Fatalf("got %q, want %q", codes(diags), want)
	}
	if msg := diags[0].Message; !strings.Contains(msg, "cannot parse YAML") || !strings.Contains(msg, "index out of range") {
		t.Errorf("message %q", msg)
	}
}

type panicking struct{}

func (panicking) Decode(any) error {
	var s []int
	_ = s[len(s)] // the kind of panic yaml.v3 used to raise
	return nil
}

// TestPositionsAcrossFiles: after includes and patches merge, every value
// is still positioned in the file that wrote it, however deep it lies in
// an item another file holds.
func TestPositionsAcrossFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"inc.yaml":   "vnets:\n  - name: v\n    addressSpace: [10.0.0.0/16]\n    subnets: [{name: a, addressPrefix: 10.0.1.0/24}]\n",
		"main.yaml":  "version: 1\ninclude: [inc.yaml]\nvnets:\n  - name: v\n    subnets:\n      - {name: b, addressPrefix: 10.0.1.0/25}\n",
		"patch.yaml": "vnets:\n  - name: v\n    subnets:\n      - name: a\n        networkSecurityGroup: nope\n",
	})
	src, _, diags := Open(filepath.Join(dir, "main.yaml"))
	if src == nil {
		t.Fatal(diags.Error())
	}
	src.Patch(filepath.Join(dir, "patch.yaml"))
	_, diags = src.Topology()
	var got []string
	for _, d := range diags.Sorted() {
		line := fmt.Sprintf("%s:%d:%d %s", filepath.Base(d.Pos.File), d.Pos.Line, d.Pos.Col, d.Code)
		for _, r := range d.Related {
			line += fmt.Sprintf(" (%s:%d:%d)", filepath.Base(r.File), r.Line, r.Col)
		}
		got = append(got, line)
	}
	want := []string{"main.yaml:6:34 overlapping_subnets (inc.yaml:4:40)", "patch.yaml:5:31 unknown_reference"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q\n%s", got, want, diags.Error())
	}
}

// TestEveryValueOfTheWrongKind: a value that does not decode leaves its
// field empty and the rest is checked all the same, so every check must
// cope with any field left empty. Each value of the golden inputs in turn
// becomes a mapping, a list and a null: loading never panics, and a
// mapping or list where a value belongs is an error.
func TestEveryValueOfTheWrongKind(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/validate/*.yaml")
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		var scalars []*yaml.Node
		var walk func(n *yaml.Node, isKey bool)
		walk = func(n *yaml.Node, isKey bool) {
			if n.Kind == yaml.ScalarNode && !isKey {
				scalars = append(scalars, n)
			}
			for i, c := range n.Content {
				walk(c, n.Kind == yaml.MappingNode && i%2 == 0)
			}
		}
		walk(&doc, false)
		for _, n := range scalars {
			orig := *n
			for _, repl := range []yaml.Node{
				{Kind: yaml.MappingNode, Tag: "!!map"}, {Kind: yaml.SequenceNode, Tag: "!!seq"},
				{Kind: yaml.ScalarNode, Tag: "!!null", Value: "~"},
			} {
				*n = repl
				text, err := yaml.Marshal(&doc)
				if err != nil {
					t.Fatal(err)
				}
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s, %q at %d:%d made %s: panic %v\n%s", in, orig.Value, orig.Line, orig.Column, repl.Tag, r, text)
						}
					}()
					topo, diags := loadText(string(text))
					if repl.Kind != yaml.ScalarNode && (topo != nil || !diags.HasErrors()) {
						t.Errorf("%s, %q at %d:%d made %s: no error", in, orig.Value, orig.Line, orig.Column, repl.Tag)
					}
				}()
			}
			*n = orig
		}
	}
}
