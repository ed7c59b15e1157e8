package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

var shells = []string{"bash", "zsh", "fish", "powershell"}

// newCompletionCmd replaces cobra's completion command, which prints help
// and exits 0 without a shell; here a missing or unknown shell is a usage
// error (exit 2).
func newCompletionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for a shell",
		Long: "Print the shell completion script for a shell. Load it in the current shell, or install it\n" +
			"where your shell reads completions from.",
		Example: "  source <(vnetsim completion bash)\n" +
			"  vnetsim completion zsh > \"${fpath[1]}/_vnetsim\"\n" +
			"  vnetsim completion fish > ~/.config/fish/completions/vnetsim.fish",
		ValidArgs: shells,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("completion takes one shell: %s", orList(shells))
			}
			return cobra.OnlyValidArgs(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(g.stdout, true)
			case "zsh":
				return root.GenZshCompletion(g.stdout)
			case "fish":
				return root.GenFishCompletion(g.stdout, true)
			default:
				return root.GenPowerShellCompletionWithDesc(g.stdout)
			}
		},
	}
}
