package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
)

// version is set by the build (-ldflags "-X main.version=...").
var version = "dev"

// Exit codes (cli-contract.md).
const (
	exitOK        = 0
	exitFailed    = 1 // an expectation failed
	exitCannotRun = 2
)

// exitError carries an exit code; its message, if any, is already printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// globals are the flags every command shares.
type globals struct {
	output       string
	includeRoots []string
	maxInput     string
	load         model.Options // from includeRoots and maxInput
	stdin        io.Reader
	stdout       io.Writer
	stderr       io.Writer
}

func (g *globals) json() bool { return g.output == "json" }

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "vnetsim",
		Short:         "Prove whether traffic gets through an Azure network, and name what stops it",
		Long:          "vnetsim compiles a YAML topology of Azure VNets, subnets, NSGs, route tables, gateways,\nappliances and workloads, and proves reachability over every packet a query names.",
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			g.load.IncludeRoots = g.includeRoots
			if g.maxInput != "" {
				n, err := model.ParseByteSize(g.maxInput)
				if err != nil {
					return fmt.Errorf("--max-input-size: %w", err)
				}
				g.load.MaxInputBytes = n
			}
			if g.output == "text" || g.output == "json" || cmd.Name() == "report" {
				return nil // report's --output names the HTML file
			}
			return fmt.Errorf("--output must be text or json, not %q", g.output)
		},
	}
	root.PersistentFlags().StringVarP(&g.output, "output", "o", "text", "output format: text or json")
	root.PersistentFlags().StringArrayVar(&g.includeRoots, "include-root", nil, "a folder whose files a topology or scenario may also name (repeatable; by default only the loaded file's folder)")
	root.PersistentFlags().StringVar(&g.maxInput, "max-input-size", "", fmt.Sprintf("the most one load reads, all files counted (default %dMiB)", model.DefaultMaxInputBytes>>20))
	root.SetIn(g.stdin)
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.AddCommand(newValidateCmd(g), newCheckCmd(g), newRoutesCmd(g), newTraceCmd(g), newTestCmd(g), newGraphCmd(g), newRulesCmd(g), newWhatifCmd(g), newGenCmd(g), newMatrixCmd(g), newReportCmd(g), newImportCmd(g))
	return root
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(g)
	root.SetArgs(args)
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	}
	fmt.Fprintf(stderr, "vnetsim: %v\n", err)
	return exitCannotRun
}
