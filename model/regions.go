package model

import "github.com/vnetsim/vnetsim/model/servicetags"

// regionPairs are Azure's published region pairs ("Azure region pairs and
// nonpaired regions"; ARM's location metadata.pairedRegion): the region a
// region's geo-redundant storage replicates to. Most pairs are mutual;
// Brazil South, Brazil Southeast, West India, West US 3 and US Gov Virginia
// pair one way. Regions that are not listed have no pair. Names are
// normalized (servicetags.NormalizeRegion).
var regionPairs = map[string]string{
	"australiacentral": "australiacentral2", "australiacentral2": "australiacentral",
	"australiaeast": "australiasoutheast", "australiasoutheast": "australiaeast",
	"brazilsouth": "southcentralus", "brazilsoutheast": "brazilsouth",
	"canadacentral": "canadaeast", "canadaeast": "canadacentral",
	"centralindia": "southindia", "southindia": "centralindia", "westindia": "southindia",
	"centralus": "eastus2", "eastus2": "centralus",
	"chinaeast": "chinanorth", "chinanorth": "chinaeast",
	"chinaeast2": "chinanorth2", "chinanorth2": "chinaeast2",
	"chinaeast3": "chinanorth3", "chinanorth3": "chinaeast3",
	"eastasia": "southeastasia", "southeastasia": "eastasia",
	"eastus": "westus", "westus": "eastus", "westus3": "eastus",
	"francecentral": "francesouth", "francesouth": "francecentral",
	"germanywestcentral": "germanynorth", "germanynorth": "germanywestcentral",
	"japaneast": "japanwest", "japanwest": "japaneast",
	"jioindiacentral": "jioindiawest", "jioindiawest": "jioindiacentral",
	"koreacentral": "koreasouth", "koreasouth": "koreacentral",
	"northcentralus": "southcentralus", "southcentralus": "northcentralus",
	"northeurope": "westeurope", "westeurope": "northeurope",
	"norwayeast": "norwaywest", "norwaywest": "norwayeast",
	"southafricanorth": "southafricawest", "southafricawest": "southafricanorth",
	"swedencentral": "swedensouth", "swedensouth": "swedencentral",
	"switzerlandnorth": "switzerlandwest", "switzerlandwest": "switzerlandnorth",
	"uaenorth": "uaecentral", "uaecentral": "uaenorth",
	"uksouth": "ukwest", "ukwest": "uksouth",
	"usdodcentral": "usdodeast", "usdodeast": "usdodcentral",
	"usgovarizona": "usgovtexas", "usgovtexas": "usgovarizona", "usgovvirginia": "usgovtexas",
	"westcentralus": "westus2", "westus2": "westcentralus",
}

// PairedRegion is the region Azure pairs location with, normalized
// ("centralus" for "East US 2"), or "" when it has none. A
// Microsoft.Storage service endpoint covers the storage accounts of its
// subnet's region and of this one (Storage firewall: "this scope is
// expanded to include the paired region").
func PairedRegion(location string) string {
	return regionPairs[servicetags.NormalizeRegion(location)]
}
