package azure

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/terraform"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
	"gopkg.in/yaml.v3"
)

// Plan is a Terraform plan imported both ways: what is deployed before it
// (its prior state) and what it will have deployed (its planned values).
type Plan struct {
	Prior, Planned *Result
}

// ImportPlan reads terraform show -json of a plan. Either side may be empty
// (a plan that creates everything starts from nothing).
func ImportPlan(in Input, opts Options) (*Plan, error) {
	s, err := sniff(in)
	if err != nil {
		return nil, fmt.Errorf("%w (--terraform-plan takes terraform show -json of a plan)", err)
	}
	if s.kind != tfPlan {
		return nil, fmt.Errorf("%s: not a Terraform plan (give terraform show -json plan.tfplan output)", in.Name)
	}
	unknowns := &unknown.Table{}
	planned, prior, err := terraform.Plan(in.Data, in.Name, terraform.Options{Subscription: opts.Subscription,
		ResourceGroup: opts.ResourceGroup, Unknowns: unknowns})
	if err != nil {
		return nil, err
	}
	side := func(res *terraform.Result) (*Result, error) {
		im := newImporter(opts)
		im.unk, im.overlay = unknowns, true
		im.addTerraform(res, s.lines)
		return im.build(cmp.Or(opts.Name, "plan"))
	}
	p := &Plan{}
	if p.Planned, err = side(planned); err != nil {
		return nil, err
	}
	if prior != nil {
		if p.Prior, err = side(prior); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Overlays are what turns a topology into the one before the plan and the
// one after it, in the overlay format (merged by name): prior lays the
// objects of the prior state over the topology; then deletes removes each
// object the plan changes or destroys, and adds puts in the planned form of
// each object it changes or creates. A changed object is replaced whole, so
// that what the plan removes from it is gone.
func (p *Plan) Overlays() (prior, deletes, adds []byte, err error) {
	before := map[string]map[string]string{}
	if p.Prior != nil {
		before = listed(p.Prior)
	}
	after := listed(p.Planned)
	del, add := map[string][]any{}, map[string][]any{}
	for key, objs := range before {
		for name, text := range objs {
			if after[key][name] != text {
				del[key] = append(del[key], map[string]any{"name": name, "$delete": true})
			}
		}
	}
	for _, f := range lists(p.Planned) {
		for _, obj := range f.items {
			name := nameOf(obj)
			if before[f.key][name] != after[f.key][name] {
				add[f.key] = append(add[f.key], obj)
			}
		}
	}
	if p.Prior != nil {
		whole := map[string][]any{}
		for _, f := range lists(p.Prior) {
			whole[f.key] = f.items
		}
		if prior, err = yaml.Marshal(whole); err != nil {
			return nil, nil, nil, err
		}
	}
	if deletes, err = yaml.Marshal(sortedLists(del)); err != nil {
		return nil, nil, nil, err
	}
	adds, err = yaml.Marshal(sortedLists(add))
	return prior, deletes, adds, err
}

type list struct {
	key   string
	items []any
}

// lists are the topology's top-level lists of named objects.
func lists(r *Result) []list {
	var out []list
	v := reflect.ValueOf(r.topology).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		fv := v.Field(i)
		if fv.Kind() != reflect.Slice || fv.Type().Elem().Kind() != reflect.Pointer || fv.Len() == 0 {
			continue
		}
		if _, ok := fv.Type().Elem().Elem().FieldByName("Name"); !ok {
			continue
		}
		l := list{key: key}
		for j := range fv.Len() {
			l.items = append(l.items, fv.Index(j).Interface())
		}
		out = append(out, l)
	}
	return out
}

// listed is each named object's YAML, by list and name, to compare.
func listed(r *Result) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range lists(r) {
		out[l.key] = map[string]string{}
		for _, obj := range l.items {
			b, _ := yaml.Marshal(obj)
			out[l.key][nameOf(obj)] = string(b)
		}
	}
	return out
}

func nameOf(obj any) string {
	if m, ok := obj.(map[string]any); ok {
		return fmt.Sprint(m["name"])
	}
	return reflect.ValueOf(obj).Elem().FieldByName("Name").String()
}

// sortedLists orders each list by name (yaml.v3 sorts the keys).
func sortedLists(m map[string][]any) map[string][]any {
	for _, l := range m {
		slices.SortStableFunc(l, func(a, b any) int { return strings.Compare(nameOf(a), nameOf(b)) })
	}
	return m
}

// Address is the Terraform resource address behind an element ref
// ("route:rt:default", "nsg:n:r", "system:vnet/subnet:0.0.0.0/0"...): the
// planned side's, else the prior's; "" when none is known.
func (p *Plan) Address(ref string) string {
	for _, r := range []*Result{p.Planned, p.Prior} {
		if r == nil {
			continue
		}
		if a := r.addresses[r.element(ref)]; a != "" {
			return a
		}
	}
	return ""
}
