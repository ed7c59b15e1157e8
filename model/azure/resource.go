package azure

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/template"
)

// resource is one ARM resource read from any input, in the REST or the
// flattened shape, ready to convert.
type resource struct {
	typ     string // lower case, e.g. microsoft.network/virtualnetworks/subnets
	id      string // as read, or made up from the type and name
	key     string // armid.Key(id)
	name    string // the full ARM name, e.g. "vnet/subnet"
	node    *jsontree.Node
	lines   *jsontree.Lines
	origin  string // where it came from, for the output's comments
	seq     int    // reading order
	path    string // where node is inside the resource it was written in ("" at the top)
	address string // the Terraform resource address, for a resource from a plan or state
	// template: read from an ARM template, whose addresses of dynamic IP
	// configurations Azure does not promise to give (addresses.go).
	template bool
}

// short is the resource's own name (the last segment of a child's name).
func (r *resource) short() string { return armid.Last(r.name) }

// add reads one resource node of a deployed input: its type comes from
// "type", or from its id when the type is missing or not an ARM type (REST
// API examples leave it out of subnets and peerings).
func (im *importer) addDeployed(n *jsontree.Node, lines *jsontree.Lines) error {
	var h header
	d := im.decoder(lines)
	d.Decode(n, &h, "")
	if err := d.Err(); err != nil {
		return err
	}
	parsed, hasID := armid.Parse(h.ID)
	typ := h.Type
	if !strings.Contains(typ, ".") || !strings.Contains(typ, "/") {
		if !hasID {
			return lines.Errorf(n.Off, "resource %q: type %q is not an ARM resource type, and it has no id to tell", h.Name, h.Type)
		}
		typ = parsed.Type
	}
	name := h.Name
	if hasID && strings.EqualFold(parsed.Type, typ) {
		// The id's names are the full name ("vnet/subnet"), where "name"
		// may hold the last segment only.
		name = parsed.Name
		if h.Name != "" && !strings.EqualFold(armid.Last(h.Name), armid.Last(parsed.Name)) {
			// A name that differs from the id's last segment: the id
			// identifies it, the name is what people call it.
			name = parsed.Name[:len(parsed.Name)-len(armid.Last(parsed.Name))] + armid.Last(h.Name)
		}
	}
	if name == "" {
		return lines.Errorf(n.Off, "%s resource has no name", typ)
	}
	id := h.ID
	if id == "" {
		id = armid.Build(im.subscription(), im.resourceGroup(), typ, name)
	}
	origin := h.ID
	if origin == "" {
		origin = lines.Pos(n.Off) + " " + typ + " " + name
	}
	im.add(&resource{typ: strings.ToLower(typ), id: id, name: name, node: n, lines: lines, origin: origin})
	return nil
}

// addTemplate reads one resource a template deploys.
func (im *importer) addTemplate(r template.Resource) {
	n := jsontree.FromValue(r.Value, r.Off)
	origin := fmt.Sprintf("%s %s %s", r.Lines.Pos(r.Off), r.Type, r.Name)
	im.add(&resource{typ: strings.ToLower(r.Type), id: r.ID, name: r.Name, node: n, lines: r.Lines, origin: origin, template: true})
}

// add keeps a resource; a later resource with the same id replaces an
// earlier one (the same VNet exported twice).
func (im *importer) add(r *resource) {
	r.key = armid.Key(r.id)
	if prev := im.byKey[r.key]; prev != nil && prev.lines == r.lines && prev.origin != r.origin {
		im.notes.add(noteDropped, "%s and %s are the same Azure resource (same type, name and resource group): Azure keeps one, and so does the import (the last)",
			prev.origin, r.origin)
	}
	r.seq = len(im.all)
	im.all = append(im.all, r)
	im.byKey[r.key] = r
}

func (im *importer) subscription() string {
	if im.opts.Subscription != "" {
		return im.opts.Subscription
	}
	return template.PlaceholderSubscription
}

func (im *importer) resourceGroup() string {
	if im.opts.ResourceGroup != "" {
		return im.opts.ResourceGroup
	}
	return template.PlaceholderResourceGroup
}

func placeholderSubscription() string { return template.PlaceholderSubscription }
