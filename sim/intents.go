package sim

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/servicetags"
)

// Intents are the declared intents followed by the standard ones implied by
// the endpoints (azure-semantics.md §7), minus standard ones whose name a
// declared intent takes. Standard intents are named "<intent>/<endpoint>".
func (n *Network) Intents() []*model.Intent {
	out := append([]*model.Intent(nil), n.Topo.Intents...)
	for _, in := range n.StandardIntents() {
		if n.Topo.Intent(in.Name) == nil {
			out = append(out, in)
		}
	}
	return out
}

// StandardIntents derives the Azure ML network requirements from the
// endpoints, in endpoint order. An intent whose source or destination
// the topology cannot resolve (a service tag it does not define) is left
// out and listed by SkippedIntents.
func (n *Network) StandardIntents() []*model.Intent {
	out, _ := n.standardIntents()
	return out
}

// SkippedIntents lists the standard intents left out, with why.
func (n *Network) SkippedIntents() []string {
	_, skipped := n.standardIntents()
	return skipped
}

func (n *Network) standardIntents() (out []*model.Intent, skipped []string) {
	add := func(name string, ep *model.Endpoint, src, dst string, ports ...string) {
		if src == "" || dst == "" {
			return // not applicable (e.g. no key vault declared)
		}
		name += "/" + ep.Name
		for _, e := range []string{src, dst} {
			if _, err := n.ResolvePlace(e); err != nil {
				skipped = append(skipped, fmt.Sprintf("%s: the topology defines no prefixes for %q (add the service tag to serviceTags to prove it)", name, e))
				return
			}
		}
		out = append(out, &model.Intent{Name: name, Source: src, Destination: dst,
			Protocol: model.Tcp, DestinationPorts: ports, Expect: model.Reachable, Standard: true})
	}
	for _, ep := range n.Topo.Endpoints {
		region := n.endpointRegion(ep)
		batch := n.regionalTag("BatchNodeManagement", region)
		public := ep.PublicIPAddress != ""
		switch ep.Kind {
		case model.AmlCompute, model.BatchPool, model.ComputeInstance:
			if ep.Kind != model.ComputeInstance {
				if ep.NodeCommunication != model.Simplified && public {
					add("batch-to-node", ep, batch, ep.Name, "29876-29877")
				}
			}
			if ep.Kind != model.BatchPool && public {
				add("aml-to-node", ep, "AzureMachineLearning", ep.Name, "44224")
			}
			if ep.Kind != model.ComputeInstance {
				add("node-to-batch", ep, ep.Name, batch, "443")
			}
			add("compute-to-storage", ep, ep.Name, n.storageFor(region), "443")
			if ep.Kind != model.BatchPool {
				add("compute-to-registry", ep, ep.Name, n.paasOrTag(model.ContainerRegistry, n.workspaceRef(func(w *model.Workspace) string { return w.ContainerRegistry }), "AzureContainerRegistry", region), "443")
				add("compute-to-aml", ep, ep.Name, "AzureMachineLearning", "443")
				add("compute-to-keyvault", ep, ep.Name, n.paasOrTag(model.KeyVault, n.workspaceRef(func(w *model.Workspace) string { return w.KeyVault }), "", region), "443")
			}
		case model.VirtualMachine:
			add("aml-to-ssh", ep, "AzureMachineLearning", ep.Name, "22")
		case model.AksScoring:
			if ep.Frontend != model.InternalFrontend {
				add("aml-to-aks", ep, "AzureMachineLearning", ep.Name, "443")
			}
			clients := n.endpointsOf(model.External)
			if clients == "" {
				clients = tagInternet
			}
			ports := ep.Ports
			if len(ports) == 0 {
				ports = []string{"443"}
			}
			add("client-to-scoring", ep, clients, ep.Name, ports...)
			add("aks-to-registry", ep, ep.Subnet, n.paasOrTag(model.ContainerRegistry, n.workspaceRef(func(w *model.Workspace) string { return w.ContainerRegistry }), "AzureContainerRegistry", region), "443")
		}
	}
	return out, skipped
}

func (n *Network) endpointRegion(ep *model.Endpoint) string {
	if ep.Location != "" {
		return ep.Location
	}
	if s := n.bySubnet[ep.Subnet]; s != nil && s.vnet.m.Location != "" {
		return s.vnet.m.Location
	}
	return n.Topo.Location
}

// regionalTag names base's tag in region as the tag source spells it,
// or in the usual spelling when no source defines it (the intent is then
// skipped, saying which tag it needs).
func (n *Network) regionalTag(base, region string) string {
	if tag, ok := n.Topo.Tags.Regional(base, region); ok {
		return tag.Name
	}
	return base + "." + servicetags.NormalizeRegion(region)
}

func (n *Network) workspaceRef(f func(*model.Workspace) string) string {
	if n.Topo.Workspace == nil {
		return ""
	}
	return f(n.Topo.Workspace)
}

func (n *Network) storageFor(region string) string {
	return n.paasOrTag(model.StorageAccount, n.workspaceRef(func(w *model.Workspace) string { return w.StorageAccount }), "Storage", region)
}

// paasOrTag is the destination of a compute-to-PaaS intent: the
// workspace's own endpoint, else every endpoint of the kind, else the
// service's regional tag (if any).
func (n *Network) paasOrTag(kind model.EndpointKind, own, tagBase, region string) string {
	if own != "" && n.Topo.Endpoint(own) != nil {
		return own
	}
	if all := n.endpointsOf(kind); all != "" {
		return all
	}
	if tagBase == "" {
		return ""
	}
	return n.regionalTag(tagBase, region)
}

// endpointsOf lists the endpoints of a kind as one expression ("a, b").
func (n *Network) endpointsOf(kind model.EndpointKind) string {
	var names []string
	for _, ep := range n.Topo.Endpoints {
		if ep.Kind == kind {
			names = append(names, ep.Name)
		}
	}
	return strings.Join(names, ", ")
}

// CheckIntent proves one intent.
func (n *Network) CheckIntent(in *model.Intent) (*Result, error) {
	q, err := n.intentQuery(in)
	if err != nil {
		return nil, err
	}
	return n.Prove(q)
}

// intentQuery resolves an intent into the packets it names.
func (n *Network) intentQuery(in *model.Intent) (Query, error) {
	src, err := n.ResolvePlace(in.Source)
	if err != nil {
		return Query{}, fmt.Errorf("intent %s: source: %w", in.Name, err)
	}
	dst, err := n.ResolvePlace(in.Destination)
	if err != nil {
		return Query{}, fmt.Errorf("intent %s: destination: %w", in.Name, err)
	}
	proto := in.Protocol
	if proto == "" {
		proto = model.Tcp
	}
	return Query{Source: src, Destination: dst, Protocol: proto, SourcePorts: in.SourcePorts, DestinationPorts: in.DestinationPorts}, nil
}
