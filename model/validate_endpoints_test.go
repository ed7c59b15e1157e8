package model

import "testing"

func TestValidateEndpoints(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "field_not_for_kind", yaml: oneVNet + `
endpoints:
  - name: c
    kind: AmlCompute
    subnet: v/s
    frontend: Public
    firewall: {defaultAction: Deny}
    addressPrefixes: [203.0.113.0/24]
  - name: vm
    kind: VirtualMachine
    subnet: v/s
    nodeCommunication: Classic
  - name: st
    kind: StorageAccount
    subnet: v/s
    nodeCount: 2
  - name: x
    kind: External
    addressPrefixes: [203.0.113.0/24]
    location: eastus2
`, want: []want{
			errAt("field_not_for_kind", "Public"),
			errAt("field_not_for_kind", "{defaultAction"),
			errAt("field_not_for_kind", "[203.0.113.0/24]"),
			errAt("field_not_for_kind", "Classic"),
			errAt("field_not_for_kind", "v/s#3"),
			errAt("field_not_for_kind", "2\n"),
			errAt("field_not_for_kind", "eastus2"),
		}},
		{name: "field_not_for_kind/clean: every kind with its fields", yaml: oneVNet + `
endpoints:
  - {name: aml, kind: AmlCompute, subnet: v/s, nodeCount: 2, nodeCommunication: Simplified, description: training}
  - {name: batch, kind: BatchPool, subnet: v/s, nodeCommunication: Classic, publicIpAddress: 20.1.2.3}
  - {name: ci, kind: ComputeInstance, subnet: v/s, ipAddresses: [10.0.1.50]}
  - {name: vm, kind: VirtualMachine, subnet: v/s, applicationSecurityGroups: [g]}
  - {name: aks, kind: AksCluster, subnet: v/s, nodeCount: 3}
  - {name: score, kind: AksScoring, subnet: v/s, frontend: Internal, privateIpAddress: 10.0.1.100, ports: ["443"]}
  - {name: kv, kind: KeyVault, location: eastus2, firewall: {defaultAction: Allow}}
  - {name: acr, kind: ContainerRegistry, publicIpAddress: 20.1.2.4}
  - {name: ext, kind: External, addressPrefixes: [203.0.113.0/24]}
`, want: []want{warnAt("classic_node_communication", "Classic")}},
		{name: "unknown_reference/endpoint subnet and nsg", yaml: oneVNet + `
networkSecurityGroups: [{name: nic-nsg}]
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/t, networkSecurityGroup: nic-nsgg}
  - {name: k, kind: KeyVault, privateEndpoints: [{subnet: w/s, privateIpAddress: 10.0.1.5}]}
`, want: []want{
			errAt("unknown_reference", "v/t"),
			errAt("unknown_reference", "nic-nsgg"),
			errAt("unknown_reference", "w/s"),
		}},
		{name: "address_outside_subnet", yaml: oneVNet + `
appliances:
  - {name: fw, subnet: v/s, privateIpAddress: 10.0.2.4}
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, ipAddresses: [10.0.1.10, 10.0.3.10]}
  - {name: a, kind: AksScoring, subnet: v/s, frontend: Internal, privateIpAddress: 10.0.4.4}
  - {name: k, kind: KeyVault, privateEndpoints: [{subnet: v/s, privateIpAddress: 10.0.5.5}]}
`, want: []want{
			errAt("address_outside_subnet", "10.0.2.4"),
			errAt("address_outside_subnet", "10.0.3.10"),
			errAt("address_outside_subnet", "10.0.4.4"),
			errAt("address_outside_subnet", "10.0.5.5"),
		}},
		{name: "reserved_address", yaml: oneVNet + `
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, ipAddresses: [10.0.1.0, 10.0.1.3, 10.0.1.4, 10.0.1.254, 10.0.1.255]}
`, want: []want{
			errAt("reserved_address", "10.0.1.0,"),
			errAt("reserved_address", "10.0.1.3"),
			errAt("reserved_address", "10.0.1.255"),
		}},
		{name: "duplicate_address", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
  - name: w
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
appliances:
  - {name: fw, subnet: v/s, privateIpAddress: 10.0.1.4}
  - {name: other, subnet: w/s, privateIpAddress: 10.0.1.4}
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, ipAddresses: [10.0.1.4]}
`, want: []want{errAt("duplicate_address", "10.0.1.4#3")}},
		{name: "bad_prefix/endpoint addresses", yaml: oneVNet + `
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, ipAddresses: [10.0.1.10/32], publicIpAddress: 20.1.2.300}
  - {name: x, kind: External, addressPrefixes: [203.0.113.1/24]}
`, want: []want{
			errAt("bad_prefix", "10.0.1.10/32"),
			errAt("bad_prefix", "20.1.2.300"),
			errAt("bad_prefix", "203.0.113.1/24"),
		}},
		{name: "not_public and bad_count", yaml: oneVNet + `
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, publicIpAddress: 10.9.9.9, nodeCount: -1}
  - {name: k, kind: KeyVault, publicIpAddress: 100.64.0.1}
`, want: []want{
			errAt("not_public", "10.9.9.9"),
			errAt("bad_count", "-1"),
			errAt("not_public", "100.64.0.1"),
		}},
		{name: "public_frontend", yaml: oneVNet + `
endpoints:
  - {name: pub, kind: AksScoring, subnet: v/s, frontend: Public, privateIpAddress: 10.0.1.100}
  - {name: int, kind: AksScoring, subnet: v/s, frontend: Internal, publicIpAddress: 20.1.2.3}
  - {name: ok, kind: AksScoring, subnet: v/s, frontend: public, publicIpAddress: 20.1.2.4}
`, want: []want{
			errAt("public_frontend", "Public"),
			errAt("public_frontend", "Internal"),
		}},
		{name: "bad_port/scoring ports", yaml: oneVNet + `
endpoints:
  - {name: a, kind: AksScoring, subnet: v/s, ports: ["443", "80-", "*"]}
`, want: []want{errAt("bad_port", `"80-"`)}},
		{name: "subnet_capacity", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.0.0/29}]
endpoints:
  - {name: fits, kind: AmlCompute, subnet: v/s, nodeCount: 2}
  - {name: over, kind: BatchPool, subnet: v/s, nodeCount: 2}
`, want: []want{warnAt("subnet_capacity", "2}#2")}},
		{name: "subnet_capacity/explicit addresses count", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.0.0/29}]
appliances:
  - {name: fw, subnet: v/s, privateIpAddress: 10.0.0.4}
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, nodeCount: 3}
`, want: []want{warnAt("subnet_capacity", "3}")}},
		{name: "subnet_capacity/clean: /29 holds three", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.0.0/29}]
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s, nodeCount: 3}
`},
	})
}

func TestValidateAKS(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "aks_service_cidr", yaml: oneVNet + `
endpoints:
  - {name: a, kind: AksScoring, subnet: v/s, serviceCidr: 10.0.0.0/20, dnsServiceIp: 10.0.0.10}
`, want: []want{errAt("aks_service_cidr", "10.0.0.0/20")}},
		{name: "aks_dns_service_ip", yaml: oneVNet + `
endpoints:
  - {name: a, kind: AksScoring, subnet: v/s, serviceCidr: 10.10.0.0/16, dnsServiceIp: 10.11.0.10}
  - {name: b, kind: AksScoring, subnet: v/s, dnsServiceIp: 10.12.0.10}
`, want: []want{
			errAt("aks_dns_service_ip", "10.11.0.10"),
			errAt("aks_dns_service_ip", "10.12.0.10"),
		}},
		{name: "aks_docker_bridge", yaml: oneVNet + `
endpoints:
  - {name: a, kind: AksScoring, subnet: v/s, serviceCidr: 10.10.0.0/16, dockerBridgeCidr: 10.10.0.1/24}
  - {name: b, kind: AksScoring, subnet: v/s, dockerBridgeCidr: 10.0.1.1/25}
  - {name: c, kind: AksScoring, subnet: v/s, dockerBridgeCidr: 172.17.0.1}
`, want: []want{
			errAt("aks_docker_bridge", "10.10.0.1/24"),
			errAt("aks_docker_bridge", "10.0.1.1/25"),
			errAt("bad_prefix", "172.17.0.1}"),
		}},
		{name: "aks/clean: the seeds' example", yaml: oneVNet + `
endpoints:
  - {name: a, kind: AksScoring, subnet: v/s, serviceCidr: 10.10.0.0/16, dnsServiceIp: 10.10.0.10, dockerBridgeCidr: 172.17.0.1/16}
`},
	})
}

func TestValidatePaaS(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "private_ip_rule", yaml: `
endpoints:
  - name: st
    kind: StorageAccount
    firewall:
      ipRules: [203.0.113.0/24, 10.1.0.0/16, 192.168.1.1, 0.0.0.0/0, 203.0.113.300]
`, want: []want{
			errAt("private_ip_rule", "10.1.0.0/16"),
			errAt("private_ip_rule", "192.168.1.1"),
			errAt("private_ip_rule", "0.0.0.0/0"),
			errAt("bad_prefix", "203.0.113.300"),
		}},
		{name: "bad_bypass", yaml: `
endpoints:
  - name: st
    kind: StorageAccount
    firewall:
      bypass: [AzureServices, logging, Metrics, None, Everything]
`, want: []want{errAt("bad_bypass", "Everything")}},
		{name: "unknown_reference and missing_service_endpoint in virtualNetworkRules", yaml: `
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: with, addressPrefix: 10.0.1.0/24, serviceEndpoints: [Microsoft.Storage.Global]}
      - {name: without, addressPrefix: 10.0.2.0/24, serviceEndpoints: [Microsoft.KeyVault]}
endpoints:
  - name: st
    kind: StorageAccount
    firewall:
      virtualNetworkRules: [v/with, v/without, v/wiht]
`, want: []want{
			warnAt("missing_service_endpoint", "v/without"),
			errAt("unknown_reference", "v/wiht"),
		}},
	})
}

func TestValidateGatewaysAndAppliances(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "gateway_snat", yaml: oneVNet + `
gateways:
  - name: missing
    vnet: v
    type: ExpressRoute
    onPremises: {addressPrefixes: [192.168.0.0/16], internetEgress: Snat}
  - name: private
    vnet: v
    type: Vpn
    onPremises: {internetEgress: snat, snatAddress: 192.168.0.7}
  - name: ok
    vnet: v
    type: Vpn
    onPremises: {internetEgress: Snat, snatAddress: 198.51.100.7}
`, want: []want{
			errAt("gateway_snat", "Snat}"),
			errAt("gateway_snat", "192.168.0.7"),
		}},
		{name: "gateway unknown vnet and bad on-premises prefix", yaml: oneVNet + `
gateways:
  - {name: g, vnet: vv, type: Vpn, onPremises: {addressPrefixes: [192.168.0.1/16]}}
`, want: []want{
			errAt("unknown_reference", "vv"),
			errAt("bad_prefix", "192.168.0.1/16"),
		}},
		{name: "appliance_snat", yaml: oneVNet + `
appliances:
  - {name: a, subnet: v/s, privateIpAddress: 10.0.1.4, snat: {}}
  - {name: b, subnet: v/s, privateIpAddress: 10.0.1.5, snat: {publicIpAddress: 10.0.1.6}}
  - {name: c, subnet: v/s, privateIpAddress: 10.0.1.7, snat: {publicIpAddress: 20.99.1.7}}
`, want: []want{
			errAt("appliance_snat", "{}"),
			errAt("appliance_snat", "10.0.1.6"),
		}},
		{name: "unknown_reference/appliance subnet", yaml: oneVNet + `
appliances:
  - {name: a, subnet: v/ss, privateIpAddress: 10.0.1.4}
`, want: []want{errAt("unknown_reference", "v/ss")}},
	})
}
