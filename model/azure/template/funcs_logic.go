package template

import (
	"math"
	"strconv"
	"strings"
)

var logicFunctions = map[string]fn{
	"not": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("not takes 1 argument, not %d", len(a))
		}
		b, ok := a[0].(bool)
		if !ok {
			return nil, s.errorf("not takes a bool, not %s", typeName(a[0]))
		}
		return !b, nil
	},
	"bool": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("bool takes 1 argument, not %d", len(a))
		}
		switch x := a[0].(type) {
		case bool:
			return x, nil
		case string:
			switch strings.ToLower(x) {
			case "true":
				return true, nil
			case "false":
				return false, nil
			}
		case int64:
			return x != 0, nil
		}
		return nil, s.errorf("bool(%s) is not a boolean", str(a[0]))
	},
	"true":  func(s *scope, a []any) (any, error) { return true, nil },
	"false": func(s *scope, a []any) (any, error) { return false, nil },
	"null":  func(s *scope, a []any) (any, error) { return nil, nil },
	"equals": func(s *scope, a []any) (any, error) {
		if len(a) != 2 {
			return nil, s.errorf("equals takes 2 arguments, not %d", len(a))
		}
		return equal(a[0], a[1]), nil
	},
	"coalesce": func(s *scope, a []any) (any, error) {
		for _, v := range a {
			if v != nil {
				return v, nil
			}
		}
		return nil, nil
	},
	"greater":         compare("greater", func(c int) bool { return c > 0 }),
	"greaterOrEquals": compare("greaterOrEquals", func(c int) bool { return c >= 0 }),
	"less":            compare("less", func(c int) bool { return c < 0 }),
	"lessOrEquals":    compare("lessOrEquals", func(c int) bool { return c <= 0 }),
}

// compare orders two numbers, or two strings (ordinally).
func compare(name string, ok func(int) bool) fn {
	return func(s *scope, a []any) (any, error) {
		if len(a) != 2 {
			return nil, s.errorf("%s takes 2 arguments, not %d", name, len(a))
		}
		if x, isNum := toNumber(a[0]); isNum {
			y, isNum := toNumber(a[1])
			if !isNum {
				return nil, s.errorf("%s compares a number with a %s", name, typeName(a[1]))
			}
			return ok(cmpFloat(x, y)), nil
		}
		x, ok1 := a[0].(string)
		y, ok2 := a[1].(string)
		if !ok1 || !ok2 {
			return nil, s.errorf("%s compares numbers or strings, not %s and %s", name, typeName(a[0]), typeName(a[1]))
		}
		return ok(strings.Compare(x, y)), nil
	}
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

var numericFunctions = map[string]fn{
	"add": arith("add", func(x, y int64) (int64, bool) { return x + y, true }),
	"sub": arith("sub", func(x, y int64) (int64, bool) { return x - y, true }),
	"mul": arith("mul", func(x, y int64) (int64, bool) { return x * y, true }),
	"div": arith("div", func(x, y int64) (int64, bool) { return safeDiv(x, y, false) }),
	"mod": arith("mod", func(x, y int64) (int64, bool) { return safeDiv(x, y, true) }),
	"int": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("int takes 1 argument, not %d", len(a))
		}
		if f, ok := a[0].(float64); ok {
			return int64(math.Trunc(f)), nil
		}
		n, ok := toInt(a[0])
		if !ok {
			return nil, s.errorf("int(%s) is not an integer", str(a[0]))
		}
		return n, nil
	},
	"float": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("float takes 1 argument, not %d", len(a))
		}
		if f, ok := toNumber(a[0]); ok {
			return f, nil
		}
		f, err := strconv.ParseFloat(str(a[0]), 64)
		if err != nil {
			return nil, s.errorf("float(%s) is not a number", str(a[0]))
		}
		return f, nil
	},
	"min": extreme("min", func(c int) bool { return c < 0 }),
	"max": extreme("max", func(c int) bool { return c > 0 }),
}

func safeDiv(x, y int64, mod bool) (int64, bool) {
	if y == 0 {
		return 0, false
	}
	if mod {
		return x % y, true
	}
	return x / y, true
}

func arith(name string, op func(x, y int64) (int64, bool)) fn {
	return func(s *scope, a []any) (any, error) {
		if len(a) != 2 {
			return nil, s.errorf("%s takes 2 arguments, not %d", name, len(a))
		}
		x, ok1 := toInt(a[0])
		y, ok2 := toInt(a[1])
		if !ok1 || !ok2 {
			return nil, s.errorf("%s takes integers, not %s and %s", name, typeName(a[0]), typeName(a[1]))
		}
		r, ok := op(x, y)
		if !ok {
			return nil, s.errorf("%s(%d, %d) divides by zero", name, x, y)
		}
		return r, nil
	}
}

// extreme is min/max of integers, or of one array of integers.
func extreme(name string, better func(int) bool) fn {
	return func(s *scope, a []any) (any, error) {
		if len(a) == 1 {
			if arr, ok := a[0].([]any); ok {
				a = arr
			}
		}
		if len(a) == 0 {
			return nil, s.errorf("%s of nothing", name)
		}
		best, ok := toNumber(a[0])
		for _, v := range a[1:] {
			x, isNum := toNumber(v)
			ok = ok && isNum
			if better(cmpFloat(x, best)) {
				best = x
			}
		}
		if !ok {
			return nil, s.errorf("%s takes integers", name)
		}
		if n, isInt := toInt(best); isInt {
			return n, nil
		}
		return best, nil
	}
}
