package servicetags

import (
	"net/netip"
	"testing"
)

func loadTestdata(t testing.TB, file string) *DB {
	t.Helper()
	db, err := LoadFile("testdata/" + file)
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
