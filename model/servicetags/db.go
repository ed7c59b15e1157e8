package servicetags

import (
	"cmp"
	"maps"
	"net/netip"
	"slices"
	"strings"
)

// DB holds service tags from Azure's files and inline definitions. The zero
// value is an empty DB.
//
// Lookup, Resolve, Regional, Names and ChangeNumber may be called
// concurrently; Merge and Set must not run concurrently with any other
// method.
type DB struct {
	changeNumber int
	tags         map[string]*entry // by key(name)
	groups       map[string]*group // by lower-case bare name
}

// group is everything a bare name resolves to: the entry of the bare name
// itself, if any, and the regional entries sharing its base.
type group struct {
	name     string   // the base as the first source spelled it
	regional []string // keys of the regional entries, in no particular order
	union    *lazy    // reset whenever a member changes
}

// New returns an empty DB.
func New() *DB { return &DB{} }

// ChangeNumber returns the changeNumber of the file the DB was loaded from, or
// of the last file merged into it that has one; 0 if there is none.
func (db *DB) ChangeNumber() int { return db.changeNumber }

// Merge adds other's tags to db. A tag of other replaces the tag of db with
// the same name (as Lookup matches names). other is left unchanged.
func (db *DB) Merge(other *DB) {
	if other.changeNumber != 0 {
		db.changeNumber = other.changeNumber
	}
	// Create the groups first so that db keeps the spelling of other's first
	// source, whatever order its entries are put in.
	for _, k := range slices.Sorted(maps.Keys(other.groups)) {
		if db.groups[k] == nil {
			db.addGroup(k, other.groups[k].name)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(other.tags)) {
		db.put(k, other.tags[k])
	}
}

// Set defines the tag name as prefixes, replacing any tag with the same name.
// The prefixes are masked; invalid (zero) prefixes are dropped.
func (db *DB) Set(name string, prefixes []netip.Prefix) {
	ps := make([]netip.Prefix, 0, len(prefixes))
	for _, p := range prefixes {
		if p.IsValid() {
			ps = append(ps, p.Masked())
		}
	}
	_, region, _ := strings.Cut(name, ".")
	e := &entry{name: name, region: region}
	e.parsed.get(func() ([]netip.Prefix, error) { return canonical(ps), nil })
	db.put(key(name), e)
}

// Names returns the name of every tag defined by a source, as the source
// spells it, sorted case-insensitively. Bare names that only exist as the
// union of regional tags are not included.
func (db *DB) Names() []string {
	names := make([]string, 0, len(db.tags))
	for _, e := range db.tags {
		names = append(names, e.name)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
	})
	return names
}

// NormalizeRegion returns the form in which region names are compared:
// lower-case, spaces removed ("East US 2" -> "eastus2").
func NormalizeRegion(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

// key returns the form in which tag names are compared: lower-case, and the
// region part (after the first '.') normalized by NormalizeRegion.
func key(name string) string {
	base, region, regional := strings.Cut(name, ".")
	if !regional {
		return strings.ToLower(name)
	}
	return strings.ToLower(base) + "." + NormalizeRegion(region)
}

func (db *DB) addGroup(k, name string) *group {
	if db.groups == nil {
		db.groups = make(map[string]*group)
	}
	g := &group{name: name, union: new(lazy)}
	db.groups[k] = g
	return g
}

// put stores e under k, which must be key(e.name).
func (db *DB) put(k string, e *entry) {
	if db.tags == nil {
		db.tags = make(map[string]*entry)
	}
	baseKey, _, regional := strings.Cut(k, ".")
	g := db.groups[baseKey]
	if g == nil {
		base, _, _ := strings.Cut(e.name, ".")
		g = db.addGroup(baseKey, base)
	}
	if _, replaced := db.tags[k]; !replaced && regional {
		g.regional = append(g.regional, k)
	}
	db.tags[k] = e
	g.union = new(lazy)
}
