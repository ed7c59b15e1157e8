// Package terraform reads `terraform show -json` plans and states (through
// github.com/hashicorp/terraform-json) and turns the azurerm resources that
// decide reachability into the ARM resources they deploy, so that the ARM
// importer converts them like any other input. Association resources
// (azurerm_subnet_network_security_group_association...) become the
// properties they set; a value unknown at plan time is resolved through
// the configuration's references to the resource it comes from, else it is
// an unknown value (package unknown) naming the attribute.
package terraform

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// Placeholders for the ids of resources Terraform has not created yet.
const (
	placeholderSubscription  = "00000000-0000-0000-0000-000000000000"
	placeholderResourceGroup = "resource-group"
)

// Resource is one ARM resource a Terraform resource deploys.
type Resource struct {
	Type    string         // ARM type, e.g. Microsoft.Network/virtualNetworks
	ID      string         // its id, known or made up from its names
	Name    string         // its full ARM name ("vnet/subnet")
	Address string         // the Terraform resource address
	Value   map[string]any // the resource in the ARM REST shape
}

// Result is what one set of values (a state, a plan's planned values or
// its prior state) deploys.
type Result struct {
	Resources []Resource
	Notes     []string
}

// Options are the settings of a reading.
type Options struct {
	Subscription, ResourceGroup string         // for made-up ids; placeholders when empty
	Unknowns                    *unknown.Table // where unknown values are recorded; required
}

// Plan reads a plan: what it will deploy (planned values) and what is
// deployed before it (prior state; nil when the plan starts from nothing).
func Plan(data []byte, file string, opts Options) (planned, prior *Result, err error) {
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, nil, fmt.Errorf("%s: not a terraform show -json plan: %v", file, err)
	}
	unknowns := map[string]any{}
	for _, rc := range p.ResourceChanges {
		if rc.Change != nil {
			unknowns[rc.Address] = rc.Change.AfterUnknown
		}
	}
	planned = newReader(file, opts, p.Config, "planned values").read(p.PlannedValues, unknowns)
	if p.PriorState != nil && p.PriorState.Values != nil && p.PriorState.Values.RootModule != nil {
		prior = newReader(file, opts, p.Config, "prior state").read(p.PriorState.Values, nil)
	}
	return planned, prior, nil
}

// State reads a state.
func State(data []byte, file string, opts Options) (*Result, error) {
	var s tfjson.State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: not a terraform show -json state: %v", file, err)
	}
	return newReader(file, opts, nil, "state").read(s.Values, nil), nil
}

// inst is one resource instance.
type inst struct {
	addr    string // module.a.azurerm_subnet.b[0]
	module  string // module.a (instance keys removed), "" at the root
	typ     string // azurerm_subnet
	rname   string // b
	index   any
	attrs   map[string]any
	unknown any // the plan's after_unknown for it
	id      string
	armType string
	armName string
}

type reader struct {
	opts   Options
	file   string
	what   string
	config *tfjson.Config
	insts  []*inst
	byAddr map[string]*inst
	byID   map[string]*inst
	out    map[*inst]map[string]any
	extra  []Resource // resources a Terraform resource writes inside itself (a private DNS zone group)
	notes  []string
}

func newReader(file string, opts Options, cfg *tfjson.Config, what string) *reader {
	return &reader{opts: opts, file: file, what: what, config: cfg, byAddr: map[string]*inst{}, byID: map[string]*inst{}, out: map[*inst]map[string]any{}}
}

func (rd *reader) notef(format string, args ...any) {
	rd.notes = append(rd.notes, fmt.Sprintf(format, args...))
}

func (rd *reader) read(vals *tfjson.StateValues, unknowns map[string]any) *Result {
	if vals != nil && vals.RootModule != nil {
		rd.collect(vals.RootModule, unknowns)
	}
	// Parents first: a child's id is made from its parent's.
	for _, pass := range []bool{false, true} {
		for _, in := range rd.insts {
			if isChild(in, rd.view(in)) == pass {
				rd.identify(in)
			}
		}
	}
	skipped := map[string]int{}
	for _, in := range rd.insts {
		if conv := converters[in.typ]; conv != nil {
			if v := conv(rd.view(in)); v != nil {
				rd.out[in] = v
			}
		} else if associations[in.typ] == nil && !strings.HasPrefix(in.addr, "data.") && !strings.Contains(in.addr, ".data.") {
			skipped[in.typ]++
		}
	}
	for _, in := range rd.insts {
		if apply := associations[in.typ]; apply != nil {
			apply(rd.view(in))
		}
	}
	res := &Result{}
	for _, in := range rd.insts {
		if v := rd.out[in]; v != nil {
			v["id"], v["type"], v["name"] = in.id, in.armType, in.armName
			res.Resources = append(res.Resources, Resource{Type: in.armType, ID: in.id, Name: in.armName, Address: in.addr, Value: v})
		}
	}
	res.Resources = append(res.Resources, rd.extra...)
	var kinds []string
	for _, t := range slices.Sorted(maps.Keys(skipped)) {
		kinds = append(kinds, fmt.Sprintf("%s (%d)", t, skipped[t]))
	}
	if len(kinds) > 0 {
		rd.notef("%s: %s: skipped Terraform resource types vnetsim does not read: %s", rd.file, rd.what, strings.Join(kinds, ", "))
	}
	res.Notes = rd.notes
	return res
}

func (rd *reader) collect(m *tfjson.StateModule, unknowns map[string]any) {
	for _, r := range m.Resources {
		if r.Mode != tfjson.ManagedResourceMode && r.Mode != tfjson.DataResourceMode {
			continue
		}
		in := &inst{addr: r.Address, module: moduleOf(m.Address), typ: r.Type, rname: r.Name, index: r.Index,
			attrs: r.AttributeValues, unknown: unknowns[r.Address]}
		if r.Mode == tfjson.DataResourceMode && !strings.HasPrefix(in.addr, "data.") && !strings.Contains(in.addr, ".data.") {
			in.addr = "data." + in.addr
		}
		rd.insts = append(rd.insts, in)
		rd.byAddr[in.addr] = in
	}
	for _, c := range m.ChildModules {
		rd.collect(c, unknowns)
	}
}

// moduleOf is a module address without instance keys, as the
// configuration names it: module.a["x"].module.b[0] -> module.a.module.b.
func moduleOf(addr string) string {
	var b strings.Builder
	depth := 0
	for _, c := range addr {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// identify gives an instance its ARM type, name and id: the id Terraform
// knows, else one made up from the names, as Azure will make it.
func (rd *reader) identify(in *inst) {
	switch in.typ {
	case azapiResource:
		rd.identifyAzapi(in, rd.view(in))
		return
	case "azurerm_resource_group":
		rd.identifyResourceGroup(in, rd.view(in))
		return
	}
	spec, ok := armTypes[in.typ]
	if !ok {
		return
	}
	in.armType = spec.typ
	v := rd.view(in)
	name, _ := v.value("name").(string)
	if name == "" {
		name = in.rname
	}
	parentID := ""
	if spec.parent != "" {
		switch p := v.ref(spec.parent).(type) {
		case string:
			if strings.HasPrefix(p, "/") {
				parentID = p
			} else if parent := rd.parentNamed(spec.typ[:strings.LastIndexByte(spec.typ, '/')], p, v.value("resource_group_name")); parent != nil {
				parentID = parent.id
			} else {
				name = p + "/" + name
			}
		}
	}
	known, _ := v.value("id").(string)
	switch {
	case known != "" && !unknown.Is(known) && strings.HasPrefix(known, "/"):
		in.id = known
		if p, ok := armid.Parse(known); ok {
			name = p.Name
		}
	case parentID != "":
		if p, ok := armid.Parse(parentID); ok {
			name = p.Name + "/" + name
		}
		in.id = strings.TrimRight(parentID, "/") + "/" + armid.Last(spec.typ) + "/" + armid.Last(name)
	default:
		rg, _ := v.value("resource_group_name").(string)
		if rg == "" || unknown.Is(rg) {
			rg = cmp(rd.opts.ResourceGroup, placeholderResourceGroup)
		}
		in.id = armid.Build(cmp(rd.opts.Subscription, placeholderSubscription), rg, spec.typ, name)
	}
	in.armName = name
	rd.byID[armid.Key(in.id)] = in
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// path is an attribute path: keys and block indexes.
type path []any

func (p path) String() string {
	var b strings.Builder
	for i, s := range p {
		switch x := s.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(x) + "]")
		default:
			if i > 0 {
				b.WriteString(".")
			}
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}

// get reads a path in a value decoded from JSON.
func get(v any, p path) (any, bool) {
	for _, s := range p {
		switch x := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[x]; !ok {
				return nil, false
			}
		case int:
			l, ok := v.([]any)
			if !ok || x >= len(l) {
				return nil, false
			}
			v = l[x]
		}
	}
	return v, true
}

// isUnknown reports whether after_unknown marks a path (or one of its
// parents) unknown.
func isUnknown(u any, p path) bool {
	for i := 0; i <= len(p); i++ {
		if b, ok := u.(bool); ok {
			return b
		}
		if i == len(p) {
			break
		}
		var ok bool
		if u, ok = get(u, p[i:i+1]); !ok {
			return false
		}
	}
	return false
}

// emit adds a child resource that a Terraform resource writes as a block
// of its own (a private endpoint's private_dns_zone_group).
func (rd *reader) emit(parent *inst, typ, segment, name string, value map[string]any) {
	if name == "" {
		name = segment
	}
	id := parent.id + "/" + segment + "/" + name
	full := parent.armName + "/" + name
	value["id"], value["type"], value["name"] = id, typ, full
	rd.extra = append(rd.extra, Resource{Type: typ, ID: id, Name: full, Address: parent.addr, Value: value})
}

// parentNamed is the resource of an ARM type with a name (and resource
// group, when known) that a child names its parent by: the parent's id,
// which Azure may already have, is the child's id's stem.
func (rd *reader) parentNamed(armType, name string, rg any) *inst {
	var found *inst
	for _, in := range rd.insts {
		if in.armType != armType || !strings.EqualFold(armid.Last(in.armName), name) {
			continue
		}
		if g, ok := rg.(string); ok && g != "" && !unknown.Is(g) {
			if p, ok := armid.Parse(in.id); ok && !strings.EqualFold(p.ResourceGroup, g) {
				continue
			}
		}
		if found != nil {
			return nil
		}
		found = in
	}
	return found
}
