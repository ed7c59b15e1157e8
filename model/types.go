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

// The types below are the topology format both ways: Load decodes into
// them (decode.go reads a yaml tag's name and ",inline"), and writers
// (vnetsim import, vnetsim gen) marshal them with yaml.v3. Every field is
// omitempty, so that a marshalled value holds only what is set, except
// version and the rules' priority: required, and zero is not "absent" for
// them. A field whose default is not its zero value is a pointer (nil =
// default), as Peering.AllowVirtualNetworkAccess.

// Topology is one Azure network estate (topology-format.md).
type Topology struct {
	Meta                  `yaml:"-"`
	Version               int                     `yaml:"version"`
	Name                  string                  `yaml:"name,omitempty"`
	Description           string                  `yaml:"description,omitempty"`
	Location              string                  `yaml:"location,omitempty"`
	Include               []string                `yaml:"include,omitempty"`
	Defaults              *Defaults               `yaml:"defaults,omitempty"`
	Workspace             *Workspace              `yaml:"workspace,omitempty"`
	ServiceTags           *ServiceTagSources      `yaml:"serviceTags,omitempty"`
	VNets                 []*VNet                 `yaml:"vnets,omitempty"`
	NetworkSecurityGroups []*NetworkSecurityGroup `yaml:"networkSecurityGroups,omitempty"`
	RouteTables           []*RouteTable           `yaml:"routeTables,omitempty"`
	NatGateways           []*NatGateway           `yaml:"natGateways,omitempty"`
	LoadBalancers         []*LoadBalancer         `yaml:"loadBalancers,omitempty"`
	Gateways              []*Gateway              `yaml:"gateways,omitempty"`
	Appliances            []*Appliance            `yaml:"appliances,omitempty"`
	PrivateDNSZones       []*PrivateDNSZone       `yaml:"privateDnsZones,omitempty"`
	Endpoints             []*Endpoint             `yaml:"endpoints,omitempty"`
	StandardIntents       *StandardIntents        `yaml:"standardIntents,omitempty"`
	Intents               []*Intent               `yaml:"intents,omitempty"`
	// NotModelled names Azure resources the estate has that vnetsim does
	// not simulate (azure-semantics.md §15); each is reported as a note.
	NotModelled []*NotModelled `yaml:"notModelled,omitempty"`

	// Tags holds every service tag the topology can use: its files, then
	// its inline tags. Filled by Load.
	Tags *servicetags.DB `yaml:"-"`
}

// Workspace is the Azure ML workspace the estate serves.
type Workspace struct {
	Meta              `yaml:"-"`
	Name              string `yaml:"name,omitempty"`
	Location          string `yaml:"location,omitempty"`
	Subscription      string `yaml:"subscription,omitempty"`
	StorageAccount    string `yaml:"storageAccount,omitempty"`
	KeyVault          string `yaml:"keyVault,omitempty"`
	ContainerRegistry string `yaml:"containerRegistry,omitempty"`
}

// ServiceTagSources names where service-tag prefixes come from.
type ServiceTagSources struct {
	Meta   `yaml:"-"`
	Files  []string            `yaml:"files,omitempty"`
	Inline map[string][]string `yaml:"inline,omitempty"`
}

type VNet struct {
	Meta         `yaml:"-"`
	Name         string       `yaml:"name,omitempty"`
	Location     string       `yaml:"location,omitempty"`
	Subscription string       `yaml:"subscription,omitempty"`
	AddressSpace []string     `yaml:"addressSpace,omitempty"`
	DhcpOptions  *DhcpOptions `yaml:"dhcpOptions,omitempty"`
	Subnets      []*Subnet    `yaml:"subnets,omitempty"`
	Peerings     []*Peering   `yaml:"peerings,omitempty"`
}

// DhcpOptions are a VNet's custom DNS servers (azure-semantics.md §13).
type DhcpOptions struct {
	Meta       `yaml:"-"`
	DNSServers []string `yaml:"dnsServers,omitempty"`
}

type Subnet struct {
	Meta                 `yaml:"-"`
	Name                 string   `yaml:"name,omitempty"`
	AddressPrefix        string   `yaml:"addressPrefix,omitempty"`
	NetworkSecurityGroup string   `yaml:"networkSecurityGroup,omitempty"`
	RouteTable           string   `yaml:"routeTable,omitempty"`
	ServiceEndpoints     []string `yaml:"serviceEndpoints,omitempty"`
	Delegations          []string `yaml:"delegations,omitempty"`
	// DefaultOutboundAccess false makes a private subnet (azure-semantics.md
	// §10); nil takes defaults.defaultOutboundAccess.
	DefaultOutboundAccess          *bool             `yaml:"defaultOutboundAccess,omitempty"`
	NatGateway                     string            `yaml:"natGateway,omitempty"`
	PrivateEndpointNetworkPolicies PENetworkPolicies `yaml:"privateEndpointNetworkPolicies,omitempty"`

	VNet *VNet `yaml:"-"` // the VNet that holds it; set by Load
}

// ID is the subnet's reference form, "vnet/subnet".
func (s *Subnet) ID() string { return s.VNet.Name + "/" + s.Name }

type Peering struct {
	Meta                      `yaml:"-"`
	Name                      string `yaml:"name,omitempty"`
	RemoteVirtualNetwork      string `yaml:"remoteVirtualNetwork,omitempty"`
	AllowVirtualNetworkAccess *bool  `yaml:"allowVirtualNetworkAccess,omitempty"`
	AllowForwardedTraffic     bool   `yaml:"allowForwardedTraffic,omitempty"`
	AllowGatewayTransit       bool   `yaml:"allowGatewayTransit,omitempty"`
	UseRemoteGateways         bool   `yaml:"useRemoteGateways,omitempty"`
}

// AllowsAccess is allowVirtualNetworkAccess with its default (true).
func (p *Peering) AllowsAccess() bool {
	return p.AllowVirtualNetworkAccess == nil || *p.AllowVirtualNetworkAccess
}

type NetworkSecurityGroup struct {
	Meta          `yaml:"-"`
	Name          string          `yaml:"name,omitempty"`
	SecurityRules []*SecurityRule `yaml:"securityRules,omitempty"`
}

// RuleMatch is what an NSG rule and an appliance rule match on.
type RuleMatch struct {
	Protocol                             Protocol `yaml:"protocol,omitempty"`
	SourceAddressPrefix                  string   `yaml:"sourceAddressPrefix,omitempty"`
	SourceAddressPrefixes                []string `yaml:"sourceAddressPrefixes,omitempty"`
	SourcePortRange                      string   `yaml:"sourcePortRange,omitempty"`
	SourcePortRanges                     []string `yaml:"sourcePortRanges,omitempty"`
	DestinationAddressPrefix             string   `yaml:"destinationAddressPrefix,omitempty"`
	DestinationAddressPrefixes           []string `yaml:"destinationAddressPrefixes,omitempty"`
	DestinationPortRange                 string   `yaml:"destinationPortRange,omitempty"`
	DestinationPortRanges                []string `yaml:"destinationPortRanges,omitempty"`
	SourceApplicationSecurityGroups      []string `yaml:"sourceApplicationSecurityGroups,omitempty"`
	DestinationApplicationSecurityGroups []string `yaml:"destinationApplicationSecurityGroups,omitempty"`
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
	Name        string    `yaml:"name,omitempty"`
	Priority    int       `yaml:"priority"`
	Direction   Direction `yaml:"direction,omitempty"`
	Access      Access    `yaml:"access,omitempty"`
	Description string    `yaml:"description,omitempty"`
	RuleMatch   `yaml:",inline"`
}

type RouteTable struct {
	Meta                       `yaml:"-"`
	Name                       string   `yaml:"name,omitempty"`
	DisableBgpRoutePropagation bool     `yaml:"disableBgpRoutePropagation,omitempty"`
	Routes                     []*Route `yaml:"routes,omitempty"`
}

type Route struct {
	Meta             `yaml:"-"`
	Name             string      `yaml:"name,omitempty"`
	AddressPrefix    string      `yaml:"addressPrefix,omitempty"`
	NextHopType      NextHopType `yaml:"nextHopType,omitempty"`
	NextHopIPAddress string      `yaml:"nextHopIpAddress,omitempty"`
}

type Gateway struct {
	Meta       `yaml:"-"`
	Name       string      `yaml:"name,omitempty"`
	VNet       string      `yaml:"vnet,omitempty"`
	Type       GatewayType `yaml:"type,omitempty"`
	OnPremises *OnPremises `yaml:"onPremises,omitempty"`
}

type OnPremises struct {
	Meta                  `yaml:"-"`
	AddressPrefixes       []string       `yaml:"addressPrefixes,omitempty"`
	AdvertiseDefaultRoute bool           `yaml:"advertiseDefaultRoute,omitempty"`
	InternetEgress        InternetEgress `yaml:"internetEgress,omitempty"`
	SnatAddress           string         `yaml:"snatAddress,omitempty"`
	// DNSServers is where on-premises resolvers forward Azure's privatelink
	// zones (a DNS Private Resolver or forwarder in a VNet); none means
	// on-premises resolves public names publicly (azure-semantics.md §13).
	DNSServers []string `yaml:"dnsServers,omitempty"`
}

// Appliance is a network virtual appliance (kind NetworkVirtualAppliance,
// the default: ordered rules like an NSG's) or an Azure Firewall (kind
// AzureFirewall: rule collection groups, azure-semantics.md §11).
type Appliance struct {
	Meta               `yaml:"-"`
	Name               string           `yaml:"name,omitempty"`
	Kind               ApplianceKind    `yaml:"kind,omitempty"`
	Subnet             string           `yaml:"subnet,omitempty"`
	PrivateIPAddress   string           `yaml:"privateIpAddress,omitempty"`
	EnableIPForwarding bool             `yaml:"enableIpForwarding,omitempty"`
	Snat               *ApplianceSnat   `yaml:"snat,omitempty"`
	DefaultAction      Access           `yaml:"defaultAction,omitempty"`
	Rules              []*ApplianceRule `yaml:"rules,omitempty"`

	// Azure Firewall only.
	PublicIPAddresses    []string               `yaml:"publicIpAddresses,omitempty"`
	ForcedTunneling      bool                   `yaml:"forcedTunneling,omitempty"`
	RuleCollectionGroups []*RuleCollectionGroup `yaml:"ruleCollectionGroups,omitempty"`
}

// IsAzureFirewall reports whether the appliance is an Azure Firewall.
func (a *Appliance) IsAzureFirewall() bool { return a.Kind == AzureFirewall }

// ApplianceSnat is source NAT: an NVA's public address for internet-bound
// traffic, or an Azure Firewall's private ranges (the destinations it does
// not translate for).
type ApplianceSnat struct {
	Meta            `yaml:"-"`
	PublicIPAddress string   `yaml:"publicIpAddress,omitempty"`
	PrivateRanges   []string `yaml:"privateRanges,omitempty"`
}

type ApplianceRule struct {
	Meta        `yaml:"-"`
	Name        string `yaml:"name,omitempty"`
	Priority    int    `yaml:"priority"`
	Access      Access `yaml:"access,omitempty"`
	Description string `yaml:"description,omitempty"`
	RuleMatch   `yaml:",inline"`
}

// Endpoint is a workload or PaaS service; which fields apply depends on Kind.
type Endpoint struct {
	Meta                      `yaml:"-"`
	Name                      string            `yaml:"name,omitempty"`
	Kind                      EndpointKind      `yaml:"kind,omitempty"`
	Description               string            `yaml:"description,omitempty"`
	Subnet                    string            `yaml:"subnet,omitempty"`
	NetworkSecurityGroup      string            `yaml:"networkSecurityGroup,omitempty"`
	ApplicationSecurityGroups []string          `yaml:"applicationSecurityGroups,omitempty"`
	NodeCount                 int               `yaml:"nodeCount,omitempty"`
	IPAddresses               []string          `yaml:"ipAddresses,omitempty"`
	PublicIPAddress           string            `yaml:"publicIpAddress,omitempty"`
	PublicIPSku               PublicIPSku       `yaml:"publicIpSku,omitempty"`
	NodeCommunication         NodeCommunication `yaml:"nodeCommunication,omitempty"`
	// BatchAccount names the BatchAccount endpoint a BatchPool belongs to.
	BatchAccount        string              `yaml:"batchAccount,omitempty"`
	Frontend            Frontend            `yaml:"frontend,omitempty"`
	PrivateIPAddress    string              `yaml:"privateIpAddress,omitempty"`
	Ports               []string            `yaml:"ports,omitempty"`
	ServiceCidr         string              `yaml:"serviceCidr,omitempty"`
	DNSServiceIP        string              `yaml:"dnsServiceIp,omitempty"`
	DockerBridgeCidr    string              `yaml:"dockerBridgeCidr,omitempty"`
	OutboundType        OutboundType        `yaml:"outboundType,omitempty"`
	Location            string              `yaml:"location,omitempty"`
	Fqdns               []string            `yaml:"fqdns,omitempty"`
	PublicNetworkAccess PublicNetworkAccess `yaml:"publicNetworkAccess,omitempty"`
	Firewall            *Firewall           `yaml:"firewall,omitempty"`
	PrivateEndpoints    []*PrivateEndpoint  `yaml:"privateEndpoints,omitempty"`
	AddressPrefixes     []string            `yaml:"addressPrefixes,omitempty"`
	// AttachedTo names the Azure ML workspace a VirtualMachine serves as
	// attached compute (azure-semantics.md §7).
	AttachedTo string `yaml:"attachedTo,omitempty"`
}

type Firewall struct {
	Meta                `yaml:"-"`
	DefaultAction       Access   `yaml:"defaultAction,omitempty"`
	VirtualNetworkRules []string `yaml:"virtualNetworkRules,omitempty"`
	IPRules             []string `yaml:"ipRules,omitempty"`
	Bypass              []string `yaml:"bypass,omitempty"`
}

type PrivateEndpoint struct {
	Meta             `yaml:"-"`
	Name             string `yaml:"name,omitempty"`
	Subnet           string `yaml:"subnet,omitempty"`
	PrivateIPAddress string `yaml:"privateIpAddress,omitempty"`
	// GroupID is the sub-resource the endpoint connects to (blob, vault,
	// registry, nodeManagement...); the kind's usual one when empty.
	GroupID string `yaml:"groupId,omitempty"`
	// PrivateDNSZones are the zones its DNS zone group registers it in;
	// when the key is absent, the declared zone of its group's usual name
	// (azure-semantics.md §13).
	PrivateDNSZones []string `yaml:"privateDnsZones,omitempty"`
}

// Intent is reachability that must (or must not) hold.
type Intent struct {
	Meta             `yaml:"-"`
	Name             string   `yaml:"name,omitempty"`
	Description      string   `yaml:"description,omitempty"`
	Source           string   `yaml:"source,omitempty"`
	Destination      string   `yaml:"destination,omitempty"`
	Protocol         Protocol `yaml:"protocol,omitempty"`
	SourcePorts      []string `yaml:"sourcePorts,omitempty"`
	DestinationPorts []string `yaml:"destinationPorts,omitempty"`
	// Fqdn is the name the flow uses for its destination (Azure Firewall
	// application rules match it), when the destination is not an endpoint
	// named by one of its names.
	Fqdn   string  `yaml:"fqdn,omitempty"`
	Expect Verdict `yaml:"expect,omitempty"`

	Standard bool `yaml:"-"` // implied by an endpoint (azure-semantics.md §7)
	// Unresolved says, for a standard intent, what the topology lacks for it
	// to name any packet (a service tag); the intent is then not judged.
	Unresolved string `yaml:"-"`
}
