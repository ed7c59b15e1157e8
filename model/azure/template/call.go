package template

import (
	"strings"
)

// fn is a template function; its arguments are evaluated.
type fn func(s *scope, args []any) (any, error)

// functions are ARM's template functions by lower-case name (Azure:
// "ARM template functions"). if, and, or, lambda and the functions that
// read the template (parameters, variables, copyIndex, reference...) are
// special forms in call.
var functions map[string]fn

func init() {
	functions = map[string]fn{}
	for _, table := range []map[string]fn{stringFunctions, arrayFunctions, logicFunctions, numericFunctions, resourceFunctions} {
		for k, f := range table {
			functions[strings.ToLower(k)] = f
		}
	}
}

// tolerant functions build a value around their arguments, so an unknown
// argument does not make the whole result unknown.
var tolerant = map[string]bool{"createarray": true, "createobject": true, "array": true}

// unsupported functions are valid ARM but yield values only Azure knows at
// deployment.
var unsupported = map[string]string{
	"newguid":           "a new GUID at each deployment",
	"utcnow":            "the time of the deployment",
	"datetimeadd":       "a date (vnetsim does not evaluate date functions)",
	"datetimefromepoch": "a date (vnetsim does not evaluate date functions)",
	"datetimetoepoch":   "a date (vnetsim does not evaluate date functions)",
	"pickzones":         "availability zones of the region, known to Azure",
	"providers":         "resource provider metadata, known to Azure",
	"references":        "the deployed resources of a loop",
	"managementgroup":   "the management group, known to Azure",
	"tenant":            "the tenant, known to Azure",
	"loadtextcontent":   "a file Bicep reads when it compiles",
}

func (s *scope) call(c call) (any, error) {
	name := strings.ToLower(c.name)
	switch name {
	case "if":
		return s.ifCall(c)
	case "and", "or":
		return s.logical(name, c)
	case "lambda":
		return s.lambdaCall(c)
	}
	if f := s.t.funcs[name]; f != nil && strings.Contains(name, ".") {
		return s.userFunction(c, f)
	}
	args := make([]any, 0, len(c.args))
	for _, a := range c.args {
		v, err := s.eval(a)
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	switch name {
	case "parameters":
		n, err := s.oneString(c.name, args)
		if err != nil {
			return nil, err
		}
		return s.parameter(n)
	case "variables":
		n, err := s.oneString(c.name, args)
		if err != nil {
			return nil, err
		}
		return s.variable(n)
	case "lambdavariables":
		n, err := s.oneString(c.name, args)
		if err != nil {
			return nil, err
		}
		if v, ok := s.locals[strings.ToLower(n)]; ok && !s.fn {
			return v, nil
		}
		return nil, s.errorf("lambdaVariables(%q): no such lambda variable here", n)
	case "copyindex":
		return s.copyIndex(args)
	case "reference":
		return s.reference(args)
	case "resourceinfo":
		return s.resourceInfo(args)
	case "deployment":
		return s.deployment(), nil
	}
	if why, ok := unsupported[name]; ok {
		return s.unknown(why), nil
	}
	if strings.HasPrefix(name, "list") {
		return s.unknown("returned by " + c.name + " from the deployed resource"), nil
	}
	f := functions[name]
	if f == nil {
		return nil, s.errorf("unknown function %s", c.name)
	}
	for i, a := range args {
		if u, ok := a.(unk); ok && !tolerant[name] {
			return u, nil
		}
		args[i] = settle(a)
	}
	return f(s, args)
}

func (s *scope) oneString(fname string, args []any) (string, error) {
	if len(args) != 1 {
		return "", s.errorf("%s takes 1 argument, not %d", fname, len(args))
	}
	v, ok := args[0].(string)
	if !ok {
		return "", s.errorf("%s takes a string, not %s", fname, typeName(args[0]))
	}
	return v, nil
}

// ifCall evaluates only the branch the condition chooses.
func (s *scope) ifCall(c call) (any, error) {
	if len(c.args) != 3 {
		return nil, s.errorf("if takes 3 arguments, not %d", len(c.args))
	}
	cond, err := s.eval(c.args[0])
	if err != nil {
		return nil, err
	}
	switch x := cond.(type) {
	case unk:
		return x, nil
	case bool:
		if x {
			return s.eval(c.args[1])
		}
		return s.eval(c.args[2])
	}
	return nil, s.errorf("if takes a bool condition, not %s", typeName(cond))
}

// logical is and/or with the logic of unknowns: and(false, unknown) is
// false, and(true, unknown) unknown.
func (s *scope) logical(name string, c call) (any, error) {
	if len(c.args) < 2 {
		return nil, s.errorf("%s takes at least 2 arguments", name)
	}
	decisive := name == "or" // or stops at true, and at false
	var pending any
	for _, a := range c.args {
		v, err := s.eval(a)
		if err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case unk:
			if pending == nil {
				pending = x
			}
		case bool:
			if x == decisive {
				return x, nil
			}
		default:
			return nil, s.errorf("%s takes bools, not %s", name, typeName(v))
		}
	}
	if pending != nil {
		return pending, nil
	}
	return !decisive, nil
}

// lambdaCall is lambda('a', 'b', body): the last argument is the body,
// evaluated later with the variables bound.
func (s *scope) lambdaCall(c call) (any, error) {
	if len(c.args) < 1 {
		return nil, s.errorf("lambda needs a body")
	}
	l := &lambda{body: c.args[len(c.args)-1], sc: s}
	for _, a := range c.args[:len(c.args)-1] {
		lit, ok := a.(literal)
		name, isStr := lit.v.(string)
		if !ok || !isStr {
			return nil, s.errorf("lambda variable names are string literals")
		}
		l.params = append(l.params, name)
	}
	return l, nil
}

// apply calls a lambda.
func (s *scope) apply(l *lambda, args ...any) (any, error) {
	if len(args) != len(l.params) {
		return nil, s.errorf("the lambda takes %d arguments, not %d", len(l.params), len(args))
	}
	c := *l.sc
	c.locals = map[string]any{}
	for k, v := range l.sc.locals {
		if !l.sc.fn {
			c.locals[k] = v
		}
	}
	c.fn = false
	for i, p := range l.params {
		c.locals[strings.ToLower(p)] = args[i]
	}
	return c.eval(l.body)
}

// userFunction calls a function of the template's "functions": it sees only
// its own parameters (ARM: "user-defined functions can't access variables").
func (s *scope) userFunction(c call, f *udf) (any, error) {
	if len(c.args) != len(f.params) {
		return nil, s.errorf("%s takes %d arguments, not %d", c.name, len(f.params), len(c.args))
	}
	if f.output == nil {
		return nil, s.errorf("%s has no output value", c.name)
	}
	ev := s.t.ev
	if ev.depth > maxCallDepth {
		return nil, s.errorf("user-defined functions nest more than %d deep", maxCallDepth)
	}
	ev.depth++
	defer func() { ev.depth-- }()
	inner := &scope{t: f.t, locals: map[string]any{}, fn: true}
	for i, p := range f.params {
		v, err := s.eval(c.args[i])
		if err != nil {
			return nil, err
		}
		inner.locals[strings.ToLower(p)] = v
	}
	return inner.value(f.output)
}

// copyIndex is copyIndex([loopName], [offset]).
func (s *scope) copyIndex(args []any) (any, error) {
	loop, offset := s.inner, int64(0)
	for _, a := range args {
		switch x := a.(type) {
		case string:
			loop = strings.ToLower(x)
		case unk:
			return x, nil
		default:
			n, ok := toInt(x)
			if !ok {
				return nil, s.errorf("copyIndex takes a loop name and an integer offset, not %s", typeName(a))
			}
			offset = n
		}
	}
	i, ok := s.copies[loop]
	if !ok {
		if loop == "" {
			return nil, s.errorf("copyIndex() outside a copy loop")
		}
		return nil, s.errorf("copyIndex(%q) outside that copy loop", loop)
	}
	return i + offset, nil
}
