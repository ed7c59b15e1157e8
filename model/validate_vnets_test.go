package model

import "testing"

func TestValidateVNets(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "bad_prefix/address space and subnets", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16, 10.1.0.1/16, "fd00::/8", nonsense.0/8, ""]
    subnets:
      - {name: a, addressPrefix: 10.0.1.5/24}
      - {name: b, addressPrefix: 10.0.300.0/24}
      - {name: c, addressPrefix: 10.0.2.0/33}
`, want: []want{
			errAt("bad_prefix", "10.1.0.1/16"),
			errAt("bad_prefix", `"fd00::/8"`),
			errAt("bad_prefix", "nonsense.0/8"),
			errAt("bad_prefix", `""`),
			errAt("bad_prefix", "10.0.1.5/24"),
			errAt("bad_prefix", "10.0.300.0/24"),
			errAt("bad_prefix", "10.0.2.0/33"),
		}},
		{name: "bad_prefix/inline service tags", yaml: `
serviceTags:
  inline:
    Storage.EastUS2: [20.38.96.0/19, 20.38.96.1/19]
    Sql: [x]
`, want: []want{
			errAt("bad_prefix", "20.38.96.1/19"),
			errAt("bad_prefix", "x]"),
		}},
		{name: "subnet_outside_vnet", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16, 10.2.0.0/24]
    subnets:
      - {name: in, addressPrefix: 10.2.0.0/24}
      - {name: out, addressPrefix: 10.1.0.0/24}
      - {name: wider, addressPrefix: 10.2.0.0/23}
`, want: []want{
			errAt("subnet_outside_vnet", "10.1.0.0/24"),
			errAt("subnet_outside_vnet", "10.2.0.0/23"),
			errAt("overlapping_subnets", "10.2.0.0/23"),
		}},
		{name: "overlapping_subnets", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: a, addressPrefix: 10.0.0.0/22}
      - {name: b, addressPrefix: 10.0.4.0/24}
      - {name: c, addressPrefix: 10.0.2.0/24}
      - {name: d, addressPrefix: 10.0.4.0/24}
`, want: []want{
			errAt("overlapping_subnets", "10.0.2.0/24"),
			errAt("overlapping_subnets", "10.0.4.0/24#2"),
		}},
		{name: "overlapping_subnets/clean: adjacent, and same prefix in two vnets", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: a, addressPrefix: 10.0.0.0/24}
      - {name: b, addressPrefix: 10.0.1.0/24}
  - name: w
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: a, addressPrefix: 10.0.0.0/24}
`},
		{name: "overlapping_address_space", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16, 10.0.128.0/17]
`, want: []want{errAt("overlapping_address_space", "10.0.128.0/17")}},
		{name: "subnet_too_small", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: ok, addressPrefix: 10.0.0.0/29}
      - {name: small, addressPrefix: 10.0.0.8/30}
      - {name: host, addressPrefix: 10.0.0.16}
`, want: []want{
			errAt("subnet_too_small", "10.0.0.8/30"),
			errAt("subnet_too_small", "10.0.0.16}"),
		}},
		{name: "bad_service_endpoint", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - name: s
        addressPrefix: 10.0.1.0/24
        serviceEndpoints: [Microsoft.Storage, microsoft.keyvault, Microsoft.Nope]
`, want: []want{
			errAt("bad_service_endpoint", "microsoft.keyvault"),
			errAt("bad_service_endpoint", "Microsoft.Nope"),
		}},
		{name: "unknown_reference/subnet nsg and route table", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24, networkSecurityGroup: nsg-a, routeTable: rt-b}
networkSecurityGroups: [{name: nsg-1}]
routeTables: [{name: rt-1}]
`, want: []want{
			errAt("unknown_reference", "nsg-a"),
			errAt("unknown_reference", "rt-b"),
		}},

		{name: "one_sided_peering", yaml: `
vnets:
  - name: a
    addressSpace: [10.0.0.0/16]
    peerings: [{name: a-to-b, remoteVirtualNetwork: b}]
  - name: b
    addressSpace: [10.1.0.0/16]
`, want: []want{warnAt("one_sided_peering", "b}")}},
		{name: "one_sided_peering/clean: both sides", yaml: `
vnets:
  - name: a
    addressSpace: [10.0.0.0/16]
    peerings: [{name: a-to-b, remoteVirtualNetwork: b}]
  - name: b
    addressSpace: [10.1.0.0/16]
    peerings: [{name: b-to-a, remoteVirtualNetwork: a}]
`},
		{name: "overlapping_peered_spaces/reported once for both sides", yaml: `
vnets:
  - name: a
    addressSpace: [10.0.0.0/16]
    peerings: [{name: a-to-b, remoteVirtualNetwork: b}]
  - name: b
    addressSpace: [10.1.0.0/16, 10.0.128.0/24]
    peerings: [{name: b-to-a, remoteVirtualNetwork: a}]
`, want: []want{errAt("overlapping_peered_spaces", "b}")}},
		{name: "unknown_reference/peering and self_peering", yaml: `
vnets:
  - name: hub
    addressSpace: [10.0.0.0/16]
    peerings:
      - {name: p1, remoteVirtualNetwork: hbu}
      - {name: p2, remoteVirtualNetwork: hub}
`, want: []want{
			errAt("unknown_reference", "hbu"),
			errAt("self_peering", "hub}"),
		}},
	})
}
