package model

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vnetsim/vnetsim/model/servicetags"
)

// validate reports every problem of azure-semantics.md §8 that needs no
// packet simulation, and the format rules of topology-format.md. It never
// stops at the first problem: each group of checks runs on whatever parsed,
// and a value that failed to parse is reported once, where it is written,
// and then left out of the checks that need it.
func validate(t *Topology, diags *Diagnostics) {
	c := newChecker(t, diags)
	if t.Version != 1 {
		c.errorf(&t.Meta, "version", "unsupported_version", "version %d is not supported (this vnetsim reads version 1)", t.Version)
	}
	c.checkVNets()
	c.checkPeerings()
	c.checkNSGs()
	c.checkRouteTables()
	c.checkNatGateways()
	c.checkGateways()
	c.checkAppliances()
	c.checkEndpoints()
	c.checkLoadBalancers()
	c.checkPrivateDNSZones()
	c.checkNotModelled()
	c.checkWorkspace()
	c.checkIntents()
	c.checkAddressesUnique()
	c.checkCapacity()
	c.checkDefaultRouteExposure()
	c.checkDefaultOutboundReliance()
}

// checker holds what the checks share: the topology, the name indexes used
// for references and suggestions, and the values already parsed.
type checker struct {
	t     *Topology
	diags *Diagnostics

	// Objects by name, the first of namesakes (as index.go keeps them).
	vnets       index[VNet]
	subnets     index[Subnet] // by "vnet/subnet"
	nsgs        index[NetworkSecurityGroup]
	routeTables index[RouteTable]
	endpoints   index[Endpoint]
	natGateways index[NatGateway]
	dnsZones    index[PrivateDNSZone]
	asgs        index[Endpoint] // an ASG exists when some endpoint lists it

	suggest     *suggester
	tags        *servicetags.DB
	tagNameList []string             // see tagNames
	fqdns       map[string]*Endpoint // endpoints by lower-case name, see fqdnOwner

	// Parsed values of the objects whose values parsed; an object missing
	// here has already been reported.
	subnetPrefix map[*Subnet]netip.Prefix
	spaces       map[*VNet][]keyedPrefix
	nics         []nicAddr // every private address a NIC or frontend holds
}

// keyedPrefix is a parsed prefix with the key it was written under.
type keyedPrefix struct {
	key    string
	prefix netip.Prefix
}

func newChecker(t *Topology, diags *Diagnostics) *checker {
	c := &checker{t: t, diags: diags, suggest: newSuggester(), tags: t.Tags, subnetPrefix: map[*Subnet]netip.Prefix{}, spaces: map[*VNet][]keyedPrefix{}}
	if c.tags == nil {
		c.tags = servicetags.New()
	}
	for _, v := range t.VNets {
		c.vnets.add(v.Name, v)
		for _, s := range v.Subnets {
			c.subnets.add(s.ID(), s)
		}
	}
	for _, n := range t.NetworkSecurityGroups {
		c.nsgs.add(n.Name, n)
	}
	for _, r := range t.RouteTables {
		c.routeTables.add(r.Name, r)
	}
	for _, n := range t.NatGateways {
		c.natGateways.add(n.Name, n)
	}
	for _, z := range t.PrivateDNSZones {
		c.dnsZones.add(z.Name, z)
	}
	for _, e := range t.Endpoints {
		c.endpoints.add(e.Name, e)
		for _, g := range e.ApplicationSecurityGroups {
			c.asgs.add(g, e)
		}
	}
	return c
}

// index finds the objects of one kind by name in constant time (index.go's
// lookups scan, which a check per subnet cannot afford at Azure's limits),
// and keeps the names in input order for suggestions.
type index[T any] struct {
	byName map[string]*T
	names  []string
}

func (ix *index[T]) add(name string, v *T) {
	if name == "" || ix.byName[name] != nil {
		return
	}
	if ix.byName == nil {
		ix.byName = map[string]*T{}
	}
	ix.byName[name] = v
	ix.names = append(ix.names, name)
}

// get returns the object named name, or nil.
func (ix *index[T]) get(name string) *T { return ix.byName[name] }

// report adds a diagnostic at the value of key in m (or at m when key was
// not written), with the data path of that key.
func (c *checker) report(sev Severity, m *Meta, key string, related []Pos, code, format string, args ...any) {
	*c.diags = append(*c.diags, Diagnostic{
		Pos: m.At(key), Path: m.Field(key), Code: code, Message: fmt.Sprintf(format, args...),
		Related: related, Severity: sev,
	})
}

func (c *checker) errorf(m *Meta, key, code, format string, args ...any) {
	c.diags.errorf(m.At(key), m.Field(key), code, format, args...)
}

func (c *checker) warnf(m *Meta, key, code, format string, args ...any) {
	c.diags.warnf(m.At(key), m.Field(key), code, format, args...)
}

// checkNames checks the names of one list of objects of kind what: each is
// present (when required), usable in references, and unique in the list.
// The first of two namesakes is the one kept (index.go), so the second is
// reported, pointing back at the first.
func checkNames[P metaHolder](c *checker, what string, list []P, name func(P) string, required bool) {
	first := map[string]*Meta{}
	for _, it := range list {
		m, n := it.meta(), name(it)
		if n == "" {
			if required {
				c.required(m, "name", n)
			}
			continue
		}
		if i := strings.IndexFunc(n, badNameRune); i >= 0 && !(what == "intent" && standardIntentName(n)) {
			c.errorf(m, "name", "bad_name", "name %q must not contain %q (names are parts of references such as vnet/subnet and nsg:<nsg>:<rule>)", n, n[i:i+1])
		}
		if f, dup := first[n]; dup {
			c.report(Error, m, "name", []Pos{f.At("name")}, "duplicate_name", "another %s is already named %q", what, n)
			continue
		}
		first[n] = m
	}
}

// standardIntentName reports whether an intent's name is a standard
// intent's full name, "<catalogue row>/<endpoint>", which a declared intent
// takes to replace it (azure-semantics.md §7).
func standardIntentName(n string) bool {
	base, ep, ok := strings.Cut(n, "/")
	return ok && RequirementFor(base) != nil && ep != "" && strings.IndexFunc(ep, badNameRune) < 0
}

// badNameRune: "/" separates vnet and subnet in references, ":" the parts
// of element refs (nsg:<nsg>:<rule>), and white space would make names
// that look alike in reports differ.
func badNameRune(r rune) bool {
	return r == '/' || r == ':' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

// location is the region a location field means: its own value, else the
// topology's, compared in the form servicetags uses.
func (c *checker) location(loc string) string {
	if loc == "" {
		loc = c.t.Location
	}
	return servicetags.NormalizeRegion(loc)
}
