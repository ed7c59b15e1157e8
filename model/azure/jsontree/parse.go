package jsontree

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a JSON value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// Node is one JSON value and the byte offset where it starts.
type Node struct {
	Kind  Kind
	Off   int
	Str   string // a String's value; a Number's literal
	Bool  bool
	Items []*Node  // an Array's elements; an Object's values
	Keys  []string // an Object's keys, parallel to Items
}

// Get is the value of key in an object, matched case-insensitively as ARM
// matches template keys (the last of duplicates, as encoding/json keeps);
// nil when absent or when n is not an object.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := len(n.Keys) - 1; i >= 0; i-- {
		if strings.EqualFold(n.Keys[i], key) {
			return n.Items[i]
		}
	}
	return nil
}

// MaxDepth bounds nesting, so that a hostile file cannot exhaust the stack.
const MaxDepth = 500

// Parse parses one JSON document. Comments (// and /* */), which ARM
// templates may carry, are skipped; a UTF-8 byte order mark is ignored.
// Errors are positioned with lines.
func Parse(data []byte, lines *Lines) (*Node, error) {
	p := &parser{data: data, lines: lines}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.i = 3
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.i < len(data) {
		return nil, p.errorf("invalid character %s after the top-level value", p.quoteAt())
	}
	return n, nil
}

type parser struct {
	data  []byte
	i     int
	lines *Lines
}

func (p *parser) errorf(format string, args ...any) error {
	return p.lines.Errorf(p.i, format, args...)
}

func (p *parser) quoteAt() string {
	r, _ := utf8.DecodeRune(p.data[p.i:])
	return strconv.QuoteRune(r)
}

// space skips white space and comments.
func (p *parser) space() error {
	for p.i < len(p.data) {
		switch c := p.data[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '/' && p.i+1 < len(p.data) && p.data[p.i+1] == '/':
			for p.i < len(p.data) && p.data[p.i] != '\n' {
				p.i++
			}
		case c == '/' && p.i+1 < len(p.data) && p.data[p.i+1] == '*':
			end := bytes.Index(p.data[p.i+2:], []byte("*/"))
			if end < 0 {
				return p.errorf("unterminated comment")
			}
			p.i += end + 4
		default:
			return nil
		}
	}
	return nil
}

func (p *parser) value(depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, p.errorf("nested more than %d levels deep", MaxDepth)
	}
	if p.i >= len(p.data) {
		return nil, p.errorf("unexpected end of JSON input")
	}
	start := p.i
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		return &Node{Kind: String, Off: start, Str: s}, err
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	for _, lit := range []struct {
		word string
		node Node
	}{{"true", Node{Kind: Bool, Bool: true}}, {"false", Node{Kind: Bool}}, {"null", Node{Kind: Null}}} {
		if bytes.HasPrefix(p.data[p.i:], []byte(lit.word)) {
			p.i += len(lit.word)
			n := lit.node
			n.Off = start
			return &n, nil
		}
	}
	return nil, p.errorf("invalid character %s looking for the beginning of a value", p.quoteAt())
}

func (p *parser) object(depth int) (*Node, error) {
	n := &Node{Kind: Object, Off: p.i}
	p.i++ // {
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return n, nil
	}
	for {
		if p.i >= len(p.data) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		if p.data[p.i] != '"' {
			return nil, p.errorf("invalid character %s looking for the beginning of an object key string", p.quoteAt())
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		if err := p.expect(':', "after object key"); err != nil {
			return nil, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Keys = append(n.Keys, key)
		n.Items = append(n.Items, v)
		if done, err := p.next('}', "object"); done || err != nil {
			return n, err
		}
	}
}

func (p *parser) array(depth int) (*Node, error) {
	n := &Node{Kind: Array, Off: p.i}
	p.i++ // [
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return n, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, v)
		if done, err := p.next(']', "array"); done || err != nil {
			return n, err
		}
	}
}

// expect skips space and the byte c.
func (p *parser) expect(c byte, where string) error {
	if err := p.space(); err != nil {
		return err
	}
	if p.i >= len(p.data) {
		return p.errorf("unexpected end of JSON input")
	}
	if p.data[p.i] != c {
		return p.errorf("invalid character %s %s", p.quoteAt(), where)
	}
	p.i++
	return p.space()
}

// next consumes the separator after an element: a comma (false) or the
// closing byte (true).
func (p *parser) next(closing byte, what string) (bool, error) {
	if err := p.space(); err != nil {
		return false, err
	}
	if p.i >= len(p.data) {
		return false, p.errorf("unexpected end of JSON input")
	}
	switch p.data[p.i] {
	case ',':
		p.i++
		return false, p.space()
	case closing:
		p.i++
		return true, nil
	}
	return false, p.errorf("invalid character %s after %s element", p.quoteAt(), what)
}

func (p *parser) number() (*Node, error) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.data[p.i] == '-' {
		p.i++
	}
	lead := p.i
	if n := digits(); n == 0 || (n > 1 && p.data[lead] == '0') {
		return nil, p.errorf("invalid number")
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errorf("invalid number")
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid number")
		}
	}
	return &Node{Kind: Number, Off: start, Str: string(p.data[start:p.i])}, nil
}

// str reads a string literal starting at the opening quote.
func (p *parser) str() (string, error) {
	p.i++ // "
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '"' {
			s := string(p.data[start:p.i])
			p.i++
			return validUTF8(s), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	var b strings.Builder
	b.Write(p.data[start:p.i])
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return validUTF8(b.String()), nil
		case c < 0x20:
			return "", p.errorf("invalid control character %s in string literal", p.quoteAt())
		case c != '\\':
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.data) {
			break
		}
		p.i++
		switch e := p.data[p.i]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, err := p.hex4()
			if err != nil {
				return "", err
			}
			if utf16.IsSurrogate(r) && p.i+6 < len(p.data) && p.data[p.i+1] == '\\' && p.data[p.i+2] == 'u' {
				save := p.i
				p.i += 2
				if r2, err := p.hex4(); err == nil && utf16.DecodeRune(r, r2) != utf8.RuneError {
					r = utf16.DecodeRune(r, r2)
				} else {
					p.i = save
				}
			}
			b.WriteRune(r)
		default:
			return "", p.errorf("invalid escape %s in string literal", p.quoteAt())
		}
		p.i++
	}
	return "", p.errorf("unexpected end of JSON input in string literal")
}

// hex4 reads the four hex digits after \u; p.i is at the u and is left at
// the last digit.
func (p *parser) hex4() (rune, error) {
	if p.i+4 >= len(p.data) {
		return 0, p.errorf("unexpected end of JSON input in \\u escape")
	}
	v, err := strconv.ParseUint(string(p.data[p.i+1:p.i+5]), 16, 32)
	if err != nil {
		return 0, p.errorf("invalid \\u escape")
	}
	p.i += 4
	return rune(v), nil
}

// Describe names a node for messages: its kind and where it is.
func (n *Node) Describe(lines *Lines) string {
	return fmt.Sprintf("%s at %s", n.Kind, lines.Pos(n.Off))
}

// StrOr is a string node's value, else def (also for a nil node).
func (n *Node) StrOr(def string) string {
	if n == nil || n.Kind != String {
		return def
	}
	return n.Str
}

// validUTF8 replaces invalid UTF-8, as encoding/json does: names and
// values end up in YAML, which must be UTF-8.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
