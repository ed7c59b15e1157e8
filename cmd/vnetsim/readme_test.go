package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeTour runs every shell session of README.md, a fenced block
// whose lines start with "$ ", and compares what each command prints with
// the lines that follow it, so the tour cannot drift from the tool.
// Commands run from the repository's layout in a scratch directory (the
// files they write go there). A command shows standard output; with
// "2>&1" standard error too. A block whose output ends with "..." shows
// only the lines before it. UPDATE_GOLDEN=1 rewrites the outputs:
//
//	UPDATE_GOLDEN=1 go test -run TestReadmeTour ./cmd/vnetsim
func TestReadmeTour(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(root, "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	for _, dir := range []string{"scenarios", "model", "docs"} {
		if err := os.Symlink(filepath.Join(root, dir), filepath.Join(work, dir)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(work)
	lines := strings.Split(string(data), "\n")
	var out []string
	sessions := 0
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		if !strings.HasPrefix(lines[i], "```") || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "$ ") {
			continue
		}
		end := i + 1
		for end < len(lines) && !strings.HasPrefix(lines[end], "```") {
			end++
		}
		sessions++
		out = append(out, runSession(t, lines[i+1:end], i+2)...)
		i = end - 1
	}
	if sessions == 0 {
		t.Fatal("README.md has no shell sessions")
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(readme, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runSession runs one block's commands, reports every difference, and
// returns the block as the tool prints it now.
func runSession(t *testing.T, block []string, line int) []string {
	var out []string
	for i := 0; i < len(block); {
		cmd := block[i]
		j := i + 1
		for j < len(block) && !strings.HasPrefix(block[j], "$ ") {
			j++
		}
		want := block[i+1 : j]
		shown := len(want)
		if shown > 0 && want[shown-1] == "..." {
			shown--
		}
		got, err := runShell(strings.TrimPrefix(cmd, "$ "))
		if err != nil {
			t.Errorf("README.md:%d: %s: %v", line+i, cmd, err)
		}
		if shown < len(want) && len(got) > shown {
			got = append(got[:shown:shown], "...")
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("README.md:%d: %s: the output differs (UPDATE_GOLDEN=1 rewrites it):\n%s", line+i, cmd, lineDiff(want, got))
		}
		out = append(append(out, cmd), got...)
		i = j
	}
	return out
}

// runShell runs one README command: vnetsim, head -N or cat, with
// quoted arguments and an optional 2>&1.
func runShell(cmd string) ([]string, error) {
	args, err := splitWords(cmd)
	if err != nil {
		return nil, err
	}
	both := len(args) > 0 && args[len(args)-1] == "2>&1"
	if both {
		args = args[:len(args)-1]
	}
	var stdout, stderr bytes.Buffer
	errw := &stderr
	if both {
		errw = &stdout
	}
	switch {
	case len(args) == 0:
		return nil, fmt.Errorf("no command")
	case args[0] == "vnetsim":
		if code := run(args[1:], strings.NewReader(""), &stdout, errw); code == exitCannotRun {
			return nil, fmt.Errorf("exit %d: %s", code, stderr.String())
		}
	case args[0] == "head" && len(args) == 3 && strings.HasPrefix(args[1], "-"):
		n, err := strconv.Atoi(args[1][1:])
		data, err2 := os.ReadFile(args[2])
		if err != nil || err2 != nil {
			return nil, fmt.Errorf("head: %v %v", err, err2)
		}
		ls := strings.SplitAfter(string(data), "\n")
		stdout.WriteString(strings.Join(ls[:min(n, len(ls))], ""))
	case args[0] == "cat" && len(args) == 2:
		data, err := os.ReadFile(args[1])
		if err != nil {
			return nil, err
		}
		stdout.Write(data)
	default:
		return nil, fmt.Errorf("the README tour runs vnetsim, head -N and cat, not %q", args[0])
	}
	if stdout.Len() == 0 {
		return nil, nil
	}
	return strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"), nil
}

// splitWords splits a command line as a shell would for the tour:
// whitespace, with '...' and "..." quoting.
func splitWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed quote in %q", s)
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// lineDiff shows the first differing line and the lines around it.
func lineDiff(want, got []string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	var b strings.Builder
	for _, side := range []struct {
		name  string
		lines []string
	}{{"want", want}, {"got", got}} {
		fmt.Fprintf(&b, "  %s (from line %d of the output):\n", side.name, i+1)
		for _, l := range side.lines[i:min(len(side.lines), i+3)] {
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	return b.String()
}
