package model

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// enumer is implemented by the string types whose values are an enumeration.
type enumer interface{ enumValues() []string }

type metaHolder interface{ meta() *Meta }

// decoder turns a yaml.Node tree into the model's structs, keeping the
// position of every value and collecting every problem rather than the
// first.
//
// Each method takes the file of n's parent, and finds n's own (fileMarks).
type decoder struct {
	files   fileMarks
	diags   *Diagnostics
	suggest *suggester
	failed  map[Pos]bool // where a value did not decode (nil: not kept)
	consume bool         // release each list item once decoded (Source.topology)
}

// fail reports a value that does not decode, at pos.
func (d *decoder) fail(pos Pos, path, code, format string, args ...any) {
	d.diags.errorf(pos, path, code, format, args...)
	if d.failed != nil {
		d.failed[pos] = true
	}
}

var (
	nodeType   = reflect.TypeFor[*yaml.Node]()
	fieldCache sync.Map // reflect.Type -> map[string][]int
)

// yamlFields maps each YAML key of a struct type to its field index path,
// descending into ",inline" fields. Other options (omitempty) only matter
// to writers, which marshal the same types with yaml.v3.
func yamlFields(t reflect.Type) map[string][]int {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string][]int)
	}
	out := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if slices.Contains(strings.Split(opts, ","), "inline") {
			for k, idx := range yamlFields(f.Type) {
				out[k] = append([]int{i}, idx...)
			}
			continue
		}
		out[name] = []int{i}
	}
	fieldCache.Store(t, out)
	return out
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path, file string) {
	if isNull(n) && v.Kind() != reflect.String {
		return // an explicit null leaves the zero value
	}
	if v.Type() == nodeType {
		v.Set(reflect.ValueOf(n))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path, file)
	case reflect.Struct:
		d.decodeStruct(n, v, path, file)
	case reflect.Slice:
		d.decodeSlice(n, v, path, file)
	case reflect.Map:
		d.decodeMap(n, v, path, file)
	default:
		d.decodeScalar(n, v, path, file)
	}
}

// decodeStruct decodes a mapping into a struct. Keys are unique here:
// Source.expand drops repeated ones, and merging never repeats one.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path, file string) {
	file = d.files.of(n, file)
	var m *Meta
	if h, ok := v.Addr().Interface().(metaHolder); ok {
		// Set even when n is not a mapping: checks of the empty object
		// then point at n, where its problem is reported.
		m = h.meta()
		m.Pos, m.Path, m.fields = at(file, n), path, make(map[string]Pos, len(n.Content)/2)
	}
	if n.Kind != yaml.MappingNode {
		d.fail(at(file, n), path, "wrong_type", "expected a mapping, found %s", describe(n))
		return
	}
	fields := yamlFields(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		kf := d.files.of(k, file)
		if k.Kind != yaml.ScalarNode {
			d.diags.errorf(at(kf, k), path, "wrong_type", "a key must be a plain string, found %s", describe(k))
			continue
		}
		key := k.Value
		idx, ok := fields[key]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", key)
			if s := d.suggest.closest(key, keysOf(fields)); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
				if m != nil && !m.Has(s) {
					// Checks of the field meant (it is required, say)
					// point at the misspelling, and say no more.
					pos := at(d.files.of(val, file), val)
					m.fields[s] = pos
					if d.failed != nil {
						d.failed[pos] = true
					}
				}
			}
			d.diags.errorf(at(kf, k), path, "unknown_key", "%s", msg)
			continue
		}
		field := v.FieldByIndex(idx)
		if m != nil {
			d.record(m, key, val, file, field.Kind() == reflect.Map)
		}
		d.decode(val, field, joinPath(path, key), file)
	}
}

// record keeps the position of a field's value, of each of its list items
// ("key[i]") and, for a field that is a map, of each entry ("key[k]", and
// "key[k][i]" for its items), so that validation can point at them.
func (d *decoder) record(m *Meta, key string, val *yaml.Node, file string, isMap bool) {
	file = d.files.of(val, file)
	m.fields[key] = at(file, val)
	switch {
	case val.Kind == yaml.SequenceNode:
		for j, e := range val.Content {
			m.fields[key+"["+strconv.Itoa(j)+"]"] = at(d.files.of(e, file), e)
		}
	case val.Kind == yaml.MappingNode && isMap:
		for j := 0; j+1 < len(val.Content); j += 2 {
			if k := val.Content[j]; k.Kind == yaml.ScalarNode {
				d.record(m, key+"["+k.Value+"]", val.Content[j+1], file, false)
			}
		}
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path, file string) {
	file = d.files.of(n, file)
	if n.Kind != yaml.SequenceNode {
		d.fail(at(file, n), path, "wrong_type", "expected a list, found %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	for i, e := range n.Content {
		itemPath := path + "[" + itemLabel(e, i) + "]"
		if isNull(e) && v.Type().Elem().Kind() == reflect.Pointer {
			// A null would leave a nil object in the list, which nothing
			// downstream expects; "- " with nothing after it is a slip.
			d.fail(at(d.files.of(e, file), e), itemPath, "wrong_type", "expected a mapping, found an empty list item")
			continue
		}
		s = reflect.Append(s, reflect.Zero(v.Type().Elem()))
		d.decode(e, s.Index(s.Len()-1), itemPath, file)
		if d.consume {
			n.Content[i] = nil
			delete(d.files, e)
		}
	}
	v.Set(s)
}

// decodeMap decodes a mapping into a map (keys are unique: see
// decodeStruct).
func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path, file string) {
	file = d.files.of(n, file)
	if n.Kind != yaml.MappingNode {
		d.fail(at(file, n), path, "wrong_type", "expected a mapping, found %s", describe(n))
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.diags.errorf(at(d.files.of(k, file), k), path, "wrong_type", "a key must be a plain string, found %s", describe(k))
			continue
		}
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, e, path+"["+k.Value+"]", file)
		m.SetMapIndex(reflect.ValueOf(k.Value), e)
	}
	v.Set(m)
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path, file string) {
	file = d.files.of(n, file)
	if n.Kind != yaml.ScalarNode {
		d.fail(at(file, n), path, "wrong_type", "expected a single value, found %s", describe(n))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n.Tag == "!!null" {
			return
		}
		if e, ok := v.Interface().(enumer); ok {
			canon, ok := matchEnum(n.Value, e.enumValues())
			if !ok {
				d.fail(at(file, n), path, "bad_enum", "%q is not one of %s", n.Value, enumList(e.enumValues()))
				return
			}
			v.SetString(canon)
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if err != nil || n.Tag != "!!int" {
			d.fail(at(file, n), path, "wrong_type", "expected a whole number, found %q", n.Value)
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if err != nil || n.Tag != "!!bool" {
			d.fail(at(file, n), path, "wrong_type", "expected true or false, found %q", n.Value)
			return
		}
		v.SetBool(b)
	default:
		panic(fmt.Sprintf("model: cannot decode into %s", v.Type()))
	}
}

// matchEnum finds s among values case-insensitively; "Alias=Canon" entries
// map an alias to its canonical spelling.
func matchEnum(s string, values []string) (string, bool) {
	for _, v := range values {
		alias, canon, isAlias := strings.Cut(v, "=")
		if !isAlias {
			canon = alias
		}
		if strings.EqualFold(s, alias) {
			return canon, true
		}
	}
	return "", false
}

func enumList(values []string) string {
	var out []string
	for _, v := range values {
		if !strings.Contains(v, "=") {
			out = append(out, v)
		}
	}
	return strings.Join(out, ", ")
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return fmt.Sprintf("%q", n.Value)
	}
	return kindOf(n)
}

// kindOf is describe without the value, for content that may not be the
// user's to see (a file that is not a topology).
func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "nothing"
}

// itemLabel names a list item in data paths: by its name when it has one.
func itemLabel(n *yaml.Node, i int) string {
	if name := mappingValue(n, "name"); name != nil && name.Kind == yaml.ScalarNode && name.Value != "" {
		return name.Value
	}
	return strconv.Itoa(i)
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
