package jsontree

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Decoder fills Go values from nodes the way ARM reads JSON: keys match
// case-insensitively, and a struct field missing from an object is looked
// up in the object's "properties" too, so that one Go type reads both the
// REST shape of a resource ({"id", "properties": {...}}) and the flattened
// shape of az ... show ({"id", ...}). Every problem is collected, at the
// node where it is.
type Decoder struct {
	Lines *Lines
	// IsUnknown reports whether a string stands for a value known only at
	// deployment; such a string meeting a number or bool field leaves the
	// field zero and is reported through Unknown instead of as an error.
	IsUnknown func(s string) bool
	Unknown   func(path, s string)

	errs []error
	path []string // where the decoder is, joined only for a message
}

// Err is every problem met so far, joined.
func (d *Decoder) Err() error { return errors.Join(d.errs...) }

// Decode fills v (a pointer) from n; path names n in messages.
func (d *Decoder) Decode(n *Node, v any, path string) {
	d.path = d.path[:0]
	if path != "" {
		d.path = append(d.path, path)
	}
	d.decode(n, reflect.ValueOf(v).Elem())
}

// at is the current path, as messages show it.
func (d *Decoder) at() string {
	var b strings.Builder
	for _, p := range d.path {
		if b.Len() > 0 && p[0] != '[' {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func (d *Decoder) push(p string) { d.path = append(d.path, p) }
func (d *Decoder) pop()          { d.path = d.path[:len(d.path)-1] }

var nodeType = reflect.TypeFor[*Node]()

func (d *Decoder) errorf(n *Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if path := d.at(); path != "" {
		msg = path + ": " + msg
	}
	d.errs = append(d.errs, d.Lines.Errorf(n.Off, "%s", msg))
}

func (d *Decoder) decode(n *Node, v reflect.Value) {
	if n == nil {
		return
	}
	if v.Type() == nodeType {
		v.Set(reflect.ValueOf(n))
		return
	}
	if n.Kind == Null {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem())
	case reflect.String:
		switch n.Kind {
		case String, Number:
			v.SetString(n.Str)
		case Bool:
			v.SetString(strconv.FormatBool(n.Bool))
		default:
			d.mismatch(n, "string")
		}
	case reflect.Bool:
		switch {
		case n.Kind == Bool:
			v.SetBool(n.Bool)
		case n.Kind == String && (strings.EqualFold(n.Str, "true") || strings.EqualFold(n.Str, "false")):
			v.SetBool(strings.EqualFold(n.Str, "true"))
		default:
			d.mismatch(n, "boolean")
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != Number {
			d.mismatch(n, "number")
			return
		}
		i, err := strconv.ParseInt(n.Str, 10, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(n.Str, 64)
			if ferr != nil || f != float64(int64(f)) {
				d.errorf(n, "expected an integer, found %s", n.Str)
				return
			}
			i = int64(f)
		}
		v.SetInt(i)
	case reflect.Float64:
		if n.Kind != Number {
			d.mismatch(n, "number")
			return
		}
		f, _ := strconv.ParseFloat(n.Str, 64)
		v.SetFloat(f)
	case reflect.Slice:
		if n.Kind != Array {
			d.mismatch(n, "array")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Items), len(n.Items))
		for i, it := range n.Items {
			d.push("[" + strconv.Itoa(i) + "]")
			d.decode(it, s.Index(i))
			d.pop()
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != Object {
			d.mismatch(n, "object")
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Keys))
		for i, k := range n.Keys {
			e := reflect.New(v.Type().Elem()).Elem()
			d.push(k)
			d.decode(n.Items[i], e)
			d.pop()
			m.SetMapIndex(reflect.ValueOf(k), e)
		}
		v.Set(m)
	case reflect.Struct:
		if n.Kind != Object {
			d.mismatch(n, "object")
			return
		}
		d.fields(n, v)
	case reflect.Interface:
		d.errorf(n, "cannot decode into %s", v.Type())
	}
}

// field is how a struct field is decoded.
type field struct {
	index    int
	key      string // "" for an embedded struct, whose fields are promoted
	embedded bool
}

var fieldCache sync.Map // reflect.Type -> []field

func fieldsOf(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = append(out, field{index: i, embedded: true}) // promoted, even from an unexported type
			continue
		}
		if !f.IsExported() {
			continue
		}
		key := f.Name
		if tag := f.Tag.Get("json"); tag != "" {
			if tag == "-" {
				continue
			}
			key, _, _ = strings.Cut(tag, ",")
		}
		out = append(out, field{index: i, key: key})
	}
	fieldCache.Store(t, out)
	return out
}

// fields fills a struct's fields from an object (and its "properties").
func (d *Decoder) fields(n *Node, v reflect.Value) {
	props := n.Get("properties")
	if props != nil && props.Kind != Object {
		props = nil
	}
	for _, f := range fieldsOf(v.Type()) {
		if f.embedded {
			d.fields(n, v.Field(f.index))
			continue
		}
		val, depth := n.Get(f.key), 1
		if val == nil && props != nil && !strings.EqualFold(f.key, "properties") {
			val = props.Get(f.key)
			d.push("properties")
			depth++
		}
		d.push(f.key)
		d.decode(val, v.Field(f.index))
		for range depth {
			d.pop()
		}
	}
}

func (d *Decoder) mismatch(n *Node, want string) {
	if n.Kind == String && d.IsUnknown != nil && d.IsUnknown(n.Str) {
		if d.Unknown != nil {
			d.Unknown(d.at(), n.Str)
		}
		return
	}
	found := n.Kind.String()
	if n.Kind == String || n.Kind == Number {
		found += " " + strconv.Quote(n.Str)
	}
	d.errorf(n, "expected %s, found %s", want, found)
}
