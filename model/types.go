package model

import "github.com/vnetsim/vnetsim/model/servicetags"

// Meta records where an object and each of its fields came from. Every
// type below that is decoded from a YAML mapping embeds it.
type Meta struct {
	Pos    Pos            // the mapping itself
	Path   string         // data path, e.g. "vnets[ml-vnet].subnets[compute]"
	fields map[string]Pos // each key's value, by YAML key
}

// At is the position of the value of key, or of the object when the key
// is absent.
func (m *Meta) At(key string) Pos {
	if p, ok := m.fields[key]; ok {
		return p
	}
	return m.Pos
}

// Has reports whether key was written in the input.
func (m *Meta) Has(key string) bool {
	_, ok := m.fields[key]
	return ok
}

// Field is the data path of one of the object's fields.
func (m *Meta) Field(key string) string {
	if m.Path == "" {
		return key
	}
	return m.Path + "." + key
}

func (m *Meta) meta() *Meta { return m }

// Topology is one Azure network estate (topology-format.md).
type Topology struct {
	Meta                  `yaml:"-"`
	Version               int                     `yaml:"version"`
	Name                  string                  `yaml:"name"`
	Description           string                  `yaml:"description"`
	Location              string                  `yaml:"location"`
	Include               []string                `yaml:"include"`
	Workspace             *Workspace              `yaml:"workspace"`
	ServiceTags           *ServiceTagSources      `yaml:"serviceTags"`
	VNets                 []*VNet                 `yaml:"vnets"`
	NetworkSecurityGroups []*NetworkSecurityGroup `yaml:"networkSecurityGroups"`
	RouteTables           []*RouteTable           `yaml:"routeTables"`
	Gateways              []*Gateway              `yaml:"gateways"`
	Appliances            []*Appliance            `yaml:"appliances"`
	Endpoints             []*Endpoint             `yaml:"endpoints"`
	Intents               []*Intent               `yaml:"intents"`

	// Tags holds every service tag the topology can use: its files, then
	// its inline tags. Filled by Load.
	Tags *servicetags.DB `yaml:"-"`
}

// Workspace is the Azure ML workspace the estate serves.
type Workspace struct {
	Meta              `yaml:"-"`
	Name              string `yaml:"name"`
	Location          string `yaml:"location"`
	Subscription      string `yaml:"subscription"`
	StorageAccount    string `yaml:"storageAccount"`
	KeyVault          string `yaml:"keyVault"`
	ContainerRegistry string `yaml:"containerRegistry"`
}

// ServiceTagSources names where service-tag prefixes come from.
type ServiceTagSources struct {
	Meta   `yaml:"-"`
	Files  []string            `yaml:"files"`
	Inline map[string][]string `yaml:"inline"`
}

type VNet struct {
	Meta         `yaml:"-"`
	Name         string     `yaml:"name"`
	Location     string     `yaml:"location"`
	Subscription string     `yaml:"subscription"`
	AddressSpace []string   `yaml:"addressSpace"`
	Subnets      []*Subnet  `yaml:"subnets"`
	Peerings     []*Peering `yaml:"peerings"`
}

type Subnet struct {
	Meta                 `yaml:"-"`
	Name                 string   `yaml:"name"`
	AddressPrefix        string   `yaml:"addressPrefix"`
	NetworkSecurityGroup string   `yaml:"networkSecurityGroup"`
	RouteTable           string   `yaml:"routeTable"`
	ServiceEndpoints     []string `yaml:"serviceEndpoints"`
	Delegations          []string `yaml:"delegations"`

	VNet *VNet `yaml:"-"` // the VNet that holds it; set by Load
}

// ID is the subnet's reference form, "vnet/subnet".
func (s *Subnet) ID() string { return s.VNet.Name + "/" + s.Name }

type Peering struct {
	Meta                      `yaml:"-"`
	Name                      string `yaml:"name"`
	RemoteVirtualNetwork      string `yaml:"remoteVirtualNetwork"`
	AllowVirtualNetworkAccess *bool  `yaml:"allowVirtualNetworkAccess"`
	AllowForwardedTraffic     bool   `yaml:"allowForwardedTraffic"`
	AllowGatewayTransit       bool   `yaml:"allowGatewayTransit"`
	UseRemoteGateways         bool   `yaml:"useRemoteGateways"`
}

// AllowsAccess is allowVirtualNetworkAccess with its default (true).
func (p *Peering) AllowsAccess() bool {
	return p.AllowVirtualNetworkAccess == nil || *p.AllowVirtualNetworkAccess
}

type NetworkSecurityGroup struct {
	Meta          `yaml:"-"`
	Name          string          `yaml:"name"`
	SecurityRules []*SecurityRule `yaml:"securityRules"`
}

// RuleMatch is what an NSG rule and an appliance rule match on.
type RuleMatch struct {
	Protocol                             Protocol `yaml:"protocol"`
	SourceAddressPrefix                  string   `yaml:"sourceAddressPrefix"`
	SourceAddressPrefixes                []string `yaml:"sourceAddressPrefixes"`
	SourcePortRange                      string   `yaml:"sourcePortRange"`
	SourcePortRanges                     []string `yaml:"sourcePortRanges"`
	DestinationAddressPrefix             string   `yaml:"destinationAddressPrefix"`
	DestinationAddressPrefixes           []string `yaml:"destinationAddressPrefixes"`
	DestinationPortRange                 string   `yaml:"destinationPortRange"`
	DestinationPortRanges                []string `yaml:"destinationPortRanges"`
	SourceApplicationSecurityGroups      []string `yaml:"sourceApplicationSecurityGroups"`
	DestinationApplicationSecurityGroups []string `yaml:"destinationApplicationSecurityGroups"`
}

// Sources is the union of the singular and plural source prefix fields;
// an absent source means any.
func (r *RuleMatch) Sources() []string {
	return singularOrPlural(r.SourceAddressPrefix, r.SourceAddressPrefixes, len(r.SourceApplicationSecurityGroups) > 0)
}

func (r *RuleMatch) Destinations() []string {
	return singularOrPlural(r.DestinationAddressPrefix, r.DestinationAddressPrefixes, len(r.DestinationApplicationSecurityGroups) > 0)
}

func (r *RuleMatch) SourcePorts() []string {
	return singularOrPlural(r.SourcePortRange, r.SourcePortRanges, false)
}

func (r *RuleMatch) DestinationPorts() []string {
	return singularOrPlural(r.DestinationPortRange, r.DestinationPortRanges, false)
}

// singularOrPlural: when an ASG stands in for the prefix, the prefix side is
// empty rather than "any" (the ASG is the constraint).
func singularOrPlural(one string, many []string, asg bool) []string {
	out := append([]string(nil), many...)
	if one != "" {
		out = append(out, one)
	}
	if len(out) == 0 && !asg {
		out = []string{"*"}
	}
	return out
}

type SecurityRule struct {
	Meta        `yaml:"-"`
	Name        string    `yaml:"name"`
	Priority    int       `yaml:"priority"`
	Direction   Direction `yaml:"direction"`
	Access      Access    `yaml:"access"`
	Description string    `yaml:"description"`
	RuleMatch   `yaml:",inline"`
}

type RouteTable struct {
	Meta                       `yaml:"-"`
	Name                       string   `yaml:"name"`
	DisableBgpRoutePropagation bool     `yaml:"disableBgpRoutePropagation"`
	Routes                     []*Route `yaml:"routes"`
}

type Route struct {
	Meta             `yaml:"-"`
	Name             string      `yaml:"name"`
	AddressPrefix    string      `yaml:"addressPrefix"`
	NextHopType      NextHopType `yaml:"nextHopType"`
	NextHopIPAddress string      `yaml:"nextHopIpAddress"`
}

type Gateway struct {
	Meta       `yaml:"-"`
	Name       string      `yaml:"name"`
	VNet       string      `yaml:"vnet"`
	Type       GatewayType `yaml:"type"`
	OnPremises *OnPremises `yaml:"onPremises"`
}

type OnPremises struct {
	Meta                  `yaml:"-"`
	AddressPrefixes       []string       `yaml:"addressPrefixes"`
	AdvertiseDefaultRoute bool           `yaml:"advertiseDefaultRoute"`
	InternetEgress        InternetEgress `yaml:"internetEgress"`
	SnatAddress           string         `yaml:"snatAddress"`
}

type Appliance struct {
	Meta               `yaml:"-"`
	Name               string           `yaml:"name"`
	Subnet             string           `yaml:"subnet"`
	PrivateIPAddress   string           `yaml:"privateIpAddress"`
	EnableIPForwarding bool             `yaml:"enableIpForwarding"`
	Snat               *ApplianceSnat   `yaml:"snat"`
	DefaultAction      Access           `yaml:"defaultAction"`
	Rules              []*ApplianceRule `yaml:"rules"`
}

type ApplianceSnat struct {
	Meta            `yaml:"-"`
	PublicIPAddress string `yaml:"publicIpAddress"`
}

type ApplianceRule struct {
	Meta        `yaml:"-"`
	Name        string `yaml:"name"`
	Priority    int    `yaml:"priority"`
	Access      Access `yaml:"access"`
	Description string `yaml:"description"`
	RuleMatch   `yaml:",inline"`
}

// Endpoint is a workload or PaaS service; which fields apply depends on Kind.
type Endpoint struct {
	Meta                      `yaml:"-"`
	Name                      string             `yaml:"name"`
	Kind                      EndpointKind       `yaml:"kind"`
	Description               string             `yaml:"description"`
	Subnet                    string             `yaml:"subnet"`
	NetworkSecurityGroup      string             `yaml:"networkSecurityGroup"`
	ApplicationSecurityGroups []string           `yaml:"applicationSecurityGroups"`
	NodeCount                 int                `yaml:"nodeCount"`
	IPAddresses               []string           `yaml:"ipAddresses"`
	PublicIPAddress           string             `yaml:"publicIpAddress"`
	NodeCommunication         NodeCommunication  `yaml:"nodeCommunication"`
	Frontend                  Frontend           `yaml:"frontend"`
	PrivateIPAddress          string             `yaml:"privateIpAddress"`
	Ports                     []string           `yaml:"ports"`
	ServiceCidr               string             `yaml:"serviceCidr"`
	DNSServiceIP              string             `yaml:"dnsServiceIp"`
	DockerBridgeCidr          string             `yaml:"dockerBridgeCidr"`
	Location                  string             `yaml:"location"`
	Firewall                  *Firewall          `yaml:"firewall"`
	PrivateEndpoints          []*PrivateEndpoint `yaml:"privateEndpoints"`
	AddressPrefixes           []string           `yaml:"addressPrefixes"`
}

type Firewall struct {
	Meta                `yaml:"-"`
	DefaultAction       Access   `yaml:"defaultAction"`
	VirtualNetworkRules []string `yaml:"virtualNetworkRules"`
	IPRules             []string `yaml:"ipRules"`
	Bypass              []string `yaml:"bypass"`
}

type PrivateEndpoint struct {
	Meta             `yaml:"-"`
	Name             string `yaml:"name"`
	Subnet           string `yaml:"subnet"`
	PrivateIPAddress string `yaml:"privateIpAddress"`
}

// Intent is reachability that must (or must not) hold.
type Intent struct {
	Meta             `yaml:"-"`
	Name             string   `yaml:"name"`
	Description      string   `yaml:"description"`
	Source           string   `yaml:"source"`
	Destination      string   `yaml:"destination"`
	Protocol         Protocol `yaml:"protocol"`
	SourcePorts      []string `yaml:"sourcePorts"`
	DestinationPorts []string `yaml:"destinationPorts"`
	Expect           Verdict  `yaml:"expect"`

	Standard bool `yaml:"-"` // implied by an endpoint (azure-semantics.md §7)
}
