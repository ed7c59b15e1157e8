package jsontree

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
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
}

// Err is every problem met so far, joined.
func (d *Decoder) Err() error { return errors.Join(d.errs...) }

// Decode fills v (a pointer) from n; path names n in messages.
func (d *Decoder) Decode(n *Node, v any, path string) {
	d.decode(n, reflect.ValueOf(v).Elem(), path)
}

var nodeType = reflect.TypeFor[*Node]()

func (d *Decoder) errorf(n *Node, path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	d.errs = append(d.errs, d.Lines.Errorf(n.Off, "%s", msg))
}

func (d *Decoder) decode(n *Node, v reflect.Value, path string) {
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
		d.decode(n, v.Elem(), path)
	case reflect.String:
		switch n.Kind {
		case String, Number:
			v.SetString(n.Str)
		case Bool:
			v.SetString(strconv.FormatBool(n.Bool))
		default:
			d.mismatch(n, path, "string")
		}
	case reflect.Bool:
		switch {
		case n.Kind == Bool:
			v.SetBool(n.Bool)
		case n.Kind == String && (strings.EqualFold(n.Str, "true") || strings.EqualFold(n.Str, "false")):
			v.SetBool(strings.EqualFold(n.Str, "true"))
		default:
			d.mismatch(n, path, "boolean")
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != Number {
			d.mismatch(n, path, "number")
			return
		}
		i, err := strconv.ParseInt(n.Str, 10, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(n.Str, 64)
			if ferr != nil || f != float64(int64(f)) {
				d.errorf(n, path, "expected an integer, found %s", n.Str)
				return
			}
			i = int64(f)
		}
		v.SetInt(i)
	case reflect.Float64:
		if n.Kind != Number {
			d.mismatch(n, path, "number")
			return
		}
		f, _ := strconv.ParseFloat(n.Str, 64)
		v.SetFloat(f)
	case reflect.Slice:
		if n.Kind != Array {
			d.mismatch(n, path, "array")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Items), len(n.Items))
		for i, it := range n.Items {
			d.decode(it, s.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != Object {
			d.mismatch(n, path, "object")
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Keys))
		for i, k := range n.Keys {
			e := reflect.New(v.Type().Elem()).Elem()
			d.decode(n.Items[i], e, join(path, k))
			m.SetMapIndex(reflect.ValueOf(k), e)
		}
		v.Set(m)
	case reflect.Struct:
		if n.Kind != Object {
			d.mismatch(n, path, "object")
			return
		}
		d.fields(n, v, path)
	case reflect.Interface:
		d.errorf(n, path, "cannot decode into %s", v.Type())
	}
}

// fields fills a struct's fields from an object (and its "properties").
func (d *Decoder) fields(n *Node, v reflect.Value, path string) {
	props := n.Get("properties")
	if props != nil && props.Kind != Object {
		props = nil
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			d.fields(n, v.Field(i), path) // its fields are promoted, even from an unexported type
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
		val, at := n.Get(key), path
		if val == nil && props != nil && !strings.EqualFold(key, "properties") {
			val, at = props.Get(key), join(path, "properties")
		}
		d.decode(val, v.Field(i), join(at, key))
	}
}

func (d *Decoder) mismatch(n *Node, path, want string) {
	if n.Kind == String && d.IsUnknown != nil && d.IsUnknown(n.Str) {
		if d.Unknown != nil {
			d.Unknown(path, n.Str)
		}
		return
	}
	found := n.Kind.String()
	if n.Kind == String || n.Kind == Number {
		found += " " + strconv.Quote(n.Str)
	}
	d.errorf(n, path, "expected %s, found %s", want, found)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
