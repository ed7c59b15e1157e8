package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestDocsNameEveryFlag keeps docs/cli.md in step with the commands: each
// command a user can run has a section "### `vnetsim PATH`", and the
// section names each of its flags.
func TestDocsNameEveryFlag(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]string{}
	for _, part := range strings.Split(string(data), "\n### `")[1:] {
		title, body, _ := strings.Cut(part, "`")
		sections[title] = body
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if !c.HasParent() || !(c.IsAvailableCommand() || c.Name() == "help") || c.HasSubCommands() {
			return
		}
		body, ok := sections[c.CommandPath()]
		if !ok {
			t.Errorf("docs/cli.md has no section ### `%s`", c.CommandPath())
			return
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			named := strings.Contains(body, "--"+f.Name) || (f.Shorthand != "" && strings.Contains(body, "-"+f.Shorthand+" "))
			if !f.Hidden && f.Name != "help" && !named {
				t.Errorf("docs/cli.md, %s: --%s is not described", c.CommandPath(), f.Name)
			}
		})
	}
	walk(newRoot(&globals{stdout: io.Discard, stderr: io.Discard}))
}
