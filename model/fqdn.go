package model

import "strings"

// MatchFqdn reports whether an FQDN matches a pattern of an Azure Firewall
// rule: "*" matches every name; "*.contoso.com" matches the names below
// contoso.com; anything else matches itself. Names compare
// case-insensitively (DNS).
func MatchFqdn(pattern, fqdn string) bool {
	pattern, fqdn = strings.ToLower(strings.TrimSuffix(pattern, ".")), strings.ToLower(strings.TrimSuffix(fqdn, "."))
	switch {
	case pattern == "*":
		return true
	case strings.HasPrefix(pattern, "*."):
		return strings.HasSuffix(fqdn, pattern[1:])
	}
	return pattern == fqdn
}

// FqdnTagNames are Azure Firewall's FQDN tags. vnetsim knows the names
// behind the ones in fqdnTagPatterns; a rule naming another one matches no
// name vnetsim can prove (validate warns).
var FqdnTagNames = []string{
	"AppServiceEnvironment", "AzureBackup", "AzureKubernetesService", "HDInsight", "MicrosoftActiveProtectionService",
	"MicrosoftIntune", "Windows365", "WindowsDiagnostics", "WindowsUpdate", "WindowsVirtualDesktop",
}

// fqdnTagPatterns are the FQDNs behind FQDN tags, from the articles that
// document them ("Outbound network and FQDN rules for AKS clusters",
// required FQDNs of the AzureKubernetesService tag).
var fqdnTagPatterns = map[string][]string{
	"AzureKubernetesService": {
		"*.azmk8s.io", "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net",
		"management.azure.com", "login.microsoftonline.com", "packages.microsoft.com", "acs-mirror.azureedge.net",
		"packages.aks.azure.com",
	},
}

// FqdnTagPatterns are the FQDN patterns an FQDN tag stands for, and
// whether vnetsim knows them.
func FqdnTagPatterns(tag string) ([]string, bool) {
	for k, v := range fqdnTagPatterns {
		if strings.EqualFold(k, tag) {
			return v, true
		}
	}
	return nil, false
}

// LooksLikeFqdn reports whether s is written as a DNS name with at least
// two labels and no upper-case service-tag shape (Storage.EastUS2 is a
// tag; storage.example.com a name).
func LooksLikeFqdn(s string) bool {
	if strings.Count(s, ".") < 2 || strings.ContainsAny(s, "/: ,") {
		return false
	}
	return s == strings.ToLower(s)
}
