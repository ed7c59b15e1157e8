package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model/azure"
)

type importAzureParams struct {
	files []string
	name  string
	out   *output
}

func newImportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "import",
		Short:   "Convert resources exported from a cloud to a topology",
		Example: "  vnetsim import azure vnets.json nsgs.json route-tables.json --name prod --out prod.yaml",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unknown source %q for import (want azure)", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(newImportAzureCmd(g))
	return cmd
}

func newImportAzureCmd(g *globals) *cobra.Command {
	var p importAzureParams
	cmd := &cobra.Command{
		Use:   "azure FILE...",
		Short: "ARM resource JSON to topology YAML",
		Long: "Convert the output of az network vnet/nsg/route-table/vnet-gateway list or show, az resource show,\n" +
			"an Azure Resource Graph query or an ARM template into one topology (- reads standard input).\n" +
			"VNets, subnets, peerings, NSGs, route tables and gateways are read; other resources are skipped\n" +
			"with a note. Gateways need onPremises filled in by hand.",
		Example: "  az network vnet list > vnets.json && az network nsg list > nsgs.json\n" +
			"  vnetsim import azure vnets.json nsgs.json --name prod > prod.yaml",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.files = args
			return runImportAzure(g, p)
		},
	}
	cmd.Flags().StringVar(&p.name, "name", "imported", "the topology's name")
	p.out = addOutput(cmd, formatYAML)
	return cmd
}

func runImportAzure(g *globals, p importAzureParams) error {
	inputs, errs := readImportInputs(g, p.files)
	var res *azure.Result
	if len(errs) == 0 {
		var err error
		res, err = azure.Import(inputs, azure.Options{Name: p.name})
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintln(g.stderr, err)
		return exitError{exitCannotRun}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(g.stderr, "note: %s\n", n)
	}
	return p.out.write(g, p.files, func(w io.Writer, _ string) error { return res.WriteYAML(w) })
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
			in.Data, err = io.ReadAll(g.stdin)
		} else {
			in.Data, err = os.ReadFile(f)
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
