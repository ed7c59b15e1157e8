package azure

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnetsim/vnetsim/model"
)

// sharedDir is ../shared/data relative to the repository root; tests that
// read it skip when it is absent.
func sharedDir(t *testing.T, sub string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", sub))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is not here: %v", dir, err)
	}
	return dir
}

// sampleOpts are the options every sample is imported with: a location
// for the templates that take theirs from the resource group.
func sampleOpts() Options {
	return Options{Location: "eastus2", ReadFile: os.ReadFile}
}

// realTags is Azure's service tags file, for topologies that use tags.
func realTags(t *testing.T) string {
	return filepath.Join(sharedDir(t, "servicetags"), "ServiceTags_Public_20250728.json")
}

// importFiles imports files (paths) and, when it succeeds, loads the
// topology with vnetsim's own loader, which must accept it.
func importFiles(t *testing.T, files []string, opts Options) (*Result, *model.Topology, error) {
	t.Helper()
	var ins []Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, Input{Name: f, Data: data})
	}
	res, err := Import(ins, opts)
	if err != nil {
		return nil, nil, err
	}
	if len(opts.ServiceTags) == 0 && slices.ContainsFunc(res.Asks, func(a string) bool { return strings.HasPrefix(a, "serviceTags:") }) {
		opts.ServiceTags = []string{realTags(t)} // asked for: give Azure's file
		if res, err = Import(ins, opts); err != nil {
			return nil, nil, err
		}
	}
	topo := yamlOf(t, res)
	path := filepath.Join(t.TempDir(), "imported.yaml")
	if err := os.WriteFile(path, []byte(topo), 0o644); err != nil {
		t.Fatal(err)
	}
	// The tag files given lie outside the topology's folder: allow theirs.
	var roots []string
	for _, f := range opts.ServiceTags {
		roots = append(roots, filepath.Dir(f))
	}
	top, diags := model.Options{IncludeRoots: roots}.Load(path)
	if top == nil {
		return res, nil, diagError(diags)
	}
	return res, top, nil
}

type diagError model.Diagnostics

func (d diagError) Error() string {
	var lines []string
	for _, x := range model.Diagnostics(d).Errors() {
		lines = append(lines, x.String())
	}
	return "does not validate:\n" + strings.Join(lines, "\n")
}

// sample is what importing one sample file (with the files it needs)
// gives: a topology holding at least these objects, or a refusal whose
// message holds refused.
type sample struct {
	with    []string // more files of the corpus imported with it (a template's parameters file, a NIC's VNet)
	params  map[string]string
	objects []string // "kind name" that the topology must hold
	refused string
}

// samples covers every file of ../shared/data/azure-samples: a file
// without an entry fails the test.
var samples = map[string]sample{
	"README.md":      {refused: "invalid character"},
	"provenance.tsv": {refused: "invalid character"},

	"azure-cli/nat-gateway-show.json": {refused: "NAT gateway ng1 is left out: none of its public addresses is known"},
	"azure-cli/nsg-show.json":         {objects: []string{"nsg test-nsg1"}},
	"azure-cli/route-table-show.json": {objects: []string{"routeTable cli-test-route-table"}},
	"azure-cli/vnet-show.json":        {objects: []string{"vnet vnet1", "subnet vnet1/default"}},

	"rest-api/batch/pool-create-no-public-ip-addresses.json":                          {refused: "its subnet network1234/subnet123 (resource group rg1234) is not in the input"},
	"rest-api/batch/pool-create-vm-configuration-inbound-nat-nsg-rules.json":          {refused: "it is in no VNet of yours"},
	"rest-api/containerregistry/registry-get-network-rule-set.json":                   {objects: []string{"endpoint myRegistry"}},
	"rest-api/containerservice/managed-cluster-create-user-assigned-nat-gateway.json": {refused: "is in a VNet that AKS creates and manages (no vnetSubnetID)"},
	"rest-api/containerservice/managed-cluster-get.json":                              {refused: "is in a VNet that AKS creates and manages (no vnetSubnetID)"},
	"rest-api/keyvault/key-vault-create-with-network-acls.json":                       {objects: []string{"endpoint sample-vault"}},
	"rest-api/machinelearning/compute-create-aml-compute.json":                        {refused: "Azure ML compute workspaces123/compute123 is left out: its subnet test-subnet-resource-id is not in the input"},
	"rest-api/machinelearning/managed-network-outbound-rule-create.json":              {refused: "not modelled: the Azure ML managed virtual network's outbound rules"},
	"rest-api/machinelearning/managed-network-outbound-rules-list.json":               {refused: "not modelled: the Azure ML managed virtual network's outbound rules"},
	"rest-api/machinelearning/workspace-get.json":                                     {refused: "its storage account testStorageAccount (resource group accountcrud-1234) is not in the input"},
	"rest-api/network/application-security-group-get.json":                            {refused: "1 application security group used by nothing imported"},
	"rest-api/network/azure-firewall-get.json":                                        {refused: "Azure Firewall azurefirewall is left out"},
	"rest-api/network/firewall-policy-rule-collection-group-get.json":                 {refused: "1 rule collection group used by nothing imported"},
	"rest-api/network/load-balancer-create-with-outbound-rules.json":                  {refused: "load balancer lb is left out: none of its frontends is known"},
	"rest-api/network/local-network-gateway-get.json":                                 {refused: "1 local network gateway used by nothing imported"},
	"rest-api/network/nat-gateway-get.json":                                           {refused: "NAT gateway test-natGateway is left out"},
	"rest-api/network/network-interface-get.json":                                     {refused: "network interface test-nic is left out: its subnet rg1-vnet/default (resource group rg1) is not in the input"},
	"rest-api/network/network-security-group-get.json":                                {objects: []string{"nsg testnsg"}},
	"rest-api/network/nic-effective-nsg-list.json":                                    {refused: "Azure's effective security rules of a NIC (az network nic list-effective-nsg): an output of Azure"},
	"rest-api/network/nic-effective-route-table-list.json":                            {refused: "Azure's effective routes of a NIC (az network nic show-effective-route-table): an output of Azure"},
	"rest-api/network/private-endpoint-dns-zone-group-get.json":                       {refused: "skipped 1 resource of 1 type that vnetsim does not read: Microsoft.Network/privateLinkServices/privateDnsZoneGroups"},
	"rest-api/network/private-endpoint-get.json":                                      {refused: "private endpoint testPe is left out: its subnet myVnet/mySubnet (resource group rg1) is not in the input"},
	"rest-api/network/public-ip-address-get.json":                                     {refused: "1 public IP used by nothing imported (read with what uses it): testDNS-ip"},
	"rest-api/network/route-table-get.json":                                           {objects: []string{"routeTable testrt"}},
	"rest-api/network/subnet-create-service-endpoint.json":                            {refused: "subnet vnetname/subnet1 is left out: its vnet vnetname (resource group subnet-test) is not in the input"},
	"rest-api/network/virtual-network-gateway-get.json":                               {refused: "none of its IP configurations is in a GatewaySubnet of the input"},
	"rest-api/network/virtual-network-get.json":                                       {objects: []string{"vnet test-vnet", "subnet test-vnet/subnet1"}},
	"rest-api/network/vnet-peering-get.json":                                          {refused: "peering vnet1/peer is left out: its vnet vnet1 (resource group peerTest) is not in the input"},
	"rest-api/network/vpn-connection-get.json":                                        {refused: "1 connection used by nothing imported"},
	"rest-api/privatedns/private-dns-zone-get.json":                                   {objects: []string{"privateDnsZone privatezone1.com"}},
	"rest-api/privatedns/record-set-a-get.json":                                       {refused: "Microsoft.Network/privateDnsZones/A (1)"},
	"rest-api/privatedns/virtual-network-link-get.json":                               {refused: "1 virtual network link used by nothing imported"},
	"rest-api/storage/storage-account-update-network-acls.json":                       {objects: []string{"endpoint sto8596"}},

	"terraform/hcl/aks-egress-with-udr-azure-cni.tf":              {refused: "Terraform configuration (HCL), which vnetsim reads as a plan"},
	"terraform/hcl/azure-firewall-udr.tf":                         {refused: "Terraform configuration (HCL), which vnetsim reads as a plan"},
	"terraform/hcl/nic-asg-association-nsg-rule.tf":               {refused: "Terraform configuration (HCL), which vnetsim reads as a plan"},
	"terraform/hcl/private-endpoint-private-dns-group.tf":         {refused: "Terraform configuration (HCL), which vnetsim reads as a plan"},
	"terraform/hcl/virtual-network-peering.tf":                    {refused: "Terraform configuration (HCL), which vnetsim reads as a plan"},
	"terraform/plans/checkov-nsg-resource-reference-plan.json":    {objects: []string{"nsg pass", "rule pass/pass"}},
	"terraform/plans/infracost-azure-firewall-plan.json":          {objects: []string{"vnet testvnet", "notModelled testfirewall"}},
	"terraform/plans/regula-nsg-rules-plan.json":                  {refused: `priority 100 is already used by inbound rule "invalidrule1"`},
	"terraform/plans/regula-storage-network-rules-vnet-plan.json": {objects: []string{"endpoint validstorageaccount1", "vnet virtnetname"}},
	"terraform/plans/tfc-vm-vnet-nsg-nic-plan.json":               {objects: []string{"endpoint myvm-vmLinux-0", "endpoint mywinvm-vmWindows-0", "nsg mywinvm-nsg"}},
}

// armSamples are the templates, imported with their parameters file when
// they have one.
var armSamples = map[string]sample{
	"application-security-group/azuredeploy.json":                    {objects: []string{"endpoint VM", "nsg webNsg"}},
	"azure-bastion-nsg/azuredeploy.json":                             {objects: []string{"nsg {bastion-host-name}-nsg", "notModelled {bastion-host-name}"}},
	"azure-bastion-nsg/main.bicep":                                   {refused: "Bicep source, which vnetsim reads compiled"},
	"azurefirewall-firewallpolicy-ipgroups/azuredeploy.json":         {refused: "the resource's name is empty, which Azure refuses"},
	"azurefirewall-firewallpolicy-ipgroups/main.bicep":               {refused: "Bicep source"},
	"azurefirewall-forced-tunneling/azuredeploy.json":                {objects: []string{"appliance firewall1", "appliance tunnelToFirewall", "routeTable AzfwRouteTable"}},
	"azurefirewall-with-zones-sandbox/azuredeploy.json":              {objects: []string{"appliance firewall1", "routeTable AzfwRouteTable"}},
	"azurefirewall-with-zones-sandbox/main.bicep":                    {refused: "Bicep source"},
	"bastion-hub-spoke-vnet/azuredeploy.json":                        {objects: []string{"vnet vnet-hub", "peering vnet-hub/peering-to-vnet-spoke"}},
	"bastion-hub-spoke-vnet/main.bicep":                              {refused: "Bicep source"},
	"existing-vnet-to-vnet-peering/azuredeploy.json":                 {refused: "its vnet {existingLocalVirtualNetworkName} is not in the input"},
	"existing-vnet-to-vnet-peering/main.bicep":                       {refused: "Bicep source"},
	"file-share-private-endpoint/azuredeploy.json":                   {params: map[string]string{"workspaceName": "law"}, objects: []string{"privateDnsZone privatelink.file.core.windows.net"}},
	"fw-docs-qs/azuredeploy.json":                                    {objects: []string{"appliance FW-01", "routeTable rt-01"}},
	"fw-docs-qs/main.bicep":                                          {refused: "Bicep source"},
	"internal-loadbalancer-create/azuredeploy.json":                  {refused: `parameter "subnetPrefix" is not declared by the template`},
	"internal-loadbalancer-create/azuredeploy.parameters.json":       {refused: `parameter "lbPublicIPAddress" is not declared by the template`},
	"internal-loadbalancer-create/main.bicep":                        {refused: "Bicep source"},
	"internal-loadbalancer-haports/azuredeploy.json":                 {objects: []string{"loadBalancer loadBalancer-3d5hxwscd4acs"}},
	"internal-loadbalancer-haports/azuredeploy.parameters.json":      {objects: []string{"loadBalancer loadBalancer-3d5hxwscd4acs"}},
	"internal-loadbalancer-haports/main.bicep":                       {refused: "Bicep source"},
	"load-balancer-standard-create/azuredeploy.json":                 {params: map[string]string{"projectName": "demo"}, objects: []string{"loadBalancer demo-lb"}},
	"load-balancer-standard-create/main.bicep":                       {refused: "Bicep source"},
	"machine-learning-end-to-end-secure/azuredeploy.json":            {objects: []string{"workspace mlw-gen-unique-6-oot6", "endpoint cluster001"}},
	"machine-learning-end-to-end-secure/azuredeploy.parameters.json": {objects: []string{"workspace mlw-gen-unique-6-oot6"}},
	"machine-learning-workspace-vnet/azuredeploy.json":               {params: map[string]string{"workspaceName": "ws1", "privateEndpointType": "AutoApproval"}, objects: []string{"workspace ws1", "privateDnsZone privatelink.api.azureml.ms"}},
	"nat-gateway-1-vm/main.bicep":                                    {refused: "Bicep source"},
	"nat-gateway-1-vm/main.json":                                     {objects: []string{"natGateway nat-gateway", "endpoint vm-1"}},
	"nat-gateway-hub-spoke-firewall/azuredeploy.json":                {objects: []string{"appliance natfw-oot6adb7botik-firewall", "natGateway natfw-oot6adb7botik-nat-gateway"}},
	"nat-gateway-hub-spoke-firewall/main.bicep":                      {refused: "Bicep source"},
	"nat-gateway-vnet/azuredeploy.json":                              {objects: []string{"natGateway myNATgateway"}},
	"nat-gateway-vnet/main.bicep":                                    {refused: "Bicep source"},
	"nsg-add-to-existing-subnet/azuredeploy.json":                    {objects: []string{"nsg new-nsg"}},
	"nsg-add-to-existing-subnet/azuredeploy.parameters.json":         {objects: []string{"nsg new-nsg"}},
	"nsg-add-to-existing-subnet/nested/updateSubnet.json":            {refused: "subnet {virtualNetworkName}/{subnetName} is left out"},
	"private-endpoint-sql/azuredeploy.json":                          {objects: []string{"privateDnsZone privatelink.database.windows.net"}},
	"private-endpoint-sql/main.bicep":                                {refused: "Bicep source"},
	"security-group-create/azuredeploy.json":                         {objects: []string{"nsg networkSecurityGroup1"}},
	"site-to-site-vpn-create/azuredeploy.json":                       {objects: []string{"gateway azureGateway"}},
	"site-to-site-vpn-create/azuredeploy.parameters.json":            {objects: []string{"gateway azureGateway"}},
	"subnet-add-vnet-existing/azuredeploy.json":                      {refused: "its vnet {existingVNETName} is not in the input"},
	"subnet-add-vnet-existing/main.bicep":                            {refused: "Bicep source"},
	"vnet-to-vnet-peering/azuredeploy.json":                          {objects: []string{"peering vNet1peeringtest/vNet1peeringtest-vNet2peeringtest", "peering vNet2peeringtest/vNet2peeringtest-vNet1peeringtest"}},
	"vnet-to-vnet-peering/azuredeploy.parameters.json":               {objects: []string{"peering vNet1peeringtest/vNet1peeringtest-vNet2peeringtest", "peering vNet2peeringtest/vNet2peeringtest-vNet1peeringtest"}},
	"vnet-to-vnet-peering/main.bicep":                                {refused: "Bicep source"},
	"vnet-two-subnets/azuredeploy.json":                              {objects: []string{"subnet VNet1/Subnet1", "subnet VNet1/Subnet2"}},
	"vnet-two-subnets/main.bicep":                                    {refused: "Bicep source"},
}

// TestSamples imports every file of the sample corpus, alone (a parameters
// file with its template): it imports into a topology vnetsim loads, or is
// refused with the reason the table gives.
func TestSamples(t *testing.T) {
	dir := sharedDir(t, "azure-samples")
	opts := sampleOpts()
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, ok := samples[rel]
		files := []string{path}
		if arm, isARM := strings.CutPrefix(rel, "arm/"); isARM {
			want, ok = armSamples[arm]
			files = armFiles(path)
		}
		if !ok {
			t.Errorf("%s: no expectation in the samples table", rel)
			return nil
		}
		t.Run(rel, func(t *testing.T) {
			o := opts
			o.Parameters = want.params
			res, top, err := importFiles(t, append(files, want.with...), o)
			switch {
			case want.refused != "" && err == nil:
				t.Fatalf("imported, want a refusal holding %q; notes:\n%s", want.refused, strings.Join(res.Notes, "\n"))
			case want.refused != "":
				if !strings.Contains(err.Error(), want.refused) {
					t.Errorf("refused with:\n%v\nwant a reason holding %q", err, want.refused)
				}
			case err != nil:
				t.Fatalf("%v", err)
			default:
				have := objectsOf(top)
				for _, o := range want.objects {
					if !slices.Contains(have, o) {
						t.Errorf("no %s in the topology (it has %s)", o, strings.Join(have, ", "))
					}
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range samples {
		if !seen[rel] {
			t.Errorf("%s is in the table but not in the corpus", rel)
		}
	}
}

// armFiles is a template with its parameters file, or a parameters file
// with its template.
func armFiles(path string) []string {
	dir, base := filepath.Dir(path), filepath.Base(path)
	params := filepath.Join(dir, "azuredeploy.parameters.json")
	switch {
	case base == "azuredeploy.parameters.json":
		return []string{filepath.Join(dir, "azuredeploy.json"), path}
	case base == "azuredeploy.json":
		if _, err := os.Stat(params); err == nil {
			return []string{path, params}
		}
	}
	return []string{path}
}

// objectsOf lists a topology's objects as "kind name".
func objectsOf(t *model.Topology) []string {
	var out []string
	if t.Workspace != nil {
		out = append(out, "workspace "+t.Workspace.Name)
	}
	for _, v := range t.VNets {
		out = append(out, "vnet "+v.Name)
		for _, s := range v.Subnets {
			out = append(out, "subnet "+v.Name+"/"+s.Name)
		}
		for _, p := range v.Peerings {
			out = append(out, "peering "+v.Name+"/"+p.Name)
		}
	}
	for _, n := range t.NetworkSecurityGroups {
		out = append(out, "nsg "+n.Name)
		for _, r := range n.SecurityRules {
			out = append(out, "rule "+n.Name+"/"+r.Name)
		}
	}
	for _, r := range t.RouteTables {
		out = append(out, "routeTable "+r.Name)
	}
	for _, g := range t.Gateways {
		out = append(out, "gateway "+g.Name)
	}
	for _, a := range t.Appliances {
		out = append(out, "appliance "+a.Name)
	}
	for _, n := range t.NatGateways {
		out = append(out, "natGateway "+n.Name)
	}
	for _, l := range t.LoadBalancers {
		out = append(out, "loadBalancer "+l.Name)
	}
	for _, z := range t.PrivateDNSZones {
		out = append(out, "privateDnsZone "+z.Name)
	}
	for _, e := range t.Endpoints {
		out = append(out, "endpoint "+e.Name)
	}
	for _, n := range t.NotModelled {
		out = append(out, "notModelled "+n.Name)
	}
	return out
}
