package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// The SARIF 2.1.0 properties GitHub code scanning requires or reads
// (docs.github.com, "SARIF support for code scanning"), declared apart
// from the writer's types so that a field the writer misnames fails here.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations        []sarifLoc `json:"locations"`
			RelatedLocations []sarifLoc `json:"relatedLocations"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifLoc struct {
	ID               *int `json:"id"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// TestSARIFEssentials runs validate, check and test with -o sarif on the
// files of testdata/script/ci.txtar and checks every result against what
// code scanning needs: a known rule, a level, a message, and a location
// whose file exists relative to the working directory and has that line.
func TestSARIFEssentials(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/script/ci.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, args := range [][]string{
		{"validate", "bad.yaml"},
		{"check", "ci.yaml"},
		{"check", filepath.Join(dir, "ci.yaml")}, // absolute paths come out relative
		{"test", "wrong.yaml", "broken.yaml"},
	} {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(append(args, "-o", "sarif"), nil, &stdout, &stderr); stdout.Len() == 0 {
				t.Fatalf("exit %d and no output: %s", code, stderr.String())
			}
			var doc sarifDoc
			dec := json.NewDecoder(&stdout)
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			checkSARIF(t, doc)
		})
	}
}

func checkSARIF(t *testing.T, doc sarifDoc) {
	t.Helper()
	if doc.Version != "2.1.0" || doc.Schema == "" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, schema %q, %d runs", doc.Version, doc.Schema, len(doc.Runs))
	}
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "vnetsim" || d.Version == "" {
		t.Errorf("driver %q version %q", d.Name, d.Version)
	}
	var ids []string
	for _, r := range d.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || slices.Contains(ids, r.ID) {
			t.Errorf("rule %+v: empty or repeated", r)
		}
		ids = append(ids, r.ID)
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, res := range run.Results {
		i := slices.Index(ids, res.RuleID)
		if i < 0 || res.RuleIndex == nil || *res.RuleIndex != i {
			t.Errorf("result rule %q index %v: not rule %d of %v", res.RuleID, res.RuleIndex, i, ids)
		}
		if !slices.Contains([]string{"none", "note", "warning", "error"}, res.Level) || res.Message.Text == "" {
			t.Errorf("result %q: level %q, message %q", res.RuleID, res.Level, res.Message.Text)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %q: %d locations", res.RuleID, len(res.Locations))
		}
		for _, loc := range append(slices.Clone(res.Locations), res.RelatedLocations...) {
			checkLocation(t, loc)
		}
		for _, loc := range res.RelatedLocations {
			if loc.ID == nil {
				t.Errorf("result %q: a related location without id", res.RuleID)
			}
		}
	}
}

func checkLocation(t *testing.T, loc sarifLoc) {
	t.Helper()
	uri, reg := loc.PhysicalLocation.ArtifactLocation.URI, loc.PhysicalLocation.Region
	if uri == "" || filepath.IsAbs(uri) || strings.Contains(uri, `\`) || reg.StartLine < 1 || reg.StartColumn < 1 {
		t.Errorf("location %q %d:%d", uri, reg.StartLine, reg.StartColumn)
		return
	}
	data, err := os.ReadFile(filepath.FromSlash(uri))
	if err != nil {
		t.Errorf("location %q: %v", uri, err)
		return
	}
	lines := strings.Split(string(data), "\n")
	if reg.StartLine > len(lines) || reg.StartColumn > len(lines[reg.StartLine-1])+1 {
		t.Errorf("location %q %d:%d is past the file's end", uri, reg.StartLine, reg.StartColumn)
	}
}
