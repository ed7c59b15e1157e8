package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestValidateRules(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "priority_range", yaml: `
networkSecurityGroups:
  - name: n
    securityRules:
      - {name: low, priority: 99, direction: Inbound, access: Allow, protocol: Tcp}
      - {name: min, priority: 100, direction: Inbound, access: Allow, protocol: Tcp}
      - {name: max, priority: 4096, direction: Inbound, access: Allow, protocol: Tcp}
      - {name: high, priority: 4097, direction: Inbound, access: Allow, protocol: Tcp}
`, want: []want{errAt("priority_range", "99"), errAt("priority_range", "4097")}},
		{name: "duplicate_priority/same direction", yaml: `
networkSecurityGroups:
  - name: n
    securityRules:
      - {name: a, priority: 100, direction: Inbound, access: Allow, protocol: Tcp}
      - {name: b, priority: 100, direction: Outbound, access: Allow, protocol: Tcp}
      - {name: c, priority: 100, direction: Inbound, access: Deny, protocol: Udp}
  - name: m
    securityRules:
      - {name: a, priority: 100, direction: Inbound, access: Allow, protocol: Tcp}
`, want: []want{errAt("duplicate_priority", "100#3")}},
		{name: "duplicate_priority/appliance", yaml: oneVNet + `
appliances:
  - name: fw
    subnet: v/s
    privateIpAddress: 10.0.1.4
    rules:
      - {name: a, priority: 200, access: Allow, protocol: Tcp}
      - {name: b, priority: 200, access: Deny, protocol: Tcp}
      - {name: c, priority: 70000, access: Deny, protocol: Tcp}
`, want: []want{errAt("duplicate_priority", "200#2"), errAt("priority_range", "70000")}},
		{name: "singular_and_plural", yaml: `
networkSecurityGroups:
  - name: n
    securityRules:
      - name: r
        priority: 100
        direction: Inbound
        access: Allow
        protocol: Tcp
        sourceAddressPrefix: 10.0.0.0/8
        sourceAddressPrefixes: [10.1.0.0/16]
        sourcePortRange: "*"
        sourcePortRanges: ["1024-65535"]
        destinationAddressPrefix: "*"
        destinationAddressPrefixes: ["*"]
        destinationPortRange: "443"
        destinationPortRanges: ["443"]
`, want: []want{
			errAt("singular_and_plural", "[10.1.0.0/16]"),
			errAt("singular_and_plural", `["1024-65535"]`),
			errAt("singular_and_plural", `["*"]`),
			errAt("singular_and_plural", `["443"]`),
		}},
		{name: "bad_prefix and bad_port in rules", yaml: `
networkSecurityGroups:
  - name: n
    securityRules:
      - name: r
        priority: 100
        direction: Inbound
        access: Allow
        protocol: Tcp
        sourceAddressPrefixes: [10.0.0.1/8, v/s, ""]
        destinationAddressPrefix: "2001:db8::/32"
        sourcePortRanges: ["70000", "20-10", http]
        destinationPortRange: "1-2-3"
`, want: []want{
			errAt("bad_prefix", "10.0.0.1/8"),
			errAt("bad_prefix", "v/s"),
			errAt("bad_prefix", `""`),
			errAt("bad_prefix", `"2001:db8::/32"`),
			errAt("bad_port", `"70000"`),
			errAt("bad_port", `"20-10"`),
			errAt("bad_port", "http"),
			errAt("bad_port", `"1-2-3"`),
		}},
		{name: "unknown_reference/application security groups", yaml: oneVNet + `
networkSecurityGroups:
  - name: n
    securityRules:
      - name: r
        priority: 100
        direction: Inbound
        access: Allow
        protocol: Tcp
        sourceApplicationSecurityGroups: [workers]
        destinationApplicationSecurityGroups: [wrokers]
endpoints:
  - {name: vm, kind: VirtualMachine, subnet: v/s, applicationSecurityGroups: [workers]}
`, want: []want{errAt("unknown_reference", "wrokers")}},
		{name: "undefined_tag/in rules", yaml: `
serviceTags:
  inline:
    Storage.EastUS2: [20.38.96.0/19]
networkSecurityGroups:
  - name: n
    securityRules:
      - name: r
        priority: 100
        direction: Outbound
        access: Allow
        protocol: Tcp
        sourceAddressPrefix: VirtualNetwork
        destinationAddressPrefixes: [Storage.WestUS, Storage, storage.east us 2, Internet, AzureLoadBalancer, Sql]
`, want: []want{
			errAt("undefined_tag", "Storage.WestUS"),
			errAt("undefined_tag", "Sql"),
		}},
		{name: "undefined_tag/no serviceTags at all", yaml: `
networkSecurityGroups:
  - name: n
    securityRules:
      - {name: r, priority: 100, direction: Inbound, access: Allow, protocol: Tcp, sourceAddressPrefix: AzureMachineLearning}
`, want: []want{errAt("undefined_tag", "AzureMachineLearning")}},
	})
}

func TestValidateRoutes(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "next_hop_ip", yaml: `
routeTables:
  - name: t
    routes:
      - {name: nva, addressPrefix: 10.1.0.0/16, nextHopType: VirtualAppliance, nextHopIpAddress: 10.0.1.4}
      - {name: missing, addressPrefix: 10.2.0.0/16, nextHopType: VirtualAppliance}
      - {name: extra, addressPrefix: 10.3.0.0/16, nextHopType: Internet, nextHopIpAddress: 10.0.1.4}
      - {name: bad, addressPrefix: 10.4.0.0/16, nextHopType: VirtualAppliance, nextHopIpAddress: 10.0.1.0/24}
`, want: []want{
			errAt("next_hop_ip", "VirtualAppliance}"),
			errAt("next_hop_ip", "10.0.1.4}#2"),
			errAt("bad_prefix", "10.0.1.0/24"),
		}},
		{name: "tag_not_allowed_in_route", yaml: `
routeTables:
  - name: t
    routes:
      - {name: a, addressPrefix: VirtualNetwork, nextHopType: None}
      - {name: b, addressPrefix: azureloadbalancer, nextHopType: None}
      - {name: c, addressPrefix: Internet, nextHopType: None}
      - {name: d, addressPrefix: "*", nextHopType: None}
`, want: []want{
			errAt("tag_not_allowed_in_route", "VirtualNetwork"),
			errAt("tag_not_allowed_in_route", "azureloadbalancer"),
			errAt("tag_not_allowed_in_route", "Internet"),
			errAt("bad_prefix", `"*"`),
		}},
		{name: "undefined_tag/in routes", yaml: `
serviceTags:
  inline:
    BatchNodeManagement.EastUS2: [20.36.0.0/27]
routeTables:
  - name: t
    routes:
      - {name: a, addressPrefix: BatchNodeManagement.EastUS2, nextHopType: Internet}
      - {name: b, addressPrefix: BatchNodeManagement.EastUS, nextHopType: Internet}
`, want: []want{errAt("undefined_tag", "BatchNodeManagement.EastUS,")}},
		{name: "too_many_tag_routes", yaml: tagRoutes(26), want: []want{warnAt("too_many_tag_routes", "Tag25.EastUS2,")}},
		{name: "too_many_tag_routes/clean: 25", yaml: tagRoutes(25)},
	})
}

// tagRoutes is a route table with n routes whose addressPrefix is a tag.
func tagRoutes(n int) string {
	var tags, routes strings.Builder
	for i := range n {
		fmt.Fprintf(&tags, "    Tag%d.EastUS2: [20.%d.0.0/16]\n", i, i)
		fmt.Fprintf(&routes, "      - {name: r%d, addressPrefix: Tag%d.EastUS2, nextHopType: Internet}\n", i, i)
	}
	return "serviceTags:\n  inline:\n" + tags.String() + "routeTables:\n  - name: t\n    routes:\n" + routes.String()
}

func TestValidateDefaultRouteExposure(t *testing.T) {
	const topo = `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24, networkSecurityGroup: n, routeTable: t}
routeTables:
  - name: t
    routes:
      - {name: default, addressPrefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHopIpAddress: 10.0.1.4}
networkSecurityGroups:
  - name: n
    securityRules:
`
	runValidateCases(t, []validateCase{
		{name: "default_route_vnet_inbound", yaml: topo + `
      - {name: ssh, priority: 100, direction: Inbound, access: Deny, protocol: Tcp, sourceAddressPrefix: Internet, destinationPortRange: "22"}
      - {name: out, priority: 200, direction: Outbound, access: Deny, protocol: "*", sourceAddressPrefix: "*"}
`, want: []want{warnAt("default_route_vnet_inbound", "t}")}},
		{name: "default_route_vnet_inbound/clean: deny from Internet", yaml: topo + `
      - {name: deny, priority: 4000, direction: Inbound, access: Deny, protocol: "*", sourceAddressPrefix: Internet}
`},
		{name: "default_route_vnet_inbound/clean: deny from any", yaml: topo + `
      - {name: deny, priority: 4000, direction: Inbound, access: Deny, protocol: Any, sourceAddressPrefixes: ["0.0.0.0/0"], destinationPortRanges: ["*"]}
`},
	})
}

// TestNSGRuleLimit: Azure refuses an NSG of more than 1,000 rules, and so
// does validation, at the first rule past the limit.
func TestNSGRuleLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nnetworkSecurityGroups:\n  - name: big\n    securityRules:\n")
	for i := range 1001 {
		fmt.Fprintf(&b, "      - {name: r%d, priority: %d, direction: %s, access: Allow, protocol: Tcp}\n", i, 100+i/2, []string{"Inbound", "Outbound"}[i%2])
	}
	topo, diags := loadText(b.String())
	if want := []string{"1005:9 nsg_rule_limit"}; topo != nil || !slices.Equal(codes(diags), want) {
		t.Errorf("got %q, want %q", codes(diags), want)
	}
}
