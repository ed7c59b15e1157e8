package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// failOn is the --fail-on flag of the commands that compare two states of
// a network (whatif, diff): which changes make them exit 1, as Terraform's
// -detailed-exitcode makes plan signal a change; 2 still means the command
// could not run.
type failOn string

const (
	failNever        failOn = "never"
	failNewlyBlocked failOn = "newly-blocked"
	failAnyChange    failOn = "any-change"
)

var failOnValues = []string{string(failNever), string(failNewlyBlocked), string(failAnyChange)}

func (f *failOn) String() string { return string(*f) }
func (f *failOn) Type() string   { return "when" }

func (f *failOn) Set(s string) error {
	for _, v := range failOnValues {
		if strings.EqualFold(s, v) {
			*f = failOn(v)
			return nil
		}
	}
	return fmt.Errorf("want %s", orList(failOnValues))
}

// addFailOn gives cmd its --fail-on flag (default never).
func addFailOn(cmd *cobra.Command) *failOn {
	f := failNever
	cmd.Flags().Var(&f, "fail-on", "exit 1 when the change blocks packets that got through (newly-blocked) or changes any verdict (any-change); never by default")
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(failOnValues, cobra.ShellCompDirectiveNoFileComp))
	return &f
}

// changeCount is what a comparison found: how many intents and pair
// classes lose packets, and how many change at all.
type changeCount struct {
	newlyBlockedIntents, newlyBlockedPairs int
	changedIntents, changedPairs           int
}

// exit is the comparison's exit: exit code 1, with a line on stderr that
// says why, when the flag asks to fail on what was found.
func (f failOn) exit(g *globals, c changeCount) error {
	var why string
	switch {
	case f == failNewlyBlocked && c.newlyBlockedIntents+c.newlyBlockedPairs > 0:
		why = fmt.Sprintf("%s and %s newly blocked", plural(c.newlyBlockedIntents, "intent"), plural(c.newlyBlockedPairs, "pair class"))
	case f == failAnyChange && c.changedIntents+c.changedPairs > 0:
		why = fmt.Sprintf("%s and %s change", plural(c.changedIntents, "intent"), plural(c.changedPairs, "pair class"))
	default:
		return nil
	}
	fmt.Fprintf(g.stderr, "vnetsim: --fail-on %s: %s\n", f, why)
	return exitError{exitFailed}
}
