package model

// PrivateDNSZone is an Azure private DNS zone such as
// privatelink.blob.core.windows.net, and the VNets whose resolver answers
// from it (azure-semantics.md §13).
type PrivateDNSZone struct {
	Meta                `yaml:"-"`
	Name                string   `yaml:"name,omitempty"`
	VirtualNetworkLinks []string `yaml:"virtualNetworkLinks,omitempty"`
}

// StandardIntents lets a topology own the standard intents
// (azure-semantics.md §7): switch them off, or leave some out by name
// ("compute-to-registry" for every endpoint, "node-to-batch/pool" for one).
type StandardIntents struct {
	Meta    `yaml:"-"`
	Enabled *bool    `yaml:"enabled,omitempty"`
	Exclude []string `yaml:"exclude,omitempty"`
}
