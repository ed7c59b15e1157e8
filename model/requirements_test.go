package model

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestRequirementsDoc: docs/requirements.md is the catalogue the standard
// intents come from, rendered; UPDATE_GOLDEN=1 rewrites it.
func TestRequirementsDoc(t *testing.T) {
	const path = "../docs/requirements.md"
	got := renderRequirements()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s is not the catalogue (UPDATE_GOLDEN=1 go test -run TestRequirementsDoc ./model rewrites it)", path)
	}
}

// TestRequirementsCatalogue: every row names kinds, places, ports, a
// condition and its source; port items parse.
func TestRequirementsCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Requirements {
		if seen[r.Intent] {
			t.Errorf("%s twice", r.Intent)
		}
		seen[r.Intent] = true
		if len(r.Kinds) == 0 || r.Source == "" || r.Destination == "" || len(r.Ports) == 0 || r.When == "" || r.Article == "" || r.Quote == "" {
			t.Errorf("%s: a field is empty: %+v", r.Intent, r)
		}
		for _, p := range r.Ports {
			if _, _, err := ParseIntentPort(p); err != nil && p != "{ports}" {
				t.Errorf("%s: %v", r.Intent, err)
			}
		}
	}
}

func renderRequirements() string {
	var b strings.Builder
	b.WriteString(`# The standard intents: Azure's network requirements

Generated from ` + "`model/requirements.go`" + ` (` + "`UPDATE_GOLDEN=1 go test -run TestRequirementsDoc ./model`" + `);
do not edit by hand. Each endpoint implies the rows of its kind
(azure-semantics.md §7), as an intent named ` + "`<intent>/<endpoint>`" + ` expected
` + "`Reachable`" + `. Ports are Tcp unless written ` + "`Udp:<port>`" + `; a row with several
ports is one intent, ` + "`Partial`" + ` when only some pass. Placeholders:
` + "`{nodes}`" + ` the endpoint's node addresses (an AKS scoring endpoint's subnet),
` + "`{frontend}`" + ` a scoring frontend, ` + "`{region}`" + ` the endpoint's region as the
service-tag file spells it, ` + "`{batch}`" + ` the Batch account's nodeManagement private
endpoint or else BatchNodeManagement.{region}, ` + "`{storage}`" + ` /
` + "`{registry}`" + ` / ` + "`{keyvault}`" + ` the workspace's (else every) endpoint of that
kind or else the regional tag, ` + "`{clients}`" + ` every External endpoint or else
Internet.

A row whose service tag the topology does not define is skipped when it is
optional (listed by ` + "`vnetsim intents`" + ` with why), and otherwise proved as not
judged, with a note saying which tag to add. A topology owns the list:
` + "`standardIntents: {enabled: false}`" + ` switches them off, ` + "`exclude`" + ` leaves out
rows (` + "`compute-to-registry`" + `) or single intents (` + "`node-to-batch/pool`" + `), and an
intent declared with a standard intent's full name replaces it, its
` + "`expect`" + ` included.

| intent | kinds | source | destination | ports | fqdn | when | optional |
|---|---|---|---|---|---|---|---|
`)
	for _, r := range Requirements {
		kinds := make([]string, len(r.Kinds))
		for i, k := range r.Kinds {
			kinds[i] = string(k)
		}
		opt := ""
		if r.Optional {
			opt = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | `%s` | %s | %s | %s | %s |\n", r.Intent, strings.Join(kinds, ", "), r.Source, r.Destination,
			strings.Join(r.Ports, ", "), code(r.Fqdn), r.When, opt)
	}
	b.WriteString("\n## Sources\n\n")
	for _, r := range Requirements {
		fmt.Fprintf(&b, "- **%s**: %s. \"%s\"\n", r.Intent, r.Article, r.Quote)
	}
	return b.String()
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}
