package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
)

// Exit codes (docs/cli.md).
const (
	exitOK        = 0
	exitFailed    = 1 // an expectation failed
	exitCannotRun = 2
)

// exitError carries an exit code; its message, if any, is already printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// globals are what every command shares: the process's streams, and how
// topologies are read (--include-root, --max-input-size).
type globals struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	includeRoots []string
	maxInput     string
	load         model.Options // from includeRoots and maxInput, before any command runs
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "vnetsim",
		Short: "Prove whether traffic gets through an Azure network, and name what stops it",
		Long: "vnetsim compiles a YAML topology of Azure VNets, subnets, NSGs, route tables, gateways,\n" +
			"appliances and workloads, and proves reachability over every packet a query names.\n" +
			"Exit codes: 0 done and every expectation held, 1 an expectation failed, 2 could not run.",
		Example: "  vnetsim validate topology.yaml\n" +
			"  vnetsim check topology.yaml\n" +
			"  vnetsim trace topology.yaml --source cpu-cluster --destination Storage.EastUS2 --port 443",
		Version:       buildVersion(),
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
			return nil
		},
	}
	root.PersistentFlags().StringArrayVar(&g.includeRoots, "include-root", nil,
		"a folder whose files a topology or scenario may also name (repeatable; by default only files in the loaded file's folder)")
	root.PersistentFlags().StringVar(&g.maxInput, "max-input-size", "",
		fmt.Sprintf("the most one load reads, every file counted, e.g. 512MiB (default %dMiB)", model.DefaultMaxInputBytes>>20))
	root.SetVersionTemplate("vnetsim version {{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetIn(g.stdin)
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetHelpCommand(newHelpCmd())
	root.AddCommand(newValidateCmd(g), newCheckCmd(g), newRoutesCmd(g), newTraceCmd(g), newTestCmd(g), newGraphCmd(g),
		newRulesCmd(g), newWhatifCmd(g), newGenCmd(g), newMatrixCmd(g), newReportCmd(g), newImportCmd(g), newIntentsCmd(g), newDiffCmd(g), newCompletionCmd(g))
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
