package model

import (
	"gopkg.in/yaml.v3"
)

const deleteKey = "$delete"

// merge lays over on top of base, in place: mappings merge key by key,
// lists of named mappings merge item by item on "name" (an item with
// "$delete: true" removes its namesake), and anything else is replaced.
// strict makes deleting a missing item an error (patches); includes are
// lenient.
func (s *Source) merge(base, over *yaml.Node, path string, strict bool) {
	for i := 0; i+1 < len(over.Content); i += 2 {
		k, v := over.Content[i], over.Content[i+1]
		if k.Value == deleteKey && path == "" {
			s.diags.errorf(s.pos(k), "", "bad_delete", "%s can only be used on a named item", deleteKey)
			continue
		}
		j := keyIndex(base, k.Value)
		if j < 0 {
			s.reportStrayDeletes(v, joinPath(path, k.Value))
			base.Content = append(base.Content, k, v)
			continue
		}
		s.mergeValue(base, j+1, v, joinPath(path, k.Value), strict)
	}
}

func (s *Source) mergeValue(parent *yaml.Node, idx int, over *yaml.Node, path string, strict bool) {
	base := parent.Content[idx]
	switch {
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode:
		s.merge(base, over, path, strict)
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode && namedItems(base) && namedItems(over):
		s.mergeNamed(base, over, path, strict)
	default:
		s.reportStrayDeletes(over, path)
		parent.Content[idx] = over
	}
}

func (s *Source) mergeNamed(base, over *yaml.Node, path string, strict bool) {
	for _, item := range over.Content {
		name := mappingValue(item, "name").Value
		itemPath := path + "[" + name + "]"
		del := mappingValue(item, deleteKey)
		deleting := del != nil && del.Value == "true"
		if del != nil {
			if del.Kind != yaml.ScalarNode || (del.Value != "true" && del.Value != "false") {
				s.diags.errorf(s.pos(del), itemPath, "bad_delete", "%s must be true or false", deleteKey)
			}
			item = s.withoutKey(item, deleteKey)
		}
		j := namedIndex(base, name)
		switch {
		case j < 0 && deleting:
			if strict && !s.noBase {
				s.diags.errorf(s.pos(del), itemPath, "delete_missing", "cannot delete %q: there is no such item", name)
			}
		case j < 0:
			s.reportStrayDeletes(item, itemPath)
			base.Content = append(base.Content, item)
		case deleting:
			base.Content = append(base.Content[:j], base.Content[j+1:]...)
		default:
			s.merge(base.Content[j], item, itemPath, strict)
		}
	}
}

// reportStrayDeletes flags "$delete" inside content that is being added,
// where there is nothing for it to delete.
func (s *Source) reportStrayDeletes(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == deleteKey {
				if !s.noBase {
					s.diags.errorf(s.pos(n.Content[i]), path, "delete_missing", "nothing to delete: %q is not in the topology", path)
				}
				n.Content = append(n.Content[:i], n.Content[i+2:]...)
				i -= 2
				continue
			}
			s.reportStrayDeletes(n.Content[i+1], joinPath(path, n.Content[i].Value))
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			s.reportStrayDeletes(e, path+"["+itemLabel(e, i)+"]")
		}
	}
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

func keyIndex(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func namedIndex(list *yaml.Node, name string) int {
	for i, e := range list.Content {
		if mappingValue(e, "name").Value == name {
			return i
		}
	}
	return -1
}

func (s *Source) withoutKey(n *yaml.Node, key string) *yaml.Node {
	c := *n
	s.files[&c] = s.files[n]
	c.Content = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != key {
			c.Content = append(c.Content, n.Content[i], n.Content[i+1])
		}
	}
	return &c
}
