package servicetags

import (
	"net/netip"
	"slices"
	"strings"
)

// Tag is a resolved service tag.
type Tag struct {
	// Name is the tag's name as its source spells it ("Storage.EastUS2").
	// For a bare name resolved as a union of regional tags, it is the bare
	// name as the first source that defines the base spells it.
	Name string
	// Region is the region as the source gives it ("eastus2"), "" for a
	// global tag or a union.
	Region string
	// Prefixes are sorted (IPv4 first), deduplicated and masked. They are
	// the caller's to modify.
	Prefixes []netip.Prefix
}

// Lookup resolves a tag name. Names match case-insensitively, and the region
// part of a name (after the first '.') also ignores spaces, so
// "Storage.East US 2" finds "Storage.EastUS2". A bare name ("Storage") is the
// union of the tag of that name, if a source defines one, and every regional
// tag "Storage.<region>".
//
// Lookup reports false for a name that no source defines, and also for a tag
// whose prefixes do not parse; Resolve tells the two apart.
func (db *DB) Lookup(name string) (Tag, bool) {
	t, ok, err := db.Resolve(name)
	if err != nil {
		return Tag{}, false
	}
	return t, ok
}

// Resolve is Lookup with the error of a tag (or of a member of a union) whose
// prefixes do not parse. Prefixes are parsed on the first lookup of a tag and
// the result is kept.
func (db *DB) Resolve(name string) (t Tag, ok bool, err error) {
	k := key(name)
	if strings.Contains(k, ".") {
		e := db.tags[k]
		if e == nil {
			return Tag{}, false, nil
		}
		return e.tag()
	}
	g := db.groups[k]
	if g == nil {
		return Tag{}, false, nil
	}
	if len(g.regional) == 0 {
		return db.tags[k].tag()
	}
	ps, err := g.union.get(func() ([]netip.Prefix, error) { return db.union(k, g) })
	if err != nil {
		return Tag{}, true, err
	}
	return Tag{Name: g.name, Prefixes: slices.Clone(ps)}, true, nil
}

// Regional resolves the tag of base in a location given as Azure spells
// locations anywhere ("East US 2", "eastus2"): Regional("Storage", "East US 2")
// finds "Storage.EastUS2". It reports false as Lookup does.
func (db *DB) Regional(base, location string) (Tag, bool) {
	return db.Lookup(base + "." + location)
}

// union computes the prefixes of the bare name k.
func (db *DB) union(k string, g *group) ([]netip.Prefix, error) {
	members := slices.Sorted(slices.Values(g.regional))
	if _, ok := db.tags[k]; ok {
		members = append([]string{k}, members...)
	}
	var all []netip.Prefix
	for _, m := range members {
		ps, err := db.tags[m].prefixes()
		if err != nil {
			return nil, err
		}
		all = append(all, ps...)
	}
	return canonical(all), nil
}
