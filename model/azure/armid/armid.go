// Package armid builds and takes apart Azure resource ids:
// /subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}...].
package armid

import "strings"

// Build is the id of a resource of type typ (Microsoft.Network/
// virtualNetworks/subnets) named name (vnet/subnet) in a resource group.
func Build(sub, rg, typ, name string) string {
	return "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/" + TypeAndNames(typ, strings.Split(name, "/"))
}

// TypeAndNames interleaves a type's segments with names:
// Microsoft.Network/virtualNetworks/v/subnets/s. Names beyond the type's
// segments are appended.
func TypeAndNames(typ string, names []string) string {
	segs := strings.Split(strings.Trim(typ, "/"), "/")
	var b strings.Builder
	b.WriteString(segs[0])
	for i, s := range segs[1:] {
		b.WriteString("/")
		b.WriteString(s)
		if i < len(names) {
			b.WriteString("/")
			b.WriteString(names[i])
		}
	}
	for _, n := range names[min(len(names), len(segs)-1):] {
		b.WriteString("/")
		b.WriteString(n)
	}
	return b.String()
}

// ID is a resource id taken apart.
type ID struct {
	Subscription, ResourceGroup string
	Type                        string // Microsoft.Network/virtualNetworks/subnets
	Name                        string // vnet/subnet
}

// Parse takes an id apart; ok is false when it names no resource type
// (no providers segment). For an extension resource
// (.../providers/A/b/x/providers/C/d/y) the type and name are the last
// resource's.
func Parse(id string) (ID, bool) {
	segs := strings.Split(strings.Trim(id, "/"), "/")
	var out ID
	last := -1
	for i := 0; i+1 < len(segs); i++ {
		switch strings.ToLower(segs[i]) {
		case "subscriptions":
			if out.Subscription == "" {
				out.Subscription = segs[i+1]
			}
		case "resourcegroups":
			if out.ResourceGroup == "" {
				out.ResourceGroup = segs[i+1]
			}
		case "providers":
			last = i
		}
	}
	if last < 0 || last+2 >= len(segs) {
		return out, false
	}
	rest := segs[last+1:] // namespace, type, name, type, name...
	types, names := []string{rest[0]}, []string{}
	for i := 1; i+1 < len(rest); i += 2 {
		types = append(types, rest[i])
		names = append(names, rest[i+1])
	}
	if len(names) == 0 {
		return out, false
	}
	out.Type, out.Name = strings.Join(types, "/"), strings.Join(names, "/")
	return out, true
}

// Parent is the id of the resource that holds a child resource (a subnet's
// VNet), or "" for a top-level resource.
func Parent(id string) string {
	p, ok := Parse(id)
	if !ok || !strings.Contains(p.Name, "/") {
		return ""
	}
	trimmed := strings.TrimRight(id, "/")
	for range 2 {
		trimmed = trimmed[:max(0, strings.LastIndexByte(trimmed, '/'))]
	}
	return trimmed
}

// Key is the form ids are compared in: lower case, no trailing slash.
func Key(id string) string { return strings.ToLower(strings.TrimRight(id, "/")) }

// Last is the last segment of a name or id.
func Last(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }
