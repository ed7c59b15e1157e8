package template

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Values are nil, bool, int64, float64, string, []any, map[string]any,
// unk (a value known only at deployment), *partial (what reference()
// returns for a resource that is not deployed yet) and *lambda.

// unk is the marker string of an unknown value (package unknown). As a
// string type it marshals to JSON as the marker itself.
type unk string

// partial is a resource's properties as the template sets them, read
// through reference() before the resource exists: a property the template
// does not set is one Azure fills in at deployment, hence unknown.
type partial struct {
	val  any
	ref  string // the resource id, lower case
	expr string // reference(...) as written, for messages
	path string // the property path read so far
}

type lambda struct {
	params []string
	body   expr
	sc     *scope
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case int64:
		return "int"
	case float64:
		return "float"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any, *partial:
		return "object"
	case *lambda:
		return "lambda"
	}
	return fmt.Sprintf("%T", v)
}

// settle turns what an expression returned into a plain JSON-able value: a
// partial object becomes what the template set.
func settle(v any) any {
	switch x := v.(type) {
	case *partial:
		return settle(x.val)
	case []any:
		if !slices.ContainsFunc(x, needsSettling) {
			return x
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = settle(e)
		}
		return out
	case map[string]any:
		if !slices.ContainsFunc(slices.Collect(maps.Values(x)), needsSettling) {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = settle(e)
		}
		return out
	}
	return v
}

func needsSettling(v any) bool {
	switch x := v.(type) {
	case *partial:
		return true
	case []any:
		return slices.ContainsFunc(x, needsSettling)
	case map[string]any:
		for _, e := range x {
			if needsSettling(e) {
				return true
			}
		}
	}
	return false
}

// lookup finds key in an object: the exact key, else one that differs in
// case only (ARM property names are case-insensitive), the first in sorted
// order when several do.
func lookup(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if strings.EqualFold(k, key) {
			return m[k], true
		}
	}
	return nil, false
}

// toInt converts an int, an integral float, or a numeric string.
func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
			return int64(x), true
		}
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// str is how ARM writes a value as a string (string(), concat, format):
// JSON for arrays and objects, True/False for booleans.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case unk:
		return string(x)
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	b, err := json.Marshal(settle(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// equal is ARM's equals(): deep, strings compared exactly.
func equal(a, b any) bool {
	a, b = settle(a), settle(b)
	if x, ok := toNumber(a); ok {
		y, ok := toNumber(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, equal)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := lookup(y, k)
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}

func toNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// fromJSON converts a value decoded by encoding/json (float64 numbers) to
// template values (int64 where integral).
func fromJSON(v any) any {
	switch x := v.(type) {
	case float64:
		if n, ok := toInt(x); ok {
			return n
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i, e := range x {
			x[i] = fromJSON(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = fromJSON(e)
		}
	}
	return v
}

// ParameterValue reads a parameter value given on the command line: JSON
// when it parses as JSON (a number, true, an array...), else the string
// itself, as az deployment does.
func ParameterValue(text string) any {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return text
	}
	return fromJSON(v)
}
