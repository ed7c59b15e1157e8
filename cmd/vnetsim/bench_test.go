package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// The estate benchmarks (issue 13): each command, run in-process as the
// CLI runs it (load, compile, prove, render), beside the plain yaml.v3
// decode of the same file, on `vnetsim gen` estates:
//
//	hs10, hs100         the hub-and-spoke family at gen's default densities
//	hs1000              the same at 1,000 spokes (VNETSIM_BENCH_ESTATES)
//	azure-limits        gen --azure-limits (VNETSIM_BENCH_ESTATES)
//
// VNETSIM_BENCH_ESTATES lists the estates to run, comma-separated (default
// "hs10,hs100"); `make bench-limits` runs them all. Compare each command's
// ns/op with the decode's of the same estate.

// benchEstates are the estates the benchmarks run on.
func benchEstates() []string {
	if s := os.Getenv("VNETSIM_BENCH_ESTATES"); s != "" {
		return strings.Split(s, ",")
	}
	return []string{"hs10", "hs100"}
}

// estateArgs are the `vnetsim gen` flags of an estate.
func estateArgs(name string) ([]string, error) {
	if name == "azure-limits" {
		return []string{"--azure-limits"}, nil
	}
	var spokes int
	if _, err := fmt.Sscanf(name, "hs%d", &spokes); err != nil {
		return nil, fmt.Errorf("estate %q: want hsN or azure-limits", name)
	}
	return []string{"--vnets", fmt.Sprint(spokes)}, nil
}

var estateFiles sync.Map // estate name -> path

// estateFile writes an estate once per process and returns its path.
func estateFile(b *testing.B, name string) string {
	b.Helper()
	if p, ok := estateFiles.Load(name); ok {
		return p.(string)
	}
	args, err := estateArgs(name)
	if err != nil {
		b.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "vnetsim-bench-")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, name+".yaml")
	runCLI(b, append([]string{"gen", "--out", path}, args...)...)
	estateFiles.Store(name, path)
	return path
}

// estatePatches are the one-element changes what-if is measured on: an
// NSG rule and a route of one spoke subnet (local), a rule of the hub's
// firewall and a hub peering (shared).
var estatePatches = []struct{ name, text string }{
	{"nsg-rule", `networkSecurityGroups:
  - name: spoke-000-snet-00-nsg
    securityRules:
      - {name: AllowStorageOutbound, access: Deny}
`},
	{"route", `routeTables:
  - name: spoke-000-snet-00-rt
    routes:
      - {name: azure-machine-learning, nextHopType: None}
`},
	{"hub-firewall-rule", `appliances:
  - name: hub-fw
    rules:
      - {name: allow-spoke-to-spoke, access: Deny}
`},
	{"hub-peering", `vnets:
  - name: hub-vnet
    peerings:
      - {name: hub-to-spoke-000, allowVirtualNetworkAccess: false}
`},
}

// runCLI runs vnetsim with args, output discarded; exit codes 0 and 1
// (an intent failed) are both a completed run.
func runCLI(b *testing.B, args ...string) {
	b.Helper()
	var stderr strings.Builder
	if code := run(args, strings.NewReader(""), io.Discard, &stderr); code > 1 {
		b.Fatalf("vnetsim %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
}

func BenchmarkEstate(b *testing.B) {
	tuneGC() // as main does
	for _, estate := range benchEstates() {
		b.Run(estate, func(b *testing.B) {
			path := estateFile(b, estate)
			b.Run("decode", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					data, err := os.ReadFile(path)
					if err != nil {
						b.Fatal(err)
					}
					var doc yaml.Node
					if err := yaml.Unmarshal(data, &doc); err != nil {
						b.Fatal(err)
					}
				}
			})
			for _, cmd := range [][]string{{"validate"}, {"check"}, {"matrix"}} {
				b.Run(cmd[0], func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						runCLI(b, append(cmd, path)...)
					}
				})
			}
			for _, p := range estatePatches {
				patch := filepath.Join(filepath.Dir(path), p.name+".yaml")
				if err := os.WriteFile(patch, []byte(p.text), 0o644); err != nil {
					b.Fatal(err)
				}
				b.Run("whatif-"+p.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						runCLI(b, "whatif", path, "--patch", patch)
					}
				})
			}
		})
	}
}
