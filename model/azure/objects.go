package azure

import (
	"maps"
	"slices"
	"strings"
)

// named is an output object with a name.
type named interface{ key() string }

func (v *vnet) key() string       { return v.Name }
func (s *subnet) key() string     { return s.Name }
func (p *peering) key() string    { return p.Name }
func (n *nsg) key() string        { return n.Name }
func (t *routeTable) key() string { return t.Name }
func (r *route) key() string      { return r.Name }
func (g *gateway) key() string    { return g.Name }

func byName[T named](a, b T) int { return strings.Compare(a.key(), b.key()) }

// objects holds the objects of one kind by lower-case name (Azure names are
// case-insensitive), with the resource id and the place each came from.
type objects[T named] struct {
	kind   string
	byName map[string]entry[T]
}

type entry[T named] struct {
	obj T
	id  string
	at  rawResource
}

// put keeps obj, replacing an object of the same name unless the two ids
// differ: two resources that vnetsim would name alike.
func (o *objects[T]) put(obj T, id string, at rawResource) error {
	k := strings.ToLower(obj.key())
	if old, ok := o.byName[k]; ok && old.id != "" && id != "" && !strings.EqualFold(old.id, id) {
		return at.errorf("%s %q is also at %s with another id (%s); vnetsim names must be unique, so import them separately",
			o.kind, obj.key(), old.at.pos(), old.id)
	}
	if o.byName == nil {
		o.byName = map[string]entry[T]{}
	}
	o.byName[k] = entry[T]{obj: obj, id: id, at: at}
	return nil
}

func (o *objects[T]) get(name string) T {
	return o.byName[strings.ToLower(name)].obj
}

func (o *objects[T]) has(name string) bool {
	_, ok := o.byName[strings.ToLower(name)]
	return ok
}

func (o *objects[T]) sorted() []T {
	out := make([]T, 0, len(o.byName))
	for _, k := range slices.Sorted(maps.Keys(o.byName)) {
		out = append(out, o.byName[k].obj)
	}
	slices.SortStableFunc(out, byName)
	return out
}
