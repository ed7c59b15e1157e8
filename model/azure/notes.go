package azure

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// noteKind orders the notes: what was left out first, then what was
// assumed.
type noteKind int

const (
	noteUnknown     noteKind = iota // values known only at deployment, and what depends on them
	noteDropped                     // associations and objects dropped, named
	noteNotModelled                 // resources vnetsim does not model (azure-semantics.md §15)
	noteAssumed                     // what the import decided where ARM is silent, said so
)

// notebook collects notes without repeats; each kind's notes are sorted,
// so that the order of the inputs does not change them.
type notebook struct {
	notes   map[noteKind][]string
	seen    map[string]bool
	asks    []string
	skipped map[string]*skip // by lower-case type
}

type skip struct {
	spelling string // as first met
	count    int
}

func newNotebook() *notebook {
	return &notebook{notes: map[noteKind][]string{}, seen: map[string]bool{}, skipped: map[string]*skip{}}
}

func (n *notebook) add(k noteKind, format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if n.seen[s] {
		return
	}
	n.seen[s] = true
	n.notes[k] = append(n.notes[k], s)
}

// ask records something the topology needs that ARM cannot tell: it heads
// the output and is a note.
func (n *notebook) ask(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if n.seen["ask:"+s] {
		return
	}
	n.seen["ask:"+s] = true
	n.asks = append(n.asks, s)
}

// skip counts a resource of a type the import does not read.
func (n *notebook) skip(typ string) {
	k := strings.ToLower(typ)
	if n.skipped[k] == nil {
		n.skipped[k] = &skip{spelling: typ}
	}
	n.skipped[k].count++
}

// list is every note: the skipped types with their counts, then each kind
// sorted, then the asks.
func (n *notebook) list() []string {
	var out []string
	if len(n.skipped) > 0 {
		total, kinds := 0, []string{}
		for _, t := range slices.Sorted(maps.Keys(n.skipped)) {
			s := n.skipped[t]
			total += s.count
			kinds = append(kinds, fmt.Sprintf("%s (%d)", s.spelling, s.count))
		}
		out = append(out, fmt.Sprintf("skipped %d %s of %d %s that vnetsim does not read: %s",
			total, plural(total, "resource"), len(kinds), plural(len(kinds), "type"), strings.Join(kinds, ", ")))
	}
	for _, k := range slices.Sorted(maps.Keys(n.notes)) {
		out = append(out, slices.Sorted(slices.Values(n.notes[k]))...)
	}
	for _, a := range n.sortedAsks() {
		out = append(out, "to fill in: "+a)
	}
	return out
}

func (n *notebook) sortedAsks() []string { return slices.Sorted(slices.Values(n.asks)) }

func plural(n int, word string) string {
	switch {
	case n == 1:
		return word
	case strings.HasSuffix(word, "ss"):
		return word + "es"
	}
	return word + "s"
}
