package model

// Lookups by name. Names are unique per kind (validate reports duplicates;
// the first wins).

func findNamed[T any](items []*T, name string, nameOf func(*T) string) *T {
	for _, it := range items {
		if nameOf(it) == name {
			return it
		}
	}
	return nil
}

func (t *Topology) VNet(name string) *VNet {
	return findNamed(t.VNets, name, func(v *VNet) string { return v.Name })
}

func (t *Topology) NSG(name string) *NetworkSecurityGroup {
	return findNamed(t.NetworkSecurityGroups, name, func(n *NetworkSecurityGroup) string { return n.Name })
}

func (t *Topology) RouteTable(name string) *RouteTable {
	return findNamed(t.RouteTables, name, func(r *RouteTable) string { return r.Name })
}

func (t *Topology) Endpoint(name string) *Endpoint {
	return findNamed(t.Endpoints, name, func(e *Endpoint) string { return e.Name })
}

func (t *Topology) Appliance(name string) *Appliance {
	return findNamed(t.Appliances, name, func(a *Appliance) string { return a.Name })
}

func (t *Topology) Gateway(name string) *Gateway {
	return findNamed(t.Gateways, name, func(g *Gateway) string { return g.Name })
}

func (t *Topology) Intent(name string) *Intent {
	return findNamed(t.Intents, name, func(i *Intent) string { return i.Name })
}

// Subnet finds a subnet by its "vnet/subnet" reference.
func (t *Topology) Subnet(ref string) *Subnet {
	for _, v := range t.VNets {
		for _, s := range v.Subnets {
			if v.Name+"/"+s.Name == ref {
				return s
			}
		}
	}
	return nil
}

// Subnets lists every subnet, VNet by VNet, in input order.
func (t *Topology) Subnets() []*Subnet {
	var out []*Subnet
	for _, v := range t.VNets {
		out = append(out, v.Subnets...)
	}
	return out
}
