package azure

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzImport feeds arbitrary bytes through the importer, whatever they
// look like: deployed resources, an ARM template, a parameters file, a
// Terraform plan or state, a REST example. It must not panic or hang; an
// error names the file (every line that is not a continuation starts with
// it, or says there is nothing to import); a result writes the same YAML
// twice. Seeds: every testdata input, and the corpus in testdata/fuzz.
func FuzzImport(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := []Input{{Name: "fuzz.json", Data: data}}
		res, err := Import(in, Options{})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "fuzz.json") && !strings.HasPrefix(line, "nothing to import") && !strings.HasPrefix(line, "  ") {
					t.Fatalf("an error line names no file: %q in\n%v", line, err)
				}
			}
			return
		}
		var a, b bytes.Buffer
		if err := res.WriteYAML(&a); err != nil {
			t.Fatal(err)
		}
		again, err := Import(in, Options{})
		if err != nil {
			t.Fatalf("a second import fails: %v", err)
		}
		if err := again.WriteYAML(&b); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Fatalf("the output is not deterministic:\n%s\n---\n%s", a.String(), b.String())
		}
	})
}
