package terraform

import (
	"regexp"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// view reads one resource instance's attributes, or a nested block of
// them.
type view struct {
	rd   *reader
	in   *inst
	base path
}

func (rd *reader) view(in *inst) view { return view{rd: rd, in: in} }

func (v view) at(p ...any) path { return append(append(path{}, v.base...), p...) }

// value is an attribute: its planned value, else (unknown at plan time)
// what its configuration references, else an unknown value; nil when it is
// not set.
func (v view) value(key string) any {
	p := v.at(key)
	if x, ok := get(v.in.attrs, p); ok && x != nil {
		return normalize(x)
	}
	return v.rd.resolve(v.in, p, false, false)
}

// ref is an attribute that holds a resource id: resolved the same way, a
// bare reference to a resource standing for its id.
func (v view) ref(key string) any {
	p := v.at(key)
	if x, ok := get(v.in.attrs, p); ok && x != nil {
		return normalize(x)
	}
	return v.rd.resolve(v.in, p, true, false)
}

// resolve is an attribute unknown at plan time: the constant its
// configuration gives, else what its configuration references, else an
// unknown value. An attribute the configuration does not set is one the
// provider computes: when another resource refers to it (computed) it is
// unknown (a firewall's private address), else it is Azure's default,
// unset.
func (rd *reader) resolve(in *inst, p path, asID, computed bool) any {
	if !isUnknown(in.unknown, p) {
		return nil
	}
	e := rd.expression(in, p)
	if e == nil {
		if computed {
			return rd.unknownAttr(in, p)
		}
		return nil
	}
	if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
		return normalize(e.ConstantValue)
	}
	for _, ref := range e.References {
		if x, ok := rd.follow(in.module, ref, asID); ok {
			return x
		}
	}
	return rd.unknownAttr(in, p)
}

// str is a string attribute ("" when unset).
func (v view) str(key string) any {
	if x := v.value(key); x != nil {
		return x
	}
	return ""
}

// list is a list attribute, each element resolved like value (refs: like
// ref).
func (v view) list(key string, refs bool) []any {
	p := v.at(key)
	x, ok := get(v.in.attrs, p)
	l, isList := x.([]any)
	if !ok || !isList || isUnknown(v.in.unknown, p) {
		switch r := v.rd.resolve(v.in, p, refs, false).(type) {
		case nil:
			return nil
		case []any:
			return r
		default:
			return []any{r}
		}
	}
	out := make([]any, 0, len(l))
	for i := range l {
		e := v.sub(key, i)
		var val any
		if refs {
			val = e.self(true)
		} else {
			val = e.self(false)
		}
		if val != nil {
			out = append(out, val)
		}
	}
	return out
}

// self is the value at the view's base path itself.
func (v view) self(refs bool) any {
	if x, ok := get(v.in.attrs, v.base); ok && x != nil {
		return normalize(x)
	}
	return v.rd.resolve(v.in, v.base, refs, false)
}

func (v view) sub(key string, i int) view { return view{rd: v.rd, in: v.in, base: v.at(key, i)} }

// blocks are the nested blocks under key.
func (v view) blocks(key string) []view {
	x, _ := get(v.in.attrs, v.at(key))
	l, _ := x.([]any)
	out := make([]view, len(l))
	for i := range l {
		out[i] = v.sub(key, i)
	}
	return out
}

// boolean is a bool attribute, with its default when unset.
func (v view) boolean(key string, def bool) bool {
	if b, ok := v.value(key).(bool); ok {
		return b
	}
	return def
}

// has reports whether an attribute is set (or will be).
func (v view) has(key string) bool {
	x, ok := get(v.in.attrs, v.at(key))
	return (ok && x != nil) || isUnknown(v.in.unknown, v.at(key))
}

// normalize turns JSON numbers into int64 where integral.
func normalize(x any) any {
	switch n := x.(type) {
	case float64:
		if n == float64(int64(n)) {
			return int64(n)
		}
	case []any:
		out := make([]any, len(n))
		for i, e := range n {
			out[i] = normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(n))
		for k, e := range n {
			out[k] = normalize(e)
		}
		return out
	}
	return x
}

// unknownAttr records an attribute known only after apply. Where the
// importer can know it anyway (a private address it assigns as Azure does,
// a public address it asks for), the value says which resource and
// property it is.
func (rd *reader) unknownAttr(in *inst, p path) string {
	return rd.opts.Unknowns.Add(unknown.Value{Expr: in.addr + "." + p.String(), Pos: rd.file,
		Reason: "known only after terraform apply", Ref: strings.ToLower(in.id), Path: armPath(p)})
}

var configAttr = regexp.MustCompile(`^(ip_configuration|frontend_ip_configuration|private_service_connection)\.(\d+)\.private_ip_address$`)

// armPath is the ARM property path of an attribute the importer can
// resolve: a private address of an IP configuration, or a public IP's
// address.
func armPath(p path) string {
	s := strings.ReplaceAll(strings.ReplaceAll(p.String(), "[", "."), "]", "")
	if m := configAttr.FindStringSubmatch(s); m != nil {
		return "ipConfigurations[" + m[2] + "].properties.privateIPAddress"
	}
	if s == "ip_address" {
		return "ipAddress"
	}
	return ""
}

// expression is the configuration expression of an attribute (nil when
// the configuration does not set it, or is not in the input).
func (rd *reader) expression(in *inst, p path) *tfjson.Expression {
	cr := rd.configResource(in)
	if cr == nil {
		return nil
	}
	exprs := cr.Expressions
	var e *tfjson.Expression
	for i, s := range p {
		key, ok := s.(string)
		if !ok {
			continue
		}
		if e = exprs[key]; e == nil {
			return nil
		}
		if i+1 < len(p) {
			if idx, isIdx := p[i+1].(int); isIdx && len(e.NestedBlocks) > 0 {
				exprs = e.NestedBlocks[min(idx, len(e.NestedBlocks)-1)]
			}
		}
	}
	return e
}

// configModule is the configuration of a module ("" is the root).
func (rd *reader) configModule(module string) (*tfjson.ConfigModule, *tfjson.ModuleCall) {
	if rd.config == nil || rd.config.RootModule == nil {
		return nil, nil
	}
	m := rd.config.RootModule
	var call *tfjson.ModuleCall
	for _, part := range strings.Split(module, ".module.") {
		name := strings.TrimPrefix(part, "module.")
		if name == "" {
			continue
		}
		if call = m.ModuleCalls[name]; call == nil || call.Module == nil {
			return nil, nil
		}
		m = call.Module
	}
	return m, call
}

func (rd *reader) configResource(in *inst) *tfjson.ConfigResource {
	m, _ := rd.configModule(in.module)
	if m == nil {
		return nil
	}
	local := in.typ + "." + in.rname
	if strings.HasPrefix(in.addr, "data.") || strings.Contains(in.addr, ".data.") {
		local = "data." + local
	}
	for _, r := range m.Resources {
		if r.Address == local {
			return r
		}
	}
	return nil
}

var refPattern = regexp.MustCompile(`^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[[^\]]+\])?(?:\.(.+))?$`)

// follow resolves one reference made in module: an input variable (what the
// module call passes), a module output (what it references), or a
// resource's attribute ("id" when asID and none is named).
func (rd *reader) follow(module, ref string, asID bool) (any, bool) {
	switch {
	case strings.HasPrefix(ref, "var."):
		_, call := rd.configModule(module)
		if call == nil {
			return nil, false
		}
		parent := module[:max(0, strings.LastIndex(module, ".module."))]
		if !strings.Contains(module, ".module.") {
			parent = ""
		}
		if e := call.Expressions[strings.TrimPrefix(ref, "var.")]; e != nil {
			for _, r := range e.References {
				if v, ok := rd.follow(parent, r, asID); ok {
					return v, true
				}
			}
		}
		return nil, false
	case strings.HasPrefix(ref, "module."):
		parts := strings.SplitN(strings.TrimPrefix(ref, "module."), ".", 2)
		if len(parts) < 2 {
			return nil, false
		}
		child := strings.TrimPrefix(module+".module."+parts[0], ".")
		m, _ := rd.configModule(child)
		if m == nil || m.Outputs[parts[1]] == nil || m.Outputs[parts[1]].Expression == nil {
			return nil, false
		}
		for _, r := range m.Outputs[parts[1]].Expression.References {
			if v, ok := rd.follow(child, r, asID); ok {
				return v, true
			}
		}
		return nil, false
	case strings.HasPrefix(ref, "local."), strings.HasPrefix(ref, "each."), strings.HasPrefix(ref, "count."), strings.HasPrefix(ref, "path."):
		return nil, false
	}
	m := refPattern.FindStringSubmatch(ref)
	if m == nil {
		return nil, false
	}
	target := rd.instance(module, m[1], m[2])
	if target == nil {
		return nil, false
	}
	attr := m[3]
	if attr == "" {
		if !asID {
			return nil, false
		}
		attr = "id"
	}
	if attr == "id" {
		return target.id, target.id != ""
	}
	p := parsePath(attr)
	if x, ok := get(target.attrs, p); ok && x != nil {
		return normalize(x), true
	}
	x := rd.resolve(target, p, asID, true)
	return x, x != nil
}

// instance finds the resource a reference names in a module: with its
// index, else the only instance.
func (rd *reader) instance(module, local, index string) *inst {
	prefix := strings.TrimPrefix(module+".", ".")
	if in := rd.byAddr[prefix+local+index]; in != nil {
		return in
	}
	var found *inst
	for _, in := range rd.insts {
		if in.module == module && (in.typ+"."+in.rname == local || "data."+in.typ+"."+in.rname == local) {
			if found != nil {
				return nil
			}
			found = in
		}
	}
	return found
}

// parsePath reads "ip_configuration[0].private_ip_address" (or with .0.).
func parsePath(attr string) path {
	var p path
	for _, s := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(attr, "[", "."), "]", ""), ".") {
		if s == "" {
			continue
		}
		if n, err := strconv.Atoi(s); err == nil {
			p = append(p, n)
		} else {
			p = append(p, strings.Trim(s, `"`))
		}
	}
	return p
}
