// Package template evaluates Azure Resource Manager templates offline:
// parameters (from a parameters file or their defaults), variables, the
// template functions, copy loops, conditions, nested deployments and the
// symbolic-name resources of languageVersion 2.0 that Bicep emits. What can
// be known only once Azure deploys (reference() of a resource, listKeys(),
// newGuid()) becomes an unknown value (package unknown) that names the
// expression and where it is written.
package template

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// Placeholders for the ids of the subscription and resource group a
// template is deployed to, when the user does not give them: ids only need
// to agree with each other inside one import.
const (
	PlaceholderSubscription  = "00000000-0000-0000-0000-000000000000"
	PlaceholderResourceGroup = "resource-group"
)

// Context is where the template is deployed.
type Context struct {
	Subscription  string // the subscription id; PlaceholderSubscription when empty
	ResourceGroup string // PlaceholderResourceGroup when empty
	Location      string // resourceGroup().location; unknown when empty
}

// Options are the settings of one evaluation.
type Options struct {
	Context
	Unknowns *unknown.Table // where unknown values are recorded; required
	// ReadFile reads a linked template (templateLink) that resolves to a
	// file in the template's folder or below; nil leaves linked templates
	// unread.
	ReadFile func(path string) ([]byte, error)
	// Dir is the folder of the template file, for linked templates; "" for
	// standard input.
	Dir string
	// Values are parameter values given on the command line; they win over
	// the parameters file.
	Values map[string]any
}

// File is a template or parameters file.
type File struct {
	Name string
	Data []byte
}

// Resource is one resource the template deploys, evaluated.
type Resource struct {
	Type, Name, ID string
	Symbol         string          // the languageVersion 2.0 symbolic name
	Lines          *jsontree.Lines // the file that declares it
	Off            int             // where the declaration starts
	Value          map[string]any  // the evaluated resource: name, type, location, properties, sku...
}

// Result is what a template deploys, and what was left out and why.
type Result struct {
	Resources []Resource
	Notes     []string
	// Placeholders are the parameters that had no value, by the text that
	// stands for them ("{name}"), with where each is declared.
	Placeholders map[string]string
}

// Evaluate evaluates a template with its parameters file (nil for none).
// Errors are the template's own mistakes (a function given the wrong
// arguments, a parameter the template does not declare), positioned.
func Evaluate(tpl File, params *File, opts Options) (*Result, error) {
	ev := &evaluator{unk: opts.Unknowns, budget: budgetUnits, exprs: map[string]expr{}, opts: opts, root: tpl.Name}
	lines := jsontree.NewLines(tpl.Name, tpl.Data)
	root, err := jsontree.Parse(tpl.Data, lines)
	if err != nil {
		return nil, err
	}
	ctx := deployCtx{sub: cmpOr(opts.Subscription, PlaceholderSubscription), rg: cmpOr(opts.ResourceGroup, PlaceholderResourceGroup),
		location: opts.Location, name: "deployment", dir: opts.Dir}
	t, err := ev.newTmpl(root, lines, ctx)
	if err != nil {
		return nil, err
	}
	if params != nil {
		if err := t.applyParametersFile(*params); err != nil {
			return nil, err
		}
	}
	if err := t.applyValues(opts.Values); err != nil {
		return nil, err
	}
	var errs []error
	if err := t.declareAll(); err != nil {
		errs = append(errs, err)
	}
	for _, e := range t.entries {
		if _, err := e.evaluate(); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(dedupe(errs)...)
	}
	res := &Result{Notes: ev.notes, Placeholders: ev.placeholders}
	t.collect(&res.Resources)
	return res, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// dedupe drops repeated errors (an entry reached twice through reference()).
func dedupe(errs []error) []error {
	var out []error
	seen := map[string]bool{}
	for _, e := range errs {
		for _, one := range flatten(e) {
			if !seen[one.Error()] {
				seen[one.Error()] = true
				out = append(out, one)
			}
		}
	}
	return out
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

type evaluator struct {
	unk    *unknown.Table
	budget int
	exprs  map[string]expr
	opts   Options
	notes  []string
	depth  int
	all    []*entry // every resource of every template, for reference() by id or name
	root   string   // the template's file name, which linked templates are named after

	placeholders map[string]string
}

func (ev *evaluator) parse(src string) (expr, error) {
	if e, ok := ev.exprs[src]; ok {
		return e, nil
	}
	e, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	ev.exprs[src] = e
	return e, nil
}

func (ev *evaluator) notef(format string, args ...any) {
	ev.notes = append(ev.notes, fmt.Sprintf(format, args...))
}

// deployCtx is where one (nested) template deploys.
type deployCtx struct {
	sub, rg, location, name, dir string
}

// tmpl is one template being evaluated: the top one, or a nested one.
type tmpl struct {
	ev      *evaluator
	lines   *jsontree.Lines
	root    *jsontree.Node
	ctx     deployCtx // what resourceGroup(), subscription() and deployment() say
	target  deployCtx // where its resources go (differs for an outer-scope nested template)
	params  map[string]*param
	vars    map[string]*variable
	funcs   map[string]*udf
	entries []*entry
	symbols bool // languageVersion 2.0: resources by symbolic name
}

type param struct {
	name  string
	decl  *jsontree.Node
	value any
	state int // 0 not evaluated, 1 evaluating, 2 done
	given bool
}

type variable struct {
	name  string
	node  *jsontree.Node // the value, or the loop for a copy variable
	loop  bool
	value any
	state int
	t     *tmpl
}

type udf struct {
	params []string
	output *jsontree.Node
	t      *tmpl
}

func (ev *evaluator) newTmpl(root *jsontree.Node, lines *jsontree.Lines, ctx deployCtx) (*tmpl, error) {
	if root.Kind != jsontree.Object {
		return nil, lines.Errorf(root.Off, "a template is a JSON object, not %s", root.Kind)
	}
	t := &tmpl{ev: ev, lines: lines, root: root, ctx: ctx, target: ctx, params: map[string]*param{},
		vars: map[string]*variable{}, funcs: map[string]*udf{}}
	if lv := root.Get("languageVersion"); lv != nil && lv.Kind == jsontree.String && strings.HasPrefix(lv.Str, "2.") {
		t.symbols = true
	}
	if ps := root.Get("parameters"); ps != nil && ps.Kind == jsontree.Object {
		for i, k := range ps.Keys {
			t.params[strings.ToLower(k)] = &param{name: k, decl: ps.Items[i]}
		}
	}
	if vs := root.Get("variables"); vs != nil && vs.Kind == jsontree.Object {
		for i, k := range vs.Keys {
			if strings.EqualFold(k, "copy") && vs.Items[i].Kind == jsontree.Array {
				for _, l := range vs.Items[i].Items {
					if n := l.Get("name"); n != nil && n.Kind == jsontree.String {
						t.vars[strings.ToLower(n.Str)] = &variable{name: n.Str, node: l, loop: true, t: t}
					}
				}
				continue
			}
			t.vars[strings.ToLower(k)] = &variable{name: k, node: vs.Items[i], t: t}
		}
	}
	t.declareFunctions(root.Get("functions"))
	return t, nil
}

// declareFunctions reads user-defined functions: [{namespace, members:
// {name: {parameters: [{name}], output: {value}}}}].
func (t *tmpl) declareFunctions(fs *jsontree.Node) {
	if fs == nil || fs.Kind != jsontree.Array {
		return
	}
	for _, ns := range fs.Items {
		nsName, members := ns.Get("namespace"), ns.Get("members")
		if nsName == nil || nsName.Kind != jsontree.String || members == nil || members.Kind != jsontree.Object {
			continue
		}
		for i, name := range members.Keys {
			m := members.Items[i]
			f := &udf{output: m.Get("output").Get("value"), t: t}
			if ps := m.Get("parameters"); ps != nil && ps.Kind == jsontree.Array {
				for _, p := range ps.Items {
					if n := p.Get("name"); n != nil && n.Kind == jsontree.String {
						f.params = append(f.params, n.Str)
					}
				}
			}
			t.funcs[strings.ToLower(nsName.Str+"."+name)] = f
		}
	}
}

// applyParametersFile sets the values of a parameters file
// ({"parameters": {"name": {"value": ...}}}); a Key Vault reference stays
// unknown. A parameter the template does not declare is an error, as Azure
// refuses the deployment.
func (t *tmpl) applyParametersFile(f File) error {
	lines := jsontree.NewLines(f.Name, f.Data)
	root, err := jsontree.Parse(f.Data, lines)
	if err != nil {
		return err
	}
	ps := root.Get("parameters")
	if ps == nil || ps.Kind != jsontree.Object {
		return lines.Errorf(root.Off, "a parameters file has an object \"parameters\"")
	}
	var errs []error
	for i, k := range ps.Keys {
		p := t.params[strings.ToLower(k)]
		if p == nil {
			errs = append(errs, lines.Errorf(ps.Items[i].Off, "parameter %q is not declared by the template %s (Azure refuses the deployment)%s",
				k, t.lines.Name(), t.suggestParam(k)))
			continue
		}
		entry := ps.Items[i]
		switch {
		case entry.Get("value") != nil:
			p.value = literalValue(entry.Get("value"))
		case entry.Get("reference") != nil:
			p.value = unk(t.ev.unk.Add(unknown.Value{Expr: "parameter " + k, Pos: lines.Pos(entry.Off), Reason: "read from a Key Vault secret at deployment"}))
		default:
			errs = append(errs, lines.Errorf(entry.Off, "parameter %q has neither value nor reference", k))
			continue
		}
		p.given, p.state = true, 2
	}
	return errors.Join(errs...)
}

// applyValues sets parameters given on the command line.
func (t *tmpl) applyValues(values map[string]any) error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(values)) {
		p := t.params[strings.ToLower(k)]
		if p == nil {
			errs = append(errs, fmt.Errorf("--parameter %s: the template %s declares no such parameter%s", k, t.lines.Name(), t.suggestParam(k)))
			continue
		}
		p.value, p.given, p.state = values[k], true, 2
	}
	return errors.Join(errs...)
}

func (t *tmpl) suggestParam(k string) string {
	var names []string
	for _, p := range t.params {
		names = append(names, p.name)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "; it declares none"
	}
	return "; it declares " + strings.Join(names, ", ")
}

// literalValue is a parameters-file value: JSON, never an expression (ARM
// does not evaluate expressions in parameter files).
func literalValue(n *jsontree.Node) any {
	switch n.Kind {
	case jsontree.Null:
		return nil
	case jsontree.Bool:
		return n.Bool
	case jsontree.Number:
		return numberValue(n.Str)
	case jsontree.String:
		return n.Str
	case jsontree.Array:
		out := make([]any, 0, len(n.Items))
		for _, it := range n.Items {
			out = append(out, literalValue(it))
		}
		return out
	}
	out := make(map[string]any, len(n.Keys))
	for i, k := range n.Keys {
		out[k] = literalValue(n.Items[i])
	}
	return out
}

// scope is a fresh scope of the template.
func (t *tmpl) scope() *scope { return &scope{t: t} }

// parameter is parameters('name'): its given value, else its default, else
// unknown.
func (s *scope) parameter(name string) (any, error) {
	if s.fn {
		if v, ok := s.locals[strings.ToLower(name)]; ok {
			return v, nil
		}
	}
	p := s.t.params[strings.ToLower(name)]
	if p == nil {
		return nil, s.errorf("parameter %q is not declared", name)
	}
	switch p.state {
	case 2:
		return p.value, nil
	case 1:
		return nil, s.errorf("parameter %q refers to itself", name)
	}
	p.state = 1
	def := p.decl.Get("defaultValue")
	if def == nil {
		p.value = s.t.valueless(p)
	} else {
		v, err := s.t.scope().value(def)
		if err != nil {
			p.state = 0
			return nil, err
		}
		p.value = v
	}
	p.state = 2
	return p.value, nil
}

// variable is variables('name'), evaluated when first read.
func (s *scope) variable(name string) (any, error) {
	v := s.t.vars[strings.ToLower(name)]
	if v == nil {
		return nil, s.errorf("variable %q is not declared", name)
	}
	switch v.state {
	case 2:
		return v.value, nil
	case 1:
		return nil, s.errorf("variable %q refers to itself", name)
	}
	if s.t.ev.depth > maxCallDepth {
		return nil, s.errorf("variables nest more than %d deep", maxCallDepth)
	}
	s.t.ev.depth++
	defer func() { s.t.ev.depth-- }()
	v.state = 1
	var val any
	var err error
	if v.loop {
		_, val, err = v.t.scope().loop(v.node, v.node.Get("input"))
	} else {
		val, err = v.t.scope().value(v.node)
	}
	if err != nil {
		v.state = 0
		return nil, err
	}
	v.value, v.state = settle(val), 2
	return v.value, nil
}

// valueless stands in for a parameter that has no value and no default: a
// string parameter becomes the placeholder "{name}", so that names built
// from it stay consistent (and show what is missing); anything else is
// unknown.
func (t *tmpl) valueless(p *param) any {
	typ := strings.ToLower(p.decl.Get("type").StrOr(""))
	if typ != "string" && typ != "securestring" {
		return unk(t.ev.unk.Add(unknown.Value{Expr: "parameters('" + p.name + "')", Pos: t.lines.Pos(p.decl.Off),
			Reason: "the parameter has no value and no defaultValue (give a parameters file or --parameter " + p.name + "=VALUE)"}))
	}
	return t.ev.placeholder(p.name, t.lines.Pos(p.decl.Off))
}

// placeholder records and returns the placeholder of a missing value.
func (ev *evaluator) placeholder(name, pos string) string {
	ph := Placeholder(name)
	if ev.placeholders == nil {
		ev.placeholders = map[string]string{}
	}
	if _, ok := ev.placeholders[ph]; !ok {
		ev.placeholders[ph] = pos
	}
	return ph
}

// locationName is what stands for resourceGroup().location when no
// location is given; LocationPlaceholder is its placeholder.
const locationName = "resourceGroup().location"

// LocationPlaceholder stands for the resource group's location.
var LocationPlaceholder = Placeholder(locationName)

// Placeholder is what stands for a value the template needs and nobody
// gave: "{name}", which no Azure name or address contains.
func Placeholder(name string) string { return "{" + name + "}" }

// HasPlaceholder reports whether s holds a placeholder.
func HasPlaceholder(s string) bool {
	i := strings.IndexByte(s, '{')
	return i >= 0 && strings.IndexByte(s[i:], '}') > 1
}
