package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure"
)

type importParams struct {
	files       []string
	out         *output
	options     azure.Options
	parameters  []string
	serviceTags []string
}

const importLong = `Convert what describes an Azure estate into one topology. Each file is recognized by its content:
  - deployed resources: az ... list/show output, az resource show, a Resource Graph result
    ({"data": [...]}, {"count", "data"}), a REST list ({"value": [...]}) or REST API example;
  - an ARM template (also az group export, and Bicep compiled by az bicep build), with its
    parameters file (by its $schema) or --parameter values, else the defaults;
  - a Terraform plan or state from terraform show -json (by its format_version).
Several files are merged; - reads standard input. Every resource skipped, association dropped
and value known only at deployment is named (notes on standard error), and what ARM cannot
tell is listed at the top of the output. The topology is validated before it is written:
exit 0 means it loads; exit 2 names what could not be read or what does not validate.

Bicep: az bicep build --file main.bicep --stdout | vnetsim import - --location eastus2`

func newImportCmd(g *globals) *cobra.Command {
	var p importParams
	cmd := &cobra.Command{
		Use:   "import FILE... [--out FILE]",
		Short: "Azure resources, ARM/Bicep templates or Terraform plans to a topology",
		Long:  importLong,
		Example: "  az network vnet list > vnets.json && az network nsg list > nsgs.json\n" +
			"  vnetsim import vnets.json nsgs.json --name prod --out prod.yaml\n" +
			"  vnetsim import azuredeploy.json azuredeploy.parameters.json --location eastus2\n" +
			"  terraform show -json plan.tfplan > plan.json && vnetsim import plan.json",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.files = args
			return runImport(g, p)
		},
	}
	p.out = importFlags(cmd, &p)
	var ap importParams
	alias := &cobra.Command{
		Use:    "azure FILE...",
		Short:  "The same as vnetsim import (kept for scripts that name the cloud)",
		Hidden: true,
		Args:   cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ap.files = args
			return runImport(g, ap)
		},
	}
	ap.out = importFlags(alias, &ap)
	cmd.AddCommand(alias)
	return cmd
}

func importFlags(cmd *cobra.Command, p *importParams) *output {
	f := cmd.Flags()
	f.StringVar(&p.options.Name, "name", "imported", "the topology's name")
	f.StringVar(&p.options.Location, "location", "", "ARM templates: the region of the resource group they deploy to (resourceGroup().location)")
	f.StringVar(&p.options.Subscription, "subscription", "", "ARM templates and Terraform plans: the subscription id their resource ids use")
	f.StringVar(&p.options.ResourceGroup, "resource-group", "", "ARM templates and Terraform plans: the resource group their resource ids use")
	f.StringArrayVarP(&p.parameters, "parameter", "p", nil, "ARM templates: a parameter value, NAME=VALUE (repeatable; VALUE may be JSON)")
	f.StringArrayVar(&p.serviceTags, "service-tags", nil, "a service tags file the topology uses (Azure's ServiceTags_Public_*.json; repeatable)")
	return addOutput(cmd, formatYAML)
}

func runImport(g *globals, p importParams) error {
	inputs, errs := readImportInputs(g, p.files)
	opts := p.options
	opts.Parameters = map[string]string{}
	for _, kv := range p.parameters {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			errs = append(errs, fmt.Errorf("--parameter %q: give NAME=VALUE", kv))
			continue
		}
		opts.Parameters[k] = v
	}
	opts.ServiceTags = serviceTagPaths(p.serviceTags, p.out.File)
	opts.ReadFile = os.ReadFile
	var res *azure.Result
	if len(errs) == 0 {
		var err error
		res, err = azure.Import(inputs, opts)
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintln(g.stderr, err)
		return exitError{exitCannotRun}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(g.stderr, "note: %s\n", n)
	}
	var buf bytes.Buffer
	if err := res.WriteYAML(&buf); err != nil {
		return err
	}
	err := p.out.write(g, p.files, func(w io.Writer, _ string) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	return checkImported(g, p.out.File, buf.Bytes())
}

// serviceTagPaths writes tag files relative to the output's folder, where
// the topology will look for them.
func serviceTagPaths(files []string, out string) []string {
	var paths []string
	for _, f := range files {
		if abs, err := filepath.Abs(f); err == nil {
			base, _ := filepath.Abs(filepath.Dir(cmp.Or(out, "imported.yaml")))
			if rel, err := filepath.Rel(base, abs); err == nil {
				f = filepath.ToSlash(rel)
			}
		}
		paths = append(paths, f)
	}
	return paths
}

// checkImported validates what import wrote: exit 0 promises a topology
// that loads.
func checkImported(g *globals, out string, data []byte) error {
	if out == "-" {
		out = ""
	}
	src := model.NewSource()
	src.AddBytes(cmp.Or(out, "imported.yaml"), data)
	_, diags := src.Topology()
	if errs := diags.Errors(); len(errs) > 0 {
		fmt.Fprintf(g.stderr, "the imported topology does not validate (%s; the notes above say what was left out):\n", plural(len(errs), "error"))
		printDiagnostics(g, errs)
		return exitError{exitCannotRun}
	}
	if w := len(diags) - len(diags.Errors()); w > 0 {
		fmt.Fprintf(g.stderr, "note: the topology validates, with %s (vnetsim validate shows them)\n", plural(w, "warning"))
	}
	return nil
}

// readImportInputs reads every file ("-" is standard input), reporting
// every file that cannot be read.
func readImportInputs(g *globals, files []string) ([]azure.Input, []error) {
	var inputs []azure.Input
	var errs []error
	for _, f := range files {
		in := azure.Input{Name: f}
		var err error
		if f == "-" {
			in.Name = "<stdin>"
			in.Data, err = readLimited(g.stdin)
		} else {
			var file *os.File
			if file, err = os.Open(f); err == nil {
				in.Data, err = readLimited(file)
				file.Close()
			}
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: cannot %s: %v", in.Name, pe.Op, pe.Err)
		} else if err != nil {
			err = fmt.Errorf("%s: %v", in.Name, err)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		inputs = append(inputs, in)
	}
	return inputs, errs
}

// maxImportSize bounds what one input may hold, so that memory stays
// bounded (a 1,000-VNet Resource Graph export is tens of megabytes).
const maxImportSize = 1 << 30

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err == nil && len(data) > maxImportSize {
		err = fmt.Errorf("larger than %d MiB, more than vnetsim imports at once: split it", maxImportSize>>20)
	}
	return data, err
}
