package azure

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// decodeError positions an error of encoding/json that decoding data (which
// starts at byte base of the file) returned, as FILE:LINE:COL.
func decodeError(file string, data []byte, base int, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the offending byte, so the byte itself is one before.
		return posError(file, data, base+int(syntax.Offset)-1, "%s", syntax)
	case errors.As(err, &typ):
		return posError(file, data, base+valueStart(data[base:], int(typ.Offset)),
			"%s: expected %s, found %s", typ.Field, jsonKind(typ.Type), typ.Value)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// posError is an error at data[off] of file.
func posError(file string, data []byte, off int, format string, args ...any) error {
	return fmt.Errorf("%s: %s", position(file, data, off), fmt.Sprintf(format, args...))
}

// position is "FILE:LINE:COL" of data[off], 1-based, columns in bytes.
func position(file string, data []byte, off int) string {
	off = max(0, min(off, len(data)))
	before := data[:off]
	return fmt.Sprintf("%s:%d:%d", file, 1+bytes.Count(before, []byte("\n")), off-bytes.LastIndexByte(before, '\n'))
}

// valueStart finds the first byte of the value an UnmarshalTypeError reports
// at off: encoding/json gives the offset just past the opening bracket of an
// object or array and just past the end of a literal.
func valueStart(data []byte, off int) int {
	i := max(0, min(off-1, len(data)-1))
	switch {
	case len(data) == 0:
		return 0
	case data[i] == '{' || data[i] == '[':
		return i
	case data[i] == '"':
		for i--; i > 0 && (data[i] != '"' || data[i-1] == '\\'); i-- {
		}
		return i
	}
	for i > 0 && !strings.ContainsRune(" \t\r\n:,[", rune(data[i-1])) {
		i--
	}
	return i
}

// jsonKind names the JSON kind that decodes into t.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Slice:
		return "array"
	case reflect.Struct, reflect.Pointer, reflect.Map:
		return "object"
	case reflect.Bool:
		return "boolean"
	}
	return "number"
}
