package model

import "strings"

// checkWorkspace checks the workspace's references and the lints that
// involve it: where its compute lives, and whether inference can reach its
// storage.
func (c *checker) checkWorkspace() {
	w := c.t.Workspace
	if w == nil {
		return
	}
	storage := c.workspaceRef(w, "storageAccount", w.StorageAccount, StorageAccount)
	c.workspaceRef(w, "keyVault", w.KeyVault, KeyVault)
	c.workspaceRef(w, "containerRegistry", w.ContainerRegistry, ContainerRegistry)
	c.checkComputeVNets(w)
	if storage != nil {
		c.checkInferenceStorage(storage)
	}
}

// workspaceRef checks that a workspace field names an endpoint of kind.
func (c *checker) workspaceRef(w *Workspace, key, name string, kind EndpointKind) *Endpoint {
	e := ref(c, &w.Meta, key, name, "endpoint", &c.endpoints)
	if e == nil {
		return nil
	}
	if e.Kind != kind {
		if e.Kind != "" { // a missing kind is reported on the endpoint
			c.report(Error, &w.Meta, key, []Pos{e.At("kind")}, "wrong_kind", "endpoint %q is a %s, not a %s", name, e.Kind, kind)
		}
		return nil
	}
	return e
}

// isWorkspaceCompute: the kinds whose nodes the workspace runs (training
// and inference).
func isWorkspaceCompute(k EndpointKind) bool { return k.HasNodes() || k == AksScoring }

// checkComputeVNets warns about VNets that hold workspace compute in
// another location or subscription than the workspace: the seeds require
// the VNet in the workspace's region and subscription.
func (c *checker) checkComputeVNets(w *Workspace) {
	compute := map[*VNet]*Endpoint{} // the first compute endpoint in each VNet
	for _, e := range c.t.Endpoints {
		if s := c.subnets.get(e.Subnet); s != nil && isWorkspaceCompute(e.Kind) && compute[s.VNet] == nil {
			compute[s.VNet] = e
		}
	}
	for _, v := range c.t.VNets {
		e := compute[v]
		if e == nil {
			continue
		}
		wl, vl := c.location(w.Location), c.location(v.Location)
		if wl != "" && vl != "" && wl != vl {
			c.report(Warning, &v.Meta, "location", []Pos{w.At("location")}, "workspace_location",
				"vnet %q holds compute %q in %q, but the workspace is in %q", v.Name, e.Name, orDefault(v.Location, c.t.Location), orDefault(w.Location, c.t.Location))
		}
		if w.Subscription != "" && v.Subscription != "" && !strings.EqualFold(w.Subscription, v.Subscription) {
			c.report(Warning, &v.Meta, "subscription", []Pos{w.At("subscription")}, "workspace_subscription",
				"vnet %q holds compute %q in subscription %q, but the workspace is in %q", v.Name, e.Name, v.Subscription, w.Subscription)
		}
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkInferenceStorage: the seeds require unrestricted access to the
// storage accounts used for inference, so a workspace storage account
// that denies by default breaks AKS scoring.
func (c *checker) checkInferenceStorage(storage *Endpoint) {
	fw := storage.Firewall
	if fw == nil || fw.DefaultAction != Deny {
		return
	}
	for _, e := range c.t.Endpoints {
		if e.Kind == AksScoring {
			c.report(Warning, &fw.Meta, "defaultAction", []Pos{e.Pos}, "storage_denies_inference",
				"workspace storage account %q denies by default, but inference (AksScoring endpoint %q) needs unrestricted access to it",
				storage.Name, e.Name)
			return
		}
	}
}
