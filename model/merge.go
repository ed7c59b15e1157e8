package model

import (
	"gopkg.in/yaml.v3"
)

const deleteKey = "$delete"

// merge lays over (whose nodes come from file, unless marked otherwise)
// on top of base, in place: mappings merge key by key, lists of named
// mappings merge item by item on "name" (an item with "$delete: true"
// removes its namesake), and anything else is replaced. strict makes
// deleting a missing item an error (patches); includes are lenient.
//
// A node moved under base is marked with its file (see Source.files).
// Lookups by key and by name go through an index, so that merging two
// lists of n items costs O(n), not O(n^2).
func (s *Source) merge(base, over *yaml.Node, file, path string, strict bool) {
	keys := indexOf(base.Content, 2, func(i int) string { return base.Content[i].Value })
	for i := 0; i+1 < len(over.Content); i += 2 {
		k, v := over.Content[i], over.Content[i+1]
		kf, vf := s.fileOf(k, file), s.fileOf(v, file)
		if k.Value == deleteKey && path == "" {
			s.diags.errorf(at(kf, k), "", "bad_delete", "%s can only be used on a named item", deleteKey)
			continue
		}
		j, ok := keys[k.Value]
		if !ok {
			s.reportStrayDeletes(v, vf, joinPath(path, k.Value))
			s.mark(k, kf)
			s.mark(v, vf)
			keys[k.Value] = len(base.Content)
			base.Content = append(base.Content, k, v)
			continue
		}
		s.mergeValue(base, j+1, v, vf, joinPath(path, k.Value), strict)
	}
}

// indexOf maps the name of every step-th item of list (from 0) to its
// index, keeping the first of namesakes.
func indexOf(list []*yaml.Node, step int, name func(i int) string) map[string]int {
	ix := make(map[string]int, len(list)/step)
	for i := 0; i < len(list); i += step {
		if _, dup := ix[name(i)]; !dup {
			ix[name(i)] = i
		}
	}
	return ix
}

func (s *Source) mergeValue(parent *yaml.Node, idx int, over *yaml.Node, file, path string, strict bool) {
	base := parent.Content[idx]
	switch {
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode:
		s.merge(base, over, file, path, strict)
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode && namedItems(base) && namedItems(over):
		s.mergeNamed(base, over, file, path, strict)
	default:
		s.reportStrayDeletes(over, file, path)
		s.mark(over, file)
		parent.Content[idx] = over
	}
}

func (s *Source) mergeNamed(base, over *yaml.Node, file, path string, strict bool) {
	names := indexOf(base.Content, 1, func(i int) string { return mappingValue(base.Content[i], "name").Value })
	deleted := false
	for _, item := range over.Content {
		itemFile := s.fileOf(item, file)
		name := mappingValue(item, "name").Value
		itemPath := path + "[" + name + "]"
		del := mappingValue(item, deleteKey)
		deleting := del != nil && del.Value == "true"
		if del != nil {
			if del.Kind != yaml.ScalarNode || (del.Value != "true" && del.Value != "false") {
				s.diags.errorf(at(s.fileOf(del, itemFile), del), itemPath, "bad_delete", "%s must be true or false", deleteKey)
			}
			item = s.withoutKey(item, itemFile, deleteKey)
		}
		j, exists := names[name]
		switch {
		case !exists && deleting:
			if strict && !s.noBase {
				s.diags.errorf(at(s.fileOf(del, itemFile), del), itemPath, "delete_missing", "cannot delete %q: there is no such item", name)
			}
		case !exists:
			s.reportStrayDeletes(item, itemFile, itemPath)
			s.mark(item, itemFile)
			names[name] = len(base.Content)
			base.Content = append(base.Content, item)
		case deleting:
			base.Content[j] = nil // removed below, keeping the indexes valid meanwhile
			delete(names, name)
			deleted = true
		default:
			s.merge(base.Content[j], item, itemFile, itemPath, strict)
		}
	}
	if deleted {
		kept := base.Content[:0]
		for _, e := range base.Content {
			if e != nil {
				kept = append(kept, e)
			}
		}
		base.Content = kept
	}
}

// reportStrayDeletes flags "$delete" inside content that is being added,
// where there is nothing for it to delete. Most content holds none, so it
// is looked for before any data path is spelled out.
func (s *Source) reportStrayDeletes(n *yaml.Node, file, path string) {
	if !holdsKey(n, deleteKey) {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Value == deleteKey {
				if !s.noBase {
					s.diags.errorf(at(s.fileOf(k, file), k), path, "delete_missing", "nothing to delete: %q is not in the topology", path)
				}
				n.Content = append(n.Content[:i], n.Content[i+2:]...)
				i -= 2
				continue
			}
			v := n.Content[i+1]
			s.reportStrayDeletes(v, s.fileOf(v, file), joinPath(path, n.Content[i].Value))
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			s.reportStrayDeletes(e, s.fileOf(e, file), path+"["+itemLabel(e, i)+"]")
		}
	}
}

// holdsKey reports whether some mapping in the tree n has key.
func holdsKey(n *yaml.Node, key string) bool {
	for i, e := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && e.Value == key || holdsKey(e, key) {
			return true
		}
	}
	return false
}

// namedItems reports whether every item of a list is a mapping with a
// scalar name, so that the list can be merged by name.
func namedItems(n *yaml.Node) bool {
	for _, e := range n.Content {
		name := mappingValue(e, "name")
		if name == nil || name.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// withoutKey is a copy of the mapping n (from file) without key.
func (s *Source) withoutKey(n *yaml.Node, file, key string) *yaml.Node {
	c := *n
	s.files[&c] = file
	c.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != key {
			c.Content = append(c.Content, n.Content[i], n.Content[i+1])
		}
	}
	return &c
}
