package template

import (
	"net/url"
	"path/filepath"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/armid"
)

var resourceFunctions = map[string]fn{
	"resourceId": func(s *scope, a []any) (any, error) {
		parts, err := s.allStrings("resourceId", a)
		if err != nil {
			return nil, err
		}
		sub, rg := s.t.ctx.sub, s.t.ctx.rg
		i := typeIndex(parts)
		switch i {
		case 1:
			rg = parts[0]
		case 2:
			sub, rg = parts[0], parts[1]
		case 0:
		default:
			return nil, s.errorf("resourceId takes [subscriptionId], [resourceGroupName], a resource type and names")
		}
		return armid.Build(sub, rg, parts[i], strings.Join(parts[i+1:], "/")), nil
	},
	"subscriptionResourceId": func(s *scope, a []any) (any, error) {
		parts, err := s.allStrings("subscriptionResourceId", a)
		if err != nil {
			return nil, err
		}
		sub := s.t.ctx.sub
		i := typeIndex(parts)
		if i == 1 {
			sub = parts[0]
		} else if i != 0 {
			return nil, s.errorf("subscriptionResourceId takes [subscriptionId], a resource type and names")
		}
		return "/subscriptions/" + sub + "/providers/" + armid.TypeAndNames(parts[i], splitNames(parts[i+1:])), nil
	},
	"tenantResourceId": func(s *scope, a []any) (any, error) {
		parts, err := s.allStrings("tenantResourceId", a)
		if err != nil {
			return nil, err
		}
		return "/providers/" + armid.TypeAndNames(parts[0], splitNames(parts[1:])), nil
	},
	"managementGroupResourceId": func(s *scope, a []any) (any, error) {
		parts, err := s.allStrings("managementGroupResourceId", a)
		if err != nil {
			return nil, err
		}
		i := typeIndex(parts)
		if i < 0 || i > 1 {
			return nil, s.errorf("managementGroupResourceId takes [managementGroupId], a resource type and names")
		}
		return "/providers/Microsoft.Management/managementGroups/mg/providers/" + armid.TypeAndNames(parts[i], splitNames(parts[i+1:])), nil
	},
	"extensionResourceId": func(s *scope, a []any) (any, error) {
		parts, err := s.allStrings("extensionResourceId", a)
		if err != nil {
			return nil, err
		}
		if len(parts) < 3 {
			return nil, s.errorf("extensionResourceId takes a resource id, a resource type and names")
		}
		return strings.TrimSuffix(parts[0], "/") + "/providers/" + armid.TypeAndNames(parts[1], splitNames(parts[2:])), nil
	},
	"resourceGroup": func(s *scope, a []any) (any, error) {
		c := s.t.ctx
		loc := c.location
		if loc == "" {
			loc = s.t.ev.placeholder(locationName, s.pos())
		}
		return map[string]any{"id": "/subscriptions/" + c.sub + "/resourceGroups/" + c.rg, "name": c.rg,
			"type": "Microsoft.Resources/resourceGroups", "location": loc,
			"properties": map[string]any{"provisioningState": "Succeeded"}}, nil
	},
	"subscription": func(s *scope, a []any) (any, error) {
		c := s.t.ctx
		return map[string]any{"id": "/subscriptions/" + c.sub, "subscriptionId": c.sub,
			"tenantId": s.unknown("the tenant id, known to Azure"), "displayName": s.unknown("the subscription's name, known to Azure")}, nil
	},
	"environment": func(s *scope, a []any) (any, error) { return azureCloud(), nil },
}

// typeIndex is where the resource type is among resourceId's arguments:
// the first that looks like Namespace/type.
func typeIndex(parts []string) int {
	for i, p := range parts {
		if i > 2 {
			break
		}
		if ns, _, ok := strings.Cut(strings.Trim(p, "/"), "/"); ok && strings.Contains(ns, ".") {
			return i
		}
	}
	return -1
}

func splitNames(names []string) []string {
	return strings.Split(strings.Join(names, "/"), "/")
}

// azureCloud is environment() for Azure's public cloud (Azure:
// "environment" function).
func azureCloud() map[string]any {
	return map[string]any{
		"name":            "AzureCloud",
		"gallery":         "https://gallery.azure.com/",
		"graph":           "https://graph.windows.net/",
		"portal":          "https://portal.azure.com",
		"graphAudience":   "https://graph.windows.net/",
		"batch":           "https://batch.core.windows.net/",
		"resourceManager": "https://management.azure.com/",
		"sqlManagement":   "https://management.core.windows.net:8443/",
		"authentication": map[string]any{"loginEndpoint": "https://login.microsoftonline.com/",
			"audiences": []any{"https://management.core.windows.net/", "https://management.azure.com/"},
			"tenant":    "common", "identityProvider": "AAD"},
		"suffixes": map[string]any{
			"acrLoginServer":                      ".azurecr.io",
			"azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
			"azureDatalakeStoreFileSystem":        "azuredatalakestore.net",
			"azureFrontDoorEndpointSuffix":        "azurefd.net",
			"keyvaultDns":                         ".vault.azure.net",
			"sqlServerHostname":                   ".database.windows.net",
			"storage":                             "core.windows.net",
		},
	}
}

// deployment is deployment(): the template's own file is its templateLink,
// so that linked templates next to it can be read.
func (s *scope) deployment() any {
	props := map[string]any{"mode": "Incremental"}
	if dir := s.t.ctx.dir; dir != "" {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, filepath.Base(s.t.lines.Name())))}
		props["templateLink"] = map[string]any{"uri": u.String()}
	} else {
		props["templateLink"] = map[string]any{"uri": s.unknown("the template's URI, known to Azure")}
	}
	return map[string]any{"name": s.t.ctx.name, "properties": props}
}

// reference is reference(resource, [apiVersion], ['Full']): a nested
// deployment's outputs, or what the template sets on a resource it
// deploys (anything else, Azure sets at deployment: unknown).
func (s *scope) reference(args []any) (any, error) {
	if len(args) < 1 || len(args) > 3 {
		return nil, s.errorf("reference takes 1 to 3 arguments, not %d", len(args))
	}
	if u, ok := args[0].(unk); ok {
		return u, nil
	}
	target, ok := args[0].(string)
	if !ok {
		return nil, s.errorf("reference takes a resource id or name, not %s", typeName(args[0]))
	}
	full := len(args) == 3 && strings.EqualFold(str(args[2]), "full")
	e := s.t.ev.find(s.t, target)
	shown := "reference('" + target + "')"
	if e == nil {
		return &partial{val: map[string]any{}, ref: strings.ToLower(target), expr: shown}, nil
	}
	v, err := e.evaluate()
	if err != nil {
		return nil, err
	}
	if e.outputs != nil {
		out := map[string]any{"outputs": e.outputs}
		if full {
			return map[string]any{"properties": out}, nil
		}
		return out, nil
	}
	val := any(map[string]any{})
	switch {
	case e.existing || v == nil:
	case full:
		val = v
	default:
		if p, ok := v["properties"]; ok {
			val = p
		}
	}
	return &partial{val: val, ref: strings.ToLower(e.id), expr: shown}, nil
}

// resourceInfo is resourceInfo('symbolicName') of languageVersion 2.0.
func (s *scope) resourceInfo(args []any) (any, error) {
	name, err := s.oneString("resourceInfo", args)
	if err != nil {
		return nil, err
	}
	e := s.t.ev.find(s.t, name)
	if e == nil {
		return nil, s.errorf("resourceInfo(%q): no resource has that symbolic name", name)
	}
	return map[string]any{"id": e.id, "name": e.name, "type": e.typ}, nil
}

// find is the resource a reference names: a symbolic name (languageVersion
// 2.0), a resource id, or a resource name.
func (ev *evaluator) find(t *tmpl, target string) *entry {
	if t.symbols {
		for _, e := range t.entries {
			if strings.EqualFold(e.symbol, target) {
				return e
			}
		}
	}
	key := strings.ToLower(strings.TrimSuffix(target, "/"))
	var byName *entry
	for _, e := range ev.all {
		if strings.ToLower(e.id) == key {
			return e
		}
		if strings.EqualFold(e.name, target) {
			byName = e
		}
	}
	return byName
}
