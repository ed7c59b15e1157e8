package main

import (
	"io"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandHasAnExample walks the command tree: every command a
// user can run shows an example in its help.
func TestEveryCommandHasAnExample(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.IsAvailableCommand() || c.Name() == "help" || !c.HasParent() {
			if c.Example == "" {
				t.Errorf("%q has no example", c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&globals{stdout: io.Discard, stderr: io.Discard}))
}
