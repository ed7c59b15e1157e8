package model

import (
	"bytes"
	"io"
	"os"
	"reflect"
	"strings"
	"syscall"

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
func LoadScenario(path string) (*Source, *Scenario, Diagnostics) { return Options{}.LoadScenario(path) }

// LoadScenario is LoadScenario with these options.
func (o Options) LoadScenario(path string) (*Source, *Scenario, Diagnostics) {
	src, sc, diags := o.Open(path)
	if src != nil && sc == nil {
		diags.errorf(Pos{File: displayName(path), Line: 1, Col: 1}, "", "not_a_scenario", "not a scenario file (it has no \"scenario\" key)")
		return nil, nil, diags
	}
	return src, sc, diags
}

// openScenario decodes a scenario parsed from name and assembles its
// topology in s.
func (s *Source) openScenario(name string, root *yaml.Node) (*Source, *Scenario, Diagnostics) {
	root = s.expand(name, root)
	if root == nil {
		return nil, nil, s.diags
	}
	sc := &Scenario{}
	d := decoder{files: s.files, diags: &s.diags, suggest: newSuggester()}
	d.decodeStruct(root, reflect.ValueOf(sc).Elem(), "", name)
	if sc.Topology == nil {
		s.diags.errorf(sc.Pos, "", "missing_field", "a scenario needs a topology (a file name or an inline topology)")
	}
	for i, e := range sc.Expect {
		if e.Intent == "" {
			s.diags.errorf(e.Pos, e.Path, "missing_field", "an expectation needs an intent")
		}
		if e.Verdict == "" && e.Reason == "" && e.BlockedBy == "" {
			s.diags.errorf(e.Pos, e.Path, "missing_field", "expectation %d judges nothing: give a verdict, reason or blockedBy", i+1)
		}
	}
	if s.diags.HasErrors() {
		return nil, nil, s.diags
	}
	s.addPart(name, sc.Topology, "topology", false)
	// Patches are still read and checked, but without a topology there is
	// no telling whether what they delete exists.
	s.noBase = s.diags.HasErrors()
	for i, p := range sc.Patches {
		s.addPart(name, p, "patches["+itoa(i)+"]", true)
	}
	if s.diags.HasErrors() {
		return nil, nil, s.diags
	}
	return s, sc, s.diags
}

// addPart merges n, written at path in the scenario: a file name (relative
// to the scenario, and confined as includes are), or an inline mapping.
// strict is for patches (see merge).
func (s *Source) addPart(scenarioFile string, n *yaml.Node, path string, strict bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if s.overBudget {
			return
		}
		in, err := s.readRef(scenarioFile, n.Value)
		if err != nil {
			// Point at the reference, not at the file that is not there.
			s.reportInput(at(scenarioFile, n), path, err)
			return
		}
		s.addInput(in, strict)
	case yaml.MappingNode:
		s.addNode(scenarioFile, n, nil, strict)
	default:
		s.diags.errorf(at(scenarioFile, n), path, "wrong_type", "expected a file name or a mapping, found %s", describe(n))
	}
}

// IsScenarioFile tells a scenario file from the topologies beside it, for
// commands that run every scenario in a folder. It reads only regular
// files (a folder may hold a FIFO or a link to a device, which must not
// hang or exhaust the run), looks only for a top-level "scenario" key, and
// says yes to a file too large to look at, so that loading it reports
// why.
func IsScenarioFile(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if fi.Size() > DefaultMaxInputBytes {
		return true
	}
	data, err := io.ReadAll(io.LimitReader(f, DefaultMaxInputBytes))
	if err != nil {
		return false
	}
	return hasTopLevelKey(data, "scenario")
}

// hasTopLevelKey reports whether a YAML document has key at its top
// level. In block style a top-level key starts a line at column 0 (the
// lines of a nested value or of a multi-line scalar are indented); a
// document written as one flow mapping is parsed.
func hasTopLevelKey(data []byte, key string) bool {
	for line := range bytes.Lines(data) {
		line = bytes.TrimRight(line, "\r\n")
		switch {
		case len(line) == 0 || line[0] == '#' || line[0] == ' ' || line[0] == '\t' || bytes.Equal(line, []byte("---")):
			continue
		case line[0] == '{':
			var top map[string]yaml.Node
			return yaml.Unmarshal(data, &top) == nil && top[key].Kind != 0
		}
		k, _, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.Trim(strings.TrimSpace(string(k)), `"'`) == key {
			return true
		}
	}
	return false
}
