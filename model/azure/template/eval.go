package template

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// Limits that keep a hostile template from exhausting memory or time. ARM's
// own limits are lower for copy loops (800) and range() (10,000); the
// budget bounds what nested variables can build by doubling.
const (
	maxCopy      = 800
	maxRange     = 10000
	budgetUnits  = 32 << 20 // array elements and string bytes built, in total
	maxCallDepth = 100      // user-defined functions, variables, nested deployments
)

// budgetExceeded says why evaluation stopped.
const budgetExceeded = "the template builds more than vnetsim evaluates offline (32 million string bytes, array elements and object keys): a loop or a function here makes it too large"

// scope is what an expression can see: its template's parameters,
// variables and functions, the copy loops it is in, the parameters of the
// user-defined function or lambda it is in, and where it is written.
type scope struct {
	t      *tmpl
	copies map[string]int64 // loop name (lower case) -> index
	inner  string           // the innermost loop, for copyIndex() without a name
	locals map[string]any   // lambda variables, or a user function's parameters
	fn     bool             // locals are a user function's parameters
	node   *jsontree.Node   // the JSON string being evaluated
}

func (s *scope) withLoop(name string, i int64) *scope {
	c := *s
	c.copies = map[string]int64{}
	for k, v := range s.copies {
		c.copies[k] = v
	}
	c.copies[strings.ToLower(name)] = i
	c.inner = strings.ToLower(name)
	return &c
}

func (s *scope) at(n *jsontree.Node) *scope {
	c := *s
	c.node = n
	return &c
}

// evalError is an error in the template, positioned.
type evalError struct {
	pos string
	msg string
}

func (e *evalError) Error() string { return e.pos + ": " + e.msg }

// errorf is an error at the node being evaluated.
func (s *scope) errorf(format string, args ...any) error {
	return &evalError{pos: s.pos(), msg: fmt.Sprintf(format, args...)}
}

func (s *scope) pos() string {
	if s.node == nil {
		return s.t.lines.Name()
	}
	return s.t.lines.Pos(s.node.Off)
}

// unknown is a value that is known only at deployment.
func (s *scope) unknown(reason string) unk {
	return unk(s.t.ev.unk.Add(unknown.Value{Expr: s.text(), Pos: s.pos(), Reason: reason}))
}

// text is the expression being evaluated, as written.
func (s *scope) text() string {
	if s.node == nil || s.node.Kind != jsontree.String {
		return ""
	}
	return s.node.Str
}

// spend counts what the template builds against the budget.
func (s *scope) spend(n int) error {
	s.t.ev.budget -= n
	if s.t.ev.budget < 0 {
		return s.errorf(budgetExceeded)
	}
	return nil
}

// value evaluates a JSON node of the template: strings that are
// expressions are evaluated, objects and arrays recursively, and an
// object's "copy" array of property loops is expanded.
func (s *scope) value(n *jsontree.Node) (any, error) {
	switch n.Kind {
	case jsontree.Null:
		return nil, nil
	case jsontree.Bool:
		return n.Bool, nil
	case jsontree.Number:
		return numberValue(n.Str), nil
	case jsontree.String:
		if !isExpression(n.Str) {
			return literalString(n.Str), nil
		}
		return s.at(n).evalString(n.Str)
	case jsontree.Array:
		if err := s.spend(len(n.Items)); err != nil {
			return nil, err
		}
		out := make([]any, 0, len(n.Items))
		for _, it := range n.Items {
			v, err := s.value(it)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	return s.object(n)
}

func (s *scope) object(n *jsontree.Node) (any, error) {
	if err := s.spend(len(n.Keys)); err != nil {
		return nil, err
	}
	out := make(map[string]any, len(n.Keys))
	for i, k := range n.Keys {
		v := n.Items[i]
		if strings.EqualFold(k, "copy") && v.Kind == jsontree.Array {
			if err := s.propertyLoops(v, out); err != nil {
				return nil, err
			}
			continue
		}
		val, err := s.value(v)
		if err != nil {
			return nil, err
		}
		out[k] = val
	}
	return out, nil
}

// propertyLoops expands a "copy" array of {name, count, input} into the
// properties it names (Azure: "Property iteration in ARM templates").
func (s *scope) propertyLoops(list *jsontree.Node, into map[string]any) error {
	for _, l := range list.Items {
		name, items, err := s.loop(l, l.Get("input"))
		if err != nil {
			return err
		}
		into[name] = items
	}
	return nil
}

// loop evaluates one {name, count, input} loop: input once per index.
func (s *scope) loop(l, input *jsontree.Node) (string, any, error) {
	nameNode, countNode := l.Get("name"), l.Get("count")
	if nameNode == nil || nameNode.Kind != jsontree.String || countNode == nil || input == nil {
		return "", nil, s.at(l).errorf("a copy loop needs name, count and input")
	}
	count, err := s.count(countNode)
	if err != nil {
		return "", nil, err
	}
	if u, ok := count.(unk); ok {
		return nameNode.Str, u, nil
	}
	n := count.(int64)
	items := make([]any, 0, n)
	for i := range n {
		v, err := s.withLoop(nameNode.Str, i).value(input)
		if err != nil {
			return "", nil, err
		}
		items = append(items, v)
	}
	return nameNode.Str, items, nil
}

// count evaluates a loop's count: an int in 0..800, or unknown.
func (s *scope) count(n *jsontree.Node) (any, error) {
	v, err := s.value(n)
	if err != nil {
		return nil, err
	}
	if u, ok := v.(unk); ok {
		return u, nil
	}
	c, ok := toInt(v)
	if !ok || c < 0 || c > maxCopy {
		return nil, s.at(n).errorf("a copy count must be an integer from 0 to %d, not %s", maxCopy, str(v))
	}
	if err := s.spend(int(c)); err != nil {
		return nil, err
	}
	return c, nil
}

// evalString evaluates "[expr]".
func (s *scope) evalString(text string) (any, error) {
	e, err := s.t.ev.parse(text[1 : len(text)-1])
	if err != nil {
		return nil, &evalError{pos: s.pos(), msg: err.Error()}
	}
	return s.eval(e)
}

func (s *scope) eval(e expr) (any, error) {
	switch x := e.(type) {
	case literal:
		return x.v, nil
	case member:
		v, err := s.eval(x.x)
		if err != nil {
			return nil, err
		}
		return s.member(v, x.name)
	case index:
		v, err := s.eval(x.x)
		if err != nil {
			return nil, err
		}
		i, err := s.eval(x.i)
		if err != nil {
			return nil, err
		}
		return s.index(v, i)
	case call:
		return s.call(x)
	}
	return nil, s.errorf("cannot evaluate %T", e)
}

// member is v.name.
func (s *scope) member(v any, name string) (any, error) {
	switch x := v.(type) {
	case unk:
		return x, nil
	case map[string]any:
		if m, ok := lookup(x, name); ok {
			return m, nil
		}
		return nil, s.errorf("the object has no property %q", name)
	case *partial:
		return x.step("."+name, func(v any) (any, bool) {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			return lookup(m, name)
		}, s), nil
	}
	return nil, s.errorf("cannot read property %q of a %s", name, typeName(v))
}

// index is v[i].
func (s *scope) index(v, i any) (any, error) {
	if u, ok := v.(unk); ok {
		return u, nil
	}
	if u, ok := i.(unk); ok {
		return u, nil
	}
	if p, ok := v.(*partial); ok {
		return p.step("["+str(i)+"]", func(v any) (any, bool) { return indexPlain(v, i) }, s), nil
	}
	if r, ok := indexPlain(v, i); ok {
		return r, nil
	}
	return nil, s.errorf("cannot index a %s with %s", typeName(v), str(i))
}

func indexPlain(v, i any) (any, bool) {
	switch x := v.(type) {
	case []any:
		n, ok := toInt(i)
		if !ok || n < 0 || n >= int64(len(x)) {
			return nil, false
		}
		return x[n], true
	case map[string]any:
		k, ok := i.(string)
		if !ok {
			return nil, false
		}
		return lookup(x, k)
	}
	return nil, false
}

// step reads one more level of a partial object; what the template did not
// set is known only once Azure has deployed the resource.
func (p *partial) step(path string, get func(any) (any, bool), s *scope) any {
	full := p.path + path
	v, ok := get(p.val)
	if !ok {
		return unk(s.t.ev.unk.Add(unknown.Value{Expr: p.expr + full, Pos: s.pos(),
			Reason: "set by Azure when the resource is deployed", Ref: p.ref, Path: strings.TrimPrefix(full, ".")}))
	}
	switch v.(type) {
	case map[string]any, []any:
		return &partial{val: v, ref: p.ref, expr: p.expr, path: full}
	}
	return v
}

// numberValue is a JSON number: an int64 when it is an integer that fits.
func numberValue(lit string) any {
	if n, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return n
	}
	f, _ := strconv.ParseFloat(lit, 64)
	return f
}
