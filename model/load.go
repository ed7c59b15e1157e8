package model

import (
	"bytes"
	"errors"
	"net/netip"
	"reflect"
	"slices"

	"github.com/vnetsim/vnetsim/model/servicetags"
)

// Load reads a topology file, or a scenario file (its topology with its
// patches applied), or "-" for standard input, and returns the validated
// topology with every problem found. The topology is nil when errors
// prevent building it; warnings come with a usable topology.
func Load(path string) (*Topology, Diagnostics) { return Options{}.Load(path) }

// Load is Load with these options.
func (o Options) Load(path string) (*Topology, Diagnostics) {
	src, _, diags := o.Open(path)
	if src == nil {
		return nil, diags
	}
	return src.topology(true)
}

// Open reads a topology or scenario file into a Source that patches can
// still change. For a scenario file it also returns the scenario, whose
// patches are already applied.
func Open(path string) (*Source, *Scenario, Diagnostics) { return Options{}.Open(path) }

// Open is Open with these options.
func (o Options) Open(path string) (*Source, *Scenario, Diagnostics) {
	src := o.NewSource()
	if src.diags.HasErrors() {
		return nil, nil, src.diags
	}
	in, err := src.readArg(path)
	if err != nil {
		src.reportInput(Pos{File: displayName(path)}, "", err)
		return nil, nil, src.diags
	}
	src.started(in.name)
	root := src.parseYAML(in.name, in.data)
	if root == nil {
		return nil, nil, src.diags
	}
	if mappingValue(root, "scenario") != nil {
		return src.openScenario(in.name, root)
	}
	src.addNode(in.name, root, in.id, false)
	if src.diags.HasErrors() {
		return nil, nil, src.diags
	}
	return src, nil, src.diags
}

// Topology decodes the merged tree, loads its service tags and validates
// it. It does not change the source, so it can be called again after more
// patches (what-if compares the two).
func (s *Source) Topology() (*Topology, Diagnostics) { return s.topology(false) }

// topology is Topology; consume lets decoding release the YAML tree as it
// goes, which leaves the source unusable and halves the memory a large
// estate needs at its peak (Load, which drops the source, consumes it).
func (s *Source) topology(consume bool) (*Topology, Diagnostics) {
	diags := append(Diagnostics(nil), s.diags...)
	if diags.HasErrors() {
		return nil, diags.Sorted()
	}
	t := &Topology{}
	d := decoder{files: s.files, diags: &diags, suggest: newSuggester(), failed: map[Pos]bool{}, consume: consume}
	d.decodeStruct(s.root, reflect.ValueOf(t).Elem(), "", "")
	if !t.Has("version") {
		// Not a topology, most likely: checking it would only bury this.
		diags.errorf(Pos{File: s.rootFile(), Line: 1, Col: 1}, "", "missing_field", "version is required (version: 1)")
		return nil, diags.Sorted()
	}
	// A value that did not decode leaves its field empty, and the rest of
	// the topology is checked all the same: one mistake must not hide the
	// others. What the checks would then say about the empty field itself
	// (missing, out of range) is already said, where it is written.
	decoded := len(diags)
	t.link()
	t.Tags = loadTags(t, &diags, s.readRef)
	validate(t, &diags)
	diags = slices.Concat(diags[:decoded], slices.DeleteFunc(diags[decoded:], func(x Diagnostic) bool { return d.failed[x.Pos] }))
	if diags.HasErrors() {
		return nil, diags.Sorted()
	}
	return t, diags.Sorted()
}

func (s *Source) rootFile() string {
	if s.first == "" {
		return "-" // nothing was added
	}
	return s.first
}

// link sets the back references that decoding cannot.
func (t *Topology) link() {
	for _, v := range t.VNets {
		for _, sn := range v.Subnets {
			sn.VNet = v
		}
	}
}

// loadTags reads the service-tag files and lays the inline tags over them.
// The topology names its files relative to itself, and read reads them
// (Source.readRef confines them to the project).
func loadTags(t *Topology, diags *Diagnostics, read func(from, name string) (*input, error)) *servicetags.DB {
	db := servicetags.New()
	st := t.ServiceTags
	if st == nil {
		return db
	}
	for i, f := range st.Files {
		key := "files[" + itoa(i) + "]"
		pos := st.At(key)
		in, err := read(pos.File, f)
		if err != nil {
			var ie *inputError
			if errors.As(err, &ie) && ie.code != "unreadable_file" {
				diags.errorf(pos, st.Field(key), ie.code, "%s", ie.msg)
			} else {
				diags.errorf(pos, st.Field(key), "bad_service_tags", "%s", cleanIOError(err))
			}
			continue
		}
		fdb, err := servicetags.Load(in.name, bytes.NewReader(in.data))
		if err != nil {
			diags.errorf(pos, st.Field(key), "bad_service_tags", "%v", err)
			continue
		}
		db.Merge(fdb)
	}
	for _, name := range sortedKeys(st.Inline) {
		var prefixes []netip.Prefix
		for j, p := range st.Inline[name] {
			pfx, err := ParsePrefix(p)
			if err != nil {
				key := "inline[" + name + "][" + itoa(j) + "]"
				diags.errorf(st.At(key), st.Field(key), "bad_prefix", "%v", err)
				continue
			}
			prefixes = append(prefixes, pfx)
		}
		db.Set(name, prefixes)
	}
	return db
}

func sortedKeys[V any](m map[string]V) []string {
	keys := keysOf(m)
	slices.Sort(keys)
	return keys
}
