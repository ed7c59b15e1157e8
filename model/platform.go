package model

import "strings"

// PlatformTags are the built-in tags of the Azure host's own services
// (azure-semantics.md §1; not in the downloadable service-tags file):
// AzurePlatformDNS is the default DNS service at 168.63.129.16,
// AzurePlatformIMDS the instance metadata service at 169.254.169.254, and
// AzurePlatformLKM Windows' key management service
// (azkms.core.windows.net and kms.core.windows.net).
var PlatformTags = map[string][]string{
	"AzurePlatformDNS":  {"168.63.129.16/32"},
	"AzurePlatformIMDS": {"169.254.169.254/32"},
	"AzurePlatformLKM":  {"20.118.99.224/32", "40.83.235.53/32", "23.102.135.246/32"},
}

// PlatformTag finds a platform tag by name, case-insensitively, returning
// its canonical name and prefixes.
func PlatformTag(name string) (string, []string, bool) {
	for k, v := range PlatformTags {
		if strings.EqualFold(k, name) {
			return k, v, true
		}
	}
	return "", nil, false
}
