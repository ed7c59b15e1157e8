package azure

import (
	"io"

	"gopkg.in/yaml.v3"
)

// The output types mirror the part of model.Topology that ARM resources
// fill, with omitempty so that what Azure leaves unset is not written out.
// Field names and order follow model/types.go.

type topology struct {
	Version               int           `yaml:"version"`
	Name                  string        `yaml:"name"`
	Location              string        `yaml:"location,omitempty"`
	VNets                 []*vnet       `yaml:"vnets,omitempty"`
	NetworkSecurityGroups []*nsg        `yaml:"networkSecurityGroups,omitempty"`
	RouteTables           []*routeTable `yaml:"routeTables,omitempty"`
	Gateways              []*gateway    `yaml:"gateways,omitempty"`
}

type vnet struct {
	Name         string     `yaml:"name"`
	Location     string     `yaml:"location,omitempty"`
	Subscription string     `yaml:"subscription,omitempty"`
	AddressSpace []string   `yaml:"addressSpace"`
	Subnets      []*subnet  `yaml:"subnets,omitempty"`
	Peerings     []*peering `yaml:"peerings,omitempty"`
}

type subnet struct {
	Name                 string   `yaml:"name"`
	AddressPrefix        string   `yaml:"addressPrefix"`
	NetworkSecurityGroup string   `yaml:"networkSecurityGroup,omitempty"`
	RouteTable           string   `yaml:"routeTable,omitempty"`
	ServiceEndpoints     []string `yaml:"serviceEndpoints,omitempty"`
	Delegations          []string `yaml:"delegations,omitempty"`
}

// peering writes all four flags: Azure always has them, and a reader should
// not need to remember which default is true.
type peering struct {
	Name                      string `yaml:"name"`
	RemoteVirtualNetwork      string `yaml:"remoteVirtualNetwork"`
	AllowVirtualNetworkAccess bool   `yaml:"allowVirtualNetworkAccess"`
	AllowForwardedTraffic     bool   `yaml:"allowForwardedTraffic"`
	AllowGatewayTransit       bool   `yaml:"allowGatewayTransit"`
	UseRemoteGateways         bool   `yaml:"useRemoteGateways"`
}

type nsg struct {
	Name          string          `yaml:"name"`
	SecurityRules []*securityRule `yaml:"securityRules,omitempty"`
}

// securityRule has each of the singular/plural pairs set on one side at
// most: vnetsim rejects a rule that gives both.
type securityRule struct {
	Name                                 string   `yaml:"name"`
	Priority                             int      `yaml:"priority"`
	Direction                            string   `yaml:"direction"`
	Access                               string   `yaml:"access"`
	Description                          string   `yaml:"description,omitempty"`
	Protocol                             string   `yaml:"protocol"`
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

type routeTable struct {
	Name                       string   `yaml:"name"`
	DisableBgpRoutePropagation bool     `yaml:"disableBgpRoutePropagation,omitempty"`
	Routes                     []*route `yaml:"routes,omitempty"`
}

type route struct {
	Name             string `yaml:"name"`
	AddressPrefix    string `yaml:"addressPrefix"`
	NextHopType      string `yaml:"nextHopType"`
	NextHopIPAddress string `yaml:"nextHopIpAddress,omitempty"`
}

type gateway struct {
	Name string `yaml:"name"`
	VNet string `yaml:"vnet"`
	Type string `yaml:"type"`
}

// Comments the output carries where ARM lacks what vnetsim needs.
const (
	gatewayComment = "onPremises is not in ARM: fill in by hand what lies behind this gateway\n" +
		"(addressPrefixes advertised over BGP, advertiseDefaultRoute, internetEgress)"
	asgComment = "ASG membership is on NICs, which are not imported: list these ASGs in the applicationSecurityGroups of their endpoints"
)

// WriteYAML writes the topology as YAML, 2-space indented, with comments
// where something must be filled in by hand.
func (r *Result) WriteYAML(w io.Writer) error {
	var doc yaml.Node
	if err := doc.Encode(r.topology); err != nil {
		return err
	}
	for _, g := range items(&doc, "gateways") {
		g.HeadComment = gatewayComment
	}
	for _, n := range items(&doc, "networkSecurityGroups") {
		for _, rule := range items(n, "securityRules") {
			for _, key := range []string{"sourceApplicationSecurityGroups", "destinationApplicationSecurityGroups"} {
				if k := keyNode(rule, key); k != nil {
					k.HeadComment = asgComment
					break // once per rule
				}
			}
		}
	}
	doubleQuote(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

// doubleQuote makes every quoted scalar double-quoted, as topology-format.md
// writes "*" and "443".
func doubleQuote(n *yaml.Node) {
	if n.Style == yaml.SingleQuotedStyle {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		doubleQuote(c)
	}
}

// keyNode is the key node of key in mapping m, or nil.
func keyNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

// items are the elements of the sequence under key in mapping m.
func items(m *yaml.Node, key string) []*yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1].Content
		}
	}
	return nil
}
