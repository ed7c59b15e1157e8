package servicetags

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func FuzzLoad(f *testing.F) {
	for _, file := range []string{"testdata/download.json", "testdata/api.json"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		``, `{}`, `{"values": []}`, `{"changeNumber": "1", "values": [{"name": "A.B", "properties": {"addressPrefixes": ["::/0", "1.2.3.4/32"]}}]}`,
		`{"values": [{"name": "A"}, {"name": "a.b c"}, {"name": ".x"}, {"name": "."}]}`, `{"values": [{"name": "A", "properties": {"addressPrefixes": ["x", ""]}}]}`,
		"\ufeff[\"\\\"\"]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		db, err := Load("f.json", bytes.NewReader(data))
		if err != nil {
			if db != nil || !strings.HasPrefix(err.Error(), "f.json") {
				t.Fatalf("got %v, %v", db, err)
			}
			return
		}
		for _, name := range db.Names() {
			base, _, _ := strings.Cut(name, ".")
			for _, n := range []string{name, base} {
				tag, ok, err := db.Resolve(n)
				if !ok {
					t.Fatalf("Resolve(%q) of a listed name reported false", n)
				}
				for i := 1; err == nil && i < len(tag.Prefixes); i++ {
					if comparePrefixes(tag.Prefixes[i-1], tag.Prefixes[i]) >= 0 {
						t.Fatalf("Resolve(%q): prefixes not sorted and unique: %v", n, tag.Prefixes)
					}
				}
			}
		}
	})
}
