package terraform

// armSpec is what ARM resource a Terraform type deploys: its type, and for
// a child resource the attribute naming its parent (by name or by id).
type armSpec struct {
	typ    string
	parent string
}

const (
	network = "Microsoft.Network/"
	vmType  = "Microsoft.Compute/virtualMachines"
	vmss    = "Microsoft.Compute/virtualMachineScaleSets"
)

var armTypes = map[string]armSpec{
	"azurerm_virtual_network":                        {typ: network + "virtualNetworks"},
	"azurerm_subnet":                                 {typ: network + "virtualNetworks/subnets", parent: "virtual_network_name"},
	"azurerm_virtual_network_peering":                {typ: network + "virtualNetworks/virtualNetworkPeerings", parent: "virtual_network_name"},
	"azurerm_network_security_group":                 {typ: network + "networkSecurityGroups"},
	"azurerm_network_security_rule":                  {typ: network + "networkSecurityGroups/securityRules", parent: "network_security_group_name"},
	"azurerm_application_security_group":             {typ: network + "applicationSecurityGroups"},
	"azurerm_route_table":                            {typ: network + "routeTables"},
	"azurerm_route":                                  {typ: network + "routeTables/routes", parent: "route_table_name"},
	"azurerm_network_interface":                      {typ: network + "networkInterfaces"},
	"azurerm_virtual_machine":                        {typ: vmType},
	"azurerm_linux_virtual_machine":                  {typ: vmType},
	"azurerm_windows_virtual_machine":                {typ: vmType},
	"azurerm_linux_virtual_machine_scale_set":        {typ: vmss},
	"azurerm_windows_virtual_machine_scale_set":      {typ: vmss},
	"azurerm_orchestrated_virtual_machine_scale_set": {typ: vmss},
	"azurerm_public_ip":                              {typ: network + "publicIPAddresses"},
	"azurerm_public_ip_prefix":                       {typ: network + "publicIPPrefixes"},
	"azurerm_nat_gateway":                            {typ: network + "natGateways"},
	"azurerm_lb":                                     {typ: network + "loadBalancers"},
	"azurerm_lb_backend_address_pool":                {typ: network + "loadBalancers/backendAddressPools", parent: "loadbalancer_id"},
	"azurerm_lb_rule":                                {typ: network + "loadBalancers/loadBalancingRules", parent: "loadbalancer_id"},
	"azurerm_lb_probe":                               {typ: network + "loadBalancers/probes", parent: "loadbalancer_id"},
	"azurerm_lb_nat_rule":                            {typ: network + "loadBalancers/inboundNatRules", parent: "loadbalancer_id"},
	"azurerm_lb_outbound_rule":                       {typ: network + "loadBalancers/outboundRules", parent: "loadbalancer_id"},
	"azurerm_virtual_network_gateway":                {typ: network + "virtualNetworkGateways"},
	"azurerm_local_network_gateway":                  {typ: network + "localNetworkGateways"},
	"azurerm_virtual_network_gateway_connection":     {typ: network + "connections"},
	"azurerm_firewall":                               {typ: network + "azureFirewalls"},
	"azurerm_firewall_policy":                        {typ: network + "firewallPolicies"},
	"azurerm_firewall_policy_rule_collection_group":  {typ: network + "firewallPolicies/ruleCollectionGroups", parent: "firewall_policy_id"},
	"azurerm_ip_group":                               {typ: network + "ipGroups"},
	"azurerm_private_endpoint":                       {typ: network + "privateEndpoints"},
	"azurerm_private_dns_zone":                       {typ: network + "privateDnsZones"},
	"azurerm_private_dns_zone_virtual_network_link":  {typ: network + "privateDnsZones/virtualNetworkLinks", parent: "private_dns_zone_name"},
	"azurerm_storage_account":                        {typ: "Microsoft.Storage/storageAccounts"},
	"azurerm_key_vault":                              {typ: "Microsoft.KeyVault/vaults"},
	"azurerm_container_registry":                     {typ: "Microsoft.ContainerRegistry/registries"},
	"azurerm_kubernetes_cluster":                     {typ: "Microsoft.ContainerService/managedClusters"},
	"azurerm_kubernetes_cluster_node_pool":           {typ: "Microsoft.ContainerService/managedClusters/agentPools", parent: "kubernetes_cluster_id"},
	"azurerm_machine_learning_workspace":             {typ: "Microsoft.MachineLearningServices/workspaces"},
	"azurerm_machine_learning_compute_cluster":       {typ: "Microsoft.MachineLearningServices/workspaces/computes", parent: "machine_learning_workspace_id"},
	"azurerm_machine_learning_compute_instance":      {typ: "Microsoft.MachineLearningServices/workspaces/computes", parent: "machine_learning_workspace_id"},
	"azurerm_batch_account":                          {typ: "Microsoft.Batch/batchAccounts"},
	"azurerm_batch_pool":                             {typ: "Microsoft.Batch/batchAccounts/pools", parent: "account_name"},
	"azurerm_virtual_hub":                            {typ: network + "virtualHubs"},
	"azurerm_virtual_wan":                            {typ: network + "virtualWans"},
	"azurerm_bastion_host":                           {typ: network + "bastionHosts"},
	"azurerm_application_gateway":                    {typ: network + "applicationGateways"},
	"azurerm_network_manager":                        {typ: network + "networkManagers"},
	"azurerm_route_server":                           {typ: network + "virtualHubs"},
	"azurerm_subnet_service_endpoint_storage_policy": {typ: network + "serviceEndpointPolicies"},
}

// converters turn a resource into the ARM resource's body (location, sku,
// properties...), nil to emit nothing; associations change the ARM
// resources that other Terraform resources deploy.
var (
	converters   = map[string]func(view) map[string]any{}
	associations = associationFuncs
)

func init() {
	for _, table := range []map[string]func(view) map[string]any{networkConverters, otherConverters} {
		for k, f := range table {
			converters[k] = f
		}
	}
	for _, t := range []string{"azurerm_virtual_hub", "azurerm_virtual_wan", "azurerm_bastion_host", "azurerm_application_gateway",
		"azurerm_network_manager", "azurerm_route_server", "azurerm_subnet_service_endpoint_storage_policy",
		"azurerm_private_dns_zone", "azurerm_application_security_group", "azurerm_ip_group_cidr"} {
		if converters[t] == nil {
			converters[t] = bare
		}
	}
}

// bare is a resource whose name (and location) is all the importer reads.
func bare(v view) map[string]any { return withLocation(v, map[string]any{}) }

func withLocation(v view, m map[string]any) map[string]any {
	if loc := v.value("location"); loc != nil {
		m["location"] = loc
	}
	return m
}

// props is m's "properties", created when missing.
func props(m map[string]any) map[string]any {
	p, ok := m["properties"].(map[string]any)
	if !ok {
		p = map[string]any{}
		m["properties"] = p
	}
	return p
}

// idRef is {"id": x}, or nil when x is not set.
func idRef(x any) any {
	if x == nil || x == "" {
		return nil
	}
	return map[string]any{"id": x}
}

// idRefs are [{"id": x}...].
func idRefs(xs []any) []any {
	var out []any
	for _, x := range xs {
		if r := idRef(x); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// set puts non-empty values in m.
func set(m map[string]any, kv ...any) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		switch x := kv[i+1].(type) {
		case nil:
			continue
		case string:
			if x == "" {
				continue
			}
		case []any:
			if len(x) == 0 {
				continue
			}
		}
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}
