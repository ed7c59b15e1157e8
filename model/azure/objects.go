package azure

import (
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// named is an output object with a name: the model types the importer
// fills, each a pointer to a struct with a string field Name.
type named interface {
	*model.VNet | *model.Subnet | *model.Peering | *model.NetworkSecurityGroup |
		*model.RouteTable | *model.Route | *model.Gateway
}

// nameOfObj is an output object's name. Go cannot reach a field shared by
// the types of a constraint, hence reflection.
func nameOfObj[T named](obj T) string {
	return reflect.ValueOf(obj).Elem().FieldByName("Name").String()
}

func byName[T named](a, b T) int { return strings.Compare(nameOfObj(a), nameOfObj(b)) }

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
	name := nameOfObj(obj)
	k := strings.ToLower(name)
	if old, ok := o.byName[k]; ok && old.id != "" && id != "" && !strings.EqualFold(old.id, id) {
		return at.errorf("%s %q is also at %s with another id (%s); vnetsim names must be unique, so import them separately",
			o.kind, name, old.at.pos(), old.id)
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
