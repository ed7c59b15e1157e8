package model

import "strings"

// The names Azure gives PaaS services and their private endpoints
// (azure-semantics.md §13; "Azure Private Endpoint private DNS zone
// values"): the public FQDN of each sub-resource, and the privatelink zone
// that answers it privately.
type paasGroup struct {
	fqdn func(name, region string) string
	zone string
}

var paasGroups = map[EndpointKind]map[string]paasGroup{
	StorageAccount: {
		"blob":  {func(n, _ string) string { return n + ".blob.core.windows.net" }, "privatelink.blob.core.windows.net"},
		"file":  {func(n, _ string) string { return n + ".file.core.windows.net" }, "privatelink.file.core.windows.net"},
		"queue": {func(n, _ string) string { return n + ".queue.core.windows.net" }, "privatelink.queue.core.windows.net"},
		"table": {func(n, _ string) string { return n + ".table.core.windows.net" }, "privatelink.table.core.windows.net"},
		"dfs":   {func(n, _ string) string { return n + ".dfs.core.windows.net" }, "privatelink.dfs.core.windows.net"},
		"web":   {func(n, _ string) string { return n + ".web.core.windows.net" }, "privatelink.web.core.windows.net"},
	},
	KeyVault: {
		"vault": {func(n, _ string) string { return n + ".vault.azure.net" }, "privatelink.vaultcore.azure.net"},
	},
	ContainerRegistry: {
		"registry": {func(n, _ string) string { return n + ".azurecr.io" }, "privatelink.azurecr.io"},
	},
	BatchAccount: {
		"batchAccount":   {func(n, r string) string { return n + "." + r + ".batch.azure.com" }, "privatelink.batch.azure.com"},
		"nodeManagement": {func(n, r string) string { return n + "." + r + ".service.batch.azure.com" }, "privatelink.batch.azure.com"},
	},
}

// defaultGroup is the sub-resource a private endpoint of a kind connects
// to when it does not say.
var defaultGroup = map[EndpointKind]string{
	StorageAccount: "blob", KeyVault: "vault", ContainerRegistry: "registry", BatchAccount: "batchAccount",
}

// GroupOf is a private endpoint's sub-resource, with the kind's default.
func (pe *PrivateEndpoint) GroupOf(kind EndpointKind) string {
	if pe.GroupID != "" {
		return pe.GroupID
	}
	return defaultGroup[kind]
}

// PrivateLinkZone is the private DNS zone that answers a kind's
// sub-resource privately ("" when vnetsim does not know it).
func PrivateLinkZone(kind EndpointKind, group string) string {
	for g, pg := range paasGroups[kind] {
		if strings.EqualFold(g, group) {
			return pg.zone
		}
	}
	return ""
}

// PaaSGroups lists a kind's sub-resources, sorted.
func PaaSGroups(kind EndpointKind) []string { return sortedKeys(paasGroups[kind]) }

// EndpointFqdns are the names an endpoint is reached by: its fqdns, then,
// for a PaaS service, the public name of its usual sub-resource and of
// each other one (docs/semantics.md §14).
func (t *Topology) EndpointFqdns(ep *Endpoint) []string {
	out := append([]string(nil), ep.Fqdns...)
	if !ep.Kind.IsPaaS() {
		return out
	}
	usual := defaultGroup[ep.Kind]
	out = append(out, t.GroupFqdn(ep, usual))
	for _, g := range PaaSGroups(ep.Kind) {
		if g != usual {
			out = append(out, t.GroupFqdn(ep, g))
		}
	}
	return out
}

// GroupFqdn is the public name of sub-resource group of a PaaS endpoint
// ("" when the kind has no such sub-resource).
func (t *Topology) GroupFqdn(ep *Endpoint, group string) string {
	pg, ok := paasGroups[ep.Kind][group]
	if !ok {
		return ""
	}
	return pg.fqdn(strings.ToLower(ep.Name), strings.ToLower(strings.ReplaceAll(t.loc(ep.Location), " ", "")))
}

// FqdnGroup is the sub-resource of a PaaS endpoint one of its public names
// stands for: its usual one for any other name.
func (t *Topology) FqdnGroup(ep *Endpoint, fqdn string) string {
	for _, g := range PaaSGroups(ep.Kind) {
		if strings.EqualFold(t.GroupFqdn(ep, g), fqdn) {
			return g
		}
	}
	return defaultGroup[ep.Kind]
}

func (t *Topology) loc(l string) string {
	if l != "" {
		return l
	}
	return t.Location
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
