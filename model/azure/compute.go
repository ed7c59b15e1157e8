package azure

import (
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/armid"
)

// nicOwner is the VM a NIC belongs to, and whether it is the VM's primary
// NIC.
type nicOwner struct {
	vm      *resource
	primary bool
	count   int // NICs of that VM
}

// compute builds endpoints and appliances from NICs (named after their
// VMs), VM scale sets, AKS clusters, Azure ML computes and Batch pools.
func (b *builder) compute() {
	owners := b.nicOwners()
	for _, r := range b.of(typeNIC) {
		b.nic(r, owners[r.key])
	}
	for _, r := range b.of(typeVM) {
		if !b.used[r.key] {
			b.im.notes.add(noteDropped, "virtual machine %s is left out: none of its network interfaces is in the input", r.name)
		}
	}
	for _, r := range b.of(typeVMSS) {
		b.scaleSet(r)
	}
	for _, r := range b.of(typeAKS) {
		b.aks(r)
	}
	b.workspaces()
	b.batch()
}

// nicOwners maps NICs to their VMs, from either side (a VM lists its NICs;
// a deployed NIC names its VM).
func (b *builder) nicOwners() map[string]nicOwner {
	out := map[string]nicOwner{}
	for _, r := range b.of(typeVM) {
		j, ok := decode[vmJSON](b, r, r.node)
		if !ok || j.NetworkProfile == nil {
			continue
		}
		nics := j.NetworkProfile.NetworkInterfaces
		for i, n := range nics {
			if nr := b.lookup(n.ID, typeNIC); nr != nil {
				primary := (n.Primary != nil && *n.Primary) || (n.Primary == nil && i == 0)
				out[nr.key] = nicOwner{vm: r, primary: primary, count: len(nics)}
			}
		}
	}
	for _, r := range b.of(typeNIC) {
		if _, ok := out[r.key]; ok {
			continue
		}
		if j, ok := decode[nicJSON](b, r, r.node); ok && j.VirtualMachine != nil {
			if vm := b.lookup(j.VirtualMachine.ID, typeVM); vm != nil {
				out[r.key] = nicOwner{vm: vm, primary: true, count: 1}
			}
		}
	}
	return out
}

// nic makes an endpoint (kind VirtualMachine) of a NIC, or an appliance
// when it forwards IP traffic. A private endpoint's NIC belongs to the
// private endpoint.
func (b *builder) nic(r *resource, owner nicOwner) {
	j, ok := decode[nicJSON](b, r, r.node)
	if !ok || j.PrivateEndpoint != nil || j.PrivateLinkService != nil || b.peNICs[r.key] {
		return // a private endpoint's or private link service's NIC
	}
	if len(j.IPConfigurations) == 0 {
		b.im.notes.add(noteDropped, "network interface %s is left out: it has no IP configuration", r.name)
		return
	}
	pi := slices.IndexFunc(j.IPConfigurations, func(c ipConfigJSON) bool { return c.Primary != nil && *c.Primary })
	if pi < 0 {
		pi = 0
	}
	primary := j.IPConfigurations[pi]
	sub := b.subnetFor(idOf(primary.Subnet))
	if sub == nil {
		b.im.notes.add(noteDropped, "network interface %s is left out: its subnet %s is not in the input (import its vnet too)", r.name, idOrName(idOf(primary.Subnet)))
		return
	}
	want := r.short()
	if owner.vm != nil {
		b.used[owner.vm.key] = true
		want = owner.vm.short()
		if !owner.primary && owner.count > 1 {
			want = owner.vm.short() + "-" + r.short()
		}
	}
	var addrs []string
	assumed := false
	for i, c := range j.IPConfigurations {
		a := b.addrs[configKey(r.key, i)]
		switch s := b.subnetFor(idOf(c.Subnet)); {
		case a == "":
		case s == sub:
			addrs = append(addrs, a)
			if b.assumed[configKey(r.key, i)] {
				assumed = true
			}
		default:
			b.im.notes.add(noteAssumed, "network interface %s has IP configurations in several subnets: vnetsim models it in %s, its primary configuration's subnet", r.name, sub.ref())
		}
	}
	if j.EnableIPForwarding {
		b.nva(r, want, sub, addrs, assumed)
		return
	}
	e := &model.Endpoint{Name: b.name(b.endpointNS, r, want), Kind: model.VirtualMachine, Subnet: sub.ref(), IPAddresses: addrs,
		NetworkSecurityGroup: b.refName(r, "networkSecurityGroup", idOf(j.NetworkSecurityGroup), typeNSG)}
	if owner.vm != nil && (owner.primary || owner.count == 1) {
		b.names[owner.vm.key] = e.Name
	}
	for _, c := range j.IPConfigurations {
		for _, a := range b.asgNames(r, c.ApplicationSecurityGroups) {
			if !slices.Contains(e.ApplicationSecurityGroups, a) {
				e.ApplicationSecurityGroups = append(e.ApplicationSecurityGroups, a)
			}
		}
		if e.PublicIPAddress == "" && c.PublicIPAddress != nil {
			e.PublicIPAddress = b.publicOf(r, c.PublicIPAddress.ID)
			e.PublicIPSku = model.PublicIPSku(b.skuOf(c.PublicIPAddress.ID))
			if e.PublicIPAddress == "" {
				e.PublicIPSku = ""
			}
		}
	}
	if len(addrs) == 0 {
		e.NodeCount = 1
	}
	if assumed {
		b.assumedObj[e] = "ipAddresses"
	}
	b.from(e, r)
	b.placed[r.key] = e
	b.t.Endpoints = append(b.t.Endpoints, e)
}

// nva makes an appliance of a NIC with IP forwarding: what the appliance
// itself allows is not in ARM, so the import writes Allow and asks.
func (b *builder) nva(r *resource, want string, sub *subnetRec, addrs []string, assumed bool) {
	if len(addrs) == 0 {
		b.im.notes.add(noteDropped, "network interface %s forwards IP traffic but has no known address: left out", r.name)
		return
	}
	a := &model.Appliance{Name: b.name(b.applianceNS, r, want), Subnet: sub.ref(), PrivateIPAddress: addrs[0],
		EnableIPForwarding: true, DefaultAction: model.Allow}
	b.im.notes.ask("appliance %s: ARM says only that its NIC forwards IP traffic; what the appliance itself allows and whether it translates sources are not in ARM (defaultAction Allow is written: add its rules and snat)", a.Name)
	b.names[r.key] = a.Name
	if assumed {
		b.assumedObj[a] = "privateIpAddress"
	}
	b.from(a, r)
	b.t.Appliances = append(b.t.Appliances, a)
}

// scaleSet makes an endpoint of a VM scale set's primary NIC configuration,
// with its capacity as the node count. AKS's own node pools are read with
// their cluster.
func (b *builder) scaleSet(r *resource) {
	j, ok := decode[vmssJSON](b, r, r.node)
	if !ok {
		return
	}
	for k := range j.Tags {
		if strings.HasPrefix(strings.ToLower(k), "aks-managed-") {
			b.im.notes.add(noteAssumed, "VM scale set %s is an AKS node pool: its nodes are imported with their AKS cluster", r.name)
			return
		}
	}
	if j.VirtualMachineProfile == nil || j.VirtualMachineProfile.NetworkProfile == nil || len(j.VirtualMachineProfile.NetworkProfile.NetworkInterfaceConfigurations) == 0 {
		b.im.notes.add(noteDropped, "VM scale set %s is left out: it has no network profile", r.name)
		return
	}
	cfgs := j.VirtualMachineProfile.NetworkProfile.NetworkInterfaceConfigurations
	pi := max(0, slices.IndexFunc(cfgs, func(c vmssNicConfig) bool { return c.Primary != nil && *c.Primary }))
	cfg := cfgs[pi]
	if len(cfg.IPConfigurations) == 0 {
		b.im.notes.add(noteDropped, "VM scale set %s is left out: its NIC configuration has no IP configuration", r.name)
		return
	}
	ipc := cfg.IPConfigurations[0]
	sub := b.subnetFor(idOf(ipc.Subnet))
	if sub == nil {
		b.im.notes.add(noteDropped, "VM scale set %s is left out: its subnet %s is not in the input", r.name, idOrName(idOf(ipc.Subnet)))
		return
	}
	e := &model.Endpoint{Name: b.name(b.endpointNS, r, ""), Kind: model.VirtualMachine, Subnet: sub.ref(), NodeCount: 1,
		NetworkSecurityGroup:      b.refName(r, "networkSecurityGroup", idOf(cfg.NetworkSecurityGroup), typeNSG),
		ApplicationSecurityGroups: b.asgNames(r, ipc.ApplicationSecurityGroups)}
	if j.Sku != nil && j.Sku.Capacity > 0 {
		e.NodeCount = j.Sku.Capacity
	}
	if ipc.PublicIPAddressConfig != nil {
		b.im.notes.add(noteDropped, "VM scale set %s: its instances' public IP addresses are assigned per instance at deployment and are left out", r.name)
	}
	if cfg.EnableIPForwarding {
		b.im.notes.add(noteAssumed, "VM scale set %s forwards IP traffic: vnetsim models it as virtual machines, not as an appliance (write an appliance for the instance routes point at)", r.name)
	}
	b.from(e, r)
	b.t.Endpoints = append(b.t.Endpoints, e)
}

// aks makes an AksCluster endpoint per subnet that its node pools use.
func (b *builder) aks(r *resource) {
	j, ok := decode[aksJSON](b, r, r.node)
	if !ok {
		return
	}
	pools := slices.Clone(j.AgentPoolProfiles)
	for _, c := range b.children(r, typeAgentPool, nil) {
		if p, ok := decode[agentPoolJSON](b, c, c.node); ok {
			p.Name = c.short()
			i := slices.IndexFunc(pools, func(q agentPoolJSON) bool { return strings.EqualFold(q.Name, p.Name) })
			if i >= 0 {
				pools[i] = *p
			} else {
				pools = append(pools, *p)
			}
		}
	}
	type group struct {
		sub   *subnetRec
		nodes int
		names []string
	}
	var groups []*group
	for _, p := range pools {
		if p.VnetSubnetID == "" {
			b.im.notes.add(noteDropped, "AKS cluster %s: node pool %s is in a VNet that AKS creates and manages (no vnetSubnetID): its nodes are left out", r.name, p.Name)
			continue
		}
		sub := b.subnetFor(p.VnetSubnetID)
		if sub == nil {
			b.im.notes.add(noteDropped, "AKS cluster %s: node pool %s is in subnet %s, which is not in the input: its nodes are left out", r.name, p.Name, idOrName(p.VnetSubnetID))
			continue
		}
		nodes := max(p.Count, p.MaxCount, 1)
		i := slices.IndexFunc(groups, func(g *group) bool { return g.sub == sub })
		if i < 0 {
			groups = append(groups, &group{sub: sub})
			i = len(groups) - 1
		}
		groups[i].nodes += nodes
		groups[i].names = append(groups[i].names, p.Name)
		if p.EnableNodePublicIP {
			b.im.notes.add(noteDropped, "AKS cluster %s: node pool %s gives its nodes public IPs that Azure assigns per node; they are left out", r.name, p.Name)
		}
	}
	for i, g := range groups {
		want := r.short()
		if i > 0 {
			want = r.short() + "-" + strings.Join(g.names, "-")
		}
		e := &model.Endpoint{Name: b.name(b.endpointNS, r, want), Kind: model.AksCluster, Subnet: g.sub.ref(), NodeCount: g.nodes}
		if np := j.NetworkProfile; np != nil && np.OutboundType != "" {
			e.OutboundType = outboundType(np.OutboundType)
		}
		b.from(e, r)
		b.t.Endpoints = append(b.t.Endpoints, e)
	}
}

// outboundType spells an AKS outbound type as the model does.
func outboundType(s string) model.OutboundType {
	for _, t := range []model.OutboundType{model.OutboundLoadBalancer, model.OutboundManagedNATGateway,
		model.OutboundUserAssignedNATGateway, model.OutboundUserDefinedRouting, model.OutboundNone} {
		if strings.EqualFold(string(t), s) {
			return t
		}
	}
	return model.OutboundType(s)
}

// workspaces reads the Azure ML workspace (one per topology) and its
// computes.
func (b *builder) workspaces() {
	ws := b.of(typeWorkspace)
	for i, r := range ws {
		j, ok := decode[workspaceJSON](b, r, r.node)
		if !ok {
			continue
		}
		if mn := j.ManagedNetwork; mn != nil && mn.IsolationMode != "" && !strings.EqualFold(mn.IsolationMode, "Disabled") {
			b.notModelled(r, "Microsoft.MachineLearningServices/workspaces/managedNetwork",
				"the Azure ML managed virtual network of workspace "+r.name+" (isolation "+mn.IsolationMode+"): its computes and outbound rules are not simulated")
		}
		if i == 0 {
			b.t.Workspace = &model.Workspace{Name: sanitize(r.short())}
			b.names[r.key] = b.t.Workspace.Name
			h, _ := decode[header](b, r, r.node)
			if h != nil {
				b.t.Workspace.Location = b.locate(r, h.Location)
			}
			if p, ok := armid.Parse(r.id); ok && p.Subscription != "" && !strings.HasPrefix(p.Subscription, "0000") {
				b.t.Workspace.Subscription = p.Subscription
			}
			b.from(b.t.Workspace, r)
		} else {
			b.im.notes.add(noteDropped, "Azure ML workspace %s is left out: a topology holds one workspace (%s); import it separately", r.name, ws[0].name)
		}
	}
	for _, r := range b.of(typeCompute) {
		b.amlCompute(r)
	}
}

// linkWorkspace names the workspace's storage account, key vault and
// registry, once their endpoints exist.
func (b *builder) linkWorkspace() {
	ws := b.of(typeWorkspace)
	if len(ws) == 0 || b.t.Workspace == nil {
		return
	}
	r := ws[0]
	j, ok := decode[workspaceJSON](b, r, r.node)
	if !ok {
		return
	}
	b.t.Workspace.StorageAccount = b.refName(r, "storageAccount", j.StorageAccount, typeStorage)
	b.t.Workspace.KeyVault = b.refName(r, "keyVault", j.KeyVault, typeKeyVault)
	b.t.Workspace.ContainerRegistry = b.refName(r, "containerRegistry", j.ContainerRegistry, typeRegistry)
}

// amlCompute makes an endpoint of an Azure ML compute cluster or instance
// in a VNet; an attached VM is marked attachedTo the workspace.
func (b *builder) amlCompute(r *resource) {
	j, ok := decode[computeJSON](b, r, r.node)
	if !ok {
		return
	}
	ws := b.names[armid.Key(armid.Parent(r.id))]
	switch {
	case strings.EqualFold(j.ComputeType, "VirtualMachine"):
		if vm := b.lookup(j.ResourceID, typeVM); vm != nil && ws != "" && ws == b.workspaceName() {
			if e := b.endpointNamed(b.names[vm.key]); e != nil {
				e.AttachedTo = ws
			}
		}
		return
	case strings.EqualFold(j.ComputeType, "AKS"), strings.EqualFold(j.ComputeType, "Kubernetes"):
		return // the cluster itself is imported as an AKS cluster
	}
	kind := model.AmlCompute
	if strings.EqualFold(j.ComputeType, "ComputeInstance") {
		kind = model.ComputeInstance
	} else if !strings.EqualFold(j.ComputeType, "AmlCompute") {
		b.im.notes.skip("Microsoft.MachineLearningServices/workspaces/computes (" + j.ComputeType + ")")
		return
	}
	if j.Properties == nil || j.Properties.Subnet == nil || j.Properties.Subnet.ID == "" {
		b.im.notes.add(noteDropped, "Azure ML compute %s is left out: it is in no VNet of yours (no subnet: Azure ML's managed network, or none)", r.name)
		return
	}
	sub := b.subnetFor(j.Properties.Subnet.ID)
	if sub == nil {
		b.im.notes.add(noteDropped, "Azure ML compute %s is left out: its subnet %s is not in the input", r.name, idOrName(j.Properties.Subnet.ID))
		return
	}
	e := &model.Endpoint{Name: b.name(b.endpointNS, r, ""), Kind: kind, Subnet: sub.ref(), NodeCount: 1}
	if s := j.Properties.ScaleSettings; s != nil && kind == model.AmlCompute {
		e.NodeCount = max(s.MaxNodeCount, s.MinNodeCount, 1)
	}
	if j.Properties.EnableNodePublicIP == nil || *j.Properties.EnableNodePublicIP {
		e.PublicIPAddress = b.managedPublicIP(r, "Azure ML")
	}
	b.from(e, r)
	b.t.Endpoints = append(b.t.Endpoints, e)
}

func (b *builder) workspaceName() string {
	if b.t.Workspace == nil {
		return ""
	}
	return b.t.Workspace.Name
}

func (b *builder) endpointNamed(name string) *model.Endpoint {
	for _, e := range b.t.Endpoints {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// managedPublicIP stands for the public address a service (Azure ML, Batch)
// gives its nodes at deployment: a placeholder, asked for.
func (b *builder) managedPublicIP(r *resource, service string) string {
	pseudo := &resource{typ: typePublicIP, id: r.id + "/publicIP", key: r.key + "/publicip", name: r.name + " (node public IP)", node: r.node, lines: r.lines}
	if a, ok := b.public[pseudo.key]; ok {
		return a
	}
	n := b.pubPlaceholders
	if n >= 3*254 {
		return ""
	}
	a := testNets[n/254].Addr()
	for range n%254 + 1 {
		a = a.Next()
	}
	b.pubPlaceholders++
	b.public[pseudo.key] = a.String()
	b.im.notes.ask("%s %s: %s gives its nodes public IP addresses at deployment; %s (a documentation address) stands for them (set publicIpAddress to the real one, or remove it if the nodes have none)",
		kindOf(r.typ), r.name, service, a)
	return a.String()
}

// batch makes endpoints of Batch pools in VNets (the accounts themselves
// are PaaS endpoints, paas.go).
func (b *builder) batch() {
	for _, r := range b.of(typeBatchPool) {
		b.batchPool(r)
	}
}

func (b *builder) batchPool(r *resource) {
	j, ok := decode[batchPoolJSON](b, r, r.node)
	if !ok {
		return
	}
	nc := j.NetworkConfiguration
	if nc == nil || nc.SubnetID == "" {
		b.im.notes.add(noteDropped, "Batch pool %s is left out: it is in no VNet of yours (no networkConfiguration.subnetId)", r.name)
		return
	}
	sub := b.subnetFor(nc.SubnetID)
	if sub == nil {
		b.im.notes.add(noteDropped, "Batch pool %s is left out: its subnet %s is not in the input", r.name, idOrName(nc.SubnetID))
		return
	}
	e := &model.Endpoint{Name: b.name(b.endpointNS, r, ""), Kind: model.BatchPool, Subnet: sub.ref(), NodeCount: 1}
	switch s := j.ScaleSettings; {
	case s != nil && s.FixedScale != nil:
		e.NodeCount = max(1, s.FixedScale.TargetDedicatedNodes+s.FixedScale.TargetLowPriorityNodes)
	case j.CurrentDedicatedNodes+j.CurrentLowPriorityNodes > 0:
		e.NodeCount = j.CurrentDedicatedNodes + j.CurrentLowPriorityNodes
	case s != nil && s.AutoScale != nil:
		b.im.notes.ask("Batch pool %s autoscales: its node count is decided at run time (nodeCount 1 is written: set the most nodes it runs)", r.name)
	}
	switch {
	case strings.EqualFold(j.TargetNodeCommunicationMode, "Classic"):
		e.NodeCommunication = model.Classic
	case strings.EqualFold(j.TargetNodeCommunicationMode, "Simplified"):
		e.NodeCommunication = model.Simplified
	}
	if pc := nc.PublicIPAddressConfiguration; pc == nil || !strings.EqualFold(pc.Provision, "NoPublicIPAddresses") {
		e.PublicIPAddress = b.managedPublicIP(r, "Batch")
	}
	if ec := nc.EndpointConfiguration; ec != nil && len(ec.InboundNatPools) > 0 {
		b.im.notes.add(noteDropped, "Batch pool %s: its inbound NAT pools (%d) and their network security group rules are not modelled", r.name, len(ec.InboundNatPools))
	}
	b.from(e, r)
	b.pendingBatch = append(b.pendingBatch, pendingPool{e: e, account: armid.Key(armid.Parent(r.id))})
	b.t.Endpoints = append(b.t.Endpoints, e)
}

// pendingPool links a pool to its Batch account once accounts exist.
type pendingPool struct {
	e       *model.Endpoint
	account string
}
