package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// validateCase is one validation rule exercised on a tiny topology.
type validateCase struct {
	name string
	yaml string // the topology; "version: 1" is prepended
	want []want // every diagnostic expected, in any order; none for a clean case
}

// want is an expected diagnostic. at is the text it must point at, found
// in the input: its first occurrence, or the Nth with an "#N" suffix. The
// expected line and column are computed from the input, not from the code
// under test.
type want struct {
	code string
	sev  Severity
	at   string
}

func errAt(code, at string) want  { return want{code, Error, at} }
func warnAt(code, at string) want { return want{code, Warning, at} }

// loadText runs the loader and validation on an in-memory topology.
func loadText(text string) (*Topology, Diagnostics) {
	s := NewSource()
	s.AddBytes("test.yaml", []byte(text))
	return s.Topology()
}

// runValidateCases checks that each case yields exactly the diagnostics it
// lists, at the places it names.
func runValidateCases(t *testing.T, cases []validateCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := "version: 1\n" + tc.yaml
			topo, diags := loadText(text)
			var got, exp []string
			for _, d := range diags {
				if d.Code == "default_outbound_access" && !slices.ContainsFunc(tc.want, func(w want) bool { return w.code == d.Code }) {
					continue // every old-style compute subnet has it; its own cases assert it
				}
				got = append(got, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Severity, d.Code))
			}
			for _, w := range tc.want {
				line, col := textPos(t, text, w.at)
				exp = append(exp, fmt.Sprintf("%d:%d %s %s", line, col, w.sev, w.code))
			}
			slices.Sort(got)
			slices.Sort(exp)
			if !slices.Equal(got, exp) {
				t.Errorf("diagnostics differ\n got: %q\nwant: %q\nall:\n%s", got, exp, diags.Error())
			}
			if (topo == nil) != diags.HasErrors() {
				t.Errorf("topology returned: %v, errors: %v", topo != nil, diags.HasErrors())
			}
		})
	}
}

// textPos finds where needle ("text" or "text#N") starts in text, as a
// 1-based line and column.
func textPos(t *testing.T, text, needle string) (line, col int) {
	t.Helper()
	nth := 1
	if i := strings.LastIndex(needle, "#"); i >= 0 {
		if n, err := strconv.Atoi(needle[i+1:]); err == nil {
			needle, nth = needle[:i], n
		}
	}
	off := -1
	for range nth {
		i := strings.Index(text[off+1:], needle)
		if i < 0 {
			t.Fatalf("%q (occurrence %d) is not in the input", needle, nth)
		}
		off += 1 + i
	}
	line = 1 + strings.Count(text[:off], "\n")
	return line, off - strings.LastIndex(text[:off], "\n")
}

func TestTextPos(t *testing.T) {
	text := "ab\ncd ab\n"
	for _, tc := range []struct {
		needle    string
		line, col int
	}{{"ab", 1, 1}, {"ab#2", 2, 4}, {"cd", 2, 1}} {
		if l, c := textPos(t, text, tc.needle); l != tc.line || c != tc.col {
			t.Errorf("textPos(%q) = %d:%d, want %d:%d", tc.needle, l, c, tc.line, tc.col)
		}
	}
}

// oneVNet is a VNet with one subnet, for cases that need somewhere to put
// things.
const oneVNet = `vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - name: s
        addressPrefix: 10.0.1.0/24
`
