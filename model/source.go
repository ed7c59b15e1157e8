package model

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Source is a topology being assembled from files, includes and overlays:
// one merged YAML tree that knows the file each node came from. Overlays
// merge by name at every level (topology-format.md, "Scenarios").
type Source struct {
	opts   Options
	roots  []string // opts.IncludeRoots, absolute
	base   string   // the folder of the first file added, absolute
	root   *yaml.Node
	files  fileMarks
	diags  Diagnostics
	first  string // the first file added, where topology-wide problems are reported
	noBase bool   // the topology patches apply to failed to load: deletes are not judged

	// Budgets (input.go).
	budget     int   // alias copies left
	read       int64 // bytes read
	opened     int   // files opened
	overBudget bool  // files or bytes ran out: nothing more is read
}

// NewSource returns an empty source with the default options.
func NewSource() *Source { return Options{}.NewSource() }

// NewSource returns an empty source that reads with these options.
func (o Options) NewSource() *Source {
	s := &Source{opts: o, root: &yaml.Node{Kind: yaml.MappingNode}, files: fileMarks{}, budget: aliasBudget}
	for _, r := range o.IncludeRoots {
		abs, err := filepath.Abs(r)
		if err == nil {
			var fi os.FileInfo
			if fi, err = os.Stat(abs); err == nil && !fi.IsDir() {
				err = errors.New("not a folder")
			}
		}
		if err != nil {
			s.diags.errorf(Pos{File: r}, "", "unreadable_file", "include root: %s", cleanIOError(err))
			continue
		}
		s.roots = append(s.roots, abs)
	}
	return s
}

// Diagnostics returns the problems met so far while reading and merging.
func (s *Source) Diagnostics() Diagnostics { return s.diags }

// AddFile reads a topology file ("-" is standard input), resolves its
// includes, and merges it on top of what the source holds.
func (s *Source) AddFile(path string) { s.addFile(path, false) }

// AddBytes is AddFile for content already in memory; name is used in
// positions and to resolve relative includes.
func (s *Source) AddBytes(name string, data []byte) {
	s.addInput(&input{name: name, data: data}, false)
}

// AddNode merges an already parsed mapping (for example a scenario's inline
// topology) whose nodes came from file.
func (s *Source) AddNode(file string, n *yaml.Node) { s.addNode(file, n, nil, false) }

// Patch merges an overlay file. Unlike includes, deleting something that
// does not exist is an error.
func (s *Source) Patch(path string) { s.addFile(path, true) }

// PatchNode is Patch for an overlay already parsed from file.
func (s *Source) PatchNode(file string, n *yaml.Node) { s.addNode(file, n, nil, true) }

// addFile reads a file and merges it; strict for patches (see merge).
func (s *Source) addFile(path string, strict bool) {
	in, err := s.readArg(path)
	if err != nil {
		s.reportInput(Pos{File: displayName(path)}, "", err)
		return
	}
	s.addInput(in, strict)
}

func (s *Source) addInput(in *input, strict bool) {
	s.started(in.name)
	if n := s.parseYAML(in.name, in.data); n != nil {
		s.addNode(in.name, n, in.id, strict)
	}
}

// addNode prepares a tree parsed from file and merges it.
func (s *Source) addNode(file string, n *yaml.Node, id os.FileInfo, strict bool) {
	s.started(file)
	var stack []os.FileInfo
	if id != nil {
		stack = []os.FileInfo{id}
	}
	if root := s.prepare(file, n, stack); root != nil {
		s.merge(s.root, root, file, "", strict)
	}
}

// started records the first file added: where topology-wide problems are
// reported, and the folder the files it names must stay in.
func (s *Source) started(name string) {
	if s.first != "" {
		return
	}
	s.first = name
	dir := "."
	if name != displayName("-") {
		dir = filepath.Dir(name)
	}
	s.base, _ = filepath.Abs(dir)
}

func displayName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// cleanIOError says what went wrong without the path, which the position
// already names.
func cleanIOError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		op := pe.Op
		if op == "openat" { // os.Root's
			op = "open"
		}
		return fmt.Sprintf("cannot %s: %v", op, pe.Err)
	}
	return err.Error()
}

// newYAMLDecoder is a variable so that a test can check that a panic in
// yaml.v3 becomes a diagnostic: no known input panics v3.0.1 any more.
var newYAMLDecoder = func(r io.Reader) interface{ Decode(any) error } { return yaml.NewDecoder(r) }

// parseYAML parses exactly one YAML document into its root node.
func (s *Source) parseYAML(name string, data []byte) (root *yaml.Node) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; no input may
		// crash vnetsim.
		if r := recover(); r != nil {
			s.diags.errorf(Pos{File: name, Line: 1, Col: 1}, "", "syntax_error", "cannot parse YAML: %v", r)
			root = nil
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		s.diags.errorf(Pos{File: name, Line: 1, Col: 1}, "", "empty_file", "the file is empty")
		return nil
	}
	dec := newYAMLDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		s.diags.errorf(Pos{File: name, Line: 1, Col: 1}, "", "empty_file", "the file holds no YAML document")
		return nil
	} else if err != nil {
		s.syntaxError(name, data, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		s.diags.errorf(Pos{File: name, Line: extra.Line, Col: extra.Column}, "", "syntax_error", "only one YAML document is allowed per file")
		return nil
	} else if !errors.Is(err, io.EOF) {
		s.syntaxError(name, data, err)
		return nil
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	s.diags.errorf(Pos{File: name, Line: 1, Col: 1}, "", "empty_file", "the file holds no YAML document")
	return nil
}

// prepare expands aliases, records the file of every node, checks the
// version the file declares and merges the files it includes under it.
// stack holds the identities of the files that include this one.
func (s *Source) prepare(name string, n *yaml.Node, stack []os.FileInfo) *yaml.Node {
	n = s.expand(name, n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		// Never quote what the file holds: it may not be a topology at
		// all, and an include must not print another file's content.
		s.diags.errorf(at(name, n), "", "wrong_type", "a topology must be a mapping, found %s", kindOf(n))
		return nil
	}
	if v := mappingValue(n, "version"); v != nil && (v.Kind != yaml.ScalarNode || v.Value != "1") {
		s.diags.errorf(at(name, v), "version", "unsupported_version", "version %s is not supported (this vnetsim reads version 1)", describe(v))
		return nil
	}
	inc := mappingValue(n, "include")
	if inc == nil {
		return n
	}
	removeKey(n, "include")
	if inc.Kind != yaml.SequenceNode {
		s.diags.errorf(at(name, inc), "include", "wrong_type", "expected a list of files, found %s", describe(inc))
		return n
	}
	base := &yaml.Node{Kind: yaml.MappingNode}
	for i, f := range inc.Content {
		path := fmt.Sprintf("include[%d]", i)
		if f.Kind != yaml.ScalarNode {
			s.diags.errorf(at(name, f), path, "wrong_type", "expected a file name, found %s", describe(f))
			continue
		}
		if s.overBudget {
			break // reported once, where it ran out
		}
		in, err := s.readRef(name, f.Value)
		if err != nil {
			s.reportInput(at(name, f), path, err)
			continue
		}
		if slices.ContainsFunc(stack, func(id os.FileInfo) bool { return os.SameFile(id, in.id) }) {
			s.diags.errorf(at(name, f), path, "include_cycle", "%q includes itself", f.Value)
			continue
		}
		if sub := s.parseYAML(in.name, in.data); sub != nil {
			if sub = s.prepare(in.name, sub, append(stack[:len(stack):len(stack)], in.id)); sub != nil {
				s.merge(base, sub, in.name, "", false)
			}
		}
	}
	s.merge(base, n, name, "", false)
	return base
}

// relativeTo resolves a path written in file against that file's folder.
func relativeTo(file, path string) string {
	if filepath.IsAbs(path) || file == displayName("-") {
		return path
	}
	return filepath.Join(filepath.Dir(file), path)
}

// fileMarks knows the file of every node while marking only some: the
// root of each file's tree, and each node merged under a node of another
// file. Any other node is in the file of its parent, so walks carry the
// file down (of) rather than every node of a large estate having an entry.
type fileMarks map[*yaml.Node]string

// of is the file of n, whose parent is in file inherited.
func (fm fileMarks) of(n *yaml.Node, inherited string) string {
	if f, ok := fm[n]; ok {
		return f
	}
	return inherited
}

func (s *Source) fileOf(n *yaml.Node, inherited string) string { return s.files.of(n, inherited) }

// mark records that n, and what it holds, comes from file.
func (s *Source) mark(n *yaml.Node, file string) {
	if _, ok := s.files[n]; !ok {
		s.files[n] = file
	}
}

// at is the position of n in file.
func at(file string, n *yaml.Node) Pos { return Pos{File: file, Line: n.Line, Col: n.Column} }

// expand returns a copy of n with aliases replaced by what they name, its
// root marked with file. Copies are charged to the alias budget.
// Duplicate keys are reported and dropped here, on the tree as parsed:
// merging folds a mapping into another key by key, which would otherwise
// keep the last of two namesakes without a word.
func (s *Source) expand(file string, n *yaml.Node) *yaml.Node {
	var path trail // the way to the node being walked
	var walk func(n *yaml.Node, viaAlias bool) *yaml.Node
	walk = func(n *yaml.Node, viaAlias bool) *yaml.Node {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return nil
			}
			return walk(n.Alias, true)
		}
		// Only what an alias repeats is copied (merges change nodes in
		// place, and a copy must not share them); the rest of the tree is
		// reused as parsed.
		c := n
		if viaAlias {
			s.budget--
			if s.budget < 0 {
				return nil
			}
			cp := *n
			cp.Content = make([]*yaml.Node, len(n.Content))
			cp.Anchor = ""
			c = &cp
		}
		for i, e := range n.Content {
			path = append(path, step{n, i})
			c.Content[i] = walk(e, viaAlias)
			path = path[:len(path)-1]
			if c.Content[i] == nil {
				return nil
			}
		}
		if c.Kind == yaml.MappingNode {
			// An aliased copy repeats what its anchor already reported.
			c.Content = s.dropDuplicateKeys(file, c.Content, path, !viaAlias)
		}
		return c
	}
	out := walk(n, false)
	if out == nil {
		s.diags.errorf(Pos{File: file, Line: n.Line, Col: n.Column}, "", "alias_limit",
			"aliases expand to more than %d nodes", aliasBudget)
		return nil
	}
	s.files[out] = file
	return out
}

// trail is the way from the root to a node: each step the i-th node of a
// parent's content. Its data path is only spelled out when a problem is
// reported, since aliases can nest deeply.
type trail []step

type step struct {
	parent *yaml.Node
	i      int
}

// path is the data path, as the decoder spells it.
func (t trail) path() string {
	var b strings.Builder
	for _, st := range t {
		switch st.parent.Kind {
		case yaml.MappingNode:
			if st.i%2 == 1 {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(st.parent.Content[st.i-1].Value)
			}
		case yaml.SequenceNode:
			b.WriteString("[" + itemLabel(st.parent.Content[st.i], st.i) + "]")
		}
	}
	return b.String()
}

// dropDuplicateKeys keeps the first of keys that a mapping's content
// repeats, reporting the others when report is set. Small mappings, nearly
// all of them, are searched without a map.
func (s *Source) dropDuplicateKeys(file string, content []*yaml.Node, path trail, report bool) []*yaml.Node {
	var first map[string]*yaml.Node
	if len(content) > 32 {
		first = make(map[string]*yaml.Node, len(content)/2)
	}
	out := content[:0]
	for i := 0; i+1 < len(content); i += 2 {
		k := content[i]
		if k.Kind == yaml.ScalarNode {
			var f *yaml.Node
			if first != nil {
				f = first[k.Value]
				first[k.Value] = cmp.Or(f, k)
			} else {
				for j := 0; j < len(out) && f == nil; j += 2 {
					if out[j].Kind == yaml.ScalarNode && out[j].Value == k.Value {
						f = out[j]
					}
				}
			}
			if f != nil {
				if report {
					s.diags = append(s.diags, Diagnostic{
						Pos: at(file, k), Path: path.path(), Code: "duplicate_key",
						Message: fmt.Sprintf("key %q appears twice", k.Value), Related: []Pos{at(file, f)},
					})
				}
				continue
			}
		}
		out = append(out, content[i], content[i+1])
	}
	return out
}

func removeKey(n *yaml.Node, key string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}
