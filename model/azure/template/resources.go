package template

import (
	"errors"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/jsontree"
)

// entry is one resource a template declares (one instance of a copy loop).
type entry struct {
	t        *tmpl
	node     *jsontree.Node
	sc       *scope // with the instance's copy index
	typ      string
	name     string
	id       string
	symbol   string
	existing bool

	value map[string]any // the evaluated resource
	state int
	err   error

	// A nested deployment: its template and what it returns.
	nested  *tmpl
	outputs map[string]any
}

const typeDeployment = "microsoft.resources/deployments"

// skipKeys are resource keys that are instructions to ARM, not settings.
var skipKeys = map[string]bool{"resources": true, "copy": true, "condition": true, "dependsOn": true,
	"comments": true, "existing": true, "apiVersion": true, "scope": true, "metadata": true}

// declareAll lists the template's resources: copy loops expanded, conditions
// decided, children (resources inside a resource) flattened with their full
// types and names.
func (t *tmpl) declareAll() error {
	rs := t.root.Get("resources")
	if rs == nil {
		return nil
	}
	sc := t.scope()
	switch rs.Kind {
	case jsontree.Array:
		for _, r := range rs.Items {
			if err := t.declare(r, "", "", "", sc); err != nil {
				return err
			}
		}
	case jsontree.Object: // languageVersion 2.0
		for i, sym := range rs.Keys {
			if err := t.declare(rs.Items[i], "", "", sym, sc); err != nil {
				return err
			}
		}
	default:
		return t.lines.Errorf(rs.Off, "resources is an array (or an object of symbolic names), not %s", rs.Kind)
	}
	return nil
}

func (t *tmpl) declare(r *jsontree.Node, parentType, parentName, symbol string, sc *scope) error {
	if r.Kind != jsontree.Object {
		return t.lines.Errorf(r.Off, "a resource is a JSON object, not %s", r.Kind)
	}
	instances := []*scope{sc}
	if c := r.Get("copy"); c != nil && c.Kind == jsontree.Object {
		name := c.Get("name")
		if name == nil || name.Kind != jsontree.String || c.Get("count") == nil {
			return t.lines.Errorf(c.Off, "a resource copy loop needs a name and a count")
		}
		count, err := sc.count(c.Get("count"))
		if err != nil {
			return err
		}
		if u, ok := count.(unk); ok {
			v, _ := t.ev.unk.Find(string(u))
			t.ev.notef("%s: resources of copy loop %q left out: its count depends on %s", t.lines.Pos(r.Off), name.Str, v.Describe())
			return nil
		}
		instances = instances[:0]
		for i := range count.(int64) {
			instances = append(instances, sc.withLoop(name.Str, i))
		}
	}
	for _, isc := range instances {
		if err := t.declareOne(r, parentType, parentName, symbol, isc); err != nil {
			return err
		}
	}
	return nil
}

func (t *tmpl) declareOne(r *jsontree.Node, parentType, parentName, symbol string, sc *scope) error {
	if c := r.Get("condition"); c != nil {
		v, err := sc.value(c)
		if err != nil {
			return err
		}
		switch x := v.(type) {
		case bool:
			if !x {
				return nil
			}
		case unk:
			u, _ := t.ev.unk.Find(string(x))
			t.ev.notef("%s: resource left out: whether it is deployed depends on %s", t.lines.Pos(r.Off), u.Describe())
			return nil
		default:
			return sc.at(c).errorf("a condition is a bool, not %s", typeName(v))
		}
	}
	typ, err := t.stringField(sc, r, "type")
	if err != nil {
		return err
	}
	name, err := t.stringField(sc, r, "name")
	if err != nil {
		return err
	}
	if parentType != "" && !strings.Contains(typ, "/") {
		typ, name = parentType+"/"+typ, parentName+"/"+name
	}
	if name == "" || strings.HasSuffix(name, "/") || strings.Contains(name, "//") {
		return sc.at(r.Get("name")).errorf("the resource's name is empty, which Azure refuses: give the parameters it is made of a value (a parameters file or --parameter)")
	}
	e := &entry{t: t, node: r, sc: sc, typ: typ, name: name, symbol: symbol}
	if x := r.Get("existing"); x != nil && x.Kind == jsontree.Bool && x.Bool {
		e.existing = true
	}
	ctx := t.target
	if strings.EqualFold(typ, typeDeployment) {
		if ctx, err = t.deploymentTarget(sc, r); err != nil {
			return err
		}
		e.id = armid.Build(t.target.sub, t.target.rg, typ, name)
		e.nested = &tmpl{target: ctx} // filled in when evaluated
	} else {
		e.id = armid.Build(ctx.sub, ctx.rg, typ, name)
	}
	t.entries = append(t.entries, e)
	t.ev.all = append(t.ev.all, e)
	if children := r.Get("resources"); children != nil && children.Kind == jsontree.Array {
		for _, c := range children.Items {
			if err := t.declare(c, typ, name, "", sc); err != nil {
				return err
			}
		}
	}
	return nil
}

// stringField evaluates a resource's type or name, which must be a known
// string.
func (t *tmpl) stringField(sc *scope, r *jsontree.Node, key string) (string, error) {
	n := r.Get(key)
	if n == nil {
		return "", t.lines.Errorf(r.Off, "a resource needs a %s", key)
	}
	v, err := sc.value(n)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case unk:
		u, _ := t.ev.unk.Find(string(x))
		return "", sc.at(n).errorf("the resource's %s depends on %s", key, u.Describe())
	}
	return "", sc.at(n).errorf("a resource's %s is a string, not %s", key, typeName(v))
}

// deploymentTarget is where a nested deployment deploys: its own
// resourceGroup and subscriptionId when it names them.
func (t *tmpl) deploymentTarget(sc *scope, r *jsontree.Node) (deployCtx, error) {
	ctx := t.target
	for _, f := range []struct {
		key string
		to  *string
	}{{"subscriptionId", &ctx.sub}, {"resourceGroup", &ctx.rg}} {
		n := r.Get(f.key)
		if n == nil {
			continue
		}
		v, err := sc.value(n)
		if err != nil {
			return ctx, err
		}
		if s, ok := v.(string); ok && s != "" {
			*f.to = s
		}
	}
	return ctx, nil
}

// evaluate evaluates the resource's settings once (reference() may ask for
// them before their turn).
func (e *entry) evaluate() (map[string]any, error) {
	switch e.state {
	case 2:
		return e.value, e.err
	case 1:
		return nil, nil // a cycle through reference(): what is set so far is unknown
	}
	e.state = 1
	e.value, e.err = e.compute()
	e.state = 2
	return e.value, e.err
}

func (e *entry) compute() (map[string]any, error) {
	out := map[string]any{"type": e.typ, "name": e.name, "id": e.id}
	for i, k := range e.node.Keys {
		if skipKeys[k] || k == "type" || k == "name" {
			continue
		}
		if strings.EqualFold(e.typ, typeDeployment) && strings.EqualFold(k, "properties") {
			continue // the nested template is evaluated below
		}
		v, err := e.sc.value(e.node.Items[i])
		if err != nil {
			return nil, err
		}
		out[k] = settle(v)
	}
	if strings.EqualFold(e.typ, typeDeployment) && !e.existing {
		if err := e.deploy(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// deploy evaluates a nested deployment: its inline or linked template, with
// the parameters it passes (inner scope) or in the parent's scope (outer,
// the default).
func (e *entry) deploy() error {
	ev := e.t.ev
	if ev.depth > maxCallDepth {
		return e.sc.at(e.node).errorf("nested deployments nest more than %d deep", maxCallDepth)
	}
	ev.depth++
	defer func() { ev.depth-- }()
	props := e.node.Get("properties")
	root, lines, err := e.nestedTemplate(props)
	if err != nil || root == nil {
		return err
	}
	target := e.nested.target
	// A linked template is always evaluated in its own scope; an inline one
	// only when it asks (ARM: "expressionEvaluationOptions").
	inner := props.Get("template") == nil || strings.EqualFold(props.Get("expressionEvaluationOptions").Get("scope").StrOr(""), "inner")
	ctx := e.t.ctx
	if inner {
		ctx = target
		ctx.name = e.name
	}
	nt, err := ev.newTmpl(root, lines, ctx)
	if err != nil {
		return err
	}
	nt.target = target
	if inner {
		if err := e.passParameters(nt, props.Get("parameters")); err != nil {
			return err
		}
	} else {
		// Outer scope: the nested template sees the parent's parameters,
		// variables and functions, not its own.
		nt.params, nt.vars, nt.funcs = e.t.params, e.t.vars, e.t.funcs
	}
	e.nested = nt
	if err := nt.declareAll(); err != nil {
		return err
	}
	for _, c := range nt.entries {
		if _, err := c.evaluate(); err != nil {
			return err
		}
	}
	e.outputs = map[string]any{}
	if outs := root.Get("outputs"); outs != nil && outs.Kind == jsontree.Object {
		for i, k := range outs.Keys {
			o := outs.Items[i]
			v, err := nt.scope().value(orNull(o.Get("value")))
			if err != nil {
				return err
			}
			e.outputs[k] = map[string]any{"type": o.Get("type").StrOr(""), "value": settle(v)}
		}
	}
	return nil
}

// nestedTemplate is a deployment's inline template, or its linked template
// when it is a file next to the template; nil (with a note) when it cannot
// be read offline.
func (e *entry) nestedTemplate(props *jsontree.Node) (*jsontree.Node, *jsontree.Lines, error) {
	if tpl := props.Get("template"); tpl != nil {
		return tpl, e.t.lines, nil
	}
	link := props.Get("templateLink")
	if link == nil {
		return nil, nil, e.sc.at(orNull(props)).errorf("deployment %q has neither template nor templateLink", e.name)
	}
	uri, err := e.sc.value(orNull(link.Get("uri")))
	if err != nil {
		return nil, nil, err
	}
	path, rel, ok := e.localPath(uri)
	if !ok {
		e.t.ev.notef("%s: deployment %q left out: its linked template %s is not read offline", e.t.lines.Pos(e.node.Off), e.name, describeValue(e.t, uri))
		return nil, nil, nil
	}
	// Named as the template is, relative to where vnetsim runs, so that
	// positions and comments do not depend on the machine.
	name := filepath.ToSlash(filepath.Join(filepath.Dir(e.t.ev.root), rel))
	data, err := e.t.ev.opts.ReadFile(path)
	if err != nil {
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			err = pe.Err // the path is named already
		}
		e.t.ev.notef("%s: deployment %q left out: its linked template %s cannot be read (%v): give the template with the folder it comes in",
			e.t.lines.Pos(e.node.Off), e.name, name, err)
		return nil, nil, nil
	}
	lines := jsontree.NewLines(name, data)
	root, err := jsontree.Parse(data, lines)
	return root, lines, err
}

// localPath is the file a linked template's uri names when it is a file
// URI inside the template's folder (deployment().properties.templateLink.uri
// is the template file's own URI), and that file relative to the folder.
func (e *entry) localPath(uri any) (string, string, bool) {
	s, ok := uri.(string)
	dir := e.t.ev.opts.Dir
	if !ok || dir == "" || e.t.ev.opts.ReadFile == nil {
		return "", "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "file" {
		return "", "", false
	}
	p := filepath.Clean(filepath.FromSlash(u.Path))
	rel, err := filepath.Rel(dir, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", "", false
	}
	return p, rel, true
}

// passParameters sets a nested template's parameters from the deployment's
// "parameters": {"name": {"value": ...}}, evaluated in the parent's scope.
func (e *entry) passParameters(nt *tmpl, ps *jsontree.Node) error {
	if ps == nil || ps.Kind != jsontree.Object {
		return nil
	}
	for i, k := range ps.Keys {
		p := nt.params[strings.ToLower(k)]
		if p == nil {
			return e.sc.at(ps.Items[i]).errorf("deployment %q passes parameter %q, which its template does not declare", e.name, k)
		}
		vn := ps.Items[i].Get("value")
		if vn == nil {
			p.value = e.sc.at(ps.Items[i]).unknown("read from a Key Vault secret at deployment")
		} else {
			v, err := e.sc.value(vn)
			if err != nil {
				return err
			}
			p.value = settle(v)
		}
		p.given, p.state = true, 2
	}
	return nil
}

// collect lists the resources deployed, nested deployments' in place of
// the deployment.
func (t *tmpl) collect(out *[]Resource) {
	for _, e := range t.entries {
		if e.existing {
			continue
		}
		if e.nested != nil {
			if e.nested.root != nil {
				e.nested.collect(out)
			}
			continue
		}
		if e.value == nil {
			continue
		}
		*out = append(*out, Resource{Type: e.typ, Name: e.name, ID: e.id, Symbol: e.symbol, Lines: t.lines, Off: e.node.Off, Value: e.value})
	}
}

// orNull stands a null node in for a missing one.
func orNull(n *jsontree.Node) *jsontree.Node {
	if n == nil {
		return &jsontree.Node{Kind: jsontree.Null}
	}
	return n
}

// describeValue names a value for a note: an unknown one by its cause.
func describeValue(t *tmpl, v any) string {
	if u, ok := v.(unk); ok {
		if d, ok := t.ev.unk.Find(string(u)); ok {
			return d.Describe()
		}
	}
	return str(v)
}
