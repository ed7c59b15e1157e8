package model

import (
	"strings"
	"testing"
)

// TestSyntaxErrors: each YAML slip is reported at the line and column
// where it is (at marks it in the text: its first occurrence), with a
// hint for the common ones, never echoing more than yaml.v3 says.
func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, at, hint string
	}{
		{"unquoted * in a block", "version: 1\nnetworkSecurityGroups:\n  - name: n\n    securityRules:\n      - name: r\n        sourceAddressPrefix: *\n", "*", `write "*"`},
		{"unquoted * in a flow", "version: 1\nr: {name: a, source: *, dest: x}\n", "*", `write "*"`},
		{"unquoted * in a list", "version: 1\nports: [*, 443]\n", "*", `write "*"`},
		{"an alias to nothing", "version: 1\nname: x\nsource: *any\n", "*any", `write "*"`},
		{"tab indentation", "version: 1\nvnets:\n\t- name: v\n", "\t", "tabs"},
		{"tab after spaces", "version: 1\nvnets:\n  - name: v\n  \taddressSpace: x\n", "\taddressSpace", "tabs"},
		{"a key indented less than its siblings", "version: 1\nvnets:\n  - name: a\n   addressSpace: [10.0.0.0/16]\n  - name: b\n", "addressSpace", "indentation"},
		{"a key between two columns", "version: 1\nvnets:\n  - name: a\n    subnets:\n    - name: s\n      addressPrefix: x\n   networkSecurityGroup: y\n", "networkSecurityGroup", "indentation"},
		{"a nested key out of line", "a:\n  b:\n    c: 1\n   d: 2\n", "d:", "indentation"},
		{"a list entry among keys", "version: 1\nvnets:\n- name: a\n  subnets:\n   - name: s\n  - name: t\n", "- name: t", "indentation"},
		{"a key indented deeper than its sibling", "version: 1\nvnets:\n  - name: a\n     addressSpace: [10.0.0.0/16]\n", "addressSpace", "indentation"},
		{"a top-level key indented", "version: 1\n  name: x\n", "name", "indentation"},
		{"no space after a colon", "version: 1\nvnets:\n  - name:a\n    addressSpace: x\n", "a\n", "space after its colon"},
		{"a value holding a colon", "version: 1\nname: a: b\n", ": b", "quoted"},
		{"an unclosed bracket", "version: 1\nvnets: [a, b\nname: x\n", "[", "not closed"},
		{"an unclosed brace", "version: 1\nx: {a: 1, b: 2\ny: 3\n", "{", "not closed"},
		{"an unclosed quote", "version: 1\nname: \"abc\nvnets: []\n", "\"abc", "not closed"},
		{"a value starting with @", "version: 1\nname: @x\n", "@", "quote it"},
		{"a value starting with a backquote", "version: 1\nname: `x`\n", "`", "quote it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := loadText(tc.text)
			if len(diags) != 1 || diags[0].Code != "syntax_error" {
				t.Fatalf("got\n%s", diags.Error())
			}
			line, col := textPos(t, tc.text, tc.at)
			if d := diags[0]; d.Pos.Line != line || d.Pos.Col != col || !strings.Contains(d.Message, tc.hint) {
				t.Errorf("got %d:%d %q, want %d:%d with %q", d.Pos.Line, d.Pos.Col, d.Message, line, col, tc.hint)
			}
		})
	}
}
