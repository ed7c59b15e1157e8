package model

import "github.com/vnetsim/vnetsim/model/servicetags"

// regionPairs is Azure's published table of paired regions ("Azure
// region pairs and nonpaired regions"), in the normalized form of
// servicetags.NormalizeRegion. A Microsoft.Storage service endpoint covers
// accounts in the subnet's region and its pair ("this scope is expanded to
// include the paired region", azure-semantics.md §6). Brazil South and
// West India pair one way.
var regionPairs = map[string]string{
	"eastus": "westus", "westus": "eastus",
	"eastus2": "centralus", "centralus": "eastus2",
	"northcentralus": "southcentralus", "southcentralus": "northcentralus",
	"westus2": "westcentralus", "westcentralus": "westus2",
	"westus3":       "eastus",
	"canadacentral": "canadaeast", "canadaeast": "canadacentral",
	"brazilsouth": "southcentralus",
	"northeurope": "westeurope", "westeurope": "northeurope",
	"uksouth": "ukwest", "ukwest": "uksouth",
	"francecentral": "francesouth", "francesouth": "francecentral",
	"germanywestcentral": "germanynorth", "germanynorth": "germanywestcentral",
	"norwayeast": "norwaywest", "norwaywest": "norwayeast",
	"switzerlandnorth": "switzerlandwest", "switzerlandwest": "switzerlandnorth",
	"swedencentral": "swedensouth", "swedensouth": "swedencentral",
	"eastasia": "southeastasia", "southeastasia": "eastasia",
	"australiaeast": "australiasoutheast", "australiasoutheast": "australiaeast",
	"australiacentral": "australiacentral2", "australiacentral2": "australiacentral",
	"japaneast": "japanwest", "japanwest": "japaneast",
	"koreacentral": "koreasouth", "koreasouth": "koreacentral",
	"centralindia": "southindia", "southindia": "centralindia",
	"westindia": "southindia",
	"uaenorth":  "uaecentral", "uaecentral": "uaenorth",
	"southafricanorth": "southafricawest", "southafricawest": "southafricanorth",
	"qatarcentral": "", "israelcentral": "", "italynorth": "", "polandcentral": "", "mexicocentral": "", "spaincentral": "",
}

// PairedRegion is the region Azure pairs with region ("" for none).
func PairedRegion(region string) string {
	return regionPairs[servicetags.NormalizeRegion(region)]
}
