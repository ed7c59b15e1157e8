package template

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

var arrayFunctions = map[string]fn{
	"array": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("array takes 1 argument, not %d", len(a))
		}
		if arr, ok := a[0].([]any); ok {
			return arr, nil
		}
		return []any{a[0]}, nil
	},
	"createArray": func(s *scope, a []any) (any, error) { return slices.Clone(a), s.spend(len(a)) },
	"createObject": func(s *scope, a []any) (any, error) {
		if len(a)%2 != 0 {
			return nil, s.errorf("createObject takes key and value pairs")
		}
		out := map[string]any{}
		for i := 0; i < len(a); i += 2 {
			k, ok := a[i].(string)
			if !ok {
				return nil, s.errorf("createObject takes string keys, not %s", typeName(a[i]))
			}
			out[k] = a[i+1]
		}
		return out, nil
	},
	"concat":   concatFn,
	"contains": containsFn,
	"empty": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("empty takes 1 argument, not %d", len(a))
		}
		n, err := s.length(a[0])
		return a[0] == nil || n == 0, err
	},
	"first": func(s *scope, a []any) (any, error) { return s.end("first", a, true) },
	"last":  func(s *scope, a []any) (any, error) { return s.end("last", a, false) },
	"indexOf": func(s *scope, a []any) (any, error) {
		return s.indexOf("indexOf", a, false)
	},
	"lastIndexOf": func(s *scope, a []any) (any, error) {
		return s.indexOf("lastIndexOf", a, true)
	},
	"intersection": intersectionFn,
	"union":        unionFn,
	"items": func(s *scope, a []any) (any, error) {
		m, err := s.objectArg("items", a)
		if err != nil {
			return nil, err
		}
		var out []any
		for _, k := range slices.Sorted(maps.Keys(m)) {
			out = append(out, map[string]any{"key": k, "value": m[k]})
		}
		return out, nil
	},
	"objectKeys": func(s *scope, a []any) (any, error) {
		m, err := s.objectArg("objectKeys", a)
		var out []any
		for _, k := range slices.Sorted(maps.Keys(m)) {
			out = append(out, k)
		}
		return out, err
	},
	"length": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("length takes 1 argument, not %d", len(a))
		}
		n, err := s.length(a[0])
		return int64(n), err
	},
	"range": func(s *scope, a []any) (any, error) {
		if len(a) != 2 {
			return nil, s.errorf("range takes 2 arguments, not %d", len(a))
		}
		start, ok1 := toInt(a[0])
		count, ok2 := toInt(a[1])
		if !ok1 || !ok2 || count < 0 || count > maxRange {
			return nil, s.errorf("range takes an integer start and a count from 0 to %d", maxRange)
		}
		if err := s.spend(int(count)); err != nil {
			return nil, err
		}
		out := make([]any, count)
		for i := range out {
			out[i] = start + int64(i)
		}
		return out, nil
	},
	"skip": func(s *scope, a []any) (any, error) { return s.slice("skip", a, true) },
	"take": func(s *scope, a []any) (any, error) { return s.slice("take", a, false) },
	"flatten": func(s *scope, a []any) (any, error) {
		arr, err := s.arrayArg("flatten", a, 1)
		var out []any
		for _, e := range arr {
			if inner, ok := e.([]any); ok {
				out = append(out, inner...)
			} else {
				return nil, s.errorf("flatten takes an array of arrays")
			}
		}
		return out, err
	},
	"tryGet": func(s *scope, a []any) (any, error) {
		if len(a) < 2 {
			return nil, s.errorf("tryGet takes an object and keys")
		}
		v := a[0]
		for _, k := range a[1:] {
			r, ok := indexPlain(v, k)
			if !ok {
				return nil, nil
			}
			v = r
		}
		return v, nil
	},
	"shallowMerge": func(s *scope, a []any) (any, error) {
		arr, err := s.arrayArg("shallowMerge", a, 1)
		out := map[string]any{}
		for _, e := range arr {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, s.errorf("shallowMerge takes an array of objects")
			}
			maps.Copy(out, m)
		}
		return out, err
	},
	"filter":    lambdaArray("filter"),
	"map":       lambdaArray("map"),
	"sort":      lambdaArray("sort"),
	"toObject":  toObjectFn,
	"reduce":    reduceFn,
	"mapValues": mapValuesFn,
}

func (s *scope) objectArg(fname string, a []any) (map[string]any, error) {
	if len(a) != 1 {
		return nil, s.errorf("%s takes 1 argument, not %d", fname, len(a))
	}
	m, ok := a[0].(map[string]any)
	if !ok {
		return nil, s.errorf("%s takes an object, not %s", fname, typeName(a[0]))
	}
	return m, nil
}

func (s *scope) arrayArg(fname string, a []any, n int) ([]any, error) {
	if len(a) != n {
		return nil, s.errorf("%s takes %d argument%s, not %d", fname, n, plural(n), len(a))
	}
	arr, ok := a[0].([]any)
	if !ok {
		return nil, s.errorf("%s takes an array, not %s", fname, typeName(a[0]))
	}
	return arr, nil
}

func (s *scope) length(v any) (int, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case string:
		return utf8.RuneCountInString(x), nil
	case []any:
		return len(x), nil
	case map[string]any:
		return len(x), nil
	}
	return 0, s.errorf("length of a %s", typeName(v))
}

// concatFn joins arrays, or strings (anything else written as a string).
func concatFn(s *scope, a []any) (any, error) {
	if len(a) > 0 {
		if _, ok := a[0].([]any); ok {
			var out []any
			for _, v := range a {
				arr, ok := v.([]any)
				if !ok && v != nil {
					return nil, s.errorf("concat of arrays given a %s", typeName(v))
				}
				out = append(out, arr...)
			}
			return out, s.spend(len(out))
		}
	}
	var b strings.Builder
	for _, v := range a {
		b.WriteString(str(v))
	}
	return b.String(), s.spend(b.Len())
}

func containsFn(s *scope, a []any) (any, error) {
	if len(a) != 2 {
		return nil, s.errorf("contains takes 2 arguments, not %d", len(a))
	}
	switch c := a[0].(type) {
	case string:
		return strings.Contains(c, str(a[1])), nil
	case []any:
		return slices.ContainsFunc(c, func(v any) bool { return equal(v, a[1]) }), nil
	case map[string]any:
		k, ok := a[1].(string)
		if !ok {
			return false, nil
		}
		_, found := lookup(c, k)
		return found, nil
	}
	return nil, s.errorf("contains takes a string, array or object, not %s", typeName(a[0]))
}

func (s *scope) end(fname string, a []any, first bool) (any, error) {
	if len(a) != 1 {
		return nil, s.errorf("%s takes 1 argument, not %d", fname, len(a))
	}
	switch x := a[0].(type) {
	case string:
		r := []rune(x)
		if len(r) == 0 {
			return "", nil
		}
		if first {
			return string(r[0]), nil
		}
		return string(r[len(r)-1]), nil
	case []any:
		if len(x) == 0 {
			return nil, nil
		}
		if first {
			return x[0], nil
		}
		return x[len(x)-1], nil
	}
	return nil, s.errorf("%s takes a string or an array, not %s", fname, typeName(a[0]))
}

// indexOf: strings compare case-insensitively (ARM), arrays by equals.
func (s *scope) indexOf(fname string, a []any, last bool) (any, error) {
	if len(a) != 2 {
		return nil, s.errorf("%s takes 2 arguments, not %d", fname, len(a))
	}
	switch x := a[0].(type) {
	case string:
		h, n := strings.ToLower(x), strings.ToLower(str(a[1]))
		i := strings.Index(h, n)
		if last {
			i = strings.LastIndex(h, n)
		}
		if i < 0 {
			return int64(-1), nil
		}
		return int64(utf8.RuneCountInString(h[:i])), nil
	case []any:
		match := func(v any) bool { return equal(v, a[1]) }
		i := slices.IndexFunc(x, match)
		if last {
			i = -1
			for j := len(x) - 1; j >= 0; j-- {
				if match(x[j]) {
					i = j
					break
				}
			}
		}
		return int64(i), nil
	}
	return nil, s.errorf("%s takes a string or an array, not %s", fname, typeName(a[0]))
}

func (s *scope) slice(fname string, a []any, skip bool) (any, error) {
	if len(a) != 2 {
		return nil, s.errorf("%s takes 2 arguments, not %d", fname, len(a))
	}
	n, ok := toInt(a[1])
	if !ok {
		return nil, s.errorf("%s takes an integer count", fname)
	}
	cut := func(l int) (int, int) {
		k := int(max(0, min(n, int64(l))))
		if skip {
			return k, l
		}
		return 0, k
	}
	switch x := a[0].(type) {
	case string:
		r := []rune(x)
		i, j := cut(len(r))
		return string(r[i:j]), nil
	case []any:
		i, j := cut(len(x))
		return slices.Clone(x[i:j]), nil
	}
	return nil, s.errorf("%s takes a string or an array, not %s", fname, typeName(a[0]))
}

func intersectionFn(s *scope, a []any) (any, error) {
	if len(a) < 2 {
		return nil, s.errorf("intersection takes at least 2 arguments")
	}
	switch first := a[0].(type) {
	case []any:
		var out []any
		for _, v := range first {
			in := !slices.ContainsFunc(out, func(o any) bool { return equal(o, v) })
			for _, other := range a[1:] {
				arr, ok := other.([]any)
				if !ok {
					return nil, s.errorf("intersection of an array and a %s", typeName(other))
				}
				in = in && slices.ContainsFunc(arr, func(o any) bool { return equal(o, v) })
			}
			if in {
				out = append(out, v)
			}
		}
		return out, nil
	case map[string]any:
		out := map[string]any{}
		for k, v := range first {
			in := true
			for _, other := range a[1:] {
				m, ok := other.(map[string]any)
				if !ok {
					return nil, s.errorf("intersection of an object and a %s", typeName(other))
				}
				w, found := lookup(m, k)
				in = in && found && equal(v, w)
			}
			if in {
				out[k] = v
			}
		}
		return out, nil
	}
	return nil, s.errorf("intersection takes arrays or objects, not %s", typeName(a[0]))
}

func unionFn(s *scope, a []any) (any, error) {
	if len(a) == 0 {
		return nil, s.errorf("union takes at least 1 argument")
	}
	if _, ok := a[0].(map[string]any); ok {
		out := map[string]any{}
		for _, v := range a {
			m, ok := v.(map[string]any)
			if !ok && v != nil {
				return nil, s.errorf("union of an object and a %s", typeName(v))
			}
			maps.Copy(out, m)
		}
		return out, nil
	}
	var out []any
	for _, v := range a {
		arr, ok := v.([]any)
		if !ok && v != nil {
			return nil, s.errorf("union of an array and a %s", typeName(v))
		}
		for _, e := range arr {
			if !slices.ContainsFunc(out, func(o any) bool { return equal(o, e) }) {
				out = append(out, e)
			}
		}
	}
	return out, s.spend(len(out))
}

// lambdaArray is filter, map and sort: an array and a lambda.
func lambdaArray(name string) fn {
	return func(s *scope, a []any) (any, error) {
		if len(a) != 2 {
			return nil, s.errorf("%s takes an array and a lambda", name)
		}
		arr, ok1 := a[0].([]any)
		l, ok2 := a[1].(*lambda)
		if !ok1 || !ok2 {
			return nil, s.errorf("%s takes an array and a lambda, not %s and %s", name, typeName(a[0]), typeName(a[1]))
		}
		switch name {
		case "filter", "map":
			var out []any
			for i, e := range arr {
				args := []any{e}
				if len(l.params) == 2 {
					args = append(args, int64(i))
				}
				v, err := s.apply(l, args...)
				if err != nil {
					return nil, err
				}
				if name == "map" {
					out = append(out, v)
				} else if keep, ok := v.(bool); ok && keep {
					out = append(out, e)
				}
			}
			return out, nil
		}
		out := slices.Clone(arr)
		var err error
		slices.SortStableFunc(out, func(x, y any) int {
			v, e := s.apply(l, x, y)
			if e != nil {
				err = e
			}
			if less, _ := v.(bool); less {
				return -1
			}
			return 1
		})
		return out, err
	}
}

func reduceFn(s *scope, a []any) (any, error) {
	if len(a) != 3 {
		return nil, s.errorf("reduce takes an array, an initial value and a lambda")
	}
	arr, ok1 := a[0].([]any)
	l, ok2 := a[2].(*lambda)
	if !ok1 || !ok2 {
		return nil, s.errorf("reduce takes an array, an initial value and a lambda")
	}
	acc := a[1]
	for _, e := range arr {
		v, err := s.apply(l, acc, e)
		if err != nil {
			return nil, err
		}
		acc = v
	}
	return acc, nil
}

func toObjectFn(s *scope, a []any) (any, error) {
	if len(a) < 2 || len(a) > 3 {
		return nil, s.errorf("toObject takes an array, a key lambda and an optional value lambda")
	}
	arr, ok1 := a[0].([]any)
	key, ok2 := a[1].(*lambda)
	if !ok1 || !ok2 {
		return nil, s.errorf("toObject takes an array and a lambda")
	}
	out := map[string]any{}
	for _, e := range arr {
		k, err := s.apply(key, e)
		if err != nil {
			return nil, err
		}
		v := e
		if len(a) == 3 {
			val, ok := a[2].(*lambda)
			if !ok {
				return nil, s.errorf("toObject's value is a lambda")
			}
			if v, err = s.apply(val, e); err != nil {
				return nil, err
			}
		}
		out[str(k)] = v
	}
	return out, nil
}

func mapValuesFn(s *scope, a []any) (any, error) {
	if len(a) != 2 {
		return nil, s.errorf("mapValues takes an object and a lambda")
	}
	m, ok1 := a[0].(map[string]any)
	l, ok2 := a[1].(*lambda)
	if !ok1 || !ok2 {
		return nil, s.errorf("mapValues takes an object and a lambda")
	}
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v, err := s.apply(l, m[k])
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}
