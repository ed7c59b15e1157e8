package jsontree

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
)

// FromValue builds a tree from a Go value made of nil, bools, numbers,
// strings (or string types), []any and map[string]any (keys in sorted
// order); every node is placed at off, the place the value was written.
func FromValue(v any, off int) *Node {
	switch x := v.(type) {
	case nil:
		return &Node{Kind: Null, Off: off}
	case bool:
		return &Node{Kind: Bool, Bool: x, Off: off}
	case int64:
		return &Node{Kind: Number, Str: strconv.FormatInt(x, 10), Off: off}
	case int:
		return &Node{Kind: Number, Str: strconv.Itoa(x), Off: off}
	case float64:
		return &Node{Kind: Number, Str: strconv.FormatFloat(x, 'f', -1, 64), Off: off}
	case []any:
		n := &Node{Kind: Array, Off: off, Items: make([]*Node, len(x))}
		for i, e := range x {
			n.Items[i] = FromValue(e, off)
		}
		return n
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		n := &Node{Kind: Object, Off: off, Keys: keys, Items: make([]*Node, len(keys))}
		for i, k := range keys {
			n.Items[i] = FromValue(x[k], off)
		}
		return n
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return &Node{Kind: String, Str: rv.String(), Off: off}
	}
	return &Node{Kind: Null, Off: off}
}
