package azure

// ARM JSON comes in two shapes: the REST shape that az resource show, Azure
// Resource Graph and templates use, where an object's settings are under
// "properties", and the flattened shape of az network ... list/show, where
// they sit beside "id" and "name". Each type below decodes both: the settings
// are embedded (flattened) and also reachable through Properties, and props
// picks the one present.

// props returns the REST-shape settings when present, else the flattened.
func props[P any](rest *P, flat *P) *P {
	if rest != nil {
		return rest
	}
	return flat
}

// header is what every resource has.
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
	header
	Properties *vnetProps `json:"properties"`
	vnetProps
}

type vnetProps struct {
	AddressSpace *struct {
		AddressPrefixes []string `json:"addressPrefixes"`
	} `json:"addressSpace"`
	Subnets                []subnetJSON  `json:"subnets"`
	VirtualNetworkPeerings []peeringJSON `json:"virtualNetworkPeerings"`
}

type subnetJSON struct {
	header
	Properties *subnetProps `json:"properties"`
	subnetProps
}

type subnetProps struct {
	AddressPrefix        string   `json:"addressPrefix"`
	AddressPrefixes      []string `json:"addressPrefixes"`
	NetworkSecurityGroup *ref     `json:"networkSecurityGroup"`
	RouteTable           *ref     `json:"routeTable"`
	ServiceEndpoints     []struct {
		Service string `json:"service"`
	} `json:"serviceEndpoints"`
	Delegations []delegationJSON `json:"delegations"`
}

type delegationJSON struct {
	Properties *delegationProps `json:"properties"`
	delegationProps
}

type delegationProps struct {
	ServiceName string `json:"serviceName"`
}

type peeringJSON struct {
	header
	Properties *peeringProps `json:"properties"`
	peeringProps
}

type peeringProps struct {
	RemoteVirtualNetwork      *ref  `json:"remoteVirtualNetwork"`
	AllowVirtualNetworkAccess *bool `json:"allowVirtualNetworkAccess"`
	AllowForwardedTraffic     bool  `json:"allowForwardedTraffic"`
	AllowGatewayTransit       bool  `json:"allowGatewayTransit"`
	UseRemoteGateways         bool  `json:"useRemoteGateways"`
}

type nsgJSON struct {
	header
	Properties *nsgProps `json:"properties"`
	nsgProps
}

// nsgProps leaves out defaultSecurityRules: vnetsim always adds them.
type nsgProps struct {
	SecurityRules []ruleJSON `json:"securityRules"`
}

type ruleJSON struct {
	header
	Properties *ruleProps `json:"properties"`
	ruleProps
}

type ruleProps struct {
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
	header
	Properties *routeTableProps `json:"properties"`
	routeTableProps
}

type routeTableProps struct {
	DisableBgpRoutePropagation bool        `json:"disableBgpRoutePropagation"`
	Routes                     []routeJSON `json:"routes"`
}

type routeJSON struct {
	header
	Properties *routeProps `json:"properties"`
	routeProps
}

type routeProps struct {
	AddressPrefix    string `json:"addressPrefix"`
	NextHopType      string `json:"nextHopType"`
	NextHopIPAddress string `json:"nextHopIpAddress"`
}

type gatewayJSON struct {
	header
	Properties *gatewayProps `json:"properties"`
	gatewayProps
}

type gatewayProps struct {
	GatewayType      string         `json:"gatewayType"`
	IPConfigurations []ipConfigJSON `json:"ipConfigurations"`
}

type ipConfigJSON struct {
	Properties *ipConfigProps `json:"properties"`
	ipConfigProps
}

type ipConfigProps struct {
	Subnet *ref `json:"subnet"`
}
