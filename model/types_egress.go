package model

// The elements that decide how traffic leaves for the internet
// (azure-semantics.md §10).

// Defaults are topology-wide defaults for fields objects leave out.
type Defaults struct {
	Meta `yaml:"-"`
	// DefaultOutboundAccess is the defaultOutboundAccess of subnets that do
	// not say (true when absent in format version 1, so that older files
	// keep their meaning).
	DefaultOutboundAccess *bool `yaml:"defaultOutboundAccess,omitempty"`
}

// NatGateway is a NAT gateway: subnets that name it leave for the internet
// with its public addresses, and nothing can open a connection through it.
type NatGateway struct {
	Meta              `yaml:"-"`
	Name              string   `yaml:"name,omitempty"`
	PublicIPAddresses []string `yaml:"publicIpAddresses,omitempty"`
	PublicIPPrefixes  []string `yaml:"publicIpPrefixes,omitempty"`
}

// NotModelled is an Azure resource that decides reachability in the estate
// but that vnetsim does not simulate (azure-semantics.md §15).
type NotModelled struct {
	Meta `yaml:"-"`
	Name string `yaml:"name,omitempty"`
	// Type is the ARM resource type, e.g. Microsoft.Network/virtualHubs.
	Type string `yaml:"type,omitempty"`
	// Note says what vnetsim ignores because of it.
	Note string `yaml:"note,omitempty"`
}

// DefaultOutbound reports whether a subnet still has Azure's default
// outbound access: its own setting, else the topology's default, else true.
func (t *Topology) DefaultOutbound(s *Subnet) bool {
	if s.DefaultOutboundAccess != nil {
		return *s.DefaultOutboundAccess
	}
	if t.Defaults != nil && t.Defaults.DefaultOutboundAccess != nil {
		return *t.Defaults.DefaultOutboundAccess
	}
	return true
}

type PublicIPSku string
type OutboundType string
type PublicNetworkAccess string
type PENetworkPolicies string

const (
	StandardSku PublicIPSku = "Standard"
	BasicSku    PublicIPSku = "Basic"

	OutboundLoadBalancer           OutboundType = "loadBalancer"
	OutboundManagedNATGateway      OutboundType = "managedNATGateway"
	OutboundUserAssignedNATGateway OutboundType = "userAssignedNATGateway"
	OutboundUserDefinedRouting     OutboundType = "userDefinedRouting"
	OutboundNone                   OutboundType = "none"

	PublicAccessEnabled  PublicNetworkAccess = "Enabled"
	PublicAccessDisabled PublicNetworkAccess = "Disabled"

	PEPoliciesDisabled   PENetworkPolicies = "Disabled"
	PEPoliciesEnabled    PENetworkPolicies = "Enabled"
	PEPoliciesNSGEnabled PENetworkPolicies = "NetworkSecurityGroupEnabled"
	PEPoliciesUDREnabled PENetworkPolicies = "RouteTableEnabled"
)

func (PublicIPSku) enumValues() []string { return []string{"Standard", "Basic"} }
func (OutboundType) enumValues() []string {
	return []string{"loadBalancer", "managedNATGateway", "userAssignedNATGateway", "userDefinedRouting", "none"}
}
func (PublicNetworkAccess) enumValues() []string { return []string{"Enabled", "Disabled"} }
func (PENetworkPolicies) enumValues() []string {
	return []string{"Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"}
}

// NSGApplies and UDRApplies say whether a private endpoint's subnet policy
// lets NSGs and user routes act on private-endpoint traffic
// (azure-semantics.md §14; Disabled is Azure's default).
func (p PENetworkPolicies) NSGApplies() bool {
	return p == PEPoliciesEnabled || p == PEPoliciesNSGEnabled
}
func (p PENetworkPolicies) UDRApplies() bool {
	return p == PEPoliciesEnabled || p == PEPoliciesUDREnabled
}
