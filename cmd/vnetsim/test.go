package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

type testParams struct {
	paths []string
	junit string
	out   *output
}

func newTestCmd(g *globals) *cobra.Command {
	var p testParams
	cmd := &cobra.Command{
		Use:   "test PATH...",
		Short: "Run scenario files (or every scenario under a folder); exit 1 if an expectation fails",
		Long: "Run scenario files, or every scenario under a folder: each is a topology, patches, and\n" +
			"expectations. Exit 1 if an expectation fails, 2 if a scenario cannot be loaded.",
		Example: "  vnetsim test scenarios/\n" +
			"  vnetsim test scenarios/ -o junit --out vnetsim.xml               # the same as --junit vnetsim.xml\n" +
			"  vnetsim test scenarios/ -o sarif --out vnetsim.sarif --junit vnetsim.xml",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.paths = args
			return runTest(g, p)
		},
	}
	cmd.Flags().StringVar(&p.junit, "junit", "", "also write JUnit XML to this file (alone, the same as -o junit --out FILE)")
	p.out = addOutput(cmd, formatText, formatJSON, formatYAML, formatSARIF, formatGitHub, formatJUnit)
	return cmd
}

type testReport struct {
	Scenarios []scenarioOut `json:"scenarios"`
	Passed    int           `json:"passed"`
	Failed    int           `json:"failed"`
}

type scenarioOut struct {
	File         string           `json:"file"`
	Scenario     string           `json:"scenario"`
	Description  string           `json:"description,omitempty"`
	Passed       bool             `json:"passed"`
	Errors       []string         `json:"errors,omitempty"`
	Expectations []expectationOut `json:"expectations"`

	findings []finding // for SARIF and GitHub
}

type expectationOut struct {
	Intent string   `json:"intent"`
	Want   judgment `json:"want"`
	Got    judgment `json:"got"`
	Passed bool     `json:"passed"`

	blocked []blockedOut // every blocked region of the intent, for findings
}

// judgment is what an expectation states, or what an intent gave.
type judgment struct {
	Verdict   model.Verdict `json:"verdict,omitempty"`
	Reason    model.Reason  `json:"reason,omitempty"`
	BlockedBy string        `json:"blockedBy,omitempty"`
	Witness   *packetOut    `json:"witness,omitempty"`
	Packets   string        `json:"packets,omitempty"`
}

func runTest(g *globals, p testParams) error {
	files, roots, err := scenarioFiles(p.paths)
	if err != nil {
		return err
	}
	// A folder given is the suite: its scenarios may name any file in it.
	opts := g.load
	opts.IncludeRoots = append(roots, opts.IncludeRoots...)
	if len(files) == 0 {
		return fmt.Errorf("no scenario files in %v", p.paths)
	}
	var r testReport
	broken := false
	for _, f := range files {
		so := runScenario(f, opts)
		if len(so.Errors) > 0 {
			broken = true
		}
		if so.Passed {
			r.Passed++
		} else {
			r.Failed++
		}
		r.Scenarios = append(r.Scenarios, so)
	}
	if p.junit != "" {
		if err := writeOutputFile(p.junit, formatJUnit, files, r.render); err != nil {
			return err
		}
	}
	if err := p.out.write(g, files, r.render); err != nil {
		return err
	}
	switch {
	case broken:
		return exitError{exitCannotRun}
	case r.Failed > 0:
		return exitError{exitFailed}
	}
	return nil
}

func (r testReport) render(w io.Writer, format string) error {
	var findings []finding
	for _, s := range r.Scenarios {
		findings = append(findings, s.findings...)
	}
	fallback := ""
	if len(r.Scenarios) > 0 {
		fallback = r.Scenarios[0].File
	}
	switch format {
	case formatText:
		writeTestText(w, r)
		return nil
	case formatJUnit:
		return writeJUnit(w, r)
	case formatSARIF:
		return writeSARIF(w, findings, fallback)
	case formatGitHub:
		return writeGitHub(w, findings, fallback)
	}
	return writeStructured(w, format, r)
}

// scenarioFiles expands folders (recursively) into their scenario files,
// sorted, and returns the folders; files named explicitly are taken as
// they are.
func scenarioFiles(paths []string) (files, dirs []string, err error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		dirs = append(dirs, p)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (filepath.Ext(path) == ".yaml" || filepath.Ext(path) == ".yml") && model.IsScenarioFile(path) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	slices.Sort(out)
	return slices.Compact(out), dirs, nil
}

func runScenario(file string, opts model.Options) scenarioOut {
	so := scenarioOut{File: file, Expectations: []expectationOut{}}
	src, sc, diags := opts.LoadScenario(file)
	var t *model.Topology
	if src != nil {
		t, diags = src.Topology()
	}
	if t == nil {
		errs := diags.Errors().Sorted()
		for _, d := range errs {
			so.Errors = append(so.Errors, d.String())
		}
		so.findings = diagFindings(errs)
		if sc != nil {
			so.Scenario = sc.Scenario
		}
		return so
	}
	so.Scenario, so.Description = sc.Scenario, sc.Description
	n, err := sim.Compile(t)
	if err != nil {
		so.Errors = append(so.Errors, err.Error())
		so.findings = []finding{{rule: "compile_error", level: "error", message: err.Error(), pos: sc.Pos}}
		return so
	}
	all := n.Intents()
	so.Passed = true
	for _, e := range sc.Expect {
		for _, eo := range judge(n, all, e) {
			so.Passed = so.Passed && eo.Passed
			so.Expectations = append(so.Expectations, eo)
			if !eo.Passed {
				what := fmt.Sprintf("scenario %q expects %s to give %s", sc.Scenario, eo.Intent, judgmentText(eo.Want))
				where := placed{pos: e.At("intent"), what: "expectation of scenario " + sc.Scenario}
				so.findings = append(so.findings, expectationFindings(t, what, eo.Got.Verdict, where, eo.blocked, nil)...)
			}
		}
	}
	return so
}

// judge checks one expectation against every intent it names.
func judge(n *sim.Network, all []*model.Intent, e *model.Expectation) []expectationOut {
	want := judgment{Verdict: e.Verdict, Reason: e.Reason, BlockedBy: e.BlockedBy}
	intents := matchIntents(all, e.Intent)
	if len(intents) == 0 {
		return []expectationOut{{Intent: e.Intent, Want: want, Got: judgment{Packets: "no such intent (intents: " + intentNames(all) + ")"}}}
	}
	var out []expectationOut
	for _, in := range intents {
		res, err := n.CheckIntent(in)
		if err != nil {
			out = append(out, expectationOut{Intent: in.Name, Want: want, Got: judgment{Packets: err.Error()}})
			continue
		}
		got, ok := compare(want, res)
		out = append(out, expectationOut{Intent: in.Name, Want: want, Got: got, Passed: ok, blocked: blockedJSON(res.Blocked)})
	}
	return out
}

// compare judges a result: the verdict must be the one wanted; a wanted
// reason and element must be those of one blocked region.
func compare(want judgment, res *sim.Result) (judgment, bool) {
	got := judgment{Verdict: res.Verdict}
	ok := want.Verdict == "" || want.Verdict == res.Verdict
	var match *sim.Blocked
	for i, b := range res.Blocked {
		if (want.Reason == "" || b.Reason == want.Reason) && (want.BlockedBy == "" || b.Ref == want.BlockedBy) {
			match = &res.Blocked[i]
			break
		}
	}
	if want.Reason != "" || want.BlockedBy != "" {
		ok = ok && match != nil
	}
	show := match
	if show == nil && len(res.Blocked) > 0 {
		show = &res.Blocked[0]
	}
	if show != nil {
		w := packetJSON(show.Witness)
		got.Reason, got.BlockedBy, got.Witness, got.Packets = show.Reason, show.Ref, &w, show.Set.String()
	}
	return got, ok
}
