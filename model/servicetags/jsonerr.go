package servicetags

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// decodeError turns an error of json.Unmarshal(data) into one that names the
// line and column (1-based, in bytes) where the problem is.
func decodeError(name string, data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the offending byte; at the end of the input it is the
		// last byte.
		line, col := position(data, int(syntax.Offset)-1)
		return fmt.Errorf("%s:%d:%d: %s", name, line, col, syntax)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return notDocument(name)
		}
		line, col := position(data, valueStart(data, int(typ.Offset)))
		return fmt.Errorf("%s:%d:%d: %s: expected %s, found %s", name, line, col, typ.Field, jsonKind(typ.Type), typ.Value)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// position returns the line and column of data[off].
func position(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	before := data[:off]
	return 1 + bytes.Count(before, []byte("\n")), off - bytes.LastIndexByte(before, '\n')
}

// valueStart returns the index of the first byte of the value that an
// UnmarshalTypeError reports at off: encoding/json gives the offset just past
// the opening bracket of an object or array, and just past the end of a
// literal.
func valueStart(data []byte, off int) int {
	i := max(0, min(off-1, len(data)-1))
	switch data[i] {
	case '{', '[':
		return i
	case '"':
		j := i - 1
		for j > 0 && (data[j] != '"' || escaped(data, j)) {
			j--
		}
		return j
	}
	for i > 0 && strings.IndexByte(" \t\r\n:,[", data[i-1]) < 0 {
		i--
	}
	return i
}

// escaped reports whether data[i] follows an odd number of backslashes.
func escaped(data []byte, i int) bool {
	n := 0
	for i-n > 0 && data[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// jsonKind names the JSON kind that decodes into t.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Slice:
		return "array"
	case reflect.Struct:
		return "object"
	}
	return t.String()
}
