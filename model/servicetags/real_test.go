package servicetags

import (
	"os"
	"path/filepath"
	"testing"
)

// realDir holds Azure's published files (see its README.md).
const realDir = "../../../shared/data/servicetags"

func realFile(tb testing.TB, name string) string {
	tb.Helper()
	if _, err := os.Stat(realDir); os.IsNotExist(err) {
		tb.Skipf("%s is absent", realDir)
	}
	return filepath.Join(realDir, name)
}

func TestRealFiles(t *testing.T) {
	tests := []struct {
		file           string
		change         int
		tags, prefixes int
		ipv4           int // 0: not checked
	}{
		{"ServiceTags_Public_20230213.json", 241, 2292, 61243, 0},
		{"ServiceTags_Public_20250728.json", 364, 2967, 90489, 67050},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			db := loadFile(t, realFile(t, tt.file))
			if db.ChangeNumber() != tt.change {
				t.Errorf("ChangeNumber() = %d, want %d", db.ChangeNumber(), tt.change)
			}
			names := db.Names()
			if len(names) != tt.tags {
				t.Errorf("%d tags, want %d", len(names), tt.tags)
			}
			// Count the file's entries: Lookup of a bare name is a union.
			prefixes, ipv4 := 0, 0
			for _, name := range names {
				ps, err := db.tags[key(name)].prefixes()
				if err != nil {
					t.Fatal(err)
				}
				prefixes += len(ps)
				for _, p := range ps {
					if p.Addr().Is4() {
						ipv4++
					}
				}
			}
			if prefixes != tt.prefixes {
				t.Errorf("%d prefixes, want %d", prefixes, tt.prefixes)
			}
			if tt.ipv4 != 0 && ipv4 != tt.ipv4 {
				t.Errorf("%d IPv4 prefixes, want %d", ipv4, tt.ipv4)
			}
			for _, name := range []string{"Storage.EastUS2", "BatchNodeManagement.EastUS2", "AzureMachineLearning", "AzureCloud.eastus2", "Storage"} {
				if tag, ok := db.Lookup(name); !ok || len(tag.Prefixes) == 0 {
					t.Errorf("Lookup(%q) = %d prefixes, %v", name, len(tag.Prefixes), ok)
				}
			}
		})
	}
}

// TestRealBareUnion checks that a bare name is more than the file's entry of
// that name: in 2025, "Storage" lists 571 prefixes and its regional tags
// 1,728, 1,776 together.
func TestRealBareUnion(t *testing.T) {
	db := loadFile(t, realFile(t, "ServiceTags_Public_20250728.json"))
	tag, _ := db.Lookup("Storage")
	if len(tag.Prefixes) != 1776 {
		t.Errorf("Storage has %d prefixes, want 1776", len(tag.Prefixes))
	}
}
