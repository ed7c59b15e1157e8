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
	add(src, name, sc.Topology, src.AddFile, src.AddNode)
	for _, p := range sc.Patches {
		add(src, name, p, src.Patch, src.PatchNode)
	}
	if src.diags.HasErrors() {
		return nil, nil, src.diags
	}
	return src, sc, src.diags
}

// add merges n, a file name (relative to the scenario) or an inline mapping.
func add(src *Source, scenarioFile string, n *yaml.Node, file func(string), inline func(string, *yaml.Node)) {
	switch n.Kind {
	case yaml.ScalarNode:
		file(relativeTo(scenarioFile, n.Value))
	case yaml.MappingNode:
		inline(scenarioFile, n)
	default:
		src.diags.errorf(src.pos(n), "", "wrong_type", "expected a file name or a mapping, found %s", describe(n))
	}
}
