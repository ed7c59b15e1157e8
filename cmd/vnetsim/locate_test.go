package main

import (
	"os"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model"
)

// TestLocateRef places every kind of ref at the YAML that defines its
// element; the want column is a text found once in testdata/locate.yaml,
// with | where the ref must resolve to.
func TestLocateRef(t *testing.T) {
	const file = "testdata/locate.yaml"
	topo, diags := model.Load(file)
	if topo == nil {
		t.Fatal(diags)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	at := func(t *testing.T, marked string) model.Pos {
		text, needle := string(data), strings.Replace(marked, "|", "", 1)
		i := strings.Index(text, needle)
		if i < 0 || strings.Count(text, needle) != 1 {
			t.Fatalf("%q is not in %s exactly once", needle, file)
		}
		i += strings.Index(marked, "|")
		line := strings.Count(text[:i], "\n") + 1
		return model.Pos{File: file, Line: line, Col: i - strings.LastIndex(text[:i], "\n")}
	}
	for _, tc := range []struct{ ref, want string }{
		{"nsg:web-nsg:allow-https", "|allow-https"},
		{"nsg:web-nsg:DenyAllInBound", "- name: |web-nsg"}, // a default rule: its NSG
		{"route:web-rt:to-nva", "|to-nva"},
		{"system:spoke/web-subnet:10.2.0.0/16", "- name: |web-subnet"},
		{"bgp:hub-vpn:192.168.0.0/16", "|[192.168.0.0/16]"},
		{"appliance:nva:let-web", "|let-web"},
		{"appliance:nva:default", "|Deny\n    rules"},
		{"appliance:azfw:grp/coll/fw-rule", "|fw-rule"},
		{"appliance:azfw:grp/coll", "- name: |coll"},
		{"firewall:st", "firewall:\n      |defaultAction"},
		{"peering:spoke:spoke-to-hub", "|spoke-to-hub"},
		{"subnet:spoke/web-subnet", "- name: |web-subnet"},
		{"natgateway:web-nat", "{name: |web-nat"},
		{"loadbalancer:web-lb:web-front", "{name: |web-front"},
		{"loadbalancer:web-lb:web-https", "|web-https"},
		{"loadbalancer:web-lb:web-probe", "{name: |web-probe"},
		{"publicip:20.1.2.3", "|20.1.2.3"},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			got, ok := locateRef(topo, tc.ref)
			if want := at(t, tc.want); !ok || got != want {
				t.Errorf("locateRef(%q) = %v, %v; want %v", tc.ref, got, ok, want)
			}
		})
	}
	for _, ref := range []string{"", "nsg:nope:x", "route:nope:x", "quux:a:b", "peering:nope:x"} {
		if pos, ok := locateRef(topo, ref); ok {
			t.Errorf("locateRef(%q) = %v, want not found", ref, pos)
		}
	}
}
