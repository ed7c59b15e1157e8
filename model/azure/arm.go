package azure

import "github.com/vnetsim/vnetsim/model/azure/jsontree"

// The ARM resources the importer reads, as Go types. jsontree.Decoder
// fills them from the REST shape ({"id", "properties": {...}}: az resource
// show, Resource Graph, templates, REST API) and from the flattened shape
// of az network ... show alike, matching keys case-insensitively. Only
// what decides reachability is read.

type header struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Location string `json:"location"`
}

type ref struct {
	ID string `json:"id"`
}

type vnetJSON struct {
	AddressSpace *struct {
		AddressPrefixes []string `json:"addressPrefixes"`
	} `json:"addressSpace"`
	Subnets                []*jsontree.Node `json:"subnets"`
	VirtualNetworkPeerings []*jsontree.Node `json:"virtualNetworkPeerings"`
	DhcpOptions            *struct {
		DNSServers []string `json:"dnsServers"`
	} `json:"dhcpOptions"`
}

type subnetJSON struct {
	header
	AddressPrefix                  string   `json:"addressPrefix"`
	AddressPrefixes                []string `json:"addressPrefixes"`
	NetworkSecurityGroup           *ref     `json:"networkSecurityGroup"`
	RouteTable                     *ref     `json:"routeTable"`
	NatGateway                     *ref     `json:"natGateway"`
	DefaultOutboundAccess          *bool    `json:"defaultOutboundAccess"`
	PrivateEndpointNetworkPolicies string   `json:"privateEndpointNetworkPolicies"`
	ServiceEndpoints               []struct {
		Service string `json:"service"`
	} `json:"serviceEndpoints"`
	ServiceEndpointPolicies []ref `json:"serviceEndpointPolicies"`
	Delegations             []struct {
		ServiceName string `json:"serviceName"`
	} `json:"delegations"`
}

type peeringJSON struct {
	header
	RemoteVirtualNetwork      *ref   `json:"remoteVirtualNetwork"`
	AllowVirtualNetworkAccess *bool  `json:"allowVirtualNetworkAccess"`
	AllowForwardedTraffic     bool   `json:"allowForwardedTraffic"`
	AllowGatewayTransit       bool   `json:"allowGatewayTransit"`
	UseRemoteGateways         bool   `json:"useRemoteGateways"`
	PeeringState              string `json:"peeringState"`
}

type nsgJSON struct {
	SecurityRules []*jsontree.Node `json:"securityRules"` // defaultSecurityRules are left out: vnetsim always has them
}

type ruleJSON struct {
	header
	Priority                             int      `json:"priority"`
	Direction                            string   `json:"direction"`
	Access                               string   `json:"access"`
	Protocol                             string   `json:"protocol"`
	Description                          string   `json:"description"`
	SourceAddressPrefix                  string   `json:"sourceAddressPrefix"`
	SourceAddressPrefixes                []string `json:"sourceAddressPrefixes"`
	SourcePortRange                      string   `json:"sourcePortRange"`
	SourcePortRanges                     []string `json:"sourcePortRanges"`
	DestinationAddressPrefix             string   `json:"destinationAddressPrefix"`
	DestinationAddressPrefixes           []string `json:"destinationAddressPrefixes"`
	DestinationPortRange                 string   `json:"destinationPortRange"`
	DestinationPortRanges                []string `json:"destinationPortRanges"`
	SourceApplicationSecurityGroups      []ref    `json:"sourceApplicationSecurityGroups"`
	DestinationApplicationSecurityGroups []ref    `json:"destinationApplicationSecurityGroups"`
}

type routeTableJSON struct {
	DisableBgpRoutePropagation bool             `json:"disableBgpRoutePropagation"`
	Routes                     []*jsontree.Node `json:"routes"`
}

type routeJSON struct {
	header
	AddressPrefix    string `json:"addressPrefix"`
	NextHopType      string `json:"nextHopType"`
	NextHopIPAddress string `json:"nextHopIpAddress"`
}

type ipConfigJSON struct {
	header
	PrivateIPAddress                string `json:"privateIPAddress"`
	PrivateIPAllocationMethod       string `json:"privateIPAllocationMethod"`
	PrivateIPAddressVersion         string `json:"privateIPAddressVersion"`
	Subnet                          *ref   `json:"subnet"`
	PublicIPAddress                 *ref   `json:"publicIPAddress"`
	Primary                         *bool  `json:"primary"`
	ApplicationSecurityGroups       []ref  `json:"applicationSecurityGroups"`
	LoadBalancerBackendAddressPools []ref  `json:"loadBalancerBackendAddressPools"`
	LoadBalancerInboundNatRules     []ref  `json:"loadBalancerInboundNatRules"`
}

type nicJSON struct {
	IPConfigurations     []ipConfigJSON `json:"ipConfigurations"`
	NetworkSecurityGroup *ref           `json:"networkSecurityGroup"`
	EnableIPForwarding   bool           `json:"enableIPForwarding"`
	VirtualMachine       *ref           `json:"virtualMachine"`
	PrivateEndpoint      *ref           `json:"privateEndpoint"`
	PrivateLinkService   *ref           `json:"privateLinkService"`
}

type vmJSON struct {
	NetworkProfile *struct {
		NetworkInterfaces []struct {
			ID      string `json:"id"`
			Primary *bool  `json:"primary"`
		} `json:"networkInterfaces"`
	} `json:"networkProfile"`
}

type vmssJSON struct {
	Sku *struct {
		Capacity int `json:"capacity"`
	} `json:"sku"`
	Tags                  map[string]string `json:"tags"`
	VirtualMachineProfile *struct {
		NetworkProfile *struct {
			NetworkInterfaceConfigurations []vmssNicConfig `json:"networkInterfaceConfigurations"`
		} `json:"networkProfile"`
	} `json:"virtualMachineProfile"`
}

type vmssNicConfig struct {
	Name                 string `json:"name"`
	Primary              *bool  `json:"primary"`
	EnableIPForwarding   bool   `json:"enableIPForwarding"`
	NetworkSecurityGroup *ref   `json:"networkSecurityGroup"`
	IPConfigurations     []struct {
		Name                      string `json:"name"`
		Subnet                    *ref   `json:"subnet"`
		ApplicationSecurityGroups []ref  `json:"applicationSecurityGroups"`
		PublicIPAddressConfig     *struct {
			Name string `json:"name"`
		} `json:"publicIPAddressConfiguration"`
	} `json:"ipConfigurations"`
}

type publicIPJSON struct {
	IPAddress                string `json:"ipAddress"`
	PublicIPAllocationMethod string `json:"publicIPAllocationMethod"`
	PublicIPAddressVersion   string `json:"publicIPAddressVersion"`
	Sku                      *struct {
		Name string `json:"name"`
	} `json:"sku"`
	PublicIPPrefix *ref `json:"publicIPPrefix"`
}

type gatewayJSON struct {
	GatewayType      string         `json:"gatewayType"`
	IPConfigurations []ipConfigJSON `json:"ipConfigurations"`
	BgpSettings      *struct {
		Asn int64 `json:"asn"`
	} `json:"bgpSettings"`
}

type localGatewayJSON struct {
	LocalNetworkAddressSpace *struct {
		AddressPrefixes []string `json:"addressPrefixes"`
	} `json:"localNetworkAddressSpace"`
	GatewayIPAddress string `json:"gatewayIpAddress"`
}

type connectionJSON struct {
	ConnectionType         string `json:"connectionType"`
	VirtualNetworkGateway1 *ref   `json:"virtualNetworkGateway1"`
	VirtualNetworkGateway2 *ref   `json:"virtualNetworkGateway2"`
	LocalNetworkGateway2   *ref   `json:"localNetworkGateway2"`
	Peer                   *ref   `json:"peer"`
}

type firewallJSON struct {
	IPConfigurations           []ipConfigJSON      `json:"ipConfigurations"`
	FirewallPolicy             *ref                `json:"firewallPolicy"`
	VirtualHub                 *ref                `json:"virtualHub"`
	NetworkRuleCollections     []classicCollection `json:"networkRuleCollections"`
	ApplicationRuleCollections []classicCollection `json:"applicationRuleCollections"`
	NatRuleCollections         []classicCollection `json:"natRuleCollections"`
	AdditionalProperties       map[string]string   `json:"additionalProperties"`
	ManagementIPConfiguration  *ipConfigJSON       `json:"managementIpConfiguration"`
}

// classicCollection is a rule collection written on the firewall itself
// (the "classic rules" of Azure Firewall).
type classicCollection struct {
	Name     string `json:"name"`
	Priority int    `json:"priority"`
	Action   *struct {
		Type string `json:"type"`
	} `json:"action"`
	Rules []fwRuleJSON `json:"rules"`
}

// fwRuleJSON is a network, application or NAT rule, classic or of a
// firewall policy (the two spell some fields differently).
type fwRuleJSON struct {
	Name                 string           `json:"name"`
	RuleType             string           `json:"ruleType"`
	Protocols            []any            `json:"-"`
	ProtocolNames        []string         `json:"ipProtocols"`
	ClassicProtocols     []*jsontree.Node `json:"protocols"`
	SourceAddresses      []string         `json:"sourceAddresses"`
	SourceIPGroups       []string         `json:"sourceIpGroups"`
	DestinationAddresses []string         `json:"destinationAddresses"`
	DestinationIPGroups  []string         `json:"destinationIpGroups"`
	DestinationFqdns     []string         `json:"destinationFqdns"`
	DestinationPorts     []string         `json:"destinationPorts"`
	TargetFqdns          []string         `json:"targetFqdns"`
	FqdnTags             []string         `json:"fqdnTags"`
	TranslatedAddress    string           `json:"translatedAddress"`
	TranslatedFqdn       string           `json:"translatedFqdn"`
	TranslatedPort       string           `json:"translatedPort"`
}

type firewallPolicyJSON struct {
	RuleCollectionGroups []ref `json:"ruleCollectionGroups"`
	BasePolicy           *ref  `json:"basePolicy"`
	Snat                 *struct {
		PrivateRanges []string `json:"privateRanges"`
	} `json:"snat"`
}

type ruleCollectionGroupJSON struct {
	Priority        int `json:"priority"`
	RuleCollections []struct {
		Name               string `json:"name"`
		Priority           int    `json:"priority"`
		RuleCollectionType string `json:"ruleCollectionType"`
		Action             *struct {
			Type string `json:"type"`
		} `json:"action"`
		Rules []fwRuleJSON `json:"rules"`
	} `json:"ruleCollections"`
}

type ipGroupJSON struct {
	IPAddresses []string `json:"ipAddresses"`
}

type privateEndpointJSON struct {
	Subnet                              *ref            `json:"subnet"`
	PrivateLinkServiceConnections       []plsConnection `json:"privateLinkServiceConnections"`
	ManualPrivateLinkServiceConnections []plsConnection `json:"manualPrivateLinkServiceConnections"`
	CustomDNSConfigs                    []struct {
		Fqdn        string   `json:"fqdn"`
		IPAddresses []string `json:"ipAddresses"`
	} `json:"customDnsConfigs"`
	NetworkInterfaces []ref `json:"networkInterfaces"`
	IPConfigurations  []struct {
		Name             string `json:"name"`
		PrivateIPAddress string `json:"privateIPAddress"`
		GroupID          string `json:"groupId"`
	} `json:"ipConfigurations"`
}

type plsConnection struct {
	Name                 string   `json:"name"`
	PrivateLinkServiceID string   `json:"privateLinkServiceId"`
	GroupIDs             []string `json:"groupIds"`
}

type dnsZoneGroupJSON struct {
	PrivateDNSZoneConfigs []struct {
		Name             string `json:"name"`
		PrivateDNSZoneID string `json:"privateDnsZoneId"`
	} `json:"privateDnsZoneConfigs"`
}

type vnetLinkJSON struct {
	VirtualNetwork      *ref `json:"virtualNetwork"`
	RegistrationEnabled bool `json:"registrationEnabled"`
}

type natGatewayJSON struct {
	PublicIPAddresses []ref `json:"publicIpAddresses"`
	PublicIPPrefixes  []ref `json:"publicIpPrefixes"`
	Subnets           []ref `json:"subnets"`
}

type publicIPPrefixJSON struct {
	IPPrefix string `json:"ipPrefix"`
}

// paasJSON is the network settings of a storage account, key vault or
// container registry (their firewalls differ in spelling only).
type paasJSON struct {
	PublicNetworkAccess string   `json:"publicNetworkAccess"`
	NetworkAcls         *aclJSON `json:"networkAcls"`
	NetworkRuleSet      *aclJSON `json:"networkRuleSet"` // container registries
	NetworkRuleBypass   string   `json:"networkRuleBypassOptions"`
	NetworkProfile      *struct {
		AccountAccess *aclJSON `json:"accountAccess"` // Batch accounts
	} `json:"networkProfile"`
}

type aclJSON struct {
	DefaultAction string `json:"defaultAction"`
	Bypass        string `json:"bypass"`
	IPRules       []struct {
		Value            string `json:"value"`
		IPAddressOrRange string `json:"ipAddressOrRange"`
		Action           string `json:"action"`
	} `json:"ipRules"`
	VirtualNetworkRules []struct {
		ID                       string `json:"id"`
		VirtualNetworkResourceID string `json:"virtualNetworkResourceId"`
		Action                   string `json:"action"`
	} `json:"virtualNetworkRules"`
}

type aksJSON struct {
	AgentPoolProfiles []agentPoolJSON `json:"agentPoolProfiles"`
	NetworkProfile    *struct {
		NetworkPlugin    string `json:"networkPlugin"`
		ServiceCidr      string `json:"serviceCidr"`
		DNSServiceIP     string `json:"dnsServiceIP"`
		DockerBridgeCidr string `json:"dockerBridgeCidr"`
		OutboundType     string `json:"outboundType"`
		PodCidr          string `json:"podCidr"`
	} `json:"networkProfile"`
	APIServerAccessProfile *struct {
		EnablePrivateCluster bool `json:"enablePrivateCluster"`
	} `json:"apiServerAccessProfile"`
}

type agentPoolJSON struct {
	Name               string `json:"name"`
	Count              int    `json:"count"`
	MaxCount           int    `json:"maxCount"`
	VnetSubnetID       string `json:"vnetSubnetID"`
	EnableNodePublicIP bool   `json:"enableNodePublicIP"`
}

type workspaceJSON struct {
	StorageAccount      string `json:"storageAccount"`
	KeyVault            string `json:"keyVault"`
	ContainerRegistry   string `json:"containerRegistry"`
	PublicNetworkAccess string `json:"publicNetworkAccess"`
	ManagedNetwork      *struct {
		IsolationMode string `json:"isolationMode"`
	} `json:"managedNetwork"`
}

// computeJSON is an Azure ML compute: its own settings sit one level down,
// in properties.properties.
type computeJSON struct {
	ComputeType     string `json:"computeType"`
	ComputeLocation string `json:"computeLocation"`
	ResourceID      string `json:"resourceId"`
	Properties      *struct {
		Subnet        *ref `json:"subnet"`
		ScaleSettings *struct {
			MaxNodeCount int `json:"maxNodeCount"`
			MinNodeCount int `json:"minNodeCount"`
		} `json:"scaleSettings"`
		EnableNodePublicIP *bool `json:"enableNodePublicIp"`
	} `json:"properties"`
}

type batchPoolJSON struct {
	NetworkConfiguration *struct {
		SubnetID                     string `json:"subnetId"`
		PublicIPAddressConfiguration *struct {
			Provision string `json:"provision"`
		} `json:"publicIPAddressConfiguration"`
		EndpointConfiguration *struct {
			InboundNatPools []struct {
				Name                      string `json:"name"`
				Protocol                  string `json:"protocol"`
				BackendPort               int    `json:"backendPort"`
				NetworkSecurityGroupRules []struct {
					Priority            int      `json:"priority"`
					Access              string   `json:"access"`
					SourceAddressPrefix string   `json:"sourceAddressPrefix"`
					SourcePortRanges    []string `json:"sourcePortRanges"`
				} `json:"networkSecurityGroupRules"`
			} `json:"inboundNatPools"`
		} `json:"endpointConfiguration"`
	} `json:"networkConfiguration"`
	TargetNodeCommunicationMode string `json:"targetNodeCommunicationMode"`
	ScaleSettings               *struct {
		FixedScale *struct {
			TargetDedicatedNodes   int `json:"targetDedicatedNodes"`
			TargetLowPriorityNodes int `json:"targetLowPriorityNodes"`
		} `json:"fixedScale"`
		AutoScale *struct {
			Formula string `json:"formula"`
		} `json:"autoScale"`
	} `json:"scaleSettings"`
	CurrentDedicatedNodes   int `json:"currentDedicatedNodes"`
	CurrentLowPriorityNodes int `json:"currentLowPriorityNodes"`
}

type lbJSON struct {
	Sku *struct {
		Name string `json:"name"`
	} `json:"sku"`
	FrontendIPConfigurations []frontendJSON `json:"frontendIPConfigurations"`
	BackendAddressPools      []struct {
		header
		LoadBalancerBackendAddresses []struct {
			Name                            string `json:"name"`
			IPAddress                       string `json:"ipAddress"`
			NetworkInterfaceIPConfiguration *ref   `json:"networkInterfaceIPConfiguration"`
		} `json:"loadBalancerBackendAddresses"`
		BackendIPConfigurations []ref `json:"backendIPConfigurations"`
	} `json:"backendAddressPools"`
	LoadBalancingRules []struct {
		header
		FrontendIPConfiguration *ref   `json:"frontendIPConfiguration"`
		BackendAddressPool      *ref   `json:"backendAddressPool"`
		BackendAddressPools     []ref  `json:"backendAddressPools"`
		Probe                   *ref   `json:"probe"`
		Protocol                string `json:"protocol"`
		FrontendPort            int    `json:"frontendPort"`
		BackendPort             int    `json:"backendPort"`
		DisableOutboundSnat     bool   `json:"disableOutboundSnat"`
	} `json:"loadBalancingRules"`
	InboundNatRules []struct {
		header
		FrontendIPConfiguration *ref   `json:"frontendIPConfiguration"`
		BackendIPConfiguration  *ref   `json:"backendIPConfiguration"`
		Protocol                string `json:"protocol"`
		FrontendPort            int    `json:"frontendPort"`
		BackendPort             int    `json:"backendPort"`
	} `json:"inboundNatRules"`
	OutboundRules []struct {
		header
		FrontendIPConfigurations []ref  `json:"frontendIPConfigurations"`
		BackendAddressPool       *ref   `json:"backendAddressPool"`
		Protocol                 string `json:"protocol"`
	} `json:"outboundRules"`
	Probes []struct {
		header
		Protocol    string `json:"protocol"`
		Port        int    `json:"port"`
		RequestPath string `json:"requestPath"`
	} `json:"probes"`
}

type frontendJSON struct {
	ipConfigJSON
}
