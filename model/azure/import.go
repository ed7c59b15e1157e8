package azure

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/template"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// Options are the settings of an import.
type Options struct {
	Name string // the topology's name; "imported" when empty
	// Where an ARM template (or a Terraform plan's made-up ids) deploys:
	// resourceGroup().location, the subscription and the resource group.
	// Empty: the location is asked for, the ids use placeholders.
	Location, Subscription, ResourceGroup string
	// Parameters are ARM template parameter values given as NAME=VALUE (a
	// VALUE that is JSON is read as JSON, anything else is a string).
	Parameters map[string]string
	// ServiceTags are service tag files the topology names (relative to
	// where it is written).
	ServiceTags []string
	// ReadFile reads linked templates; nil leaves them unread.
	ReadFile func(path string) ([]byte, error)
}

// Result is an imported topology and what the import has to say about it.
type Result struct {
	topology  *model.Topology
	origins   map[any]string // model object -> the resource it came from
	addresses map[any]string // model object -> the Terraform resource address it came from
	assumed   map[any]string // model object -> its field whose value the import assigned
	// Notes are what the user should know: resources skipped, associations
	// dropped, values known only at deployment, what was assumed.
	Notes []string
	// Asks are what the topology needs and ARM cannot tell: the output's
	// header lists them, and they are among the notes.
	Asks []string
}

// Import reads every input and converts their resources into one topology.
// An input that cannot be read is an error naming it (all of them at once);
// inputs that make no network are an error too, never an empty topology.
func Import(inputs []Input, opts Options) (*Result, error) {
	im := newImporter(opts)
	var errs []error
	var items []*sniffed
	for _, in := range inputs {
		s, err := sniff(in)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, s)
	}
	params, err := pairParameters(items)
	errs = append(errs, err)
	for _, s := range items {
		errs = append(errs, im.read(s, params[s]))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	res, err := im.build(cmp.Or(opts.Name, "imported"))
	if err != nil {
		return nil, err
	}
	return res, nil
}

// importer holds what has been read, by resource id.
type importer struct {
	opts         Options
	unk          *unknown.Table
	all          []*resource
	byKey        map[string]*resource
	notes        *notebook
	placeholders map[string]string // "{name}" -> where the missing value is declared
	// overlay: the topology is merged into another (a Terraform plan's
	// sides in whatif), so it may be empty and keeps every location.
	overlay bool
}

func newImporter(opts Options) *importer {
	return &importer{opts: opts, unk: &unknown.Table{}, byKey: map[string]*resource{}, notes: newNotebook(),
		placeholders: map[string]string{}}
}

// decoder decodes nodes of one file; a string that stands for an unknown
// value leaves a number or bool field zero and is reported where the
// converter reads it.
func (im *importer) decoder(lines *jsontree.Lines) *jsontree.Decoder {
	return &jsontree.Decoder{Lines: lines, IsUnknown: unknown.Is}
}

// read adds the resources of one input.
func (im *importer) read(s *sniffed, params []*sniffed) error {
	switch s.kind {
	case deployed:
		var errs []error
		for _, n := range s.resources {
			errs = append(errs, im.addDeployed(n, s.lines))
		}
		return errors.Join(errs...)
	case armTemplate:
		return im.readTemplate(s, params)
	case armParameters:
		return nil // read with its template
	case tfPlan, tfState:
		return im.readTerraform(s)
	}
	return nil
}

func (im *importer) readTemplate(s *sniffed, params []*sniffed) error {
	opts := template.Options{Context: template.Context{Subscription: im.opts.Subscription, ResourceGroup: im.opts.ResourceGroup,
		Location: im.opts.Location}, Unknowns: im.unk, ReadFile: im.opts.ReadFile, Values: parameterValues(im.opts.Parameters)}
	if s.in.Name != stdinName {
		if dir, err := filepath.Abs(filepath.Dir(s.in.Name)); err == nil {
			opts.Dir = dir
		}
	}
	var pf *template.File
	if len(params) > 0 {
		merged, err := mergeParameters(params)
		if err != nil {
			return err
		}
		pf = merged
	}
	res, err := template.Evaluate(template.File{Name: s.in.Name, Data: s.in.Data}, pf, opts)
	if err != nil {
		return err
	}
	for _, r := range res.Resources {
		im.addTemplate(r)
	}
	for _, n := range res.Notes {
		im.notes.add(noteUnknown, "%s", n)
	}
	maps.Copy(im.placeholders, res.Placeholders)
	return nil
}

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// parameterValues reads NAME=VALUE parameters (template.ParameterValue).
func parameterValues(in map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range in {
		out[k] = template.ParameterValue(v)
	}
	return out
}

// pairParameters gives each template its parameters files: all of them
// when there is one template; else those in the template's folder, matched
// by name (x.parameters.json for x.json) when a folder holds several.
func pairParameters(items []*sniffed) (map[*sniffed][]*sniffed, error) {
	var templates, params []*sniffed
	for _, s := range items {
		switch s.kind {
		case armTemplate:
			templates = append(templates, s)
		case armParameters:
			params = append(params, s)
		}
	}
	out := map[*sniffed][]*sniffed{}
	var errs []error
	for _, p := range params {
		t := matchTemplate(p, templates)
		if t == nil {
			why := "no template was given with it"
			if len(templates) > 0 {
				why = "it is not clear which template it belongs to (give each template with its parameters in its own run, or name them x.json and x.parameters.json in one folder)"
			}
			errs = append(errs, fmt.Errorf("%s: an ARM parameters file, but %s", p.in.Name, why))
			continue
		}
		out[t] = append(out[t], p)
	}
	return out, errors.Join(errs...)
}

func matchTemplate(p *sniffed, templates []*sniffed) *sniffed {
	if len(templates) == 1 {
		return templates[0]
	}
	dir := filepath.Dir(p.in.Name)
	var sameDir []*sniffed
	for _, t := range templates {
		if filepath.Dir(t.in.Name) == dir {
			sameDir = append(sameDir, t)
		}
	}
	if len(sameDir) == 1 {
		return sameDir[0]
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(p.in.Name), ".json"), ".parameters")
	for _, t := range sameDir {
		if strings.TrimSuffix(filepath.Base(t.in.Name), ".json") == stem {
			return t
		}
	}
	return nil
}

// mergeParameters joins several parameters files for one template, later
// files winning, as az deployment does with several --parameters.
func mergeParameters(params []*sniffed) (*template.File, error) {
	if len(params) == 1 {
		return &template.File{Name: params[0].in.Name, Data: params[0].in.Data}, nil
	}
	merged := map[string]json.RawMessage{}
	var names []string
	for _, p := range params {
		var doc struct {
			Parameters map[string]json.RawMessage `json:"parameters"`
		}
		if err := json.Unmarshal(p.in.Data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", p.in.Name, err)
		}
		maps.Copy(merged, doc.Parameters)
		names = append(names, p.in.Name)
	}
	data, err := json.Marshal(map[string]any{"parameters": merged})
	return &template.File{Name: strings.Join(names, "+"), Data: data}, err
}
