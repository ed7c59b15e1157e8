package main

import (
	"fmt"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// loadNetwork loads and compiles a topology (or scenario) file, printing
// every diagnostic; on errors it returns exit code 2 with the messages
// already printed.
func loadNetwork(g *globals, path string) (*sim.Network, error) {
	t, diags := g.load.Load(path)
	printDiagnostics(g, diags)
	if t == nil {
		return nil, exitError{exitCannotRun}
	}
	n, err := sim.Compile(t)
	if err != nil {
		return nil, err
	}
	return n, nil
}

func printDiagnostics(g *globals, diags model.Diagnostics) {
	for _, d := range diags.Sorted() {
		fmt.Fprintln(g.stderr, d.String())
	}
}
