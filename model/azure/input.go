package azure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Input is one file of ARM JSON: a JSON array of resources (az ... list), one
// resource object (az ... show, az resource show), an Azure Resource Graph
// result ({"data": [...]}), a REST list ({"value": [...]}) or an ARM
// template ({"resources": [...]}).
type Input struct {
	Name string // used in messages; "<stdin>" for standard input
	Data []byte
}

// rawResource is one resource object of an input, with the byte offset where
// it starts so that errors inside it can be positioned in the file.
type rawResource struct {
	file string
	data []byte // the whole file
	off  int
	raw  json.RawMessage
}

// listKeys are the keys under which a wrapper object holds its resources,
// in the order they are looked for.
var listKeys = []string{"data", "value", "resources"}

// resources splits an input into its resource objects.
func (in Input) resources() ([]rawResource, error) {
	if len(bytes.TrimSpace(in.Data)) == 0 {
		return nil, fmt.Errorf("%s:1:1: the file is empty", in.Name)
	}
	var probe any
	if err := json.Unmarshal(in.Data, &probe); err != nil {
		return nil, decodeError(in.Name, in.Data, 0, err)
	}
	whole := rawResource{file: in.Name, data: in.Data, off: len(in.Data) - len(bytes.TrimLeft(in.Data, " \t\r\n")), raw: in.Data}
	var out []rawResource
	switch top := probe.(type) {
	case []any:
		out = whole.elements()
	case map[string]any:
		if _, ok := top["type"].(string); ok {
			out = []rawResource{whole}
			break
		}
		for _, key := range listKeys {
			if _, ok := top[key].([]any); ok {
				out = whole.member(key).elements()
				break
			}
		}
	}
	out = slices.DeleteFunc(out, func(r rawResource) bool { return !r.typed() })
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no Azure resources found (expected az network ... list or show output, a Resource Graph result or an ARM template)", in.Name)
	}
	return out, nil
}

// typed reports whether the object has a "type", as every ARM resource does.
func (r rawResource) typed() bool {
	var h struct {
		Type any `json:"type"`
	}
	return json.Unmarshal(r.raw, &h) == nil && h.Type != nil
}

// elements splits a JSON array into its elements that are objects.
func (r rawResource) elements() []rawResource {
	dec := json.NewDecoder(bytes.NewReader(r.raw))
	var out []rawResource
	if _, err := dec.Token(); err != nil { // [
		return nil
	}
	for dec.More() {
		var elem json.RawMessage
		if err := dec.Decode(&elem); err != nil {
			return out
		}
		if elem[0] == '{' {
			out = append(out, r.sub(int(dec.InputOffset())-len(elem), elem))
		}
	}
	return out
}

// member is the value of key in a JSON object.
func (r rawResource) member(key string) rawResource {
	dec := json.NewDecoder(bytes.NewReader(r.raw))
	if _, err := dec.Token(); err != nil { // {
		return rawResource{}
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			break
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			break
		}
		if k == key {
			return r.sub(int(dec.InputOffset())-len(v), v)
		}
	}
	return rawResource{}
}

// sub is the part of r that starts at byte off of r.raw.
func (r rawResource) sub(off int, raw json.RawMessage) rawResource {
	return rawResource{file: r.file, data: r.data, off: r.off + off, raw: raw}
}

// decode unmarshals the resource into v; errors name the file, line and
// column.
func (r rawResource) decode(v any) error {
	if err := json.Unmarshal(r.raw, v); err != nil {
		return decodeError(r.file, r.data, r.off, err)
	}
	return nil
}

// errorf is an error at the start of the resource.
func (r rawResource) errorf(format string, args ...any) error {
	return posError(r.file, r.data, r.off, format, args...)
}

// pos is FILE:LINE:COL of the start of the resource.
func (r rawResource) pos() string {
	return position(r.file, r.data, r.off)
}
