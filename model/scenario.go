package model

import (
	"reflect"

	"gopkg.in/yaml.v3"
)

// Scenario is a regression test: a topology, changes to it, and what must
// then hold (topology-format.md, "Scenarios").
type Scenario struct {
	Meta        `yaml:"-"`
	Scenario    string         `yaml:"scenario"`
	Description string         `yaml:"description"`
	Topology    *yaml.Node     `yaml:"topology"` // a file name, or an inline topology
	Patches     []*yaml.Node   `yaml:"patches"`  // overlays (inline, or file names)
	Expect      []*Expectation `yaml:"expect"`
}

// Expectation is what one intent must give. Empty fields are not judged.
type Expectation struct {
	Meta      `yaml:"-"`
	Intent    string  `yaml:"intent"`
	Verdict   Verdict `yaml:"verdict"`
	Reason    Reason  `yaml:"reason"`
	BlockedBy string  `yaml:"blockedBy"`
}

// LoadScenario reads a scenario file: the scenario, and the source of its
// topology with the patches applied.
func LoadScenario(path string) (*Source, *Scenario, Diagnostics) {
	src, sc, diags := Open(path)
	if src != nil && sc == nil {
		diags.errorf(Pos{File: displayName(path), Line: 1, Col: 1}, "", "not_a_scenario", "not a scenario file (it has no \"scenario\" key)")
		return nil, nil, diags
	}
	return src, sc, diags
}

func openScenario(name string, root *yaml.Node) (*Source, *Scenario, Diagnostics) {
	src := NewSource()
	root = src.expand(name, root)
	if root == nil {
		return nil, nil, src.diags
	}
	sc := &Scenario{}
	d := decoder{files: src.files, diags: &src.diags}
	d.decodeStruct(root, reflect.ValueOf(sc).Elem(), "")
	if sc.Topology == nil {
		src.diags.errorf(sc.Pos, "", "missing_field", "a scenario needs a topology (a file name or an inline topology)")
	}
	for i, e := range sc.Expect {
		if e.Intent == "" {
			src.diags.errorf(e.Pos, e.Path, "missing_field", "an expectation needs an intent")
		}
		if e.Verdict == "" && e.Reason == "" && e.BlockedBy == "" {
			src.diags.errorf(e.Pos, e.Path, "missing_field", "expectation %d judges nothing: give a verdict, reason or blockedBy", i+1)
		}
	}
	if src.diags.HasErrors() {
		return nil, nil, src.diags
	}
	add(src, name, sc.Topology, "topology", false)
	for i, p := range sc.Patches {
		add(src, name, p, "patches["+itoa(i)+"]", true)
	}
	if src.diags.HasErrors() {
		return nil, nil, src.diags
	}
	return src, sc, src.diags
}

// add merges n, written at path in the scenario: a file name (relative to
// the scenario), or an inline mapping. strict is for patches (see merge).
func add(src *Source, scenarioFile string, n *yaml.Node, path string, strict bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		file := relativeTo(scenarioFile, n.Value)
		data, err := readNamedFile(file)
		if err != nil {
			// Point at the reference, not at the file that is not there.
			src.diags.errorf(src.pos(n), path, "unreadable_file", "%s", cleanIOError(err))
			return
		}
		src.addBytes(file, data, strict)
	case yaml.MappingNode:
		if root := src.prepare(scenarioFile, n, nil); root != nil {
			src.merge(src.root, root, "", strict)
		}
	default:
		src.diags.errorf(src.pos(n), path, "wrong_type", "expected a file name or a mapping, found %s", describe(n))
	}
}
