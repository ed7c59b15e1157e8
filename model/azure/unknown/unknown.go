// Package unknown records values that a template or a plan leaves to
// deployment time (reference() of a resource, a value Terraform knows only
// after apply), so that the importer can name what depends on them.
//
// An unknown value travels through the converted resources as a marker
// string; the importer finds markers in what it built and looks up why
// each value is unknown.
package unknown

import (
	"strconv"
	"strings"
)

// Value is one value that is not known offline.
type Value struct {
	Expr   string // the expression or attribute, as written
	Pos    string // where: file:line:col, or a Terraform resource address
	Reason string // why it is not known offline
	// For a property of a resource read before it exists (ARM reference(),
	// a Terraform attribute known after apply): the resource's id (lower
	// case) and the property path, e.g. "ipConfigurations[0].properties.privateIPAddress".
	Ref, Path string
}

// Table numbers the unknown values of one import.
type Table struct {
	vals []Value
}

// marker starts every marker string; a NUL never occurs in Azure names or
// addresses, so a marker cannot be mistaken for a real value.
const marker = "\x00unknown:"

// Add records v and returns the marker that stands for it.
func (t *Table) Add(v Value) string {
	t.vals = append(t.vals, v)
	return marker + strconv.Itoa(len(t.vals)-1)
}

// Find reports the unknown value that s stands for, if s holds a marker.
func (t *Table) Find(s string) (Value, bool) {
	i := strings.Index(s, marker)
	if t == nil || i < 0 {
		return Value{}, false
	}
	rest := s[i+len(marker):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil || n >= len(t.vals) {
		return Value{}, false
	}
	return t.vals[n], true
}

// Is reports whether s holds a marker.
func Is(s string) bool { return strings.Contains(s, marker) }

// Describe is how notes name an unknown value.
func (v Value) Describe() string {
	var b strings.Builder
	b.WriteString(v.Expr)
	if v.Pos != "" {
		b.WriteString(" (")
		b.WriteString(v.Pos)
		b.WriteString(")")
	}
	if v.Reason != "" {
		b.WriteString(": ")
		b.WriteString(v.Reason)
	}
	return b.String()
}
