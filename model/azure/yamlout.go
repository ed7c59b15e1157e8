package azure

import (
	"bufio"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// yamlWriter writes the topology types as block YAML, 2-space indented,
// the way their yaml tags say (omitempty, inline), with a comment over each
// object that says where it came from. It is a plain walk over the types,
// an order of magnitude faster than encoding through yaml.Node for the
// large estates vnetsim imports (tens of megabytes).
type yamlWriter struct {
	w       *bufio.Writer
	comment func(obj any, parent string) (string, string) // the comment over an object, and its origin
}

func (y *yamlWriter) line(indent int, s string) {
	for range indent {
		y.w.WriteByte(' ')
	}
	y.w.WriteString(s)
	y.w.WriteByte('\n')
}

func (y *yamlWriter) comments(indent int, text string) {
	if text == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		y.line(indent, strings.TrimRight("# "+l, " "))
	}
}

// fields writes a struct's fields as a mapping at indent; first, when not
// nil, is written before the first key ("- " of a sequence item).
func (y *yamlWriter) fields(v reflect.Value, indent int, first *string, origin string) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		key, opts, _ := strings.Cut(tag, ",")
		if key == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		fv := v.Field(i)
		if opts == "inline" {
			y.fields(fv, indent, first, origin)
			continue
		}
		if key == "" {
			continue
		}
		omit := strings.Contains(opts, "omitempty")
		if omit && isZero(fv) {
			continue
		}
		prefix := strings.Repeat(" ", indent)
		if *first != "" {
			prefix, *first = *first, ""
		}
		y.value(prefix+key+":", fv, indent, origin)
	}
}

func isZero(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return v.IsZero()
}

// value writes "key:" and the value v.
func (y *yamlWriter) value(head string, v reflect.Value, indent int, origin string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			y.w.WriteString(head + " null\n")
			return
		}
		if v.Elem().Kind() != reflect.Struct {
			y.value(head, v.Elem(), indent, origin)
			return
		}
		c, o := y.comment(v.Interface(), origin)
		y.w.WriteString(head + "\n")
		y.comments(indent+2, c)
		first := ""
		y.fields(v.Elem(), indent+2, &first, o)
	case reflect.Slice:
		y.w.WriteString(head + "\n")
		for i := range v.Len() {
			e := v.Index(i)
			if e.Kind() == reflect.Pointer && e.Elem().Kind() == reflect.Struct {
				c, o := y.comment(e.Interface(), origin)
				y.comments(indent+2, c)
				first := strings.Repeat(" ", indent+2) + "- "
				y.fields(e.Elem(), indent+4, &first, o)
				continue
			}
			y.line(indent+2, "- "+scalar(e))
		}
	case reflect.Map:
		y.w.WriteString(head + "\n")
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			y.value(strings.Repeat(" ", indent+2)+quote(k.String())+":", v.MapIndex(k), indent+2, origin)
		}
	default:
		y.w.WriteString(head + " " + scalar(v) + "\n")
	}
}

func scalar(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return quote(v.String())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(v.Int(), 10)
	}
	return quote(v.String())
}

// notPlain are strings YAML would read as something other than a string
// (numbers, booleans, null, dates) when written plain.
var notPlain = regexp.MustCompile(`(?i)^(true|false|yes|no|on|off|y|n|null|~|[-+]?(0|[0-9][0-9_]*|0x[0-9a-f_]+|0o?[0-7_]+|0b[01_]+)|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)(e[-+]?[0-9]+)?|[-+]?\.(inf|nan)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$`)

// quote writes a string plain when YAML reads it back as the same string,
// else double-quoted.
func quote(s string) string {
	if plainOK(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func plainOK(s string) bool {
	if s == "" || notPlain.MatchString(s) || strings.TrimSpace(s) != s {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError || r == 0xfeff {
			return false
		}
	}
	return true
}

// writeYAML writes obj (a *model.Topology) with a header comment.
func writeYAML(w io.Writer, header string, obj any, comment func(obj any, parent string) (string, string)) error {
	y := &yamlWriter{w: bufio.NewWriterSize(w, 1<<16), comment: comment}
	y.comments(0, header)
	first := ""
	y.fields(reflect.ValueOf(obj).Elem(), 0, &first, "")
	return y.w.Flush()
}
