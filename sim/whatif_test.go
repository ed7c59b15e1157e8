package sim

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model"
)

// scenarioNetworks builds the networks before and after a scenario's
// patches.
func scenarioNetworks(t *testing.T, path string) (before, after *Network, ok bool) {
	t.Helper()
	src, sc, diags := scenarioOptions.LoadScenario(path)
	if src == nil {
		t.Fatalf("%s: %s", path, diags.Errors().Error())
	}
	if sc.Topology.Value == "" || len(sc.Patches) == 0 {
		return nil, nil, false
	}
	ta, diags := src.Topology()
	if ta == nil {
		t.Fatalf("%s: %s", path, diags.Errors().Error())
	}
	a, err := Compile(ta)
	if err != nil {
		t.Fatal(err)
	}
	return compileFile(t, filepath.Join(filepath.Dir(path), sc.Topology.Value)), a, true
}

func renderDiff(ic []IntentChange, pc []PairChange) string {
	var b strings.Builder
	for _, c := range ic {
		fmt.Fprintf(&b, "%s %s->%s %s %s -%s +%s\n", c.Intent, c.Before, c.After, c.Reason, c.Ref, c.NewlyBlocked, c.NewlyReachable)
	}
	for _, c := range pc {
		fmt.Fprintf(&b, "%s>%s %s %s %s->%s %s %s\n", c.Source, c.Destination, c.Protocol, c.Ports, c.Before, c.After, c.Ref, c.Packets)
	}
	return b.String()
}

// TestWhatifPruningIsSound: re-proving only what a patch can touch gives
// exactly what re-proving everything gives, on every scenario with patches.
func TestWhatifPruningIsSound(t *testing.T) {
	files, _ := filepath.Glob("../scenarios/*/*.yaml")
	tested := 0
	for _, f := range files {
		if strings.Contains(f, "/topologies/") || strings.Contains(f, "/patches/") {
			continue
		}
		before, after, ok := scenarioNetworks(t, f)
		if !ok {
			continue
		}
		tested++
		t.Run(filepath.Base(f), func(t *testing.T) {
			changed := changedElements(before, after)
			if len(changed) == 0 {
				t.Fatal("a patch that changes nothing")
			}
			ip, err := diffIntents(before, after, changed)
			if err != nil {
				t.Fatal(err)
			}
			pp, err := diffPairs(before, after, changed)
			if err != nil {
				t.Fatal(err)
			}
			all := map[string]bool{"*": true}
			ia, _ := diffIntents(before, after, all)
			pa, _ := diffPairs(before, after, all)
			if got, want := renderDiff(ip, pp), renderDiff(ia, pa); got != want {
				t.Errorf("pruned what-if differs from the full one (changed %v):\n--- pruned\n%s--- full\n%s", changed, got, want)
			}
		})
	}
	if tested < 10 {
		t.Fatalf("only %d scenarios with patches", tested)
	}
}

func TestWhatifNoChange(t *testing.T) {
	n := compileFile(t, "../scenarios/topologies/aml-secure.yaml")
	m := compileFile(t, "../scenarios/topologies/aml-secure.yaml")
	if c := changedElements(n, m); len(c) != 0 {
		t.Fatalf("the same topology twice changes %v", c)
	}
	ic, pc, err := Diff(n, m)
	if err != nil || len(ic)+len(pc) != 0 {
		t.Fatalf("no change expected, got %d intents, %d pairs (%v)", len(ic), len(pc), err)
	}
}

// TestServiceTagDrift re-proves the shipped example with the 2023 tags:
// the real drift between two of Azure's downloads.
func TestServiceTagDrift(t *testing.T) {
	const old = "../../shared/data/servicetags/ServiceTags_Public_20230213.json"
	if _, err := os.Stat(old); err != nil {
		t.Skip("the shared service-tag files are not beside the checkout")
	}
	topo, diags := model.Load("../scenarios/topologies/aml-secure.yaml")
	if topo == nil {
		t.Fatal(diags.Errors().Error())
	}
	retagged, diags := topo.WithServiceTags(old)
	if retagged == nil {
		t.Fatal(diags.Errors().Error())
	}
	before, _ := Compile(topo)
	after, _ := Compile(retagged)
	ic, _, err := Diff(before, after)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range ic {
		names = append(names, c.Intent)
	}
	if !slices.Contains(names, "compute-to-aml/cpu-cluster") {
		t.Errorf("AzureMachineLearning drifted between the files, but compute-to-aml did not change: %v", names)
	}
	var tags []string
	for _, c := range TagChanges(before, after) {
		tags = append(tags, c.Name)
	}
	if !slices.Contains(tags, "AzureMachineLearning") || !slices.Contains(tags, "Storage.EastUS2") {
		t.Errorf("tag changes %v miss AzureMachineLearning or Storage.EastUS2", tags)
	}
}
