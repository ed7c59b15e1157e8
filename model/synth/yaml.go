package synth

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// The shapes below mirror topology-format.md, with omitempty everywhere so
// that the output holds only what the generator sets.

type topology struct {
	head
	VNets                 []vnet
	NetworkSecurityGroups []nsg
	RouteTables           []routeTable
	Gateways              []gateway
	Appliances            []appliance
	Endpoints             []endpoint
}

// head is the top of the document, before the lists.
type head struct {
	Version     int         `yaml:"version"`
	Name        string      `yaml:"name"`
	Location    string      `yaml:"location"`
	Workspace   workspace   `yaml:"workspace"`
	ServiceTags serviceTags `yaml:"serviceTags"`
}

// write encodes the topology. yaml.v3 keeps every event of a document until
// its end, which makes one document of a large estate slow and big; so the
// lists are written item by item, each encoded on its own.
func (t *topology) write(w *bytes.Buffer) {
	encode(w, t.head)
	section(w, "vnets", t.VNets)
	section(w, "networkSecurityGroups", t.NetworkSecurityGroups)
	section(w, "routeTables", t.RouteTables)
	section(w, "gateways", t.Gateways)
	section(w, "appliances", t.Appliances)
	section(w, "endpoints", t.Endpoints)
}

// section writes key and its items, indented as the rest of the document.
func section[T any](w *bytes.Buffer, key string, items []T) {
	if len(items) == 0 {
		return
	}
	w.WriteString(key + ":\n")
	var item bytes.Buffer
	for i := range items {
		item.Reset()
		encode(&item, items[i:i+1])
		for line := range bytes.Lines(item.Bytes()) {
			w.WriteString("  ")
			w.Write(line)
		}
	}
}

func encode(w *bytes.Buffer, v any) {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		panic("synth: " + err.Error()) // plain structs of strings always encode
	}
	_ = enc.Close()
}

type workspace struct {
	Name              string `yaml:"name"`
	Location          string `yaml:"location"`
	StorageAccount    string `yaml:"storageAccount"`
	KeyVault          string `yaml:"keyVault"`
	ContainerRegistry string `yaml:"containerRegistry"`
}

type serviceTags struct {
	Inline map[string][]string `yaml:"inline"`
}

type vnet struct {
	Name         string    `yaml:"name"`
	AddressSpace []string  `yaml:"addressSpace"`
	Subnets      []subnet  `yaml:"subnets"`
	Peerings     []peering `yaml:"peerings,omitempty"`
}

type subnet struct {
	Name                 string   `yaml:"name"`
	AddressPrefix        string   `yaml:"addressPrefix"`
	NetworkSecurityGroup string   `yaml:"networkSecurityGroup,omitempty"`
	RouteTable           string   `yaml:"routeTable,omitempty"`
	ServiceEndpoints     []string `yaml:"serviceEndpoints,omitempty"`
}

type peering struct {
	Name                  string `yaml:"name"`
	RemoteVirtualNetwork  string `yaml:"remoteVirtualNetwork"`
	AllowForwardedTraffic bool   `yaml:"allowForwardedTraffic,omitempty"`
	AllowGatewayTransit   bool   `yaml:"allowGatewayTransit,omitempty"`
	UseRemoteGateways     bool   `yaml:"useRemoteGateways,omitempty"`
}

type nsg struct {
	Name          string `yaml:"name"`
	SecurityRules []rule `yaml:"securityRules,omitempty"`
}

// rule is an NSG security rule, or an appliance rule when Direction is empty.
type rule struct {
	Name                       string   `yaml:"name"`
	Priority                   int      `yaml:"priority"`
	Direction                  string   `yaml:"direction,omitempty"`
	Access                     string   `yaml:"access"`
	Protocol                   string   `yaml:"protocol"`
	SourceAddressPrefix        string   `yaml:"sourceAddressPrefix,omitempty"`
	SourceAddressPrefixes      []string `yaml:"sourceAddressPrefixes,omitempty"`
	DestinationAddressPrefix   string   `yaml:"destinationAddressPrefix,omitempty"`
	DestinationAddressPrefixes []string `yaml:"destinationAddressPrefixes,omitempty"`
	DestinationPortRange       string   `yaml:"destinationPortRange,omitempty"`
	DestinationPortRanges      []string `yaml:"destinationPortRanges,omitempty"`
}

type routeTable struct {
	Name   string  `yaml:"name"`
	Routes []route `yaml:"routes,omitempty"`
}

type route struct {
	Name             string `yaml:"name"`
	AddressPrefix    string `yaml:"addressPrefix"`
	NextHopType      string `yaml:"nextHopType"`
	NextHopIPAddress string `yaml:"nextHopIpAddress,omitempty"`
}

type gateway struct {
	Name       string     `yaml:"name"`
	VNet       string     `yaml:"vnet"`
	Type       string     `yaml:"type"`
	OnPremises onPremises `yaml:"onPremises"`
}

type onPremises struct {
	AddressPrefixes       []string `yaml:"addressPrefixes"`
	AdvertiseDefaultRoute bool     `yaml:"advertiseDefaultRoute"`
	InternetEgress        string   `yaml:"internetEgress"`
	SnatAddress           string   `yaml:"snatAddress"`
}

type appliance struct {
	Name               string `yaml:"name"`
	Subnet             string `yaml:"subnet"`
	PrivateIPAddress   string `yaml:"privateIpAddress"`
	EnableIPForwarding bool   `yaml:"enableIpForwarding"`
	Snat               snat   `yaml:"snat"`
	DefaultAction      string `yaml:"defaultAction"`
	Rules              []rule `yaml:"rules"`
}

type snat struct {
	PublicIPAddress string `yaml:"publicIpAddress"`
}

type endpoint struct {
	Name              string            `yaml:"name"`
	Kind              string            `yaml:"kind"`
	Subnet            string            `yaml:"subnet,omitempty"`
	NodeCount         int               `yaml:"nodeCount,omitempty"`
	IPAddresses       []string          `yaml:"ipAddresses,omitempty"`
	PublicIPAddress   string            `yaml:"publicIpAddress,omitempty"`
	NodeCommunication string            `yaml:"nodeCommunication,omitempty"`
	Location          string            `yaml:"location,omitempty"`
	Firewall          *firewall         `yaml:"firewall,omitempty"`
	PrivateEndpoints  []privateEndpoint `yaml:"privateEndpoints,omitempty"`
}

type firewall struct {
	DefaultAction       string   `yaml:"defaultAction"`
	VirtualNetworkRules []string `yaml:"virtualNetworkRules,omitempty"`
	Bypass              []string `yaml:"bypass,omitempty"`
}

type privateEndpoint struct {
	Name             string `yaml:"name"`
	Subnet           string `yaml:"subnet"`
	PrivateIPAddress string `yaml:"privateIpAddress"`
}
