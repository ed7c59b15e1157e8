package azure

import "strings"

// segments splits a resource id into its path segments. An ARM template
// expression "[resourceId('T', 'a', 'b')]" gives T's segments "a" and "b",
// enough for the name and the parent that the importer needs.
func segments(id string) []string {
	if strings.HasPrefix(id, "[") {
		parts := strings.Split(id, "'")
		var out []string
		for i := 1; i < len(parts); i += 2 { // the quoted literals
			out = append(out, parts[i])
		}
		if len(out) > 1 {
			out = out[1:] // the resource type
		}
		return out
	}
	return strings.Split(strings.Trim(id, "/"), "/")
}

// nameOf is the name of the resource an id refers to: its last segment.
func nameOf(id string) string {
	s := segments(id)
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

// after is the segment that follows the segment key (case-insensitive) in
// id, as "subscriptions" is followed by the subscription id.
func after(id, key string) string {
	s := segments(id)
	for i := 0; i+1 < len(s); i++ {
		if strings.EqualFold(s[i], key) {
			return s[i+1]
		}
	}
	return ""
}

// parentVNet is the name of the VNet that holds the subnet with this id; a
// template subnet without an id is named "vnet/subnet".
func parentVNet(id, name string) string {
	if v := after(id, "virtualNetworks"); v != "" {
		return v
	}
	if strings.HasPrefix(id, "[") {
		if s := segments(id); len(s) == 2 {
			return s[0]
		}
	}
	if v, _, ok := strings.Cut(name, "/"); ok {
		return v
	}
	return ""
}
