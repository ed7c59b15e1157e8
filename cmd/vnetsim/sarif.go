package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// SARIF 2.1.0, the parts GitHub code scanning reads
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
// the tool and its rules, and results with a rule, a level, a message and
// a physical location.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	sarifInfoURI = "https://github.com/vnetsim/vnetsim"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
	HelpURI              string       `json:"helpUri"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifMessage    `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// writeSARIF writes findings as one SARIF run. A finding without a line
// (a file that cannot be read) is placed at 1:1 of its file, or of
// fallback when it names none: code scanning needs a location.
func writeSARIF(w io.Writer, findings []finding, fallback string) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "vnetsim", Version: buildVersion(), InformationURI: sarifInfoURI,
		Rules: []sarifRule{}}}, Results: []sarifResult{}}
	var ids []string
	for _, f := range findings {
		if !slices.Contains(ids, f.rule) {
			ids = append(ids, f.rule)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		level := "error"
		if i := slices.IndexFunc(findings, func(f finding) bool { return f.rule == id }); i >= 0 {
			level = findings[i].level
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{ruleDescription(id)},
			DefaultConfiguration: sarifConfig{level}, HelpURI: sarifInfoURI + "/blob/main/docs/cli.md#" + helpAnchor(id)})
	}
	for _, f := range findings {
		r := sarifResult{RuleID: f.rule, RuleIndex: slices.Index(ids, f.rule), Level: f.level, Message: sarifMessage{f.message},
			Locations: []sarifLocation{sarifPlace(f.pos, fallback)}}
		for i, p := range f.related {
			loc := sarifPlace(p.pos, fallback)
			id := i + 1
			loc.ID, loc.Message = &id, &sarifMessage{p.what}
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
		run.Results = append(run.Results, r)
	}
	return writeJSON(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// helpAnchor is the section of docs/cli.md that explains a rule.
func helpAnchor(rule string) string {
	if _, ok := reasonText[model.Reason(rule)]; ok || rule == ruleExpectation {
		return "reasons"
	}
	return "diagnostics"
}

func sarifPlace(p model.Pos, fallback string) sarifLocation {
	file := p.File
	if file == "" {
		file = fallback
	}
	line, col := max(p.Line, 1), max(p.Col, 1)
	return sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: artifactURI(file)},
		Region: sarifRegion{StartLine: line, StartColumn: col}}}
}

// artifactURI is a file as code scanning finds it in the checkout: a path
// relative to the working directory (run vnetsim from the repository's
// root), with forward slashes. Standard input has no file; it is named as
// the loader names it.
func artifactURI(file string) string {
	if filepath.IsAbs(file) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
				file = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}
