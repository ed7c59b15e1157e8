//go:build unix

package model

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// endless writes to w until the reader goes away.
func endless(w *os.File) {
	defer w.Close()
	chunk := []byte(strings.Repeat("# endless\n", 6500))
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}

// TestEndlessInputs: /dev/zero, a FIFO nobody writes to, a FIFO written to
// without end and endless standard input end in an error, each within the
// byte budget, never in a hang or an exhausted memory.
func TestEndlessInputs(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := writeTree(t, map[string]string{
		"main.yaml":     "version: 1\ninclude: [/dev/zero, fifo.yaml, zero.yaml]\n",
		"tags.yaml":     "version: 1\nserviceTags: {files: [/dev/zero]}\n",
		"scenario.yaml": "scenario: s\ntopology: fifo.yaml\nexpect: [{intent: i, verdict: Reachable}]\n",
	})
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero-abs.yaml")); err != nil {
		t.Fatal(err)
	}
	// A relative link to /dev/zero (enough ../ to reach /) leads out of
	// the folder.
	if err := os.Symlink(strings.Repeat("../", strings.Count(dir, "/"))+"dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(dir, "fifo.yaml"))
	// With /dev an include root, /dev/zero is refused for what it is.
	opts := Options{MaxInputBytes: 4 << 20, IncludeRoots: []string{"/dev"}}

	for _, tc := range []struct {
		name string
		file string
		want []string
	}{
		{"/dev/zero as the topology", "/dev/zero", []string{"0:0 unreadable_file"}},
		{"a link to /dev/zero as the topology", "zero-abs.yaml", []string{"0:0 unreadable_file"}},
		{"a FIFO without a writer as the topology", "fifo.yaml", []string{"1:1 empty_file"}},
		{"/dev/zero and a FIFO as includes", "main.yaml", []string{"2:11 unreadable_file", "2:22 unreadable_file", "2:33 file_refused"}},
		{"/dev/zero as a service-tag file", "tags.yaml", []string{"2:23 bad_service_tags"}},
		{"a FIFO as a scenario's topology", "scenario.yaml", []string{"2:11 unreadable_file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.file
			if !filepath.IsAbs(path) {
				path = filepath.Join(dir, path)
			}
			diags, alloc := measure(func() Diagnostics {
				_, diags := opts.Load(path)
				return diags
			})
			if got := codes(diags); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q\n%s", got, tc.want, diags.Error())
			}
			if alloc > 64<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}

	t.Run("a FIFO written to without end", func(t *testing.T) {
		go func() {
			w, err := os.OpenFile(filepath.Join(dir, "fifo.yaml"), os.O_WRONLY, 0)
			if err == nil {
				endless(w)
			}
		}()
		// The reader opens without waiting for the writer; wait for it, so
		// that the read does not end before the writer starts.
		path := filepath.Join(dir, "fifo.yaml")
		f, err := os.Open(path) // blocks until the writer is there
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		diags, alloc := measure(func() Diagnostics {
			_, diags := opts.Load(path)
			return diags
		})
		if len(diags) != 1 || diags[0].Code != "input_limit" {
			t.Errorf("got %q\n%s", codes(diags), diags.Error())
		}
		if alloc > 64<<20 {
			t.Errorf("allocated %d MiB", alloc>>20)
		}
	})

	t.Run("endless standard input", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go endless(w)
		defer func(orig *os.File) { os.Stdin = orig }(os.Stdin)
		os.Stdin = r
		_, diags := opts.Load("-")
		if len(diags) != 1 || diags[0].Code != "input_limit" || diags[0].Pos.File != "<stdin>" || !strings.Contains(diags[0].Message, "standard input is too large") {
			t.Errorf("got %q\n%s", codes(diags), diags.Error())
		}
	})
}

// TestIsScenarioFile: sniffing a folder's files reads only regular ones.
func TestIsScenarioFile(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"scenario.yaml":  "# a comment\nscenario: s\ntopology: t.yaml\n",
		"late.yaml":      "topology:\n  version: 1\n  description: |\n    scenario: not a key\n\"scenario\": s\n",
		"topology.yaml":  "version: 1\ndescription: >\n  scenario: folded text, not a key\n",
		"flow.yaml":      "{scenario: s, topology: t.yaml}\n",
		"flow-topo.yaml": "{version: 1}\n",
	})
	mkfifo(t, filepath.Join(dir, "fifo.yaml"))
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]bool{
		"scenario.yaml": true, "late.yaml": true, "topology.yaml": false, "flow.yaml": true, "flow-topo.yaml": false,
		"fifo.yaml": false, "zero.yaml": false, "missing.yaml": false,
	} {
		if got := IsScenarioFile(filepath.Join(dir, file)); got != want {
			t.Errorf("IsScenarioFile(%s) = %v, want %v", file, got, want)
		}
	}
}
