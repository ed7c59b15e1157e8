package model

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// YAML syntax errors, placed where the fault is. yaml.v3 gives a line
// only, and for the errors of its parser the line of the enclosing
// collection, counted from zero: a badly indented key is reported two
// lines above it, an unclosed bracket a line above it. The fault is found
// again here, in the text, and the common slips get a hint.

var (
	yamlLine   = regexp.MustCompile(`^yaml: line (\d+): `)
	yamlAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// syntaxError reports err, an error of yaml.v3 parsing data, at the fault.
func (s *Source) syntaxError(name string, data []byte, err error) {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	lines := bytes.Split(data, []byte("\n"))
	f := locate(lines, line, msg, err.Error())
	s.diags.errorf(Pos{File: name, Line: f.line, Col: f.col}, "", "syntax_error", "%s", f.msg)
}

// fault is where a syntax error is, and what to say about it.
type fault struct {
	line, col int
	msg       string
}

// contextErrors are the errors yaml.v3's parser reports at the start of
// the collection it was parsing (a zero-based line).
var contextErrors = []string{
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected node content",
}

func locate(lines [][]byte, line int, msg, raw string) fault {
	at := func(l int, col int, hint string) fault {
		if hint != "" {
			msg += " (" + hint + ")"
		}
		return fault{max(1, l), max(1, col), msg}
	}
	lineAt := func(l int) []byte {
		if l < 1 || l > len(lines) {
			return nil
		}
		return bytes.TrimSuffix(lines[l-1], []byte("\r"))
	}
	if m := yamlAnchor.FindStringSubmatch(raw); m != nil {
		// No line at all: the first alias of that name is the culprit.
		for i := range lines {
			if c := bytes.Index(lines[i], []byte("*"+m[1])); c >= 0 {
				return at(i+1, c+1, `an unquoted * starts an alias in YAML: write "*" for any`)
			}
		}
		return at(1, 1, "")
	}
	for _, ce := range contextErrors {
		if msg != ce {
			continue
		}
		start := line + 1 // zero-based
		if strings.HasPrefix(msg, "did not find expected ','") {
			closer := msg[len(msg)-2]
			col := unclosed(lineAt(start), map[byte]byte{']': '[', '}': '{'}[closer])
			return at(start, col, "the bracket opened here is not closed: close it, or quote values that hold [ ] { } ,")
		}
		if l, col := badIndent(lines, start); l > 0 {
			return at(l, col, "bad indentation: this line lines up with no enclosing block; siblings start in the same column, with spaces")
		}
		return at(start, 1, "")
	}
	text := lineAt(line)
	switch {
	case strings.Contains(msg, "tab"), msg == "found character that cannot start any token" && tabIndented(text):
		// A tab in the indentation may be reported on the line before it.
		for l := max(1, line-1); l <= min(len(lines), line+1); l++ {
			if tabIndented(lineAt(l)) {
				return at(l, bytes.IndexByte(lineAt(l), '\t')+1, "YAML does not allow tabs for indentation")
			}
		}
	case msg == "did not find expected alphabetic or numeric character":
		if c := bytes.IndexByte(text, '*'); c >= 0 {
			return at(line, c+1, `an unquoted * starts an alias in YAML: write "*" for any`)
		}
	case msg == "found character that cannot start any token":
		if c := bytes.IndexAny(text, "@`"); c >= 0 {
			return at(line, c+1, "a value cannot start with @ or `: quote it")
		}
	case msg == "mapping values are not allowed in this context":
		return mappingValueFault(lineAt, line, at)
	case msg == "found unexpected end of stream":
		if c := bytes.IndexAny(text, `"'`); c >= 0 {
			return at(line, c+1, "the quote opened here is not closed")
		}
	}
	return at(line, 1, "")
}

// mappingValueFault places "mapping values are not allowed in this
// context", which yaml.v3 reports at the ": " it did not expect. Either a
// key lacks the space after its colon on the line before (name:value, so
// that this line continues a plain value), or this line is indented
// deeper than the key before it, or its value holds ": ".
func mappingValueFault(lineAt func(int) []byte, line int, at func(int, int, string) fault) fault {
	text := lineAt(line)
	prev, p := []byte(nil), line-1
	for ; p >= 1; p-- {
		if prev = lineAt(p); !blankOrComment(prev) {
			break
		}
	}
	if prev != nil {
		body := bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(prev, " "), []byte("- ")), " ")
		if c := bytes.IndexByte(body, ':'); c > 0 && !bytes.Contains(body, []byte(": ")) && !bytes.HasSuffix(body, []byte(":")) && !bytes.ContainsAny(body[:c], `"'[{`) {
			return at(p, len(prev)-len(body)+c+2, "a key needs a space after its colon: key: value")
		}
		if indent(text) > indent(prev) && !bytes.HasSuffix(bytes.TrimRight(prev, " "), []byte(":")) {
			return at(line, indent(text)+1, "bad indentation: this line is indented deeper than the key before it, which already has a value")
		}
	}
	first := bytes.Index(text, []byte(": "))
	if second := bytes.Index(text[first+2:], []byte(": ")); first >= 0 && second >= 0 {
		return at(line, first+2+second+1, `a value that holds ": " must be quoted`)
	}
	return at(line, indent(text)+1, "")
}

// badIndent finds the first line from start on whose indentation does not
// fit the blocks open above it: a column between two enclosing ones, or a
// list entry among keys (or a key among list entries) of one block. It
// returns 0 when every line fits.
func badIndent(lines [][]byte, start int) (line, col int) {
	type level struct {
		indent int
		list   bool // a block of "- " entries, else of keys
		known  bool
	}
	var open []level
	opens := false    // the line before ends in a key or "-" with no value
	scalarAbove := -1 // inside a block scalar (| or >) deeper than this
	for l := start; l <= len(lines); l++ {
		text := bytes.TrimRight(lines[l-1], " \r")
		if blankOrComment(text) {
			continue
		}
		d := indent(text)
		if scalarAbove >= 0 && d > scalarAbove {
			continue
		}
		scalarAbove = -1
		entry := bytes.HasPrefix(text[d:], []byte("-")) && (len(text) == d+1 || text[d+1] == ' ')
		switch {
		case len(open) == 0 || d > open[len(open)-1].indent && opens:
			open = append(open, level{d, entry, true})
		case d > open[len(open)-1].indent:
			continue // a plain value carried over lines
		default:
			for len(open) > 0 && open[len(open)-1].indent > d {
				open = open[:len(open)-1]
			}
			if len(open) == 0 || open[len(open)-1].indent != d {
				return l, d + 1
			}
			top := &open[len(open)-1]
			switch {
			case top.list == entry:
			case entry && opens:
				// key:\n- item: a list may share its key's column.
				open = append(open, level{d, true, true})
			case !entry && len(open) > 1 && open[len(open)-2].indent == d && !open[len(open)-2].list:
				open = open[:len(open)-1] // the list that shared its key's column ends
			default:
				return l, d + 1
			}
		}
		body := text[d:]
		if entry {
			// "- key: value" opens a block of keys in the entry's column.
			rest := bytes.TrimLeft(body[1:], " ")
			if k := bytes.Index(rest, []byte(":")); k > 0 && !bytes.ContainsAny(rest[:1], `"'[{`) {
				open = append(open, level{len(text) - len(rest), false, true})
			}
			body = rest
		}
		opens = bytes.HasSuffix(body, []byte(":")) || len(body) == 0
		if v := bytes.TrimSpace(body); len(v) > 0 && (v[len(v)-1] == '|' || v[len(v)-1] == '>' || bytes.HasSuffix(v, []byte("|-")) || bytes.HasSuffix(v, []byte(">-"))) {
			scalarAbove = d
		}
	}
	return 0, 0
}

// unclosed is the column of the first bracket open on text (1 when none).
func unclosed(text []byte, open byte) int {
	closeOf := map[byte]byte{'[': ']', '{': '}'}[open]
	depth, first := 0, -1
	for i, c := range text {
		switch c {
		case open:
			if depth == 0 {
				first = i
			}
			depth++
		case closeOf:
			depth--
		}
	}
	if depth > 0 && first >= 0 {
		return first + 1
	}
	return 1
}

func indent(text []byte) int { return len(text) - len(bytes.TrimLeft(text, " ")) }

func blankOrComment(text []byte) bool {
	t := bytes.TrimSpace(text)
	return len(t) == 0 || t[0] == '#'
}

// tabIndented reports whether the white space that starts text holds a
// tab.
func tabIndented(text []byte) bool {
	ws := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
	return bytes.IndexByte(ws, '\t') >= 0
}
