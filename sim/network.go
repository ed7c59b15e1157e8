package sim

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// privateRanges are the prefixes that are never on the internet
// (azure-semantics.md §2, vnetsim's definition of Internet).
var privateRanges = mustSet("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
	"127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "0.0.0.0/8")

// reservedNone are the system routes with next hop None (azure-semantics.md §3).
var reservedNone = []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}

var (
	azureLoadBalancer = netip.MustParsePrefix("168.63.129.16/32")
	// platformAddrs are the host's own services (168.63.129.16: DNS, health
	// probes; 169.254.169.254: instance metadata): NSGs do not filter them
	// unless a rule names them by their platform tag, and user routes do
	// not apply to them (azure-semantics.md §1).
	platformAddrs = mustSet("168.63.129.16/32", "169.254.169.254/32")
)

func mustSet(prefixes ...string) hs.IPSet {
	ps := make([]netip.Prefix, len(prefixes))
	for i, p := range prefixes {
		ps[i] = netip.MustParsePrefix(p)
	}
	return hs.IPSetOf(ps...)
}

// Network is a compiled topology: everything the engine asks, computed
// once (lazily where it is per subnet) and then only read.
type Network struct {
	Topo *model.Topology

	vnets     []*vnet   // sorted by name
	subnets   []*subnet // sorted by ID
	byVNet    map[string]*vnet
	bySubnet  map[string]*subnet
	nics      []*nic // endpoints with addresses in a subnet, sorted by name
	byNIC     map[string]*nic
	asgs      map[string]hs.IPSet
	gateways  map[string]*gateway
	apps      map[string]*appliance
	paas      []*paas
	byPaaS    map[string]*paas
	natGWs    map[string]*natGateway
	lbs       []*loadBalancer
	onPrem    hs.IPSet // every on-premises prefix of every gateway
	publicOwn []publicOwner
	tags      map[string]hs.IPSet // service tags by lower-case name
	tagsMu    sync.Mutex          // guards tags: proofs may run at once
	vnetSpace hs.IPSet            // every VNet's address space
}

type vnet struct {
	m       *model.VNet
	space   hs.IPSet
	subnets []*subnet
	peers   []*peer // connected peerings (both sides declared), sorted by remote name
	gws     []*gateway
	remote  []*gateway // gateways reached through peering (useRemoteGateways)
	owners  []owner    // private addresses that hold something, sorted

	gwOnce   sync.Once
	gwSubnet *subnet // stand-in GatewaySubnet, built on first use
}

type peer struct {
	local, remote *model.Peering // local is this VNet's side
	from, to      *vnet
}

type subnet struct {
	m      *model.Subnet
	id     string
	vnet   *vnet
	prefix hs.IPSet
	nsg    *model.NetworkSecurityGroup
	rt     *model.RouteTable
	nics   []*nic      // the endpoint NICs in it, sorted by name
	nat    *natGateway // its NAT gateway, if any

	defaultOutbound bool // the subnet has Azure's default outbound access

	// lazily computed
	// lazily computed, once each however many proofs run at once
	vnetTagOnce, routesOnce, sysRoutesOnce sync.Once
	vnetTag                                hs.IPSet
	routes                                 *routeTable
	sysRoutes                              *routeTable // without user routes, for private endpoint replies
	nsgDir                                 *nsgCache   // the subnet's NSG compiled, by direction
}

type nic struct {
	ep      *model.Endpoint
	sub     *subnet
	addrs   hs.IPSet
	list    []netip.Addr // the node addresses, in order
	nsg     *model.NetworkSecurityGroup
	public  netip.Addr // the public address that reaches it from the internet, if any
	frontIn bool       // reachable from the internet (has a public address)

	outbound []outboundRule // its load balancers' outbound methods, outbound rules first
	pools    []string       // the load balancers whose backend pools hold it, sorted

	nsgDir *nsgCache // the NIC NSG compiled in its subnet's context
}

type gateway struct {
	m      *model.Gateway
	vnet   *vnet
	onPrem hs.IPSet
}

type appliance struct {
	m    *model.Appliance
	sub  *subnet
	addr netip.Addr

	// compiled on first use, once however many proofs run at once
	once     sync.Once
	rules    *ruleList   // a plain NVA's rules
	fw       *azFirewall // an Azure Firewall's policy
	rulesErr error
}

type paas struct {
	ep      *model.Endpoint
	public  netip.Addr
	pes     []peAddr
	tagBase string
}

// pesOf are p's private endpoints for sub-resource group.
func (p *paas) pesOf(group string) []peAddr {
	var out []peAddr
	for _, pe := range p.pes {
		if strings.EqualFold(pe.m.GroupOf(p.ep.Kind), group) {
			out = append(out, pe)
		}
	}
	return out
}

type peAddr struct {
	sub  *subnet
	addr netip.Addr
	m    *model.PrivateEndpoint
}

// owner is what holds a private address inside a VNet.
type owner struct {
	addrs hs.IPSet
	nic   *nic
	app   *appliance
	paas  *paas
	lb    *lbFrontend
}

// publicOwner is what answers a public address.
type publicOwner struct {
	addrs hs.IPSet
	nic   *nic
	paas  *paas
	nat   *natGateway
	lb    *lbFrontend
	fw    *appliance // an Azure Firewall's public address
}

// Compile builds the network of a validated topology.
func Compile(t *model.Topology) (*Network, error) {
	n := &Network{Topo: t, byVNet: map[string]*vnet{}, bySubnet: map[string]*subnet{}, byNIC: map[string]*nic{},
		gateways: map[string]*gateway{}, apps: map[string]*appliance{}, byPaaS: map[string]*paas{}, asgs: map[string]hs.IPSet{}, tags: map[string]hs.IPSet{}}
	for _, mv := range t.VNets {
		v := &vnet{m: mv, space: prefixSet(mv.AddressSpace)}
		n.vnets = append(n.vnets, v)
		n.byVNet[mv.Name] = v
		for _, ms := range mv.Subnets {
			s := &subnet{m: ms, id: ms.ID(), vnet: v, prefix: prefixSet([]string{ms.AddressPrefix}),
				nsg: t.NSG(ms.NetworkSecurityGroup), rt: t.RouteTable(ms.RouteTable), nsgDir: &nsgCache{},
				defaultOutbound: t.DefaultOutbound(ms)}
			v.subnets = append(v.subnets, s)
			n.subnets = append(n.subnets, s)
			n.bySubnet[s.id] = s
		}
	}
	slices.SortFunc(n.vnets, func(a, b *vnet) int { return strings.Compare(a.m.Name, b.m.Name) })
	slices.SortFunc(n.subnets, func(a, b *subnet) int { return strings.Compare(a.id, b.id) })
	for _, v := range n.vnets {
		n.vnetSpace = n.vnetSpace.Union(v.space)
	}
	n.linkPeerings()
	n.linkGateways()
	if err := n.placeEndpoints(); err != nil {
		return nil, err
	}
	n.compileNatGateways()
	n.compileLoadBalancers()
	if err := n.placeAppliances(); err != nil {
		return nil, err
	}
	n.indexOwners()
	return n, nil
}

func prefixSet(ss []string) hs.IPSet {
	var ps []netip.Prefix
	for _, s := range ss {
		if p, err := model.ParsePrefix(s); err == nil {
			ps = append(ps, p)
		}
	}
	return hs.IPSetOf(ps...)
}

func (n *Network) linkPeerings() {
	for _, v := range n.vnets {
		for _, p := range v.m.Peerings {
			r := n.byVNet[p.RemoteVirtualNetwork]
			if r == nil {
				continue
			}
			if back := r.peeringTo(v.m.Name); back != nil {
				v.peers = append(v.peers, &peer{local: p, remote: back, from: v, to: r})
			}
		}
		slices.SortFunc(v.peers, func(a, b *peer) int { return strings.Compare(a.to.m.Name, b.to.m.Name) })
	}
}

func (v *vnet) peeringTo(name string) *model.Peering {
	for _, p := range v.m.Peerings {
		if p.RemoteVirtualNetwork == name {
			return p
		}
	}
	return nil
}

func (v *vnet) peerTo(other *vnet) *peer {
	for _, p := range v.peers {
		if p.to == other {
			return p
		}
	}
	return nil
}

func (n *Network) linkGateways() {
	var all []netip.Prefix
	for _, mg := range n.Topo.Gateways {
		v := n.byVNet[mg.VNet]
		if v == nil {
			continue
		}
		g := &gateway{m: mg, vnet: v}
		if mg.OnPremises != nil {
			for _, s := range mg.OnPremises.AddressPrefixes {
				if p, err := model.ParsePrefix(s); err == nil {
					all = append(all, p)
				}
			}
			g.onPrem = prefixSet(mg.OnPremises.AddressPrefixes)
		}
		n.gateways[mg.Name] = g
		v.gws = append(v.gws, g)
	}
	n.onPrem = hs.IPSetOf(all...)
	// Gateway transit: a VNet uses its peer's gateways when its side says
	// useRemoteGateways and the peer's side allowGatewayTransit.
	for _, v := range n.vnets {
		if len(v.gws) > 0 {
			continue
		}
		for _, p := range v.peers {
			if p.local.UseRemoteGateways && p.remote.AllowGatewayTransit {
				v.remote = append(v.remote, p.to.gws...)
			}
		}
	}
}

// usedGateways are the gateways whose routes a VNet learns.
func (v *vnet) usedGateways() []*gateway {
	if len(v.gws) > 0 {
		return v.gws
	}
	return v.remote
}

func (n *Network) placeEndpoints() error {
	allocators := newAllocators(n.Topo)
	for _, ep := range n.Topo.Endpoints {
		switch {
		case ep.Kind.HasNodes() || ep.Kind == model.AksScoring:
			s := n.bySubnet[ep.Subnet]
			if s == nil {
				return fmt.Errorf("endpoint %q: no subnet %q", ep.Name, ep.Subnet)
			}
			c := &nic{ep: ep, sub: s, nsg: n.Topo.NSG(ep.NetworkSecurityGroup), nsgDir: &nsgCache{}}
			c.list = nodeAddrs(ep, allocators[s.id])
			c.addrs = addrSet(c.list)
			if a, err := model.ParseAddr(ep.PublicIPAddress); err == nil {
				c.public = a
			}
			c.frontIn = c.public.IsValid() && (ep.Kind != model.AksScoring || ep.Frontend != model.InternalFrontend)
			n.nics = append(n.nics, c)
			n.byNIC[ep.Name] = c
			for _, g := range ep.ApplicationSecurityGroups {
				n.asgs[g] = n.asgs[g].Union(c.addrs)
			}
		case ep.Kind.IsPaaS():
			p := &paas{ep: ep, tagBase: ep.Kind.ServiceTagBase()}
			p.public = n.paasPublic(ep)
			for _, pe := range ep.PrivateEndpoints {
				if a, err := model.ParseAddr(pe.PrivateIPAddress); err == nil && n.bySubnet[pe.Subnet] != nil {
					p.pes = append(p.pes, peAddr{sub: n.bySubnet[pe.Subnet], addr: a, m: pe})
				}
			}
			n.paas = append(n.paas, p)
			n.byPaaS[ep.Name] = p
		}
	}
	slices.SortFunc(n.nics, func(a, b *nic) int { return strings.Compare(a.ep.Name, b.ep.Name) })
	for _, c := range n.nics {
		c.sub.nics = append(c.sub.nics, c)
	}
	slices.SortFunc(n.paas, func(a, b *paas) int { return strings.Compare(a.ep.Name, b.ep.Name) })
	return nil
}

// allocator hands out a subnet's addresses to compute nodes as Azure
// does: after the four it reserves at the start, never the last, skipping
// addresses that something holds by configuration; first come (in file
// order), first served.
type allocator struct {
	prefix netip.Prefix
	next   netip.Addr
	taken  map[netip.Addr]bool
}

// newAllocators prepares one allocator per subnet, with the fixed
// addresses of appliances, private endpoints, AKS frontends and explicit
// node addresses taken.
func newAllocators(t *model.Topology) map[string]*allocator {
	out := map[string]*allocator{}
	for _, s := range t.Subnets() {
		if p, err := model.ParsePrefix(s.AddressPrefix); err == nil {
			a := p.Masked().Addr()
			for range 4 {
				a = a.Next()
			}
			out[s.ID()] = &allocator{prefix: p, next: a, taken: map[netip.Addr]bool{lastAddr(p): true}}
		}
	}
	take := func(subnet string, addrs ...string) {
		if al := out[subnet]; al != nil {
			for _, str := range addrs {
				if a, err := model.ParseAddr(str); err == nil {
					al.taken[a] = true
				}
			}
		}
	}
	for _, a := range t.Appliances {
		take(a.Subnet, a.PrivateIPAddress)
	}
	for _, ep := range t.Endpoints {
		take(ep.Subnet, ep.IPAddresses...)
		if ep.Kind == model.AksScoring {
			take(ep.Subnet, ep.PrivateIPAddress)
		}
		for _, pe := range ep.PrivateEndpoints {
			take(pe.Subnet, pe.PrivateIPAddress)
		}
	}
	return out
}

// nodeAddrs are an endpoint's private addresses: AKS scoring's
// privateIpAddress, explicit ipAddresses, else nodeCount addresses from the
// subnet's allocator (fewer when the subnet is full: the cluster is then
// partially allocated, which validate warns about).
func nodeAddrs(ep *model.Endpoint, al *allocator) []netip.Addr {
	var out []netip.Addr
	fixed := ep.IPAddresses
	if ep.Kind == model.AksScoring {
		fixed = []string{ep.PrivateIPAddress}
	}
	for _, str := range fixed {
		if a, err := model.ParseAddr(str); err == nil {
			out = append(out, a)
		}
	}
	if len(out) > 0 || ep.Kind == model.AksScoring || al == nil {
		return out
	}
	for range max(ep.NodeCount, 1) {
		for al.prefix.Contains(al.next) && al.taken[al.next] {
			al.next = al.next.Next()
		}
		if !al.prefix.Contains(al.next) {
			break
		}
		out = append(out, al.next)
		al.taken[al.next] = true
	}
	return out
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As16()
	bits := p.Bits()
	if p.Addr().Is4() {
		bits += 96
	}
	for i := bits; i < 128; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a := netip.AddrFrom16(b)
	if p.Addr().Is4() {
		return a.Unmap()
	}
	return a
}

func addrSet(as []netip.Addr) hs.IPSet {
	ps := make([]netip.Prefix, len(as))
	for i, a := range as {
		ps[i] = netip.PrefixFrom(a, a.BitLen())
	}
	return hs.IPSetOf(ps...)
}

// paasPublic is a PaaS endpoint's public address: its own, else the first
// address of its regional service tag (topology-format.md, endpoints).
func (n *Network) paasPublic(ep *model.Endpoint) netip.Addr {
	if a, err := model.ParseAddr(ep.PublicIPAddress); err == nil {
		return a
	}
	tag, ok := n.Topo.Tags.Regional(ep.Kind.ServiceTagBase(), n.location(ep.Location))
	if !ok {
		return netip.Addr{}
	}
	for _, p := range tag.Prefixes {
		if p.Addr().Is4() {
			return p.Masked().Addr()
		}
	}
	return netip.Addr{}
}

// aksManaged reports whether an AKS cluster's nodes leave through the
// cluster's managed outbound (outboundType loadBalancer, the default, or
// managedNATGateway; docs/semantics.md §4).
func (c *nic) aksManaged() bool {
	k, t := c.ep.Kind, c.ep.OutboundType
	return (k == model.AksCluster || k == model.AksScoring) &&
		(t == "" || t == model.OutboundLoadBalancer || t == model.OutboundManagedNATGateway)
}

func (n *Network) location(loc string) string {
	if loc != "" {
		return loc
	}
	return n.Topo.Location
}

func (n *Network) placeAppliances() error {
	for _, ma := range n.Topo.Appliances {
		s := n.bySubnet[ma.Subnet]
		a, err := model.ParseAddr(ma.PrivateIPAddress)
		if s == nil || err != nil {
			return fmt.Errorf("appliance %q: bad subnet or address", ma.Name)
		}
		app := &appliance{m: ma, sub: s, addr: a}
		n.apps[ma.Name] = app
		if ma.IsAzureFirewall() {
			pubs := addrSet(nil)
			for _, p := range ma.PublicIPAddresses {
				if pa, err := model.ParseAddr(p); err == nil {
					pubs = pubs.Union(addrSet([]netip.Addr{pa}))
				}
			}
			if !pubs.IsEmpty() {
				n.publicOwn = append(n.publicOwn, publicOwner{addrs: pubs, fw: app})
			}
		}
	}
	return nil
}

// indexOwners records, per VNet, which private addresses hold something,
// and which public addresses answer for whom.
func (n *Network) indexOwners() {
	for _, c := range n.nics {
		c.sub.vnet.owners = append(c.sub.vnet.owners, owner{addrs: c.addrs, nic: c})
		if c.public.IsValid() {
			n.publicOwn = append(n.publicOwn, publicOwner{addrs: addrSet([]netip.Addr{c.public}), nic: c})
		}
	}
	for _, name := range sortedKeys(n.apps) {
		a := n.apps[name]
		a.sub.vnet.owners = append(a.sub.vnet.owners, owner{addrs: addrSet([]netip.Addr{a.addr}), app: a})
	}
	for _, p := range n.paas {
		for _, pe := range p.pes {
			pe.sub.vnet.owners = append(pe.sub.vnet.owners, owner{addrs: addrSet([]netip.Addr{pe.addr}), paas: p})
		}
		if p.public.IsValid() {
			n.publicOwn = append(n.publicOwn, publicOwner{addrs: addrSet([]netip.Addr{p.public}), paas: p})
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// gatewaySubnet is where traffic from a gateway enters its VNet: the
// GatewaySubnet if the topology declares it (its route table then applies),
// else a stand-in with the VNet's system routes only.
func (n *Network) gatewaySubnet(v *vnet) *subnet {
	for _, s := range v.subnets {
		if s.m.Name == "GatewaySubnet" {
			return s
		}
	}
	v.gwOnce.Do(func() {
		m := &model.Subnet{Name: "GatewaySubnet", VNet: v.m}
		v.gwSubnet = &subnet{m: m, id: m.ID(), vnet: v, nsgDir: &nsgCache{}}
	})
	return v.gwSubnet
}

// SubnetIDs lists every subnet as "vnet/subnet", sorted.
func (n *Network) SubnetIDs() []string {
	ids := make([]string, len(n.subnets))
	for i, s := range n.subnets {
		ids[i] = s.id
	}
	return ids
}
