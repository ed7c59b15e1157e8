package azure_test

import (
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure"
	"github.com/vnetsim/vnetsim/sim"
)

// The REST API examples of a NIC's effective routes and effective security
// rules are Azure's own outputs. The network they describe (the VNet's
// address space, the NSG's rules, implied by the outputs) is in
// testdata/effective; imported with the example NIC, vnetsim must compute
// the same routes and rules.

func samplesDir(t *testing.T) string {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", "azure-samples", "rest-api", "network"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is not here", dir)
	}
	return dir
}

// compile imports files and compiles the topology.
func compile(t *testing.T, files ...string) *sim.Network {
	t.Helper()
	var ins []azure.Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, azure.Input{Name: f, Data: data})
	}
	res, err := azure.Import(ins, azure.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.WriteYAML(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	top, diags := model.Load(path)
	if top == nil {
		t.Fatalf("%v", diags)
	}
	n, err := sim.Compile(top)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// azureBody is a REST API example's 200 response body.
func azureBody[T any](t *testing.T, file string) T {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Responses map[string]struct {
			Body T `json:"body"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Responses["200"].Body
}

func TestEffectiveRoutesMatchAzure(t *testing.T) {
	dir := samplesDir(t)
	n := compile(t, filepath.Join(dir, "network-interface-get.json"), filepath.Join("testdata", "effective", "rg1.json"))
	type route struct {
		Source, State, NextHopType string
		AddressPrefix              []string
		NextHopIPAddress           []string `json:"nextHopIpAddress"`
	}
	want := azureBody[struct{ Value []route }](t, filepath.Join(dir, "nic-effective-route-table-list.json")).Value
	entries, ok := n.EffectiveRoutes("rg1-vnet/default")
	if !ok {
		t.Fatal("no subnet rg1-vnet/default")
	}
	var got []route
	for _, e := range entries {
		r := route{Source: e.Source, State: e.State, NextHopType: string(e.NextHopType), NextHopIPAddress: []string{}}
		for _, p := range e.Prefixes {
			r.AddressPrefix = append(r.AddressPrefix, p.String())
		}
		if e.NextHopIP != "" {
			r.NextHopIPAddress = []string{e.NextHopIP}
		}
		got = append(got, r)
	}
	key := func(r route) string {
		return strings.Join([]string{r.Source, r.State, r.NextHopType, strings.Join(r.AddressPrefix, ","), strings.Join(r.NextHopIPAddress, ",")}, " ")
	}
	g, w := mapKeys(got, key), mapKeys(want, key)
	if !slices.Equal(g, w) {
		t.Errorf("effective routes:\n%s\nAzure's:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

func mapKeys[T any](list []T, key func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = key(x)
	}
	slices.Sort(out)
	return out
}

func TestEffectiveRulesMatchAzure(t *testing.T) {
	dir := samplesDir(t)
	n := compile(t, filepath.Join("testdata", "effective", "rg1.json"))
	type rule struct {
		Name, Protocol, Access, Direction             string
		SourcePortRange, DestinationPortRange         string
		SourceAddressPrefix, DestinationAddressPrefix string
		Priority                                      int
		ExpandedDestinationAddressPrefix              []string
	}
	type group struct {
		NetworkSecurityGroup   struct{ ID string }
		Association            map[string]struct{ ID string }
		EffectiveSecurityRules []rule
	}
	groups := azureBody[struct{ Value []group }](t, filepath.Join(dir, "nic-effective-nsg-list.json")).Value
	in, out, err := n.EffectiveRules("nic1", "", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		nsg := g.NetworkSecurityGroup.ID[strings.LastIndexByte(g.NetworkSecurityGroup.ID, '/')+1:]
		// Azure associates test-nsg with both the subnet and the NIC; vnetsim
		// evaluates it at both levels.
		for _, level := range []string{"subnet", "nic"} {
			if _, ok := g.Association[map[string]string{"subnet": "subnet", "nic": "networkInterface"}[level]]; !ok {
				t.Errorf("Azure's example no longer associates %s at the %s level", nsg, level)
			}
		}
		for _, want := range g.EffectiveSecurityRules {
			levels := in
			if want.Direction == "Outbound" {
				levels = out
			}
			for _, l := range levels {
				if l.NSG != nsg {
					t.Errorf("%s rules come from %s, not %s", want.Direction, l.NSG, nsg)
					continue
				}
				name := want.Name[strings.IndexByte(want.Name, '/')+1:]
				i := slices.IndexFunc(l.Rules, func(r sim.EffectiveRule) bool { return r.Name == name })
				if i < 0 {
					t.Errorf("%s level: no rule %s", l.Level, name)
					continue
				}
				got := l.Rules[i]
				if got.Priority != want.Priority || string(got.Access) != want.Access || azureProtocol(got.Protocol) != want.Protocol ||
					azurePorts(got.SourcePorts) != want.SourcePortRange || azurePorts(got.DestinationPorts) != want.DestinationPortRange ||
					azurePrefix(got.Sources) != want.SourceAddressPrefix || azurePrefix(got.Destinations) != want.DestinationAddressPrefix {
					t.Errorf("%s level: rule %s is %+v; Azure's is %+v", l.Level, name, got, want)
				}
				// Azure's example lists some of the Internet's prefixes; each
				// is in vnetsim's expansion.
				for _, p := range want.ExpandedDestinationAddressPrefix {
					pfx := netip.MustParsePrefix(p)
					if !slices.ContainsFunc(got.DestinationPrefixes, func(q netip.Prefix) bool { return q.Bits() <= pfx.Bits() && q.Contains(pfx.Addr()) }) {
						t.Errorf("%s level: rule %s: Azure's %s is not in vnetsim's expansion %v", l.Level, name, p, got.DestinationPrefixes)
					}
				}
			}
		}
	}
}

// azureProtocol, azurePorts and azurePrefix write a rule's fields as the
// effective-rules API does: All for *, ranges as lo-hi, * as 0.0.0.0/0.
func azureProtocol(p model.Protocol) string {
	if p == "*" {
		return "All"
	}
	return string(p)
}

func azurePorts(ports []string) string {
	if len(ports) != 1 {
		return strings.Join(ports, ",")
	}
	switch p := ports[0]; {
	case p == "*":
		return "0-65535"
	case !strings.Contains(p, "-"):
		return p + "-" + p
	default:
		return p
	}
}

func azurePrefix(prefixes []string) string {
	if len(prefixes) == 1 && prefixes[0] == "*" {
		return "0.0.0.0/0"
	}
	return strings.Join(prefixes, ",")
}
