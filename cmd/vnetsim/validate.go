package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
)

func newValidateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate TOPOLOGY",
		Short: "Load, resolve and lint a topology; print every problem with file:line:column",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(g, args[0])
		},
	}
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

// runValidate exits 1 when there are errors: finding them is its job.
func runValidate(g *globals, path string) error {
	t, diags := g.load.Load(path)
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
	if g.json() {
		if err := writeJSON(g.stdout, r); err != nil {
			return err
		}
	} else {
		for _, d := range diags {
			fmt.Fprintln(g.stdout, d.String())
		}
		fmt.Fprintf(g.stdout, "%d errors, %d warnings\n", r.Errors, r.Warnings)
	}
	if r.Errors > 0 {
		return exitError{exitFailed}
	}
	return nil
}
