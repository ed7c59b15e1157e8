package template

import (
	"fmt"
	"strconv"
	"strings"
)

// An ARM template expression, parsed: "[concat(parameters('a'), 'b')]"
// (Azure: "Template syntax and expressions").
type expr interface{}

type (
	literal struct{ v any }
	call    struct {
		name string // as written; functions match case-insensitively
		args []expr
	}
	member struct {
		x    expr
		name string
	}
	index struct{ x, i expr }
)

// maxExprDepth bounds nesting in one expression.
const maxExprDepth = 200

// parseExpr parses the text between the brackets of a template expression.
func parseExpr(src string) (expr, error) {
	p := &exprParser{src: src}
	e, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.src) {
		return nil, p.errorf("unexpected %q", p.src[p.i:])
	}
	return e, nil
}

type exprParser struct {
	src string
	i   int
}

func (p *exprParser) errorf(format string, args ...any) error {
	return fmt.Errorf("expression [%s]: at character %d: %s", p.src, p.i+1, fmt.Sprintf(format, args...))
}

func (p *exprParser) space() {
	for p.i < len(p.src) && strings.ContainsRune(" \t\r\n", rune(p.src[p.i])) {
		p.i++
	}
}

func (p *exprParser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

func (p *exprParser) expr(depth int) (expr, error) {
	if depth > maxExprDepth {
		return nil, p.errorf("nested more than %d levels deep", maxExprDepth)
	}
	p.space()
	e, err := p.primary(depth)
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		switch p.peek() {
		case '.':
			p.i++
			p.space()
			if p.peek() == '?' { // safe dereference .? is the same offline
				p.i++
			}
			name := p.ident()
			if name == "" {
				return nil, p.errorf("expected a property name after '.'")
			}
			e = member{e, name}
		case '[':
			p.i++
			i, err := p.expr(depth + 1)
			if err != nil {
				return nil, err
			}
			p.space()
			if p.peek() != ']' {
				return nil, p.errorf("expected ']'")
			}
			p.i++
			e = index{e, i}
		default:
			return e, nil
		}
	}
}

func (p *exprParser) primary(depth int) (expr, error) {
	switch c := p.peek(); {
	case c == '\'':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		p.i++
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
		}
		n, err := strconv.ParseInt(p.src[start:p.i], 10, 64)
		if err != nil {
			return nil, p.errorf("bad number %q", p.src[start:p.i])
		}
		return literal{n}, nil
	case c == '(':
		p.i++
		e, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		p.space()
		if p.peek() != ')' {
			return nil, p.errorf("expected ')'")
		}
		p.i++
		return e, nil
	}
	name := p.ident()
	if name == "" {
		if p.i >= len(p.src) {
			return nil, p.errorf("unexpected end of expression")
		}
		return nil, p.errorf("unexpected %q", p.src[p.i:p.i+1])
	}
	// A user-defined function is namespace.member(...).
	save := p.i
	if p.peek() == '.' {
		p.i++
		if m := p.ident(); m != "" {
			p.space()
			if p.peek() == '(' {
				name += "." + m
			} else {
				p.i = save
			}
		} else {
			p.i = save
		}
	}
	p.space()
	if p.peek() != '(' {
		switch strings.ToLower(name) {
		case "true":
			return literal{true}, nil
		case "false":
			return literal{false}, nil
		case "null":
			return literal{nil}, nil
		}
		return nil, p.errorf("%s is not followed by '(' (a function call)", name)
	}
	p.i++
	c := call{name: name}
	p.space()
	if p.peek() == ')' {
		p.i++
		return c, nil
	}
	for {
		a, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		c.args = append(c.args, a)
		p.space()
		switch p.peek() {
		case ',':
			p.i++
		case ')':
			p.i++
			return c, nil
		default:
			return nil, p.errorf("expected ',' or ')' in the arguments of %s", name)
		}
	}
}

func (p *exprParser) ident() string {
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (p.i > start && c >= '0' && c <= '9') {
			p.i++
			continue
		}
		break
	}
	return p.src[start:p.i]
}

// str reads a single-quoted string; ” is a quote.
func (p *exprParser) str() (expr, error) {
	p.i++
	var b strings.Builder
	for p.i < len(p.src) {
		c := p.src[p.i]
		p.i++
		if c != '\'' {
			b.WriteByte(c)
			continue
		}
		if p.peek() == '\'' {
			b.WriteByte('\'')
			p.i++
			continue
		}
		return literal{b.String()}, nil
	}
	return nil, p.errorf("unterminated string")
}

// isExpression reports whether a template string is an expression: it
// starts with "[" and ends with "]", and does not start with "[[", which
// escapes a literal bracket.
func isExpression(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && s[1] != '['
}

// literalString is a string that is not an expression, with a leading "[["
// unescaped.
func literalString(s string) string {
	if strings.HasPrefix(s, "[[") {
		return s[1:]
	}
	return s
}
