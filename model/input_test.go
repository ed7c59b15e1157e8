package model

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// secret is what a file outside the project holds: no diagnostic may
// print it.
const secret = "root:x:0:0:hunter2-token"

func TestIncludesConfined(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "abs-secret.yaml")
	if err := os.WriteFile(outside, []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		main    string
		links   map[string]string // link name in proj -> target
		want    []string
		message string
	}{
		{"an absolute path", "version: 1\ninclude: [" + outside + "]\n", nil, []string{"2:11 file_refused"}, "absolute"},
		{"a .. escape", "version: 1\ninclude: [../outside/secret.yaml]\n", nil, []string{"2:11 file_refused"}, "outside"},
		{"a .. escape that comes back", "version: 1\ninclude: [sub/../../proj/ok.yaml]\n", nil, nil, ""},
		{"a symbolic link out", "version: 1\ninclude: [leak.yaml]\n", map[string]string{"leak.yaml": "../outside/secret.yaml"}, []string{"2:11 file_refused"}, "symbolic link"},
		{"an absolute symbolic link", "version: 1\ninclude: [leak.yaml]\n", map[string]string{"leak.yaml": outside}, []string{"2:11 file_refused"}, "symbolic link"},
		{"a folder linked out", "version: 1\ninclude: [d/secret.yaml]\n", map[string]string{"d": "../outside"}, []string{"2:11 file_refused"}, "symbolic link"},
		{"a link to a missing file out", "version: 1\ninclude: [leak.yaml]\n", map[string]string{"leak.yaml": "../outside/none.yaml"}, []string{"2:11 file_refused"}, "symbolic link"},
		{"a link inside", "version: 1\ninclude: [alias.yaml]\n", map[string]string{"alias.yaml": "ok.yaml"}, nil, ""},
		{"a file that is not YAML", "version: 1\ninclude: [passwd]\n", nil, []string{"1:1 wrong_type"}, "a single value"},
		{"binary content", "version: 1\ninclude: [blob.bin]\n", nil, []string{"1:1 syntax_error"}, ""},
		{"service tags out", "version: 1\nserviceTags: {files: [../outside/secret.yaml]}\n", nil, []string{"2:23 file_refused"}, "outside"},
		{"service tags absolute", "version: 1\nserviceTags: {files: [" + outside + "]}\n", nil, []string{"2:23 file_refused"}, "absolute"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{
				"outside/secret.yaml": secret + "\n",
				"proj/main.yaml":      tc.main,
				"proj/ok.yaml":        "vnets: [{name: v, addressSpace: [10.0.0.0/16]}]\n",
				"proj/passwd":         secret + "\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n",
				"proj/blob.bin":       "\x7fELF\x02\x01\x01\x00" + secret + "\x00\x00",
			})
			for name, target := range tc.links {
				if err := os.Symlink(target, filepath.Join(dir, "proj", name)); err != nil {
					t.Fatal(err)
				}
			}
			topo, diags := Load(filepath.Join(dir, "proj", "main.yaml"))
			if got := codes(diags); !slices.Equal(got, tc.want) || (topo == nil) != (len(tc.want) > 0) {
				t.Fatalf("got %q, want %q\n%s", got, tc.want, diags.Error())
			}
			for _, d := range diags {
				if strings.Contains(d.String(), "hunter2") {
					t.Errorf("a diagnostic prints the content of a file: %s", d)
				}
			}
			if len(diags) > 0 && !strings.Contains(diags[0].Message, tc.message) {
				t.Errorf("message %q does not say %q", diags[0].Message, tc.message)
			}
		})
	}
}

func TestIncludeRoots(t *testing.T) {
	files := map[string]string{
		"proj/main.yaml":           "version: 1\ninclude: [../shared/hub.yaml]\n",
		"shared/hub.yaml":          "vnets: [{name: hub, addressSpace: [10.0.0.0/16]}]\n",
		"proj/abs.yaml":            "version: 1\ninclude: [SHARED/hub.yaml]\n",
		"proj/scenario.yaml":       "scenario: s\ntopology: ../shared/hub-topology.yaml\npatches: [../shared/patch.yaml]\nexpect: [{intent: i, verdict: Reachable}]\n",
		"shared/hub-topology.yaml": "version: 1\nvnets: [{name: hub, addressSpace: [10.0.0.0/16]}]\n",
		"shared/patch.yaml":        "vnets: [{name: hub, location: eastus}]\n",
	}
	dir := writeTree(t, files)
	shared := filepath.Join(dir, "shared")
	abs := filepath.Join(dir, "proj", "abs.yaml")
	if err := os.WriteFile(abs, []byte(strings.ReplaceAll(files["proj/abs.yaml"], "SHARED", shared)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"main.yaml", "abs.yaml"} {
		path := filepath.Join(dir, "proj", f)
		if _, diags := Load(path); !slices.Equal(codes(diags), []string{"2:11 file_refused"}) {
			t.Errorf("%s without a root: got %q", f, codes(diags))
		}
		if topo, diags := (Options{IncludeRoots: []string{shared}}).Load(path); topo == nil || topo.VNet("hub") == nil {
			t.Errorf("%s with the root: %s", f, diags.Error())
		}
	}
	scenario := filepath.Join(dir, "proj", "scenario.yaml")
	if _, _, diags := LoadScenario(scenario); !slices.Equal(codes(diags), []string{"2:11 file_refused", "3:11 file_refused"}) {
		t.Errorf("a scenario's topology outside: got %q", codes(diags))
	}
	src, _, diags := Options{IncludeRoots: []string{shared}}.LoadScenario(scenario)
	if src == nil {
		t.Fatal(diags.Error())
	}
	if topo, diags := src.Topology(); topo == nil || topo.VNet("hub").Location != "eastus" {
		t.Errorf("scenario with the root: %s", diags.Error())
	}
	if _, diags := (Options{IncludeRoots: []string{filepath.Join(dir, "nope")}}).Load(filepath.Join(dir, "proj", "main.yaml")); !diags.HasErrors() || diags[0].Code != "unreadable_file" {
		t.Errorf("a missing include root: got %q", codes(diags))
	}
}

// TestIncludeCycleThroughLinks: a folder linked to itself gives the same
// file endless new names; the cycle is found on the file's identity.
func TestIncludeCycleThroughLinks(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.yaml": "version: 1\ninclude: [loop/a.yaml]\n",
		"a.yaml":    "include: [loop/a.yaml, loop/loop/a.yaml]\n",
	})
	if err := os.Symlink(".", filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	_, diags := Load(filepath.Join(dir, "main.yaml"))
	if want := []string{"1:11 include_cycle", "1:24 include_cycle"}; !slices.Equal(codes(diags), want) {
		t.Errorf("got %q, want %q\n%s", codes(diags), want, diags.Error())
	}
}

// TestIncludeFanOut: twelve levels where each file includes the next ten
// times would read 10^12 files; the budget of files stops it at once, with
// one error where it ran out.
func TestIncludeFanOut(t *testing.T) {
	files := map[string]string{"main.yaml": "version: 1\ninclude: [l0.yaml]\n"}
	for i := range 12 {
		files[fmt.Sprintf("l%d.yaml", i)] = "include: [" + strings.Repeat(fmt.Sprintf("l%d.yaml, ", i+1), 9) + fmt.Sprintf("l%d.yaml]\n", i+1)
	}
	files["l12.yaml"] = "vnets: [{name: v, addressSpace: [10.0.0.0/16]}]\n"
	dir := writeTree(t, files)
	diags, alloc := measure(func() Diagnostics {
		_, diags := Load(filepath.Join(dir, "main.yaml"))
		return diags
	})
	if len(diags) != 1 || diags[0].Code != "input_limit" || !strings.Contains(diags[0].Message, "1000 files") {
		t.Fatalf("got %q\n%s", codes(diags), diags.Error())
	}
	if alloc > 64<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
}

// measure runs f and returns what it returns and the bytes it allocated.
func measure[T any](f func() T) (T, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	out := f()
	runtime.ReadMemStats(&after)
	return out, after.TotalAlloc - before.TotalAlloc
}

// TestInputSize: one load reads at most MaxInputBytes, includes counted
// each time they are read.
func TestInputSize(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nvnets:\n")
	for i := range 30_000 {
		fmt.Fprintf(&b, "  - {name: v%d, addressSpace: [10.0.0.0/16]}\n", i)
	}
	big := b.String()
	dir := writeTree(t, map[string]string{
		"big.yaml":  big,
		"main.yaml": "version: 1\ninclude: [part.yaml, part.yaml, part.yaml]\n",
		"part.yaml": "vnets: [{name: v, addressSpace: [10.0.0.0/16]}]\n" + strings.Repeat("# padding\n", 40_000),
	})
	opts := Options{MaxInputBytes: 1 << 20}
	_, diags := opts.Load(filepath.Join(dir, "big.yaml"))
	if len(diags) != 1 || diags[0].Code != "input_limit" || !strings.Contains(diags[0].Message, "1 MiB") || !strings.Contains(diags[0].Message, "--max-input-size") {
		t.Errorf("a file over the limit: got\n%s", diags.Error())
	}
	_, diags = opts.Load(filepath.Join(dir, "main.yaml"))
	if want := []string{"2:33 input_limit"}; !slices.Equal(codes(diags), want) {
		t.Errorf("includes over the limit: got %q, want %q\n%s", codes(diags), want, diags.Error())
	}
	if topo, diags := (Options{MaxInputBytes: 2 << 20}).Load(filepath.Join(dir, "big.yaml")); topo == nil {
		t.Errorf("a raised limit: %s", diags.Error())
	}
}

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{"512MiB": 512 << 20, "2GiB": 2 << 30, "64 KiB": 64 << 10, "1000": 1000} {
		if got, err := ParseByteSize(in); err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1MiB", "1.5GiB", "1TB", "9999999999GiB"} {
		if _, err := ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q) did not fail", in)
		}
	}
}

// TestLoadMemory bounds what loading costs in memory, per byte of YAML:
// what it allocates in all, and what the topology keeps once loaded (the
// YAML tree is released as decoding goes). A regression that keeps the
// tree, or copies it, fails here long before an estate runs a machine out
// of memory.
func TestLoadMemory(t *testing.T) {
	text := []byte(largeTopology(300, 50, 30))
	path := filepath.Join(t.TempDir(), "large.yaml")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	var topo *Topology
	diags, alloc := measure(func() Diagnostics {
		var diags Diagnostics
		topo, diags = Load(path)
		return diags
	})
	if topo == nil {
		t.Fatal(diags.Error())
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	kept := ms.HeapAlloc
	runtime.KeepAlive(topo)
	size := uint64(len(text))
	t.Logf("%d KiB of YAML: %d MiB allocated (%dx), %d MiB kept (%dx)", size>>10, alloc>>20, alloc/size, kept>>20, kept/size)
	if alloc > 60*size {
		t.Errorf("allocated %dx the YAML", alloc/size)
	}
	if kept > 14*size {
		t.Errorf("kept %dx the YAML", kept/size)
	}
}
