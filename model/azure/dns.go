package azure

import (
	"slices"

	"github.com/vnetsim/vnetsim/model"
)

// dns builds private DNS zones and the VNets linked to them
// (azure-semantics.md §13). Zones of the same name in several resource
// groups are one zone here, linked to the VNets of all.
func (b *builder) dns() {
	zones := map[string]*model.PrivateDNSZone{}
	for _, r := range b.of(typeDNSZone) {
		name := b.names[r.key]
		z := zones[name]
		if z == nil {
			z = &model.PrivateDNSZone{Name: name}
			zones[name] = z
			b.from(z, r)
			b.t.PrivateDNSZones = append(b.t.PrivateDNSZones, z)
		} else {
			b.im.notes.add(noteAssumed, "private DNS zone %s is in several resource groups: one zone here, with the links of all", name)
		}
		for _, l := range b.children(r, typeVNetLink, nil) {
			b.used[l.key] = true
			j, ok := decode[vnetLinkJSON](b, l, l.node)
			if !ok {
				continue
			}
			if v := b.refName(l, "virtualNetwork", idOf(j.VirtualNetwork), typeVNet); v != "" && !slices.Contains(z.VirtualNetworkLinks, v) {
				z.VirtualNetworkLinks = append(z.VirtualNetworkLinks, v)
			}
		}
		slices.Sort(z.VirtualNetworkLinks)
	}
}
