package model

import "net/netip"

// azureReserved is how many addresses Azure keeps in every subnet: the
// first four and the last.
const azureReserved = 5

// nicAddr is a private address that a NIC (or a load balancer frontend)
// holds in a subnet.
type nicAddr struct {
	m      *Meta
	key    string
	addr   netip.Addr
	subnet *Subnet
	owner  string // for messages: `appliance "hub-fw"`
}

// subnetRef checks a required "vnet/subnet" reference and returns the
// subnet, or nil when there is none.
func (c *checker) subnetRef(m *Meta, key, value string) *Subnet {
	if !c.required(m, key, value) {
		return nil
	}
	return ref(c, m, key, value, "subnet", &c.subnets)
}

// nicAddress checks a private address given to something in subnet sub
// (nil when unknown): it must parse, lie in the subnet, and not be one of
// the addresses Azure reserves. Good ones are kept for the uniqueness and
// capacity checks.
func (c *checker) nicAddress(m *Meta, key, value string, sub *Subnet, owner string) {
	a, ok := c.addr(m, key, value)
	if !ok || sub == nil {
		return
	}
	p, ok := c.subnetPrefix[sub]
	if !ok {
		return
	}
	switch {
	case !p.Contains(a):
		c.report(Error, m, key, []Pos{sub.At("addressPrefix")}, "address_outside_subnet",
			"%q is not in subnet %q (%s)", value, sub.ID(), p)
	case reservedIn(a, p):
		c.report(Error, m, key, []Pos{sub.At("addressPrefix")}, "reserved_address",
			"%q is reserved by Azure in subnet %q (%s): the first four addresses and the last are not assignable", value, sub.ID(), p)
	default:
		c.nics = append(c.nics, nicAddr{m, key, a, sub, owner})
	}
}

func reservedIn(a netip.Addr, p netip.Prefix) bool {
	first := p.Masked().Addr()
	for range azureReserved - 1 {
		if a == first {
			return true
		}
		first = first.Next()
	}
	return a == lastAddr(p)
}

// checkAddressesUnique reports a private address held twice in one VNet
// (Azure assigns each once; VNets that are not connected may reuse them).
func (c *checker) checkAddressesUnique() {
	type place struct {
		vnet *VNet
		addr netip.Addr
	}
	first := map[place]nicAddr{}
	for _, n := range c.nics {
		k := place{n.subnet.VNet, n.addr}
		f, dup := first[k]
		if !dup {
			first[k] = n
			continue
		}
		c.report(Error, n.m, n.key, []Pos{f.m.At(f.key)}, "duplicate_address",
			"%s is already the address of %s in vnet %q", n.addr, f.owner, n.subnet.VNet.Name)
	}
}

// checkCapacity warns when the nodes of the compute endpoints in a subnet
// do not fit in what Azure leaves free: Azure then allocates the cluster
// partially. Endpoints are served in input order, after the explicit
// addresses of everything in the subnet; one that lists its ipAddresses
// takes those instead of nodeCount addresses.
func (c *checker) checkCapacity() {
	used := map[*Subnet]uint64{}
	for _, n := range c.nics {
		used[n.subnet]++
	}
	for _, e := range c.t.Endpoints {
		if !e.Kind.HasNodes() || len(e.IPAddresses) > 0 {
			continue
		}
		s := c.subnets.get(e.Subnet)
		p, ok := c.subnetPrefix[s]
		if !ok || hostCount(p) <= azureReserved {
			continue // no subnet, or one too small, already reported
		}
		want := uint64(max(e.NodeCount, 1)) // one node when nodeCount is not given
		size := hostCount(p) - azureReserved
		free := size - min(used[s], size)
		if want > free {
			c.report(Warning, &e.Meta, "nodeCount", []Pos{s.At("addressPrefix")}, "subnet_capacity",
				"subnet %q (%s) has %d free addresses for %d nodes (Azure reserves the first four and the last address): the cluster is then partially allocated",
				s.ID(), p, free, want)
		}
		used[s] += want
	}
}
