package model

// checkPeerings checks each peering's remote VNet: that it exists, that it
// peers back (a one-sided peering stays Initiated in Azure and carries no
// traffic), and that the two address spaces do not overlap (Azure refuses
// to create such a peering, from either side).
func (c *checker) checkPeerings() {
	type pair struct{ a, b *VNet }
	overlapChecked := map[pair]bool{}
	for _, v := range c.t.VNets {
		for _, p := range v.Peerings {
			m := &p.Meta
			if !c.required(m, "remoteVirtualNetwork", p.RemoteVirtualNetwork) {
				continue
			}
			remote := ref(c, m, "remoteVirtualNetwork", p.RemoteVirtualNetwork, "vnet", &c.vnets)
			if remote == nil {
				continue
			}
			if remote == v {
				c.errorf(m, "remoteVirtualNetwork", "self_peering", "vnet %q cannot peer with itself", v.Name)
				continue
			}
			if !peersWith(remote, v.Name) {
				c.report(Warning, m, "remoteVirtualNetwork", []Pos{remote.Pos}, "one_sided_peering",
					"peering %q is one-sided: vnet %q has no peering back to %q, so it stays Initiated and carries no traffic",
					p.Name, remote.Name, v.Name)
			}
			// Both sides usually declare the peering: report an overlap once.
			if overlapChecked[pair{remote, v}] {
				continue
			}
			overlapChecked[pair{v, remote}] = true
			c.checkPeeredSpaces(p, v, remote)
		}
	}
}

func peersWith(v *VNet, remote string) bool {
	for _, p := range v.Peerings {
		if p.RemoteVirtualNetwork == remote {
			return true
		}
	}
	return false
}

func (c *checker) checkPeeredSpaces(p *Peering, v, remote *VNet) {
	for _, a := range c.spaces[v] {
		for _, b := range c.spaces[remote] {
			if a.prefix.Overlaps(b.prefix) {
				c.report(Error, &p.Meta, "remoteVirtualNetwork", []Pos{v.At(a.key), remote.At(b.key)}, "overlapping_peered_spaces",
					"vnets %q and %q cannot be peered: address space %s overlaps %s", v.Name, remote.Name, a.prefix, b.prefix)
			}
		}
	}
}
