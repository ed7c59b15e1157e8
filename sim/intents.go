package sim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/servicetags"
)

// The standard intents (azure-semantics.md §7): each endpoint implies the
// rows of the requirements catalogue (model.Requirements) that apply to its
// kind and configuration. A topology owns the list (standardIntents
// enabled/exclude; a declared intent with a standard intent's full name
// replaces it).

// PlannedIntent is an intent vnetsim proves, or a standard one it leaves
// out and why.
type PlannedIntent struct {
	Intent      *model.Intent
	Requirement *model.Requirement // the catalogue row of a standard intent
	Skipped     string             // why a standard intent is left out; empty when it is proved
}

// Intents are the intents proved: the declared ones, then the standard ones
// not left out, in endpoint order. A standard intent whose places resolve
// to nothing is proved as not judged (its Unresolved says what to add).
func (n *Network) Intents() []*model.Intent {
	var out []*model.Intent
	for _, p := range n.Plan() {
		if p.Skipped == "" {
			out = append(out, p.Intent)
		}
	}
	return out
}

// SkippedIntents lists the standard intents left out, with why.
func (n *Network) SkippedIntents() []string {
	var out []string
	for _, p := range n.Plan() {
		if p.Skipped != "" {
			out = append(out, p.Intent.Name+": "+p.Skipped)
		}
	}
	return out
}

// Plan is every intent vnetsim considers: the declared ones, then for each
// endpoint each catalogue row of its kind.
func (n *Network) Plan() []PlannedIntent {
	var out []PlannedIntent
	for _, in := range n.Topo.Intents {
		out = append(out, PlannedIntent{Intent: in, Requirement: model.RequirementFor(baseName(in.Name))})
	}
	si := n.Topo.StandardIntents
	enabled := si == nil || si.Enabled == nil || *si.Enabled
	for _, ep := range n.Topo.Endpoints {
		for i := range model.Requirements {
			r := &model.Requirements[i]
			if !slices.Contains(r.Kinds, ep.Kind) {
				continue
			}
			in, why := n.standardIntent(r, ep)
			if in == nil {
				continue // the row does not apply to this endpoint at all
			}
			switch {
			case n.Topo.Intent(in.Name) != nil:
				continue // replaced by the declared intent of that name
			case !enabled:
				why = "standard intents are switched off (standardIntents.enabled: false)"
			case si != nil && (slices.Contains(si.Exclude, r.Intent) || slices.Contains(si.Exclude, in.Name)):
				why = "excluded by standardIntents.exclude"
			}
			out = append(out, PlannedIntent{Intent: in, Requirement: r, Skipped: why})
		}
	}
	return out
}

func baseName(name string) string {
	base, _, _ := strings.Cut(name, "/")
	return base
}

// standardIntent instantiates catalogue row r for endpoint ep: the intent,
// and why it is left out ("" when it is proved); nil when the row does not
// concern ep (a Batch-only row for Azure ML compute...).
func (n *Network) standardIntent(r *model.Requirement, ep *model.Endpoint) (*model.Intent, string) {
	region := n.endpointRegion(ep)
	public := ep.PublicIPAddress != ""
	why := ""
	switch r.Intent {
	case "aml-to-node":
		if !public {
			why = "the compute has no public IP, so nothing opens connections to it"
		}
	case "batch-to-node":
		if ep.NodeCommunication != model.Classic {
			return nil, ""
		}
		if !public {
			why = "the pool has no public IP"
		}
	case "compute-to-storage":
		if ep.Kind == model.BatchPool && ep.NodeCommunication != model.Classic {
			return nil, ""
		}
	case "compute-to-keyvault":
		if n.keyVaultFor() == "" {
			why = "the topology declares no KeyVault endpoint"
		}
	case "aml-to-ssh":
		if ep.AttachedTo == "" {
			return nil, ""
		}
		if !public {
			why = "the VM has no public IP"
		}
	case "aml-to-aks":
		if ep.Frontend == model.InternalFrontend {
			why = "the scoring frontend is Internal"
		}
	}
	ports := r.Ports
	if len(ports) == 1 && ports[0] == "{ports}" {
		ports = ep.Ports
		if len(ports) == 0 {
			ports = []string{"443"}
		}
	}
	in := &model.Intent{Name: r.Intent + "/" + ep.Name, Source: n.fill(r.Source, ep, region), Destination: n.fill(r.Destination, ep, region),
		Protocol: model.Tcp, DestinationPorts: ports, Expect: model.Reachable, Standard: true}
	if r.Fqdn != "" {
		in.Fqdn = strings.NewReplacer("{name}", strings.ToLower(ep.Name), "{region}", servicetags.NormalizeRegion(region)).Replace(r.Fqdn)
	}
	if why != "" {
		return in, why
	}
	for _, e := range []string{in.Source, in.Destination} {
		if tag, ok := n.missingTag(e); ok {
			if r.Optional {
				return in, fmt.Sprintf("the topology defines no prefixes for %q", tag)
			}
			in.Expect = ""
			in.Unresolved = fmt.Sprintf("the topology defines no prefixes for %q: add it to serviceTags (Azure publishes the file weekly: `az network list-service-tags --location %s`, or the download \"Azure IP Ranges and Service Tags – Public Cloud\")",
				tag, servicetags.NormalizeRegion(region))
		}
	}
	return in, ""
}

// missingTag reports the first item of an address expression that names a
// service tag the topology does not define.
func (n *Network) missingTag(expr string) (string, bool) {
	for _, item := range strings.Split(expr, ",") {
		item = strings.TrimSpace(item)
		if _, err := n.ResolvePlace(item); err != nil {
			return item, true
		}
	}
	return "", false
}

// fill replaces a catalogue row's placeholders for endpoint ep.
func (n *Network) fill(s string, ep *model.Endpoint, region string) string {
	nodes := ep.Name
	if ep.Kind == model.AksScoring {
		nodes = ep.Subnet // the scoring endpoint's own address is its frontend
	}
	r := strings.NewReplacer(
		"{nodes}", nodes,
		"{frontend}", ep.Name,
		"{subnet}", ep.Subnet,
		"{batch}", n.batchFor(ep, region),
		"{storage}", n.paasOrTag(model.StorageAccount, n.workspaceRef(func(w *model.Workspace) string { return w.StorageAccount }), "Storage", region),
		"{registry}", n.paasOrTag(model.ContainerRegistry, n.workspaceRef(func(w *model.Workspace) string { return w.ContainerRegistry }), "AzureContainerRegistry", region),
		"{keyvault}", n.keyVaultFor(),
		"{clients}", n.clients(),
	)
	s = r.Replace(s)
	for strings.Contains(s, ".{region}") {
		i := strings.Index(s, ".{region}")
		j := strings.LastIndexAny(s[:i], " ,") + 1
		s = s[:j] + n.regionalTag(s[j:i], region) + s[i+len(".{region}"):]
	}
	return s
}

// batchFor is where a pool's nodes reach Batch: the nodeManagement name of
// its Batch account when it has such a private endpoint (azure-semantics.md
// §14),
// else BatchNodeManagement in the region. An Azure ML compute's Batch
// account is Microsoft's.
func (n *Network) batchFor(ep *model.Endpoint, region string) string {
	if ep.Kind == model.BatchPool {
		acct := ep.BatchAccount
		if acct == "" {
			if all := n.endpointsOf(model.BatchAccount); len(all) == 1 {
				acct = all[0]
			}
		}
		if a := n.Topo.Endpoint(acct); a != nil {
			for _, pe := range a.PrivateEndpoints {
				if strings.EqualFold(pe.GroupOf(model.BatchAccount), "nodeManagement") {
					return n.Topo.GroupFqdn(a, "nodeManagement") // the name nodes use (§14)
				}
			}
		}
	}
	return n.regionalTag("BatchNodeManagement", region)
}

func (n *Network) keyVaultFor() string {
	return n.paasOrTag(model.KeyVault, n.workspaceRef(func(w *model.Workspace) string { return w.KeyVault }), "", "")
}

func (n *Network) clients() string {
	if all := n.endpointsOf(model.External); len(all) > 0 {
		return strings.Join(all, ", ")
	}
	return tagInternet
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
// skipped or not judged, saying which tag it needs).
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

// paasOrTag is the destination of a compute-to-PaaS intent: the
// workspace's own endpoint, else every endpoint of the kind, else the
// service's regional tag (if any).
func (n *Network) paasOrTag(kind model.EndpointKind, own, tagBase, region string) string {
	if own != "" && n.Topo.Endpoint(own) != nil {
		return own
	}
	if all := n.endpointsOf(kind); len(all) > 0 {
		return strings.Join(all, ", ")
	}
	if tagBase == "" {
		return ""
	}
	return n.regionalTag(tagBase, region)
}

// endpointsOf lists the endpoints of a kind.
func (n *Network) endpointsOf(kind model.EndpointKind) []string {
	var names []string
	for _, ep := range n.Topo.Endpoints {
		if ep.Kind == kind {
			names = append(names, ep.Name)
		}
	}
	return names
}

// CheckIntent proves one intent. An intent that names no packet (a
// standard intent whose service tag is not defined, a destination with no
// address) is not judged: its result has no verdict and a note.
func (n *Network) CheckIntent(in *model.Intent) (*Result, error) {
	q, note, err := n.intentQueryOrNote(in)
	if note != nil || err != nil {
		return note, err
	}
	return n.Prove(q)
}

// intentQueryOrNote resolves an intent into its query, or, when it names no
// packet, into the not-judged result that says what is missing.
func (n *Network) intentQueryOrNote(in *model.Intent) (Query, *Result, error) {
	if in.Unresolved != "" {
		return Query{}, &Result{Note: in.Unresolved}, nil
	}
	q, err := n.intentQuery(in)
	if err != nil {
		return q, nil, err
	}
	if set, err := q.Packets(); err == nil && set.IsEmpty() {
		return q, &Result{Note: "the intent names no packets: its source or destination resolves to no address"}, nil
	}
	return q, nil, nil
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
	if in.Fqdn != "" {
		dst.Names = []FlowName{{Name: in.Fqdn, Addrs: dst.Addrs}}
	}
	proto := in.Protocol
	if proto == "" {
		proto = model.Tcp
	}
	return Query{Source: src, Destination: dst, Protocol: proto, SourcePorts: in.SourcePorts, DestinationPorts: in.DestinationPorts}, nil
}
