package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// The formats commands write (-o). Each command accepts the ones that
// apply to it and names them when given another.
const (
	formatText    = "text"
	formatJSON    = "json"
	formatYAML    = "yaml"
	formatSARIF   = "sarif"
	formatGitHub  = "github" // GitHub Actions workflow commands
	formatJUnit   = "junit"
	formatHTML    = "html"
	formatDOT     = "dot"
	formatMermaid = "mermaid"
)

// output is a command's -o/--output (what format) and --out (which file).
// Every command that prints or writes a result has both, so the
// convention is the same everywhere (docs/cli.md, "Output").
type output struct {
	command string
	formats []string // accepted; the first is the default
	Format  string
	File    string // "" or "-": standard output
}

// addOutput gives cmd its -o and --out flags; formats are the ones it
// writes, the default first.
func addOutput(cmd *cobra.Command, formats ...string) *output {
	o := &output{command: cmd.Name(), formats: formats, Format: formats[0]}
	f := cmd.Flags()
	f.VarP((*formatFlag)(o), "output", "o", "output format: "+orList(formats))
	f.StringVar(&o.File, "out", "", "write to this file instead of standard output (replaced whole, never left half-written)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	return o
}

// formatFlag checks -o as it is parsed, so a wrong format is a usage
// error (exit 2) before any work is done.
type formatFlag output

func (f *formatFlag) String() string { return f.Format }
func (f *formatFlag) Type() string   { return "format" }

func (f *formatFlag) Set(s string) error {
	for _, ok := range f.formats {
		if strings.EqualFold(s, ok) {
			f.Format = ok
			return nil
		}
	}
	msg := fmt.Sprintf("%s writes %s, not %q", f.command, orList(f.formats), s)
	if strings.ContainsAny(s, "./\\") {
		msg += " (-o is the format; --out FILE names the file to write)"
	}
	return fmt.Errorf("%s", msg)
}

func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// renderFunc writes a command's result in one of its formats.
type renderFunc func(w io.Writer, format string) error

// write renders the result: to standard output, or with --out to the
// file (atomically). When the file holds a format other than text and the
// command has a text form, the text goes to standard output as well, so a
// CI log shows what the file records. inputs are the files the command
// read, which --out must not name.
func (o *output) write(g *globals, inputs []string, render renderFunc) error {
	if o.File == "" || o.File == "-" {
		return render(g.stdout, o.Format)
	}
	if err := writeOutputFile(o.File, o.Format, inputs, render); err != nil {
		return err
	}
	if o.Format != formatText && slices.Contains(o.formats, formatText) {
		return render(g.stdout, formatText)
	}
	return nil
}

// writeOutputFile renders one format into a file, atomically, refusing to
// overwrite an input.
func writeOutputFile(path, format string, inputs []string, render renderFunc) error {
	if in, ok := sameFile(path, inputs); ok {
		return fmt.Errorf("--out %s names the input %s; vnetsim never overwrites what it reads", path, in)
	}
	return writeFileAtomic(path, func(w io.Writer) error { return render(w, format) })
}

// writeStructured writes v as JSON or YAML, with the same field names and
// order (the JSON tags).
func writeStructured(w io.Writer, format string, v any) error {
	if format == formatYAML {
		return writeYAML(w, v)
	}
	return writeJSON(w, v)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeYAML writes v as block-style YAML: its JSON form read back as a
// YAML tree (JSON is YAML), so field names, order and omissions are those
// of -o json.
func writeYAML(w io.Writer, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	blockStyle(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// blockStyle drops the flow and quoting styles JSON syntax gave the tree;
// the encoder still quotes a string that would read back as another type.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}
