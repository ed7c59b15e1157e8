package model

import "testing"

func TestValidateWorkspace(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "unknown_reference and wrong_kind", yaml: `
workspace:
  name: ws
  storageAccount: kv
  keyVault: kv
  containerRegistry: acrr
endpoints:
  - {name: kv, kind: KeyVault}
  - {name: acr, kind: ContainerRegistry}
`, want: []want{
			errAt("wrong_kind", "kv\n"),
			errAt("unknown_reference", "acrr"),
		}},
		{name: "workspace_location", yaml: `
location: eastus2
workspace: {name: ws, location: westus}
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
  - name: w
    location: westus
    addressSpace: [10.1.0.0/16]
    subnets: [{name: s, addressPrefix: 10.1.1.0/24}]
  - name: idle
    location: northeurope
    addressSpace: [10.2.0.0/16]
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s}
  - {name: d, kind: AksScoring, subnet: w/s}
`, want: []want{warnAt("workspace_location", "name: v")}},
		{name: "workspace_location/clean: same region spelled otherwise, or inherited", yaml: `
location: eastus2
workspace: {name: ws, location: East US 2}
vnets:
  - name: v
    location: EastUS2
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
  - name: w
    addressSpace: [10.1.0.0/16]
    subnets: [{name: s, addressPrefix: 10.1.1.0/24}]
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s}
  - {name: d, kind: VirtualMachine, subnet: w/s}
`},
		{name: "workspace_subscription", yaml: `
workspace: {name: ws, subscription: research}
vnets:
  - name: v
    subscription: production
    addressSpace: [10.0.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24}]
endpoints:
  - {name: c, kind: ComputeInstance, subnet: v/s}
`, want: []want{warnAt("workspace_subscription", "production")}},
		{name: "storage_denies_inference", yaml: oneVNet + `
workspace: {name: ws, storageAccount: st}
endpoints:
  - {name: st, kind: StorageAccount, firewall: {defaultAction: Deny}}
  - {name: score, kind: AksScoring, subnet: v/s}
`, want: []want{warnAt("storage_denies_inference", "Deny")}},
		{name: "storage_denies_inference/clean: no inference", yaml: oneVNet + `
workspace: {name: ws, storageAccount: st}
endpoints:
  - {name: st, kind: StorageAccount, firewall: {defaultAction: Deny}}
  - {name: c, kind: AmlCompute, subnet: v/s}
`},
	})
}

func TestValidateIntents(t *testing.T) {
	runValidateCases(t, []validateCase{
		{name: "intents/clean: every kind of source and destination", yaml: oneVNet + `
serviceTags:
  inline:
    AzureMachineLearning: [20.37.0.0/26]
endpoints:
  - {name: c, kind: AmlCompute, subnet: v/s}
intents:
  - {name: a, source: AzureMachineLearning, destination: c, destinationPorts: ["44224"]}
  - {name: b, source: v/s, destination: Internet, protocol: Udp, sourcePorts: ["*"]}
  - {name: c, source: 10.0.1.4, destination: "203.0.113.0/24", expect: Blocked}
  - {name: d, source: "c, v/s", destination: Any}
`},
		{name: "unknown_reference and undefined_tag in intents", yaml: oneVNet + `
endpoints:
  - {name: cpu-cluster, kind: AmlCompute, subnet: v/s}
intents:
  - {name: a, source: cpu-clustr, destination: v/t}
  - {name: b, source: AzureMachineLearning, destination: "cpu-cluster, Storage.EastUS2"}
  - {name: c, source: 10.0.1.5/24, destination: "*", destinationPorts: ["0-70000"]}
`, want: []want{
			errAt("unknown_reference", "cpu-clustr"),
			errAt("unknown_reference", "v/t"),
			errAt("undefined_tag", "AzureMachineLearning"),
			errAt("undefined_tag", `"cpu-cluster, Storage.EastUS2"`),
			errAt("bad_prefix", "10.0.1.5/24"),
			errAt("bad_port", `"0-70000"`),
		}},
	})
}
