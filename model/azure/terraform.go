package azure

import (
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/jsontree"
	"github.com/vnetsim/vnetsim/model/azure/terraform"
)

// readTerraform adds what a Terraform state deploys, or what a plan will
// have deployed (its planned values).
func (im *importer) readTerraform(s *sniffed) error {
	opts := terraform.Options{Subscription: im.opts.Subscription, ResourceGroup: im.opts.ResourceGroup, Unknowns: im.unk}
	var res *terraform.Result
	var err error
	if s.kind == tfPlan {
		res, _, err = terraform.Plan(s.in.Data, s.in.Name, opts)
	} else {
		res, err = terraform.State(s.in.Data, s.in.Name, opts)
	}
	if err != nil {
		return err
	}
	im.addTerraform(res, s.lines)
	return nil
}

// addTerraform keeps the ARM resources of Terraform resources; their
// origin is the resource address (and the id, once Azure has made it).
func (im *importer) addTerraform(res *terraform.Result, lines *jsontree.Lines) {
	for _, r := range res.Resources {
		origin := r.Address
		if !strings.HasPrefix(r.ID, "/subscriptions/"+placeholderSubscription()) {
			origin += " " + r.ID
		}
		im.add(&resource{typ: strings.ToLower(r.Type), id: r.ID, name: r.Name, node: jsontree.FromValue(r.Value, 0), lines: lines, origin: origin, address: r.Address})
	}
	for _, n := range res.Notes {
		im.notes.add(noteDropped, "%s", n)
	}
}
