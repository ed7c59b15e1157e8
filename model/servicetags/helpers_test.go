package servicetags

import (
	"net/netip"
	"os"
	"testing"
)

func loadTestdata(t testing.TB, file string) *DB {
	t.Helper()
	return loadFile(t, "testdata/"+file)
}

// loadFile loads the service tag file at path.
func loadFile(t testing.TB, path string) *DB {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	db, err := Load(path, f)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func prefixes(ss ...string) []netip.Prefix {
	ps := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		ps[i] = netip.MustParsePrefix(s)
	}
	return ps
}
