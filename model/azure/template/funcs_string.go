package template

import (
	"crypto/sha1"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

var stringFunctions = map[string]fn{
	"base64": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("base64", a, 0, 1)
		return base64.StdEncoding.EncodeToString([]byte(x)), err
	},
	"base64ToString": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("base64ToString", a, 0, 1)
		if err != nil {
			return nil, err
		}
		b, err := base64.StdEncoding.DecodeString(x)
		if err != nil {
			return nil, s.errorf("base64ToString: %v", err)
		}
		return string(b), nil
	},
	"base64ToJson": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("base64ToJson", a, 0, 1)
		if err != nil {
			return nil, err
		}
		b, err := base64.StdEncoding.DecodeString(x)
		if err != nil {
			return nil, s.errorf("base64ToJson: %v", err)
		}
		return s.parseJSON(string(b))
	},
	"dataUri": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("dataUri", a, 0, 1)
		return "data:text/plain;charset=utf8;base64," + base64.StdEncoding.EncodeToString([]byte(x)), err
	},
	"dataUriToString": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("dataUriToString", a, 0, 1)
		if err != nil {
			return nil, err
		}
		_, data, ok := strings.Cut(x, ";base64,")
		b, derr := base64.StdEncoding.DecodeString(data)
		if !ok || derr != nil {
			return nil, s.errorf("dataUriToString: %q is not a base64 data URI", x)
		}
		return string(b), nil
	},
	"endsWith": func(s *scope, a []any) (any, error) {
		x, y, err := s.twoStrings("endsWith", a)
		return strings.HasSuffix(strings.ToLower(x), strings.ToLower(y)), err
	},
	"startsWith": func(s *scope, a []any) (any, error) {
		x, y, err := s.twoStrings("startsWith", a)
		return strings.HasPrefix(strings.ToLower(x), strings.ToLower(y)), err
	},
	"format": formatFn,
	"guid":   guidFn,
	"join":   joinFn,
	"json": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("json", a, 0, 1)
		return s.orErr(err, func() (any, error) { return s.parseJSON(x) })
	},
	"padLeft": padLeftFn,
	"replace": func(s *scope, a []any) (any, error) {
		if len(a) != 3 {
			return nil, s.errorf("replace takes 3 arguments, not %d", len(a))
		}
		x, ok1 := a[0].(string)
		o, ok2 := a[1].(string)
		n, ok3 := a[2].(string)
		if !ok1 || !ok2 || !ok3 {
			return nil, s.errorf("replace takes 3 strings")
		}
		if o == "" {
			return x, nil
		}
		if err := s.spend(len(x) + strings.Count(x, o)*len(n)); err != nil {
			return nil, err
		}
		return strings.ReplaceAll(x, o, n), nil
	},
	"split": splitFn,
	"string": func(s *scope, a []any) (any, error) {
		if len(a) != 1 {
			return nil, s.errorf("string takes 1 argument, not %d", len(a))
		}
		return str(a[0]), nil
	},
	"substring": substringFn,
	"toLower": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("toLower", a, 0, 1)
		return strings.ToLower(x), err
	},
	"toUpper": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("toUpper", a, 0, 1)
		return strings.ToUpper(x), err
	},
	"trim": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("trim", a, 0, 1)
		return strings.TrimSpace(x), err
	},
	"uniqueString": func(s *scope, a []any) (any, error) {
		parts, err := s.allStrings("uniqueString", a)
		return uniqueString(parts), err
	},
	"uri": func(s *scope, a []any) (any, error) {
		base, rel, err := s.twoStrings("uri", a)
		if err != nil {
			return nil, err
		}
		b, err1 := url.Parse(base)
		r, err2 := url.Parse(rel)
		if err1 != nil || err2 != nil {
			return nil, s.errorf("uri: %q and %q do not make a URI", base, rel)
		}
		return b.ResolveReference(r).String(), nil
	},
	"uriComponent": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("uriComponent", a, 0, 1)
		return strings.ReplaceAll(url.QueryEscape(x), "+", "%20"), err
	},
	"uriComponentToString": func(s *scope, a []any) (any, error) {
		x, err := s.strArg("uriComponentToString", a, 0, 1)
		if err != nil {
			return nil, err
		}
		v, err := url.QueryUnescape(x)
		if err != nil {
			return nil, s.errorf("uriComponentToString: %v", err)
		}
		return v, nil
	},
}

func (s *scope) orErr(err error, f func() (any, error)) (any, error) {
	if err != nil {
		return nil, err
	}
	return f()
}

// strArg is argument i of a function that takes n arguments, a string.
func (s *scope) strArg(fname string, a []any, i, n int) (string, error) {
	if len(a) != n {
		return "", s.errorf("%s takes %d argument%s, not %d", fname, n, plural(n), len(a))
	}
	x, ok := a[i].(string)
	if !ok {
		return "", s.errorf("%s takes a string, not %s", fname, typeName(a[i]))
	}
	return x, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (s *scope) twoStrings(fname string, a []any) (string, string, error) {
	if len(a) != 2 {
		return "", "", s.errorf("%s takes 2 arguments, not %d", fname, len(a))
	}
	x, ok1 := a[0].(string)
	y, ok2 := a[1].(string)
	if !ok1 || !ok2 {
		return "", "", s.errorf("%s takes 2 strings, not %s and %s", fname, typeName(a[0]), typeName(a[1]))
	}
	return x, y, nil
}

func (s *scope) allStrings(fname string, a []any) ([]string, error) {
	if len(a) == 0 {
		return nil, s.errorf("%s takes at least 1 argument", fname)
	}
	out := make([]string, len(a))
	for i, v := range a {
		x, ok := v.(string)
		if !ok {
			return nil, s.errorf("%s takes strings, not %s", fname, typeName(v))
		}
		out[i] = x
	}
	return out, nil
}

func (s *scope) parseJSON(text string) (any, error) {
	if err := s.spend(len(text)); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, s.errorf("json: %v", err)
	}
	return fromJSON(v), nil
}

// formatFn is format(): .NET composite formatting, {index[,align][:format]}.
func formatFn(s *scope, a []any) (any, error) {
	if len(a) == 0 {
		return nil, s.errorf("format takes a format string")
	}
	f, ok := a[0].(string)
	if !ok {
		return nil, s.errorf("format takes a format string, not %s", typeName(a[0]))
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '{' && i+1 < len(f) && f[i+1] == '{', c == '}' && i+1 < len(f) && f[i+1] == '}':
			b.WriteByte(c)
			i++
			continue
		case c != '{':
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(f[i:], '}')
		if end < 0 {
			return nil, s.errorf("format: unclosed { in %q", f)
		}
		item := f[i+1 : i+end]
		i += end
		spec := ""
		if k := strings.IndexByte(item, ':'); k >= 0 {
			item, spec = item[:k], item[k+1:]
		}
		align := 0
		if k := strings.IndexByte(item, ','); k >= 0 {
			align, _ = strconv.Atoi(strings.TrimSpace(item[k+1:]))
			item = item[:k]
		}
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil || n < 0 || n+1 >= len(a) {
			return nil, s.errorf("format: {%s} names no argument (%d given)", item, len(a)-1)
		}
		text := formatValue(a[n+1], spec)
		if pad := abs(align) - utf8.RuneCountInString(text); pad > 0 {
			if align > 0 {
				text = strings.Repeat(" ", pad) + text
			} else {
				text += strings.Repeat(" ", pad)
			}
		}
		b.WriteString(text)
	}
	if err := s.spend(b.Len()); err != nil {
		return nil, err
	}
	return b.String(), nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return min(n, 1000)
}

// formatValue applies a .NET numeric format (D, N, X with a precision) to
// an integer; other values are written as string() writes them.
func formatValue(v any, spec string) string {
	n, isInt := v.(int64)
	if !isInt || spec == "" {
		return str(v)
	}
	prec, _ := strconv.Atoi(spec[1:])
	prec = min(prec, 100)
	switch spec[0] {
	case 'D', 'd':
		return fmt.Sprintf("%0*d", prec, n)
	case 'X':
		return fmt.Sprintf("%0*X", prec, n)
	case 'x':
		return fmt.Sprintf("%0*x", prec, n)
	}
	return str(v)
}

// guidFn is guid(): a deterministic UUID from the arguments. vnetsim's
// value is stable but not the one Azure computes.
func guidFn(s *scope, a []any) (any, error) {
	parts, err := s.allStrings("guid", a)
	if err != nil {
		return nil, err
	}
	h := sha1.Sum([]byte(strings.Join(parts, "-")))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16]), nil
}

// uniqueString is a 13-character deterministic hash of the arguments. It is
// stable for the same arguments but not the value Azure computes, and the
// ids it is usually given are placeholders offline anyway.
func uniqueString(parts []string) string {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(parts, "-")))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.Sum64())
	enc := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:])
	return strings.ToLower(enc[:13])
}

func joinFn(s *scope, a []any) (any, error) {
	if len(a) != 2 {
		return nil, s.errorf("join takes 2 arguments, not %d", len(a))
	}
	arr, ok1 := a[0].([]any)
	d, ok2 := a[1].(string)
	if !ok1 || !ok2 {
		return nil, s.errorf("join takes an array and a string")
	}
	parts := make([]string, len(arr))
	for i, v := range arr {
		parts[i] = str(v)
	}
	out := strings.Join(parts, d)
	return out, s.spend(len(out))
}

func padLeftFn(s *scope, a []any) (any, error) {
	if len(a) < 2 || len(a) > 3 {
		return nil, s.errorf("padLeft takes 2 or 3 arguments, not %d", len(a))
	}
	x := str(a[0])
	n, ok := toInt(a[1])
	if !ok || n < 0 {
		return nil, s.errorf("padLeft takes a non-negative total length")
	}
	if err := s.spend(int(min(n, budgetUnits+1))); err != nil {
		return nil, err
	}
	pad := " "
	if len(a) == 3 {
		p, ok := a[2].(string)
		if !ok || utf8.RuneCountInString(p) != 1 {
			return nil, s.errorf("padLeft takes one padding character")
		}
		pad = p
	}
	if k := int(n) - utf8.RuneCountInString(x); k > 0 {
		x = strings.Repeat(pad, k) + x
	}
	return x, nil
}

func splitFn(s *scope, a []any) (any, error) {
	if len(a) != 2 {
		return nil, s.errorf("split takes 2 arguments, not %d", len(a))
	}
	x, ok := a[0].(string)
	if !ok {
		return nil, s.errorf("split takes a string, not %s", typeName(a[0]))
	}
	var delims []string
	switch d := a[1].(type) {
	case string:
		delims = []string{d}
	case []any:
		for _, e := range d {
			delims = append(delims, str(e))
		}
	default:
		return nil, s.errorf("split takes a delimiter string or array")
	}
	parts := []string{x}
	for _, d := range delims {
		if d == "" {
			continue
		}
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, d)...)
		}
		parts = next
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, s.spend(len(out))
}

func substringFn(s *scope, a []any) (any, error) {
	if len(a) < 2 || len(a) > 3 {
		return nil, s.errorf("substring takes 2 or 3 arguments, not %d", len(a))
	}
	x, ok := a[0].(string)
	start, ok2 := toInt(a[1])
	if !ok || !ok2 {
		return nil, s.errorf("substring takes a string and an integer start")
	}
	r := []rune(x)
	length := int64(len(r)) - start
	if len(a) == 3 {
		l, ok := toInt(a[2])
		if !ok {
			return nil, s.errorf("substring takes an integer length")
		}
		length = l
	}
	if start < 0 || length < 0 || start+length > int64(len(r)) {
		return nil, s.errorf("substring(%q, %d, %d) is outside the string", x, start, length)
	}
	return string(r[start : start+length]), nil
}
