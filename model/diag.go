package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a place in an input file. The zero Pos means "no position known".
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Line == 0 {
		if p.File == "" {
			return "-"
		}
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

func (p Pos) compare(q Pos) int {
	return cmp.Or(cmp.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Severity tells errors, which stop a command, from warnings, which do not.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a topology. Code is stable snake_case
// (tests assert it); Message is for people.
type Diagnostic struct {
	Pos      Pos
	Path     string
	Code     string
	Message  string
	Related  []Pos
	Severity Severity
}

// String renders the diagnostic as "file:line:col: [warning: ]path: message".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	for _, r := range d.Related {
		fmt.Fprintf(&b, " (see %s)", r)
	}
	return b.String()
}

// Diagnostics is a list of problems; the zero value is empty and ready to use.
type Diagnostics []Diagnostic

func (ds *Diagnostics) add(sev Severity, pos Pos, path, code, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Path: path, Code: code, Message: fmt.Sprintf(format, args...), Severity: sev})
}

func (ds *Diagnostics) errorf(pos Pos, path, code, format string, args ...any) {
	ds.add(Error, pos, path, code, format, args...)
}

func (ds *Diagnostics) warnf(pos Pos, path, code, format string, args ...any) {
	ds.add(Warning, pos, path, code, format, args...)
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the errors.
func (ds Diagnostics) Errors() Diagnostics {
	return slices.DeleteFunc(slices.Clone(ds), func(d Diagnostic) bool { return d.Severity != Error })
}

// Sorted returns the diagnostics ordered by position, then path, code and
// message, with exact duplicates removed.
func (ds Diagnostics) Sorted() Diagnostics {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(a.Pos.compare(b.Pos), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && a.Path == b.Path && a.Code == b.Code && a.Message == b.Message && a.Severity == b.Severity
	})
}

// Error makes a non-empty list of diagnostics usable as an error: one line each.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds.Sorted() {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
