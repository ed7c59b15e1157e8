package azure

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// ipConfig is one private address something takes in a subnet: a NIC's IP
// configuration, a firewall's, a load balancer's internal frontend, a
// private endpoint's.
type ipConfig struct {
	key    string // owner key#index
	subnet *subnetRec
	static string // the address when known
	r      *resource
	// recorded: a template's address for a dynamic configuration, which
	// Azure does not promise to give again (az group export records the
	// deployed one).
	recorded bool
}

func configKey(owner string, i int) string { return owner + "#" + strconv.Itoa(i) }

// addresses fills b.addrs with the private address of every IP
// configuration in a subnet the import has: the one ARM gives, else the one
// Azure would give a dynamic configuration (the next free address of the
// subnet after its five reserved ones, in the order the input lists them;
// Azure's order follows the deployment's, so the import says so).
func (b *builder) addresses() {
	var configs []ipConfig
	collect := func(r *resource, list []ipConfigJSON) {
		for i, c := range list {
			s := b.subnetFor(idOf(c.Subnet))
			if s == nil {
				continue
			}
			addr := c.PrivateIPAddress
			if unknown.Is(addr) {
				addr = ""
			}
			if p, err := netip.ParsePrefix(addr); err == nil {
				addr = p.Addr().String() // "172.20.2.16/28": a prefix delegated to the NIC
			}
			recorded := addr != "" && r.template && !strings.EqualFold(c.PrivateIPAllocationMethod, "Static")
			configs = append(configs, ipConfig{key: configKey(r.key, i), subnet: s, static: addr, r: r, recorded: recorded})
		}
	}
	for _, r := range b.of(typeNIC) {
		if j, ok := decode[nicJSON](b, r, r.node); ok {
			collect(r, j.IPConfigurations)
		}
	}
	for _, r := range b.of(typeFirewall) {
		if j, ok := decode[firewallJSON](b, r, r.node); ok {
			collect(r, j.IPConfigurations)
		}
	}
	for _, r := range b.of(typeLoadBalancer) {
		if j, ok := decode[lbJSON](b, r, r.node); ok {
			var list []ipConfigJSON
			for _, f := range j.FrontendIPConfigurations {
				list = append(list, f.ipConfigJSON)
			}
			collect(r, list)
		}
	}
	for _, r := range b.of(typePrivateEP) {
		if j, ok := decode[privateEndpointJSON](b, r, r.node); ok {
			for _, n := range j.NetworkInterfaces {
				if nr := b.lookup(n.ID, typeNIC); nr != nil {
					b.used[nr.key], b.peNICs[nr.key] = true, true
				}
			}
			addr := peAddress(j)
			if addr == "" {
				addr = b.nicAddressOf(j.NetworkInterfaces)
			}
			collect(r, []ipConfigJSON{{Subnet: j.Subnet, PrivateIPAddress: addr, PrivateIPAllocationMethod: "Static"}})
		}
	}
	b.allocate(configs)
}

// peAddress is a private endpoint's address as ARM gives it.
func peAddress(j *privateEndpointJSON) string {
	for _, c := range j.CustomDNSConfigs {
		for _, a := range c.IPAddresses {
			if !unknown.Is(a) {
				return a
			}
		}
	}
	for _, c := range j.IPConfigurations {
		if c.PrivateIPAddress != "" && !unknown.Is(c.PrivateIPAddress) {
			return c.PrivateIPAddress
		}
	}
	return ""
}

// nicAddressOf is the first address of the first NIC in the input among
// refs (a private endpoint's NIC in a deployed export).
func (b *builder) nicAddressOf(refs []ref) string {
	for _, n := range refs {
		if r := b.lookup(n.ID, typeNIC); r != nil {
			if j, ok := decode[nicJSON](b, r, r.node); ok {
				for _, c := range j.IPConfigurations {
					if c.PrivateIPAddress != "" && !unknown.Is(c.PrivateIPAddress) {
						return c.PrivateIPAddress
					}
				}
			}
		}
	}
	return ""
}

func (b *builder) allocate(configs []ipConfig) {
	taken := map[netip.Addr]bool{}
	recorded := 0
	for _, c := range configs {
		if a, err := netip.ParseAddr(c.static); err == nil {
			taken[a] = true
			b.addrs[c.key] = c.static
			if c.recorded {
				b.assumed[c.key] = true
				recorded++
			}
		}
	}
	if recorded > 0 {
		b.im.notes.add(noteAssumed, "%d private %s of dynamic IP configurations %s the template records (az group export records the deployed ones; a new deployment may assign others: check with az network nic show after deploying)",
			recorded, plural(recorded, "address"), pickVerb(recorded, "is the one", "are the ones"))
	}
	next := map[*subnetRec]netip.Addr{}
	assigned := 0
	for _, c := range configs {
		if c.static != "" {
			continue
		}
		p, err := netip.ParsePrefix(c.subnet.prefix)
		if err != nil || !p.Addr().Is4() {
			continue
		}
		a, ok := next[c.subnet]
		if !ok {
			a = p.Masked().Addr()
			for range 4 { // Azure reserves the first four addresses and the last
				a = a.Next()
			}
		}
		for taken[a] {
			a = a.Next()
		}
		if !p.Contains(a) || a == lastAddr(p) {
			b.im.notes.add(noteDropped, "%s %s: subnet %s has no free address left for it", kindOf(c.r.typ), c.r.name, c.subnet.ref())
			continue
		}
		taken[a], next[c.subnet] = true, a.Next()
		b.addrs[c.key] = a.String()
		b.assumed[c.key] = true
		assigned++
	}
	if assigned > 0 {
		b.im.notes.add(noteAssumed, "%d private %s that Azure assigns at deployment %s given here as Azure gives them, the next free address of the subnet, in the order the input lists them (Azure follows the order of deployment: check with az network nic show after deploying)",
			assigned, plural(assigned, "address"), pickVerb(assigned, "is", "are"))
	}
}

func pickVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	for i := p.Bits(); i < 32; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	return netip.AddrFrom4(b)
}

// subnetFor is the subnet an id refers to: by id, else (a template's
// made-up id pointing at a deployed subnet) by vnet and subnet name when
// exactly one subnet has them.
func (b *builder) subnetFor(id string) *subnetRec {
	if id == "" || unknown.Is(id) {
		return nil
	}
	if s := b.subnet[armid.Key(id)]; s != nil {
		return s
	}
	p, ok := armid.Parse(id)
	if !ok || !strings.EqualFold(p.Type, typeSubnet) {
		return nil
	}
	var found *subnetRec
	for k, s := range b.subnet {
		if q, ok := armid.Parse(k); ok && strings.EqualFold(q.Name, p.Name) {
			if found != nil {
				return nil
			}
			found = s
		}
	}
	return found
}

// configPath reads the index out of "ipConfigurations[2].properties.privateIPAddress".
var configPath = regexp.MustCompile(`(?i)^ipConfigurations\[(\d+)\](\.properties)?\.privateIPAddress$`)

// resolve turns a value that a template reads from a resource it deploys
// (reference(...).ipConfigurations[0].properties.privateIPAddress, or a
// public IP's ipAddress) into what the import gave that resource.
func (b *builder) resolve(s string) (string, bool) {
	v, ok := b.im.unk.Find(s)
	if !ok || v.Ref == "" {
		return "", false
	}
	if m := configPath.FindStringSubmatch(v.Path); m != nil {
		i, _ := strconv.Atoi(m[1])
		if r := b.lookup(v.Ref, ""); r != nil {
			a, ok := b.addrs[configKey(r.key, i)]
			return a, ok
		}
	}
	if strings.EqualFold(strings.TrimPrefix(v.Path, "properties."), "ipAddress") {
		if r := b.lookup(v.Ref, typePublicIP); r != nil {
			a := b.publicIP(r)
			return a, a != ""
		}
	}
	return "", false
}

// testNets are the documentation ranges (RFC 5737) that stand for public
// addresses Azure assigns at deployment: public, and never Azure's.
var testNets = []netip.Prefix{netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("192.0.2.0/24")}

// publicIP is a public IP resource's address: the one ARM gives, else a
// placeholder from the documentation ranges, asked for in the header.
func (b *builder) publicIP(r *resource) string {
	b.used[r.key] = true
	if a, ok := b.public[r.key]; ok {
		return a
	}
	j, ok := decode[publicIPJSON](b, r, r.node)
	if !ok {
		return ""
	}
	if j.IPAddress != "" && !unknown.Is(j.IPAddress) {
		b.public[r.key] = j.IPAddress
		return j.IPAddress
	}
	n := b.pubPlaceholders
	if n >= 3*254 {
		b.im.notes.add(noteDropped, "public IP %s: its address is assigned at deployment, and the placeholder ranges are used up", r.name)
		b.public[r.key] = ""
		return ""
	}
	p := testNets[n/254]
	a := p.Addr()
	for range n%254 + 1 {
		a = a.Next()
	}
	b.pubPlaceholders++
	b.public[r.key] = a.String()
	b.im.notes.ask("public IP %s: Azure assigns its address at deployment; %s (a documentation address) stands for it: replace it with az network public-ip show --ids %s --query ipAddress",
		r.name, a, r.id)
	return a.String()
}

// publicOf is the address of the public IP an id refers to, or "" (with a
// note) when it is not in the input.
func (b *builder) publicOf(from *resource, id string) string {
	if id == "" {
		return ""
	}
	r := b.lookup(id, typePublicIP)
	if r == nil {
		b.im.notes.add(noteDropped, "%s %s: its public IP %s is not in the input; it is left out", kindOf(from.typ), from.name, idOrName(id))
		return ""
	}
	return b.publicIP(r)
}

// sku is a public IP's SKU, "" when not known.
func (b *builder) skuOf(id string) string {
	r := b.lookup(id, typePublicIP)
	if r == nil {
		return ""
	}
	if j, ok := decode[publicIPJSON](b, r, r.node); ok && j.Sku != nil {
		return j.Sku.Name
	}
	return ""
}
