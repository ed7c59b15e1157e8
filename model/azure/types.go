package azure

// ARM resource types the importer reads, lower case.
const (
	typeVNet           = "microsoft.network/virtualnetworks"
	typeSubnet         = "microsoft.network/virtualnetworks/subnets"
	typePeering        = "microsoft.network/virtualnetworks/virtualnetworkpeerings"
	typeNSG            = "microsoft.network/networksecuritygroups"
	typeRule           = "microsoft.network/networksecuritygroups/securityrules"
	typeASG            = "microsoft.network/applicationsecuritygroups"
	typeRouteTable     = "microsoft.network/routetables"
	typeRoute          = "microsoft.network/routetables/routes"
	typeNIC            = "microsoft.network/networkinterfaces"
	typeVM             = "microsoft.compute/virtualmachines"
	typeVMSS           = "microsoft.compute/virtualmachinescalesets"
	typePublicIP       = "microsoft.network/publicipaddresses"
	typePublicIPPrefix = "microsoft.network/publicipprefixes"
	typeNatGateway     = "microsoft.network/natgateways"
	typeLoadBalancer   = "microsoft.network/loadbalancers"
	typeGateway        = "microsoft.network/virtualnetworkgateways"
	typeLocalGateway   = "microsoft.network/localnetworkgateways"
	typeConnection     = "microsoft.network/connections"
	typeFirewall       = "microsoft.network/azurefirewalls"
	typeFirewallPolicy = "microsoft.network/firewallpolicies"
	typeRuleGroup      = "microsoft.network/firewallpolicies/rulecollectiongroups"
	typeIPGroup        = "microsoft.network/ipgroups"
	typePrivateEP      = "microsoft.network/privateendpoints"
	typeDNSZoneGroup   = "microsoft.network/privateendpoints/privatednszonegroups"
	typeDNSZone        = "microsoft.network/privatednszones"
	typeVNetLink       = "microsoft.network/privatednszones/virtualnetworklinks"
	typeStorage        = "microsoft.storage/storageaccounts"
	typeKeyVault       = "microsoft.keyvault/vaults"
	typeRegistry       = "microsoft.containerregistry/registries"
	typeAKS            = "microsoft.containerservice/managedclusters"
	typeAgentPool      = "microsoft.containerservice/managedclusters/agentpools"
	typeWorkspace      = "microsoft.machinelearningservices/workspaces"
	typeCompute        = "microsoft.machinelearningservices/workspaces/computes"
	typeBatchAccount   = "microsoft.batch/batchaccounts"
	typeBatchPool      = "microsoft.batch/batchaccounts/pools"
	typeDeployment     = "microsoft.resources/deployments"
)

// notModelled are resource types that affect traffic but that vnetsim does
// not simulate (azure-semantics.md §15 and beyond): each one met is named
// with what vnetsim leaves out, never silently dropped.
var notModelled = map[string]string{
	"microsoft.network/virtualhubs":                              "Virtual WAN hubs, their routing and routing intent",
	"microsoft.network/virtualwans":                              "Virtual WAN",
	"microsoft.network/vpngateways":                              "Virtual WAN VPN gateways",
	"microsoft.network/expressroutegateways":                     "Virtual WAN ExpressRoute gateways",
	"microsoft.network/networkmanagers":                          "Virtual Network Manager security admin rules and connectivity",
	"microsoft.network/serviceendpointpolicies":                  "service endpoint policies",
	"microsoft.network/applicationgateways":                      "Application Gateway (its listeners, rules and WAF)",
	"microsoft.network/bastionhosts":                             "Azure Bastion (its subnet and NSG are imported)",
	"microsoft.network/privatelinkservices":                      "Private Link services",
	"microsoft.network/routefilters":                             "ExpressRoute route filters",
	"microsoft.network/expressroutecircuits":                     "ExpressRoute circuits (what on-premises advertises)",
	"microsoft.network/dnsresolvers":                             "Private DNS resolvers",
	"microsoft.network/frontdoors":                               "Front Door",
	"microsoft.cdn/profiles":                                     "Front Door and CDN profiles",
	"microsoft.machinelearningservices/workspaces/outboundrules": "the Azure ML managed virtual network's outbound rules",
}
