package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
)

type validateParams struct {
	topology string
	out      *output
}

func newValidateCmd(g *globals) *cobra.Command {
	var p validateParams
	cmd := &cobra.Command{
		Use:   "validate TOPOLOGY",
		Short: "Load, resolve and lint a topology; print every problem with file:line:column",
		Long: "Load, resolve and lint a topology (or a scenario file, or - for standard input) and print every\n" +
			"problem at once, each at file:line:column. Exit 1 when there are errors (warnings alone exit 0),\n" +
			"2 when the file cannot be read.",
		Example: "  vnetsim validate network.yaml\n" +
			"  vnetsim validate network.yaml -o sarif --out vnetsim.sarif   # for GitHub code scanning\n" +
			"  vnetsim validate network.yaml -o github                      # annotations in a GitHub Actions run",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.topology = args[0]
			return runValidate(g, p)
		},
	}
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML, formatSARIF, formatGitHub)
	return cmd
}

type diagOut struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Path     string `json:"path,omitempty"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type validateReport struct {
	Diagnostics []diagOut `json:"diagnostics"`
	Errors      int       `json:"errors"`
	Warnings    int       `json:"warnings"`
}

// runValidate exits 1 when there are errors: finding them is its job. A
// file it cannot read is not a finding but a failure to run (exit 2).
func runValidate(g *globals, p validateParams) error {
	t, diags := g.load.Load(p.topology)
	if unreadable(diags) {
		printDiagnostics(g, diags)
		return exitError{exitCannotRun}
	}
	if t != nil {
		diags = append(diags, lintTopology(t)...)
	}
	diags = diags.Sorted()
	r := validateReport{Diagnostics: []diagOut{}}
	for _, d := range diags {
		r.Diagnostics = append(r.Diagnostics, diagOut{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Path: d.Path,
			Code: d.Code, Severity: d.Severity.String(), Message: d.Message})
		if d.Severity == model.Error {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	err := p.out.write(g, []string{p.topology}, func(w io.Writer, format string) error {
		switch format {
		case formatText:
			for _, d := range diags {
				fmt.Fprintln(w, d.String())
			}
			_, err := fmt.Fprintf(w, "%d errors, %d warnings\n", r.Errors, r.Warnings)
			return err
		case formatSARIF:
			return writeSARIF(w, diagFindings(diags), p.topology)
		case formatGitHub:
			return writeGitHub(w, diagFindings(diags), p.topology)
		}
		return writeStructured(w, format, r)
	})
	if err != nil {
		return err
	}
	if r.Errors > 0 {
		return exitError{exitFailed}
	}
	return nil
}

// unreadable reports whether the input itself could not be read (an
// unreadable file has no line; one an include names is placed at the
// include).
func unreadable(diags model.Diagnostics) bool {
	for _, d := range diags {
		if d.Code == "unreadable_file" && d.Pos.Line == 0 {
			return true
		}
	}
	return false
}
