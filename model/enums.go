package model

// Enum values are matched case-insensitively on input and kept in ARM
// spelling, the first spelling each enumValues list gives. Aliases follow
// the canonical value they stand for after a "=" (e.g. "Any=*").

type Direction string
type Access string
type Protocol string
type NextHopType string
type GatewayType string
type InternetEgress string
type EndpointKind string
type NodeCommunication string
type Frontend string
type Verdict string
type Reason string

const (
	Inbound  Direction = "Inbound"
	Outbound Direction = "Outbound"

	Allow Access = "Allow"
	Deny  Access = "Deny"

	Tcp         Protocol = "Tcp"
	Udp         Protocol = "Udp"
	Icmp        Protocol = "Icmp"
	Esp         Protocol = "Esp"
	Ah          Protocol = "Ah"
	AnyProtocol Protocol = "*"

	HopVirtualNetworkGateway         NextHopType = "VirtualNetworkGateway"
	HopVnetLocal                     NextHopType = "VnetLocal"
	HopInternet                      NextHopType = "Internet"
	HopVirtualAppliance              NextHopType = "VirtualAppliance"
	HopNone                          NextHopType = "None"
	HopVNetPeering                   NextHopType = "VNetPeering"
	HopVirtualNetworkServiceEndpoint NextHopType = "VirtualNetworkServiceEndpoint"
	HopInterfaceEndpoint             NextHopType = "InterfaceEndpoint" // a private endpoint's /32 system route

	ExpressRoute GatewayType = "ExpressRoute"
	Vpn          GatewayType = "Vpn"

	EgressSnat InternetEgress = "Snat"
	EgressDrop InternetEgress = "Drop"

	AmlCompute        EndpointKind = "AmlCompute"
	ComputeInstance   EndpointKind = "ComputeInstance"
	BatchPool         EndpointKind = "BatchPool"
	VirtualMachine    EndpointKind = "VirtualMachine"
	AksCluster        EndpointKind = "AksCluster"
	AksScoring        EndpointKind = "AksScoring"
	StorageAccount    EndpointKind = "StorageAccount"
	KeyVault          EndpointKind = "KeyVault"
	ContainerRegistry EndpointKind = "ContainerRegistry"
	BatchAccount      EndpointKind = "BatchAccount"
	External          EndpointKind = "External"

	Classic    NodeCommunication = "Classic"
	Simplified NodeCommunication = "Simplified"

	PublicFrontend   Frontend = "Public"
	InternalFrontend Frontend = "Internal"

	Reachable Verdict = "Reachable"
	Blocked   Verdict = "Blocked"
	Partial   Verdict = "Partial"

	NsgDenied         Reason = "NsgDenied"
	ApplianceDenied   Reason = "ApplianceDenied"
	NotForwarded      Reason = "NotForwarded"
	NoRoute           Reason = "NoRoute"
	FirewallDenied    Reason = "FirewallDenied"
	PeeringBlocked    Reason = "PeeringBlocked"
	AsymmetricReturn  Reason = "AsymmetricReturn"
	RoutingLoop       Reason = "RoutingLoop"
	OnPremisesDropped Reason = "OnPremisesDropped"
	NotExposed        Reason = "NotExposed"
	NoOutbound        Reason = "NoOutbound"
	ProbeDenied       Reason = "ProbeDenied"
	NameNotPrivate    Reason = "NameNotPrivate"
)

func (Direction) enumValues() []string { return []string{"Inbound", "Outbound"} }
func (Access) enumValues() []string    { return []string{"Allow", "Deny"} }
func (Protocol) enumValues() []string {
	return []string{"Tcp", "Udp", "Icmp", "Esp", "Ah", "*", "Any=*"}
}
func (GatewayType) enumValues() []string    { return []string{"ExpressRoute", "Vpn"} }
func (InternetEgress) enumValues() []string { return []string{"Snat", "Drop"} }
func (Frontend) enumValues() []string       { return []string{"Public", "Internal"} }
func (Verdict) enumValues() []string        { return []string{"Reachable", "Blocked", "Partial"} }
func (NodeCommunication) enumValues() []string {
	return []string{"Classic", "Simplified"}
}

// User routes may name only these next hops; VNetPeering and
// VirtualNetworkServiceEndpoint are system-route hops.
func (NextHopType) enumValues() []string {
	return []string{"VirtualNetworkGateway", "VnetLocal", "Internet", "VirtualAppliance", "None"}
}

func (EndpointKind) enumValues() []string {
	return []string{"AmlCompute", "ComputeInstance", "BatchPool", "VirtualMachine", "AksCluster",
		"AksScoring", "StorageAccount", "KeyVault", "ContainerRegistry", "BatchAccount", "External"}
}

func (Reason) enumValues() []string {
	return []string{"NsgDenied", "ApplianceDenied", "NotForwarded", "NoRoute", "FirewallDenied",
		"PeeringBlocked", "AsymmetricReturn", "RoutingLoop", "OnPremisesDropped", "NotExposed",
		"NoOutbound", "ProbeDenied", "NameNotPrivate"}
}

// HasNodes reports whether endpoints of this kind are NICs of compute nodes
// (addresses taken from their subnet).
func (k EndpointKind) HasNodes() bool {
	switch k {
	case AmlCompute, ComputeInstance, BatchPool, VirtualMachine, AksCluster:
		return true
	}
	return false
}

// IsPaaS reports whether the kind is a PaaS service with a firewall and
// private endpoints.
func (k EndpointKind) IsPaaS() bool {
	return k == StorageAccount || k == KeyVault || k == ContainerRegistry || k == BatchAccount
}

// ServiceTagBase is the service tag of a PaaS kind (regional form
// "<base>.<region>").
func (k EndpointKind) ServiceTagBase() string {
	switch k {
	case StorageAccount:
		return "Storage"
	case KeyVault:
		return "AzureKeyVault"
	case ContainerRegistry:
		return "AzureContainerRegistry"
	case BatchAccount:
		return "BatchNodeManagement"
	}
	return ""
}

// ServiceEndpointTags maps a subnet's serviceEndpoints entry to the service
// tag whose regional prefixes its VirtualNetworkServiceEndpoint routes cover.
var ServiceEndpointTags = map[string]string{
	"Microsoft.Storage":              "Storage",
	"Microsoft.Storage.Global":       "Storage",
	"Microsoft.KeyVault":             "AzureKeyVault",
	"Microsoft.ContainerRegistry":    "AzureContainerRegistry",
	"Microsoft.Sql":                  "Sql",
	"Microsoft.AzureCosmosDB":        "AzureCosmosDB",
	"Microsoft.ServiceBus":           "ServiceBus",
	"Microsoft.EventHub":             "EventHub",
	"Microsoft.Web":                  "AppService",
	"Microsoft.CognitiveServices":    "CognitiveServicesManagement",
	"Microsoft.AzureActiveDirectory": "AzureActiveDirectory",
}

// ServiceEndpointFor is the serviceEndpoints entry a PaaS kind's virtual
// network rules need on the source subnet.
func (k EndpointKind) ServiceEndpointFor() string {
	switch k {
	case StorageAccount:
		return "Microsoft.Storage"
	case KeyVault:
		return "Microsoft.KeyVault"
	case ContainerRegistry:
		return "Microsoft.ContainerRegistry"
	}
	return ""
}
