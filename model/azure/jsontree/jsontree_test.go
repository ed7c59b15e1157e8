package jsontree

import (
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	data := []byte("ab\ncd\n\nef")
	l := NewLines("f", data)
	for off, want := range map[int]string{0: "f:1:1", 2: "f:1:3", 3: "f:2:1", 6: "f:3:1", 7: "f:4:1", 9: "f:4:3", 99: "f:4:3", -1: "f:1:1"} {
		if got := l.Pos(off); got != want {
			t.Errorf("Pos(%d) = %s, want %s", off, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	src := "\ufeff// a comment\n{\"a\": [1, -2.5e3, true, null, \"x\\u00e9\\ud83d\\ude00\\n\"], /* c */ \"B\": {}}"
	n, err := Parse([]byte(src), NewLines("f", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	a := n.Get("a")
	if a.Kind != Array || len(a.Items) != 5 || a.Items[1].Str != "-2.5e3" || a.Items[4].Str != "xé😀\n" || !a.Items[2].Bool {
		t.Errorf("parsed %+v", a)
	}
	if n.Get("b") == nil || n.Get("b").Kind != Object {
		t.Error("keys are matched case-insensitively")
	}
	if got := NewLines("f", []byte(src)).Pos(a.Items[3].Off); got != "f:2:25" {
		t.Errorf("null at %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"{\"a\": 1,\n \"b\" 2}", "f:2:6: invalid character '2' after object key"},
		{"[1, 2", "f:1:6: unexpected end of JSON input"},
		{"{\"a\": tru}", "f:1:7: invalid character 't' looking for the beginning of a value"},
		{"\"\\q\"", "f:1:3: invalid escape 'q' in string literal"},
		{"[1] 2", "f:1:5: invalid character '2' after the top-level value"},
		{"/* open", "f:1:1: unterminated comment"},
		{strings.Repeat("[", MaxDepth+2), "nested more than 500 levels deep"},
		{"01", "invalid number"},
		{"\"a\x01\"", "invalid control character"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src), NewLines("f", []byte(tt.src)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}

type inner struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type outer struct {
	embedded
	Flag  bool              `json:"flag"`
	Items []inner           `json:"items"`
	Tags  map[string]string `json:"tags"`
	Ptr   *inner            `json:"ptr"`
	Raw   *Node             `json:"raw"`
}

type embedded struct {
	ID string `json:"id"`
}

// One Go type reads the REST shape (settings under "properties") and the
// flattened shape alike; every problem is reported at once, positioned.
func TestDecode(t *testing.T) {
	for _, src := range []string{
		`{"id": "x", "properties": {"flag": true, "items": [{"name": "a", "count": 2}], "tags": {"k": "v"}, "ptr": {"name": "p"}, "raw": [1]}}`,
		`{"ID": "x", "Flag": "true", "items": [{"name": "a", "properties": {"count": 2}}], "tags": {"k": "v"}, "ptr": {"name": "p"}, "raw": [1]}`,
	} {
		n, err := Parse([]byte(src), NewLines("f", []byte(src)))
		if err != nil {
			t.Fatal(err)
		}
		var v outer
		d := &Decoder{Lines: NewLines("f", []byte(src))}
		d.Decode(n, &v, "")
		if err := d.Err(); err != nil {
			t.Fatal(err)
		}
		if v.ID != "x" || !v.Flag || len(v.Items) != 1 || v.Items[0].Count != 2 || v.Tags["k"] != "v" || v.Ptr.Name != "p" || v.Raw.Kind != Array {
			t.Errorf("%s decoded as %+v", src, v)
		}
	}
	src := "{\"flag\": 3,\n \"items\": [{\"count\": \"two\"}, {\"count\": 1.5}], \"ptr\": [], \"id\": \"\\u0000unknown:0\"}"
	n, _ := Parse([]byte(src), NewLines("f", []byte(src)))
	var v outer
	var unknowns []string
	d := &Decoder{Lines: NewLines("f", []byte(src)), IsUnknown: func(s string) bool { return strings.HasPrefix(s, "\x00") },
		Unknown: func(path, s string) { unknowns = append(unknowns, path) }}
	d.Decode(n, &v, "res")
	want := "f:1:10: res.flag: expected boolean, found number \"3\"\n" +
		"f:2:22: res.items[0].count: expected number, found string \"two\"\n" +
		"f:2:40: res.items[1].count: expected an integer, found 1.5\n" +
		"f:2:54: res.ptr: expected object, found array"
	if err := d.Err(); err == nil || err.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
	if v.ID != "\x00unknown:0" || len(unknowns) != 0 {
		t.Errorf("an unknown string in a string field is kept: %q %v", v.ID, unknowns)
	}
}

func TestFromValue(t *testing.T) {
	n := FromValue(map[string]any{"b": []any{int64(1), 2.5, true, nil}, "a": "x"}, 7)
	if n.Keys[0] != "a" || n.Get("b").Items[1].Str != "2.5" || n.Get("b").Items[3].Kind != Null || n.Off != 7 {
		t.Errorf("FromValue: %+v", n)
	}
}
