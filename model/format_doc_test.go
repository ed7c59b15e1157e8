package model

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// docs/format.md is the format's reference; these tests keep it in step
// with the types Load decodes into, and every example in it loading.

const formatDoc = "../docs/format.md"

// docSection is the text under one heading of a markdown document, up to
// the next heading.
type docSection struct {
	heading string
	body    string
}

func readFormatDoc(t *testing.T) (string, []docSection) {
	t.Helper()
	data, err := os.ReadFile(formatDoc)
	if err != nil {
		t.Fatal(err)
	}
	var sections []docSection
	inCode := false
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if !inCode && strings.HasPrefix(line, "#") {
			sections = append(sections, docSection{heading: strings.TrimSpace(line)})
			continue
		}
		if len(sections) > 0 {
			sections[len(sections)-1].body += line
		}
	}
	return string(data), sections
}

// fieldRow matches a row of a field table: | `key` | ...
func fieldRow(key string) *regexp.Regexp {
	return regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(key) + "` \\|")
}

// inExample matches key written as a YAML key in an example.
func inExample(key string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[\s{,-])` + regexp.QuoteMeta(key) + `:`)
}

// yamlBlocks are the fenced YAML blocks of a section's body.
var yamlBlocks = regexp.MustCompile("(?s)```yaml[^\n]*\n(.*?)```")

// TestFormatDocDescribesEveryField: each object of the format has a
// section in docs/format.md whose heading names its path (`vnets[].subnets[]`;
// "Top level" and "Scenarios" for the roots), with a table row and an
// example for each of its keys. A field added to the types and not
// documented fails here.
func TestFormatDocDescribesEveryField(t *testing.T) {
	_, sections := readFormatDoc(t)
	find := func(marker string) (docSection, bool) {
		for _, s := range sections {
			if strings.Contains(s.heading, marker) {
				return s, true
			}
		}
		return docSection{}, false
	}
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path, marker string)
	walk = func(typ reflect.Type, path, marker string) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		sec, ok := find(marker)
		if !ok {
			t.Errorf("docs/format.md has no section whose heading holds %s (the %s objects)", marker, typ.Name())
		}
		var examples strings.Builder
		for _, m := range yamlBlocks.FindAllStringSubmatch(sec.body, -1) {
			examples.WriteString(m[1])
		}
		for _, key := range sortedKeys(yamlFields(typ)) {
			if ok && !fieldRow(key).MatchString(sec.body) {
				t.Errorf("docs/format.md, %s: no row | `%s` | in the field table", sec.heading, key)
			}
			if ok && !inExample(key).MatchString(examples.String()) {
				t.Errorf("docs/format.md, %s: no example writes %s", sec.heading, key)
			}
			f := typ.FieldByIndex(yamlFields(typ)[key])
			ft, suffix := f.Type, ""
			if ft.Kind() == reflect.Slice {
				ft, suffix = ft.Elem(), "[]"
			}
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != nodeType.Elem() {
				p := joinPath(path, key) + suffix
				walk(ft, p, "`"+p+"`")
			}
		}
	}
	walk(reflect.TypeFor[Topology](), "", "Top level")
	walk(reflect.TypeFor[Scenario](), "", "Scenarios")
}

// topLevelVersion tells a whole topology from an overlay.
var topLevelVersion = regexp.MustCompile(`(?m)^version:`)

// docBlock is a fenced block of docs/format.md and the line it starts on.
type docBlock struct {
	info, text string
	line       int
}

func formatDocBlocks(t *testing.T) []docBlock {
	text, _ := readFormatDoc(t)
	var blocks []docBlock
	var cur *docBlock
	for i, line := range strings.Split(text, "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &docBlock{info: strings.TrimPrefix(line, "```"), line: i + 1}
		case cur != nil && strings.HasPrefix(line, "```"):
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
	}
	return blocks
}

// TestFormatDocExamples: every YAML example of docs/format.md loads and
// validates without an error. A block with a top-level version is a
// topology on its own, the first of them the example estate; any other is
// an overlay on the example estate; "yaml scenario" is a scenario next to
// the estate (as estate.yaml); "yaml file=PATH" and "json file=PATH" are
// files the others may name, written first.
func TestFormatDocExamples(t *testing.T) {
	blocks := formatDocBlocks(t)
	dir := t.TempDir()
	write := func(name, text string) string { return writeFile(t, dir, name, text) }
	estate := ""
	for _, b := range blocks {
		if name, ok := strings.CutPrefix(strings.TrimPrefix(strings.TrimPrefix(b.info, "yaml "), "json "), "file="); ok {
			write(name, b.text)
		}
		if b.info == "yaml" && estate == "" && topLevelVersion.MatchString(b.text) {
			estate = write("estate.yaml", b.text)
		}
	}
	if estate == "" {
		t.Fatal("docs/format.md has no example estate (a yaml block with version:)")
	}
	loaded := 0
	for i, b := range blocks {
		var topo *Topology
		var diags Diagnostics
		switch b.info {
		case "yaml":
			path := write(fmt.Sprintf("example-%d.yaml", i), b.text)
			if topLevelVersion.MatchString(b.text) {
				topo, diags = Load(path)
				break
			}
			src, _, d := Open(estate)
			if src == nil {
				t.Fatalf("the example estate does not load:\n%s", d.Error())
			}
			src.Patch(path)
			topo, diags = src.Topology()
		case "yaml scenario":
			src, _, d := LoadScenario(write(fmt.Sprintf("scenario-%d.yaml", i), b.text))
			if src == nil {
				topo, diags = nil, d
				break
			}
			topo, diags = src.Topology()
		default:
			continue
		}
		loaded++
		if topo == nil {
			t.Errorf("docs/format.md:%d: the example does not load:\n%s", b.line, diags.Errors().Error())
		}
	}
	if loaded < 20 {
		t.Errorf("only %d examples loaded", loaded)
	}
}
