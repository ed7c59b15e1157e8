package model

// Azure Firewall policy rules (azure-semantics.md §11), with the property
// names of Microsoft.Network/firewallPolicies/ruleCollectionGroups.

// RuleCollectionGroup holds rule collections; groups are processed by
// ascending priority within each rule kind.
type RuleCollectionGroup struct {
	Meta            `yaml:"-"`
	Name            string            `yaml:"name,omitempty"`
	Priority        int               `yaml:"priority"`
	RuleCollections []*RuleCollection `yaml:"ruleCollections,omitempty"`
}

// RuleCollection is a prioritized list of rules of one kind sharing one
// action (Dnat collections always translate).
type RuleCollection struct {
	Meta     `yaml:"-"`
	Name     string                `yaml:"name,omitempty"`
	Priority int                   `yaml:"priority"`
	Kind     RuleCollectionKind    `yaml:"kind,omitempty"`
	Action   Access                `yaml:"action,omitempty"`
	Rules    []*FirewallPolicyRule `yaml:"rules,omitempty"`
}

// FirewallPolicyRule is a DNAT, network or application rule; which fields
// apply depends on its collection's kind.
type FirewallPolicyRule struct {
	Meta            `yaml:"-"`
	Name            string   `yaml:"name,omitempty"`
	Description     string   `yaml:"description,omitempty"`
	SourceAddresses []string `yaml:"sourceAddresses,omitempty"`

	// Dnat and Network.
	IPProtocols          []string `yaml:"ipProtocols,omitempty"` // TCP, UDP, ICMP, Any
	DestinationAddresses []string `yaml:"destinationAddresses,omitempty"`
	DestinationPorts     []string `yaml:"destinationPorts,omitempty"`
	// Network: FQDNs matched by the name the flow uses (DNS proxy).
	DestinationFqdns []string `yaml:"destinationFqdns,omitempty"`

	// Dnat.
	TranslatedAddress string `yaml:"translatedAddress,omitempty"`
	TranslatedPort    string `yaml:"translatedPort,omitempty"`

	// Application: "Https:443", "Http:80", "Mssql:1433".
	Protocols   []string `yaml:"protocols,omitempty"`
	TargetFqdns []string `yaml:"targetFqdns,omitempty"`
	FqdnTags    []string `yaml:"fqdnTags,omitempty"`
}

type ApplianceKind string
type RuleCollectionKind string

const (
	NetworkVirtualAppliance ApplianceKind = "NetworkVirtualAppliance"
	AzureFirewall           ApplianceKind = "AzureFirewall"

	DnatCollection        RuleCollectionKind = "Dnat"
	NetworkCollection     RuleCollectionKind = "Network"
	ApplicationCollection RuleCollectionKind = "Application"
)

func (ApplianceKind) enumValues() []string {
	return []string{"NetworkVirtualAppliance", "AzureFirewall", "NVA=NetworkVirtualAppliance"}
}
func (RuleCollectionKind) enumValues() []string { return []string{"Dnat", "Network", "Application"} }
