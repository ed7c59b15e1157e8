package azure

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// danglingNotes name what the output refers to but does not define, so
// that the user knows which resources to add to the import (or which
// endpoints to write by hand) before the topology loads.
func (im *importer) danglingNotes() []string {
	var notes []string
	missing := func(kind, name, user string, defined bool) {
		if name != "" && !defined {
			notes = append(notes, fmt.Sprintf("%s %q, used by %s, is not in the input", kind, name, user))
		}
	}
	asgs := map[string]bool{}
	for _, v := range im.vnets.sorted() {
		for _, s := range v.Subnets {
			at := "subnet " + v.Name + "/" + s.Name
			missing("network security group", s.NetworkSecurityGroup, at, im.nsgs.has(s.NetworkSecurityGroup))
			missing("route table", s.RouteTable, at, im.routeTables.has(s.RouteTable))
		}
		for _, p := range v.Peerings {
			missing("vnet", p.RemoteVirtualNetwork, "peering "+v.Name+"/"+p.Name, im.vnets.has(p.RemoteVirtualNetwork))
		}
	}
	for _, g := range im.gateways.sorted() {
		missing("vnet", g.VNet, "gateway "+g.Name, im.vnets.has(g.VNet))
		notes = append(notes, fmt.Sprintf("gateway %s: fill in onPremises by hand (ARM does not describe what lies behind a gateway)", g.Name))
	}
	for _, n := range im.nsgs.sorted() {
		for _, r := range n.SecurityRules {
			for _, a := range slices.Concat(r.SourceApplicationSecurityGroups, r.DestinationApplicationSecurityGroups) {
				asgs[a] = true
			}
		}
	}
	if len(asgs) > 0 {
		notes = append(notes, fmt.Sprintf("%s %s %s used by security rules: list %s in the applicationSecurityGroups of the endpoints that hold %s (ARM keeps membership on NICs, which are not imported)",
			plural(len(asgs), "application security group"), strings.Join(slices.Sorted(maps.Keys(asgs)), ", "),
			pick(len(asgs), "is", "are"), pick(len(asgs), "it", "them"), pick(len(asgs), "it", "them")))
	}
	return notes
}
