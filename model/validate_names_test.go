package model

import "testing"

func TestValidateNames(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "missing_field/names", yaml: `
vnets:
  - addressSpace: [10.0.0.0/16]
    subnets:
      - addressPrefix: 10.0.1.0/24
    peerings:
      - remoteVirtualNetwork: v
networkSecurityGroups:
  - securityRules:
      - {priority: 100, direction: Inbound, access: Allow, protocol: Tcp}
routeTables:
  - routes:
      - {addressPrefix: 10.1.0.0/16, nextHopType: None}
gateways:
  - {vnet: v, type: Vpn}
appliances:
  - {subnet: v/s, privateIpAddress: 10.0.1.4}
endpoints:
  - {kind: External, addressPrefixes: [203.0.113.0/24]}
intents:
  - {source: "*", destination: "*"}
`, want: []want{
			errAt("missing_field", "addressSpace"),
			errAt("missing_field", "addressPrefix: 10.0.1"),
			errAt("missing_field", "remoteVirtualNetwork"),
			errAt("unknown_reference", "v\n"), // the VNet has no name, so "v" is unknown
			errAt("missing_field", "securityRules"),
			errAt("missing_field", "{priority"),
			errAt("missing_field", "routes"),
			errAt("missing_field", "{addressPrefix"),
			errAt("missing_field", "{vnet"),
			errAt("unknown_reference", "v, type"),
			errAt("missing_field", "{subnet"),
			errAt("unknown_reference", "v/s"),
			errAt("missing_field", "{kind"),
			errAt("missing_field", `{source`),
		}},
		{name: "missing_field/required fields", yaml: `
vnets:
  - name: v
    subnets:
      - name: s
networkSecurityGroups:
  - name: n
    securityRules:
      - name: r
routeTables:
  - name: t
    routes:
      - name: r
gateways:
  - name: g
appliances:
  - name: a
    rules:
      - name: r
endpoints:
  - name: e
  - name: c
    kind: AmlCompute
  - name: x
    kind: External
  - name: st
    kind: StorageAccount
    privateEndpoints:
      - name: pe
intents:
  - name: i
`, want: []want{
			errAt("missing_field", "name: v"),   // addressSpace
			errAt("missing_field", "name: s"),   // addressPrefix
			errAt("missing_field", "name: r"),   // priority
			errAt("missing_field", "name: r"),   // direction
			errAt("missing_field", "name: r"),   // access
			errAt("missing_field", "name: r"),   // protocol
			errAt("missing_field", "name: r#2"), // addressPrefix
			errAt("missing_field", "name: r#2"), // nextHopType
			errAt("missing_field", "name: g"),   // vnet
			errAt("missing_field", "name: g"),   // type
			errAt("missing_field", "name: a"),   // subnet
			errAt("missing_field", "name: a"),   // privateIpAddress
			errAt("missing_field", "name: r#3"), // priority
			errAt("missing_field", "name: r#3"), // access
			errAt("missing_field", "name: r#3"), // protocol
			errAt("missing_field", "name: e"),   // kind
			errAt("missing_field", "name: c"),   // subnet
			errAt("missing_field", "name: x"),   // addressPrefixes
			errAt("missing_field", "name: pe"),  // subnet
			errAt("missing_field", "name: pe"),  // privateIpAddress
			errAt("missing_field", "name: i"),   // source
			errAt("missing_field", "name: i"),   // destination
		}},
		{name: "missing_field/empty value", yaml: oneVNet + `
routeTables:
  - name: ""
`, want: []want{errAt("missing_field", `""`)}},

		{name: "duplicate_name/per kind", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24}
      - {name: s, addressPrefix: 10.0.2.0/24}
  - name: v
    addressSpace: [10.1.0.0/16]
networkSecurityGroups:
  - name: n
    securityRules:
      - {name: r, priority: 100, direction: Inbound, access: Allow, protocol: Tcp}
      - {name: r, priority: 101, direction: Inbound, access: Allow, protocol: Tcp}
  - name: n
routeTables:
  - name: t
    routes:
      - {name: r, addressPrefix: 10.2.0.0/16, nextHopType: None}
      - {name: r, addressPrefix: 10.3.0.0/16, nextHopType: None}
endpoints:
  - {name: e, kind: External, addressPrefixes: [203.0.113.0/24]}
  - {name: e, kind: External, addressPrefixes: [203.0.113.0/24]}
intents:
  - {name: i, source: e, destination: "*"}
  - {name: i, source: e, destination: "*"}
`, want: []want{
			errAt("duplicate_name", "s, addressPrefix: 10.0.2"),
			errAt("duplicate_name", "v\n    addressSpace: [10.1"),
			errAt("duplicate_name", "r, priority: 101"),
			errAt("duplicate_name", "n\nrouteTables"),
			errAt("duplicate_name", "r, addressPrefix: 10.3"),
			errAt("duplicate_name", "e, kind#2"),
			errAt("duplicate_name", "i, source#2"),
		}},
		{name: "duplicate_name/peerings and appliance rules", yaml: `
vnets:
  - name: a
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
    peerings:
      - {name: p, remoteVirtualNetwork: b}
      - {name: p, remoteVirtualNetwork: b}
  - name: b
    addressSpace: [10.1.0.0/16]
    peerings: [{name: p, remoteVirtualNetwork: a}]
appliances:
  - name: fw
    subnet: a/s
    privateIpAddress: 10.0.1.4
    rules:
      - {name: r, priority: 100, access: Allow, protocol: Tcp}
      - {name: r, priority: 200, access: Allow, protocol: Tcp}
`, want: []want{
			errAt("duplicate_name", "p, remoteVirtualNetwork: b#2"),
			errAt("duplicate_name", "r, priority: 200"),
		}},
		{name: "duplicate_name/clean: same subnet name in two vnets", yaml: `
vnets:
  - name: a
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
  - name: b
    addressSpace: [10.1.0.0/16]
    subnets: [{name: s, addressPrefix: 10.1.1.0/24}]
networkSecurityGroups:
  - name: s
`},
		{name: "bad_name", yaml: `
vnets:
  - name: "hub/spoke"
    addressSpace: [10.0.0.0/16]
networkSecurityGroups:
  - name: "nsg:1"
  - name: "my nsg"
`, want: []want{
			errAt("bad_name", `"hub/spoke"`),
			errAt("bad_name", `"nsg:1"`),
			errAt("bad_name", `"my nsg"`),
		}},
	})
}
