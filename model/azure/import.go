package azure

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// Options are the settings of an import.
type Options struct {
	Name string // the topology's name; "imported" when empty
}

// Result is an imported topology and what the import has to say about it.
type Result struct {
	topology *model.Topology
	// Notes are things the user should know: resources skipped, references
	// to resources that were not in the input, what must be added by hand.
	Notes []string
}

// ARM resource types the importer reads, lower case.
const (
	typeVNet       = "microsoft.network/virtualnetworks"
	typeSubnet     = "microsoft.network/virtualnetworks/subnets"
	typeNSG        = "microsoft.network/networksecuritygroups"
	typeRouteTable = "microsoft.network/routetables"
	typeGateway    = "microsoft.network/virtualnetworkgateways"
)

// Import converts the resources of every input into one topology. Objects of
// the same type and name in several inputs are one object, the last read
// winning, unless their ids differ; a subnet given as its own resource
// replaces the one of that name in its VNet's list. Errors name the file and, for bad JSON,
// the line and column; all are returned at once, joined.
func Import(inputs []Input, opts Options) (*Result, error) {
	im := newImporter()
	var errs []error
	for _, in := range inputs {
		raws, err := in.resources()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range raws {
			if err := im.add(r); err != nil {
				errs = append(errs, err)
			}
		}
	}
	errs = append(errs, im.mergeSubnets()...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	name := cmp.Or(opts.Name, "imported")
	return &Result{topology: im.topology(name), Notes: im.notes()}, nil
}

// importer collects converted objects by lower-case name, and where each
// came from.
type importer struct {
	vnets       objects[*model.VNet]
	nsgs        objects[*model.NetworkSecurityGroup]
	routeTables objects[*model.RouteTable]
	gateways    objects[*model.Gateway]
	subnets     []pendingSubnet
	locations   map[string]int
	skipped     map[string]*skip // by lower-case type
}

type pendingSubnet struct {
	vnet string
	sub  *model.Subnet
	at   rawResource
}

type skip struct {
	spelling string // as first met
	count    int
}

func newImporter() *importer {
	return &importer{
		vnets: objects[*model.VNet]{kind: "vnet"}, nsgs: objects[*model.NetworkSecurityGroup]{kind: "network security group"},
		routeTables: objects[*model.RouteTable]{kind: "route table"}, gateways: objects[*model.Gateway]{kind: "gateway"},
		locations: map[string]int{}, skipped: map[string]*skip{},
	}
}

// add converts one resource.
func (im *importer) add(r rawResource) error {
	var h header
	if err := r.decode(&h); err != nil {
		return err
	}
	if h.Location != "" {
		im.locations[strings.ToLower(h.Location)]++
	}
	t := strings.ToLower(h.Type)
	if h.Name == "" && slices.Contains([]string{typeVNet, typeSubnet, typeNSG, typeRouteTable, typeGateway}, t) {
		return r.errorf("%s resource has no name", h.Type)
	}
	var err error
	switch t {
	case typeVNet:
		err = decodeInto(r, h.ID, convertVNet, &im.vnets)
	case typeNSG:
		err = decodeInto(r, h.ID, convertNSG, &im.nsgs)
	case typeRouteTable:
		err = decodeInto(r, h.ID, convertRouteTable, &im.routeTables)
	case typeGateway:
		err = decodeInto(r, h.ID, convertGateway, &im.gateways)
	case typeSubnet:
		var s subnetJSON
		if err = r.decode(&s); err == nil {
			im.subnets = append(im.subnets, pendingSubnet{vnet: parentVNet(s.ID, s.Name), sub: convertSubnet(s), at: r})
		}
	default:
		if im.skipped[t] == nil {
			im.skipped[t] = &skip{spelling: h.Type}
		}
		im.skipped[t].count++
	}
	return err
}

// decodeInto decodes a resource as J, converts it and keeps the result.
func decodeInto[J any, T named](r rawResource, id string, convert func(*J) (T, error), into *objects[T]) error {
	var j J
	if err := r.decode(&j); err != nil {
		return err
	}
	obj, err := convert(&j)
	if err != nil {
		return r.errorf("%v", err)
	}
	return into.put(obj, id, r)
}

// mergeSubnets puts the subnets given as separate resources into their
// VNets, replacing a subnet of the same name.
func (im *importer) mergeSubnets() []error {
	var errs []error
	for _, p := range im.subnets {
		v := im.vnets.get(p.vnet)
		if v == nil {
			errs = append(errs, p.at.errorf("subnet %q: its vnet %q is not in the input", p.sub.Name, p.vnet))
			continue
		}
		i := slices.IndexFunc(v.Subnets, func(s *model.Subnet) bool { return strings.EqualFold(s.Name, p.sub.Name) })
		if i < 0 {
			v.Subnets = append(v.Subnets, p.sub)
		} else {
			v.Subnets[i] = p.sub
		}
		slices.SortFunc(v.Subnets, byName)
	}
	return errs
}

// topology assembles the output, each list sorted by name.
func (im *importer) topology(name string) *model.Topology {
	t := &model.Topology{Version: 1, Name: name, Location: im.mostCommonLocation(),
		VNets: im.vnets.sorted(), NetworkSecurityGroups: im.nsgs.sorted(),
		RouteTables: im.routeTables.sorted(), Gateways: im.gateways.sorted()}
	for _, v := range t.VNets {
		if strings.EqualFold(v.Location, t.Location) {
			v.Location = "" // the topology's location is the default
		}
	}
	return t
}

// mostCommonLocation breaks ties by name, so that output is deterministic.
func (im *importer) mostCommonLocation() string {
	best := ""
	for _, loc := range slices.Sorted(maps.Keys(im.locations)) {
		if im.locations[loc] > im.locations[best] {
			best = loc
		}
	}
	return best
}

func (im *importer) notes() []string {
	var notes []string
	if len(im.skipped) > 0 {
		n, kinds := 0, []string{}
		for _, t := range slices.Sorted(maps.Keys(im.skipped)) {
			s := im.skipped[t]
			n += s.count
			kinds = append(kinds, fmt.Sprintf("%s (%d)", s.spelling, s.count))
		}
		notes = append(notes, fmt.Sprintf("skipped %d %s of %s %s", n, plural(n, "resource"), plural(len(kinds), "type"), strings.Join(kinds, ", ")))
	}
	return append(notes, im.danglingNotes()...)
}

func plural(n int, word string) string { return word + pick(n, "", "s") }

// pick is one when n is 1, else many.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
