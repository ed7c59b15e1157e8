package servicetags

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"sync"
)

// entry is one tag as a source defines it. Its prefixes stay unparsed until
// the first lookup: a topology uses a handful of the thousands of tags in a
// file. An entry never changes once stored, so DBs can share it.
type entry struct {
	name   string
	region string
	source string   // the file, for errors
	raw    []string // the file's prefixes; unused for inline tags
	parsed lazy
}

func (e *entry) prefixes() ([]netip.Prefix, error) {
	return e.parsed.get(func() ([]netip.Prefix, error) { return parsePrefixes(e.source, e.name, e.raw) })
}

func (e *entry) tag() (Tag, bool, error) {
	ps, err := e.prefixes()
	if err != nil {
		return Tag{}, true, err
	}
	return Tag{Name: e.name, Region: e.region, Prefixes: slices.Clone(ps)}, true, nil
}

// lazy is a set of prefixes computed once, safely for concurrent callers.
type lazy struct {
	once     sync.Once
	prefixes []netip.Prefix
	err      error
}

func (l *lazy) get(compute func() ([]netip.Prefix, error)) ([]netip.Prefix, error) {
	l.once.Do(func() { l.prefixes, l.err = compute() })
	return l.prefixes, l.err
}

// parsePrefixes parses the prefixes of tag from file. A prefix with host bits
// set is invalid, as Azure rejects it in rules.
func parsePrefixes(file, tag string, raw []string) ([]netip.Prefix, error) {
	ps := make([]netip.Prefix, len(raw))
	for i, s := range raw {
		p, err := netip.ParsePrefix(s)
		if err != nil || p != p.Masked() {
			return nil, fmt.Errorf("%s: tag %q: invalid prefix %q", file, tag, s)
		}
		ps[i] = p
	}
	return canonical(ps), nil
}

// canonical sorts and deduplicates ps in place.
func canonical(ps []netip.Prefix) []netip.Prefix {
	slices.SortFunc(ps, comparePrefixes)
	return slices.Compact(ps)
}

// comparePrefixes orders prefixes by address (IPv4 first), then length.
func comparePrefixes(a, b netip.Prefix) int {
	return cmp.Or(a.Addr().Compare(b.Addr()), cmp.Compare(a.Bits(), b.Bits()))
}
