package model

import "testing"

// The format of the 2026 Azure elements (azure-semantics.md §8, §10-§14).

func TestValidateEgress(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "clean: a private subnet with a NAT gateway", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24, defaultOutboundAccess: false, natGateway: nat}
natGateways:
  - {name: nat, publicIpAddresses: [20.9.9.9], publicIpPrefixes: [20.9.10.0/31]}
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, publicIpAddress: 20.1.2.3, publicIpSku: Standard}
`},
		{name: "nat gateway: unknown, no address, private address", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24, natGateway: natt}
natGateways:
  - {name: nat}
  - {name: nat2, publicIpAddresses: [10.9.9.9], publicIpPrefixes: [192.168.0.0/24]}
`, want: []want{
			errAt("unknown_reference", "natt"),
			errAt("missing_field", "{name: nat}"),
			errAt("not_public", "10.9.9.9"),
			errAt("not_public", "192.168.0.0/24"),
		}},
		// §10: "Virtual networks created ... have private subnets".
		{name: "default_outbound_access: warned where a node relies on it", yaml: oneVNet + `
  - name: w
    addressSpace: [10.1.0.0/16]
    subnets:
      - {name: empty, addressPrefix: 10.1.1.0/24}
      - {name: pip, addressPrefix: 10.1.2.0/24}
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s}
  - {name: vm, kind: VirtualMachine, subnet: w/pip, publicIpAddress: 20.1.2.3}
  - {name: aks, kind: AksCluster, subnet: w/pip}
`, want: []want{warnAt("default_outbound_access", "name: s")}},
		{name: "default_outbound_access: a default route to an appliance is explicit", yaml: oneVNet + `
routeTables:
  - name: rt
    routes: [{name: d, addressPrefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHopIpAddress: 10.0.1.4}]
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s}
`, want: nil},
		{name: "basic sku retired; AKS outbound types", yaml: oneVNet + `
endpoints:
  - {name: c, kind: VirtualMachine, subnet: v/s, publicIpAddress: 20.1.2.3, publicIpSku: Basic}
  - {name: a, kind: AksCluster, subnet: v/s, outboundType: userDefinedRouting}
  - {name: b, kind: AksCluster, subnet: v/s, outboundType: userAssignedNATGateway}
  - {name: m, kind: AksCluster, subnet: v/s, outboundType: managedNATGateway}
`, want: []want{
			warnAt("basic_sku_retired", "Basic"),
			errAt("aks_udr_without_default_route", "userDefinedRouting"),
			errAt("aks_nat_without_gateway", "userAssignedNATGateway"),
			warnAt("aks_managed_nat", "managedNATGateway"),
		}},
	})
}

func TestValidateLoadBalancers(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "clean: public and internal frontends, every rule kind", yaml: oneVNet + `
endpoints:
  - {name: web, kind: VirtualMachine, subnet: v/s, nodeCount: 2}
loadBalancers:
  - name: lb
    frontendIPConfigurations:
      - {name: pub, publicIpAddress: 20.1.1.1}
      - {name: int, privateIpAddress: 10.0.1.200, subnet: v/s}
    backendAddressPools: [{name: be, members: [web]}]
    probes: [{name: p, protocol: Http, port: 80, requestPath: /}]
    loadBalancingRules:
      - {name: http, frontend: pub, backendPool: be, protocol: Tcp, frontendPort: 80, backendPort: 80, probe: p}
      - {name: ha, frontend: int, backendPool: be, protocol: All, frontendPort: 0, backendPort: 0, probe: p}
    inboundNatRules: [{name: ssh, frontend: pub, protocol: Tcp, frontendPort: 50001, backendPort: 22, target: web}]
    outboundRules: [{name: out, frontends: [pub], backendPool: be}]
`},
		{name: "references, ports and frontends", yaml: oneVNet + `
endpoints:
  - {name: web, kind: VirtualMachine, subnet: v/s}
  - {name: st, kind: StorageAccount}
loadBalancers:
  - name: lb
    sku: Basic
    frontendIPConfigurations:
      - {name: pub, publicIpAddress: 20.1.1.1, subnet: v/s}
      - {name: pub2, publicIpAddress: 20.1.1.2}
      - {name: int, privateIpAddress: 10.0.1.200, subnet: v/s}
    backendAddressPools: [{name: be, members: [web, st, nope]}]
    probes: [{name: p, protocol: Tcp}]
    loadBalancingRules:
      - {name: a, frontend: pubb, backendPool: bee, protocol: Tcp, frontendPort: 80, backendPort: 80, probe: q}
      - {name: ha, frontend: pub2, backendPool: be, protocol: All, frontendPort: 0, backendPort: 0}
      - {name: big, frontend: int, backendPool: be, protocol: Udp, frontendPort: 70000, backendPort: 53}
      - {name: dup, frontend: pub2, backendPool: be, protocol: All, frontendPort: 0, backendPort: 0}
    inboundNatRules: [{name: n, frontend: int, protocol: Tcp, frontendPort: 22, backendPort: 22, target: st}]
    outboundRules: [{name: o, frontends: [int], backendPool: be}]
`, want: []want{
			warnAt("basic_sku_retired", "Basic"),
			errAt("lb_frontend", "20.1.1.1"),
			errAt("lb_member_kind", "st, nope"),
			errAt("unknown_reference", "nope"),
			errAt("missing_field", "{name: p, protocol: Tcp}"),
			errAt("unknown_reference", "pubb"),
			errAt("unknown_reference", "bee"),
			errAt("unknown_reference", "q}"),
			errAt("lb_ha_ports", "All"),
			errAt("bad_port", "70000"),
			errAt("lb_ha_ports", "All#2"),
			errAt("lb_port_in_use", "0, backendPort: 0}#2"),
			errAt("lb_member_kind", "st}"),
			errAt("lb_outbound_frontend", "int]"),
		}},
	})
}

func TestValidateAzureFirewall(t *testing.T) {
	const hub = `vnets:
  - name: hub
    addressSpace: [10.1.0.0/16]
    subnets:
      - {name: AzureFirewallSubnet, addressPrefix: 10.1.0.0/26}
      - {name: small, addressPrefix: 10.1.1.0/27}
`
	runValidateCases(t, []validateCase{
		{name: "clean: every rule kind", yaml: hub + `
serviceTags:
  inline: {Storage.EastUS2: [20.38.96.0/19]}
appliances:
  - name: fw
    kind: AzureFirewall
    subnet: hub/AzureFirewallSubnet
    privateIpAddress: 10.1.0.4
    publicIpAddresses: [20.99.1.7]
    snat: {privateRanges: [IANAPrivateRanges, 20.0.0.0/8]}
    ruleCollectionGroups:
      - name: g
        priority: 100
        ruleCollections:
          - name: dnat
            priority: 100
            kind: Dnat
            rules: [{name: ssh, ipProtocols: [TCP], sourceAddresses: ["*"], destinationAddresses: [20.99.1.7], destinationPorts: ["2222"], translatedAddress: 10.0.1.4, translatedPort: "22"}]
          - name: net
            priority: 200
            kind: Network
            action: Allow
            rules: [{name: st, ipProtocols: [TCP], sourceAddresses: [10.0.0.0/16], destinationAddresses: [Storage.EastUS2], destinationPorts: ["443"]}]
          - name: app
            priority: 300
            kind: Application
            action: Allow
            rules: [{name: web, sourceAddresses: ["*"], protocols: ["Https:443"], targetFqdns: ["*.blob.core.windows.net"], fqdnTags: [AzureKubernetesService]}]
`},
		{name: "kind fields, subnet, rules", yaml: hub + `
appliances:
  - name: fw
    kind: AzureFirewall
    subnet: hub/small
    privateIpAddress: 10.1.1.4
    enableIpForwarding: true
    snat: {publicIpAddress: 20.1.1.1}
    ruleCollectionGroups:
      - name: g
        priority: 100
        ruleCollections:
          - {name: d, priority: 100, kind: Dnat, action: Allow, rules: [{name: r, ipProtocols: [TCP], destinationAddresses: [20.1.1.1], destinationPorts: ["1-2"], translatedAddress: 10.0.1.4, translatedPort: "99999"}]}
          - {name: n, priority: 100, kind: Network, rules: [{name: r, ipProtocols: [SCTP], destinationPorts: ["443"], targetFqdns: [x.com]}]}
          - {name: a, priority: 300, kind: Application, action: Deny, rules: [{name: r, protocols: ["Ftp:21"], fqdnTags: [WindowsUpdat, WindowsUpdate]}]}
  - name: nva
    subnet: hub/small
    privateIpAddress: 10.1.1.5
    ruleCollectionGroups: []
`, want: []want{
			errAt("firewall_subnet", "hub/small"),
			errAt("missing_field", "name: fw"),
			errAt("field_not_for_kind", "true"),
			errAt("field_not_for_kind", "20.1.1.1}"),
			errAt("field_not_for_kind", "Allow"),
			errAt("dnat_destination", "20.1.1.1]"),
			errAt("bad_port", `"1-2"`),
			errAt("bad_port", `"99999"`),
			errAt("missing_field", "{name: n, priority: 100"),
			errAt("duplicate_priority", "100, kind: Network"),
			errAt("bad_enum", "SCTP"),
			errAt("missing_field", "{name: r, ipProtocols: [SCTP]"),
			errAt("field_not_for_kind", "[x.com]"),
			errAt("bad_app_protocol", `"Ftp:21"`),
			errAt("bad_fqdn_tag", "WindowsUpdat,"),
			warnAt("fqdn_tag_unknown_names", "WindowsUpdate]"),
			errAt("field_not_for_kind", "[]\n"),
		}},
	})
}

func TestValidatePrivateDNS(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "zones, links, groups and DNS servers", yaml: oneVNet + `
    dhcpOptions: {dnsServers: [10.0.1.4, not-an-ip]}
privateDnsZones:
  - {name: privatelink.blob.core.windows.net, virtualNetworkLinks: [v, w]}
  - {name: "bad zone"}
endpoints:
  - name: st
    kind: StorageAccount
    publicNetworkAccess: Disabled
    fqdns: [st.blob.core.windows.net]
    privateEndpoints:
      - {subnet: v/s, privateIpAddress: 10.0.1.5, privateDnsZones: [privatelink.blob.core.windows.net]}
      - {subnet: v/s, privateIpAddress: 10.0.1.6, groupId: vault, privateDnsZones: [privatelink.azurecr.io]}
`, want: []want{
			errAt("bad_prefix", "not-an-ip"),
			errAt("unknown_reference", "w]"),
			errAt("bad_dns_name", `"bad zone"`),
			errAt("bad_name", `"bad zone"`),
			errAt("bad_group_id", "vault"),
			errAt("unknown_reference", "privatelink.azurecr.io"),
		}},
	})
}

// §15: what vnetsim does not model is named, never dropped.
func TestValidateNotModelled(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "a warning for each, the type required", yaml: oneVNet + `
notModelled:
  - {name: hub, type: Microsoft.Network/virtualHubs, note: "routing intent sends 0.0.0.0/0 to the hub firewall"}
  - {type: Microsoft.Network/serviceEndpointPolicies}
  - {name: nothing}
`, want: []want{
			warnAt("not_modelled", "Microsoft.Network/virtualHubs"),
			warnAt("not_modelled", "Microsoft.Network/serviceEndpointPolicies"),
			errAt("missing_field", "{name: nothing}"),
		}},
	})
}
