package azure

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/template"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// builder turns the resources read into a topology: it decodes each by its
// type, names the objects (unique per kind), resolves references by
// resource id, and says what it drops, assumes or cannot know.
type builder struct {
	im   *importer
	errs []error
	t    *model.Topology

	byType map[string][]*resource // unique resources by type, in reading order
	kids   map[string][]*resource // parent key -> child resources given on their own
	names  map[string]string      // resource key -> vnetsim name of what it became
	subnet map[string]*subnetRec  // subnet key -> the subnet
	origin map[any]string         // model object -> where it came from
	// address: model object -> the Terraform resource address it came from
	address map[any]string
	used    map[string]bool            // resource keys something refers to (for "unused" notes)
	addrs   map[string]string          // ip configuration key -> private address (known or assigned)
	public  map[string]string          // public IP key -> its address (known or a placeholder)
	placed  map[string]*model.Endpoint // NIC key -> the endpoint it became
	// assumed are IP configurations whose address the import assigned.
	assumed         map[string]bool
	pubPlaceholders int // public addresses that stand for ones Azure assigns
	// The name spaces of endpoints and appliances, which several resource
	// types fill.
	endpointNS, applianceNS map[string]bool
	locs                    map[string]int // locations met, for the topology's
	pendingBatch            []pendingPool
	peNICs                  map[string]bool // NICs of private endpoints
	// assumedObj are model objects with a field whose value the import
	// assigned (said in the output's comments).
	assumedObj map[any]string
	cache      map[cacheKey]any
}

type cacheKey struct {
	n *jsontree.Node
	t reflect.Type
}

func (im *importer) build(name string) (*Result, error) {
	b := &builder{im: im, t: &model.Topology{Version: 1, Name: name}, byType: map[string][]*resource{},
		kids: map[string][]*resource{}, names: map[string]string{}, subnet: map[string]*subnetRec{},
		origin: map[any]string{}, address: map[any]string{}, used: map[string]bool{}, addrs: map[string]string{}, public: map[string]string{},
		placed: map[string]*model.Endpoint{}, assumed: map[string]bool{}, cache: map[cacheKey]any{},
		endpointNS: map[string]bool{}, applianceNS: map[string]bool{}, locs: map[string]int{}, peNICs: map[string]bool{}, assumedObj: map[any]string{}}
	b.index()
	b.network()
	b.addresses()
	b.compute()
	b.paas()
	b.gateways()
	b.firewalls()
	b.egress()
	b.loadBalancers()
	b.dns()
	b.routes()
	b.skipped()
	if err := errors.Join(b.errs...); err != nil {
		return nil, err
	}
	b.t.Location = b.location()
	if b.empty() && !b.im.overlay {
		return nil, b.nothing()
	}
	b.serviceTags()
	b.sortAll()
	return &Result{topology: b.t, origins: b.origin, addresses: b.address, assumed: b.assumedObj, Notes: im.notes.list(), Asks: im.notes.sortedAsks()}, nil
}

// index keeps the last resource of each id, groups resources by type, and
// children given as resources of their own by parent: a child whose
// parent id a template made up (an existing VNet in another resource
// group) goes to the deployed parent of that type and name.
func (b *builder) index() {
	var orphans []*resource
	for _, r := range b.im.all {
		if b.im.byKey[r.key] != r {
			continue // replaced by a later one with the same id
		}
		b.byType[r.typ] = append(b.byType[r.typ], r)
		if loc := r.node.Get("location").StrOr(""); loc != "" && !unknown.Is(loc) && !template.HasPlaceholder(loc) && !strings.EqualFold(loc, "global") {
			b.locs[normRegion(loc)]++ // the most common location is the topology's
		}
		if p := armid.Parent(r.id); p != "" {
			if b.im.byKey[armid.Key(p)] == nil {
				orphans = append(orphans, r)
				continue
			}
			k := armid.Key(p)
			b.kids[k] = append(b.kids[k], r)
		}
	}
	for _, r := range orphans {
		k := armid.Key(armid.Parent(r.id))
		if p := b.lookup(armid.Parent(r.id), ""); p != nil {
			k = p.key
		}
		b.kids[k] = append(b.kids[k], r)
	}
}

// of is every resource of a type.
func (b *builder) of(typ string) []*resource { return b.byType[typ] }

// decode decodes a resource (or a node inside it) into T; a problem is an
// error of the import.
func decode[T any](b *builder, r *resource, n *jsontree.Node) (*T, bool) {
	ck := cacheKey{n, reflect.TypeFor[T]()}
	if v, ok := b.cache[ck]; ok {
		t, _ := v.(*T)
		return t, t != nil
	}
	b.cache[ck] = nil
	var v T
	d := b.im.decoder(r.lines)
	d.Unknown = func(path, s string) {
		b.unknown(r, path, s, "left out")
	}
	path := ""
	if n == r.node {
		path = r.path
	}
	d.Decode(n, &v, path)
	if err := d.Err(); err != nil {
		b.errs = append(b.errs, err)
		return nil, false
	}
	b.cache[ck] = &v
	return &v, true
}

// children are the child resources of a parent of type childType: those
// written inside it (nested, as az and templates write subnets) and those
// given on their own, which win over a nested one with the same id.
func (b *builder) children(p *resource, childType string, nested []*jsontree.Node) []*resource {
	seg := childType[strings.LastIndexByte(childType, '/')+1:]
	// The list's key in the parent is its child type's last segment.
	list := keyIn(p.node, seg)
	if list == "" {
		list = "properties." + keyIn(p.node.Get("properties"), seg)
	}
	var out []*resource
	seen := map[string]int{}
	for i, n := range nested {
		var h header
		d := b.im.decoder(p.lines)
		d.Decode(n, &h, "")
		if err := d.Err(); err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		name := armid.Last(h.Name)
		if name == "" && h.ID != "" {
			name = armid.Last(h.ID)
		}
		if name == "" {
			b.errs = append(b.errs, p.lines.Errorf(n.Off, "a %s of %s %q has no name", seg, p.typ, p.name))
			continue
		}
		id := h.ID
		if id == "" {
			id = p.id + "/" + seg + "/" + name
		}
		origin := p.origin
		if h.ID != "" {
			origin = h.ID
		}
		c := &resource{typ: childType, id: id, key: armid.Key(id), name: p.name + "/" + name, node: n, lines: p.lines, origin: origin, seq: p.seq,
			path: fmt.Sprintf("%s[%d]", joinPath(p.path, list), i)}
		seen[c.key] = len(out)
		out = append(out, c)
	}
	for _, c := range b.kids[p.key] {
		if c.typ != childType {
			continue
		}
		if i, ok := seen[c.key]; ok {
			out[i] = c
			continue
		}
		out = append(out, c)
	}
	return out
}

// unknown reports a value of resource r that is known only at deployment
// (or that stands for a parameter nobody gave): what happens to what
// depends on it is said by outcome ("left out", "dropped"...).
func (b *builder) unknown(r *resource, field, s, outcome string) {
	b.im.notes.add(noteUnknown, "%s %s: %s %s: it depends on %s", kindOf(r.typ), r.name, field, outcome, b.describe(s))
}

// describe says why a value is not known.
func (b *builder) describe(s string) string {
	if v, ok := b.im.unk.Find(s); ok {
		return v.Describe()
	}
	if ph := placeholderIn(s); ph != "" {
		if pos, ok := b.im.placeholders[ph]; ok {
			return fmt.Sprintf("%s, which has no value (%s; give a parameters file, --parameter or --location)", ph, pos)
		}
		return ph + ", which has no value"
	}
	return s
}

// known is s unless it is not known offline (a marker of package unknown,
// or a placeholder of a parameter nobody gave): then "" and false, and a
// note says what is left out and why.
func (b *builder) known(r *resource, field, s string) (string, bool) {
	if v, ok := b.resolve(s); ok {
		return v, true
	}
	if unknown.Is(s) || (template.HasPlaceholder(s) && placeholderIn(s) != "") {
		b.unknown(r, field, s, "left out")
		return "", false
	}
	return s, true
}

// knownList keeps the known values of a list.
func (b *builder) knownList(r *resource, field string, list []string) []string {
	var out []string
	for _, s := range list {
		if v, ok := b.known(r, field, s); ok && v != "" {
			out = append(out, v)
		}
	}
	return out
}

// placeholderIn is the "{name}" placeholder in s, if any.
func placeholderIn(s string) string {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 2 {
		return ""
	}
	return s[i : i+j+1]
}

// kindOf names a resource type for notes: "subnet", "network interface".
func kindOf(typ string) string {
	if k, ok := kindNames[typ]; ok {
		return k
	}
	return typ
}

var kindNames = map[string]string{
	typeVNet: "vnet", typeSubnet: "subnet", typePeering: "peering", typeNSG: "network security group",
	typeRule: "security rule", typeASG: "application security group", typeRouteTable: "route table",
	typeRoute: "route", typeNIC: "network interface", typeVM: "virtual machine", typeVMSS: "VM scale set",
	typePublicIP: "public IP", typePublicIPPrefix: "public IP prefix", typeNatGateway: "NAT gateway",
	typeLoadBalancer: "load balancer", typeGateway: "virtual network gateway", typeLocalGateway: "local network gateway",
	typeConnection: "connection", typeFirewall: "Azure Firewall", typeFirewallPolicy: "firewall policy",
	typeRuleGroup: "rule collection group", typeIPGroup: "IP group", typePrivateEP: "private endpoint",
	typeDNSZoneGroup: "private DNS zone group", typeDNSZone: "private DNS zone", typeVNetLink: "virtual network link",
	typeStorage: "storage account", typeKeyVault: "key vault", typeRegistry: "container registry",
	typeAKS: "AKS cluster", typeAgentPool: "AKS agent pool", typeWorkspace: "Azure ML workspace",
	typeCompute: "Azure ML compute", typeBatchAccount: "Batch account", typeBatchPool: "Batch pool",
}

// lookup finds the resource an id refers to: by id, else (an id made up
// by a template, pointing at a deployed resource) by type and full name
// when exactly one resource has them.
func (b *builder) lookup(id, typ string) *resource {
	if id == "" || unknown.Is(id) {
		return nil
	}
	if r := b.im.byKey[armid.Key(id)]; r != nil && (typ == "" || r.typ == typ) {
		return r
	}
	p, ok := armid.Parse(id)
	if !ok || (typ != "" && !strings.EqualFold(p.Type, typ)) {
		return nil
	}
	var found *resource
	for _, r := range b.of(strings.ToLower(p.Type)) {
		if strings.EqualFold(r.name, p.Name) {
			if found != nil {
				return nil // ambiguous
			}
			found = r
		}
	}
	return found
}

// refName is the vnetsim name of what the resource an id refers to became,
// or "" with a note when it is not in the input: the association is
// dropped, and named.
func (b *builder) refName(from *resource, what, id, typ string) string {
	if id == "" {
		return ""
	}
	if unknown.Is(id) {
		b.unknown(from, what, id, "association dropped")
		return ""
	}
	if r := b.lookup(id, typ); r != nil {
		b.used[r.key] = true
		if n, ok := b.names[r.key]; ok {
			return n
		}
		b.im.notes.add(noteDropped, "%s %s: its %s %s was not imported; the association is dropped", kindOf(from.typ), from.name, kindOf(typ), r.name)
		return ""
	}
	b.im.notes.add(noteDropped, "%s %s: its %s %s is not in the input; the association is dropped (import that resource too to keep it)",
		kindOf(from.typ), from.name, kindOf(typ), idOrName(id))
	return ""
}

// idOrName shows an id in notes: its name and resource group.
func idOrName(id string) string {
	p, ok := armid.Parse(id)
	if !ok {
		return id
	}
	if p.ResourceGroup != "" && p.ResourceGroup != template.PlaceholderResourceGroup {
		return fmt.Sprintf("%s (resource group %s)", p.Name, p.ResourceGroup)
	}
	return p.Name
}

// name gives a resource the vnetsim name it will have, unique among
// objects of the same kind (ns): its ARM name, made usable in references
// (no "/", ":" or spaces); when two resources share a name, the later
// ones take their resource group's name as a prefix, then a number.
func (b *builder) name(ns map[string]bool, r *resource, want string) string {
	base := sanitize(cmp.Or(want, r.short()))
	n := base
	if ns[strings.ToLower(n)] {
		hint := ""
		if p, ok := armid.Parse(r.id); ok && p.ResourceGroup != "" && p.ResourceGroup != template.PlaceholderResourceGroup {
			n = sanitize(p.ResourceGroup) + "." + base
		} else if r.template {
			hint = " (if the template deploys to that one's resource group, give --subscription and --resource-group: it then replaces it)"
		}
		for i := 2; ns[strings.ToLower(n)]; i++ {
			n = fmt.Sprintf("%s.%d", base, i)
		}
		b.im.notes.add(noteAssumed, "%s %s is named %s: another %s already has the name %s%s", kindOf(r.typ), idOrName(r.id), n, kindOf(r.typ), base, hint)
	}
	ns[strings.ToLower(n)] = true
	b.names[r.key] = n
	return n
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == ':' || r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return '_'
		}
		return r
	}, s)
}

// from records where a model object came from.
func (b *builder) from(obj any, r *resource) {
	b.origin[obj] = r.origin
	if r.address != "" {
		b.address[obj] = r.address
	}
}

// empty reports whether the topology holds nothing that makes a network.
func (b *builder) empty() bool {
	t := b.t
	return len(t.VNets)+len(t.NetworkSecurityGroups)+len(t.RouteTables)+len(t.Gateways)+len(t.Appliances)+
		len(t.Endpoints)+len(t.NatGateways)+len(t.LoadBalancers)+len(t.PrivateDNSZones) == 0
}

// nothing is the error for inputs that make no network: what they held,
// and why none of it became an object.
func (b *builder) nothing() error {
	var why []string
	for _, n := range b.im.notes.list() {
		why = append(why, "  "+n)
	}
	if len(b.im.all) == 0 {
		return errors.New("nothing to import: the inputs hold no Azure resources")
	}
	return fmt.Errorf("nothing to import: the inputs hold %d %s, and none makes a network object on its own:\n%s",
		len(b.im.all), plural(len(b.im.all), "resource"), strings.Join(why, "\n"))
}

// sortObjects sorts objects by name.
func sortObjects[T any](list []*T, name func(*T) string) {
	slices.SortStableFunc(list, func(a, c *T) int { return strings.Compare(name(a), name(c)) })
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// keyIn is how an object spells key (matched case-insensitively), or "".
func keyIn(n *jsontree.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, k := range n.Keys {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	return ""
}
