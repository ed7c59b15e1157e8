package azure

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"gopkg.in/yaml.v3"
)

// WriteYAML writes the topology as YAML, 2-space indented: a header with
// what must be filled in by hand, and over each object the resource it came
// from (its id; for a template, the file and line; for Terraform, the
// resource address).
func (r *Result) WriteYAML(w io.Writer) error {
	var doc yaml.Node
	if err := doc.Encode(r.topology); err != nil {
		return err
	}
	doc.HeadComment = r.header() // doc is the topology's mapping
	r.comment(&doc, reflect.ValueOf(r.topology).Elem(), "")
	doubleQuote(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

// header lists what ARM cannot tell and the topology needs.
func (r *Result) header() string {
	if len(r.Asks) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("To fill in by hand (ARM does not say):")
	for _, a := range r.Asks {
		b.WriteString("\n- ")
		b.WriteString(a)
	}
	return b.String()
}

// comment walks a mapping node alongside the struct it encodes, putting
// each object's origin over its list item; a nested object that came from
// the same resource as its parent (a rule written inside its NSG) gets
// none.
func (r *Result) comment(m *yaml.Node, v reflect.Value, parent string) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		val := valueNode(m, key)
		if val == nil {
			continue
		}
		fv := v.Field(i)
		switch {
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Pointer && val.Kind == yaml.SequenceNode:
			for j := 0; j < fv.Len() && j < len(val.Content); j++ {
				r.object(val.Content[j], fv.Index(j), parent)
			}
		case fv.Kind() == reflect.Pointer && !fv.IsNil() && fv.Elem().Kind() == reflect.Struct && val.Kind == yaml.MappingNode:
			r.object(val, fv, parent)
		}
	}
}

func (r *Result) object(n *yaml.Node, p reflect.Value, parent string) {
	if p.IsNil() || p.Elem().Kind() != reflect.Struct || n.Kind != yaml.MappingNode {
		return
	}
	obj := p.Interface()
	origin := r.origins[obj]
	if origin != "" && origin != parent && !derived(origin, parent, obj) && len(n.Content) > 0 {
		c := "from " + origin
		if f, ok := r.assumed[obj]; ok {
			c += fmt.Sprintf("\n%s: given as Azure would assign it at deployment (assumed; check after deploying)", f)
		}
		n.HeadComment = c
	}
	if origin == "" {
		origin = parent
	}
	r.comment(n, p.Elem(), origin)
}

// derived reports whether a rule or route came with its parent (its id is
// the parent's, extended): the parent's comment says where it is from.
func derived(origin, parent string, obj any) bool {
	switch obj.(type) {
	case *model.SecurityRule, *model.Route:
		return parent != "" && strings.HasPrefix(strings.ToLower(origin), strings.ToLower(parent)+"/")
	}
	return false
}

func valueNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// doubleQuote makes every quoted scalar double-quoted, as topology-format.md
// writes "*" and "443".
func doubleQuote(n *yaml.Node) {
	if n.Style == yaml.SingleQuotedStyle {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		doubleQuote(c)
	}
}
