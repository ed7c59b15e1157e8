package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Which endpoint fields apply to which kinds (topology-format.md,
// "endpoints"). A field written for a kind it does not apply to is an
// error rather than ignored: it is almost always a misplaced line.
var (
	commonEndpointFields  = []string{"name", "kind", "description", "fqdns"}
	computeEndpointFields = []string{"subnet", "networkSecurityGroup", "applicationSecurityGroups", "nodeCount", "ipAddresses", "publicIpAddress", "publicIpSku"}
	paasEndpointFields    = []string{"location", "publicIpAddress", "publicNetworkAccess", "firewall", "privateEndpoints"}

	endpointFields = map[EndpointKind][]string{
		AmlCompute:      append(slices.Clip(computeEndpointFields), "nodeCommunication"),
		BatchPool:       append(slices.Clip(computeEndpointFields), "nodeCommunication", "batchAccount"),
		ComputeInstance: computeEndpointFields,
		VirtualMachine:  append(slices.Clip(computeEndpointFields), "attachedTo"),
		AksCluster:      append(slices.Clip(computeEndpointFields), "outboundType"),
		AksScoring: {"subnet", "networkSecurityGroup", "frontend", "publicIpAddress", "publicIpSku", "privateIpAddress", "ports",
			"serviceCidr", "dnsServiceIp", "dockerBridgeCidr", "outboundType"},
		StorageAccount:    paasEndpointFields,
		KeyVault:          paasEndpointFields,
		ContainerRegistry: paasEndpointFields,
		BatchAccount:      paasEndpointFields,
		External:          {"addressPrefixes"},
	}

	// allEndpointKeys lists every endpoint key, sorted, so that fields are
	// checked in a stable order.
	allEndpointKeys = sortedKeys(yamlFields(reflect.TypeFor[Endpoint]()))
)

// bypassValues are the values Azure's PaaS firewalls take in bypass.
var bypassValues = []string{"AzureServices", "Logging", "Metrics", "None"}

// checkEndpoints checks each endpoint by its kind.
func (c *checker) checkEndpoints() {
	checkNames(c, "endpoint", c.t.Endpoints, func(e *Endpoint) string { return e.Name }, true)
	for _, e := range c.t.Endpoints {
		if !c.required(&e.Meta, "kind", string(e.Kind)) {
			continue
		}
		c.checkEndpointFields(e)
		for _, f := range listValues("fqdns", e.Fqdns) {
			if !dnsName.MatchString(strings.ToLower(f.value)) {
				c.errorf(&e.Meta, f.key, "bad_dns_name", "%q is not a DNS name", f.value)
			}
		}
		if e.Kind.HasNodes() || e.Kind == AksScoring {
			c.checkEgress(e)
		}
		switch {
		case e.Kind.HasNodes():
			c.checkCompute(e)
		case e.Kind == AksScoring:
			c.checkScoring(e)
		case e.Kind.IsPaaS():
			c.checkPaaS(e)
		case e.Kind == External:
			if requiredList(c, &e.Meta, "addressPrefixes", e.AddressPrefixes) {
				c.prefixes(&e.Meta, listValues("addressPrefixes", e.AddressPrefixes))
			}
		}
	}
}

func (c *checker) checkEndpointFields(e *Endpoint) {
	allowed := endpointFields[e.Kind]
	for _, k := range allEndpointKeys {
		if e.Has(k) && !slices.Contains(commonEndpointFields, k) && !slices.Contains(allowed, k) {
			c.errorf(&e.Meta, k, "field_not_for_kind", "%s does not apply to %s endpoints", k, e.Kind)
		}
	}
}

func (c *checker) checkCompute(e *Endpoint) {
	m := &e.Meta
	sub := c.subnetRef(m, "subnet", e.Subnet)
	ref(c, m, "networkSecurityGroup", e.NetworkSecurityGroup, "network security group", &c.nsgs)
	if e.NodeCount < 0 {
		c.errorf(m, "nodeCount", "bad_count", "nodeCount %d is negative", e.NodeCount)
	}
	for _, a := range listValues("ipAddresses", e.IPAddresses) {
		c.nicAddress(m, a.key, a.value, sub, fmt.Sprintf("endpoint %q", e.Name))
	}
	c.publicAddr(m, "publicIpAddress", e.PublicIPAddress, "not_public")
	if e.NodeCommunication == Classic && (e.Kind == AmlCompute || e.Kind == BatchPool) {
		c.warnf(m, "nodeCommunication", "classic_node_communication", "classic compute node communication was retired on 31 March 2026: Simplified needs no inbound ports, only outbound TCP 443 to BatchNodeManagement.<region> (vnetsim still proves the classic requirements for %q)", e.Name)
	}
	if e.BatchAccount != "" {
		if a := ref(c, m, "batchAccount", e.BatchAccount, "endpoint", &c.endpoints); a != nil && a.Kind != BatchAccount {
			c.errorf(m, "batchAccount", "wrong_kind", "endpoint %q is a %s, not a BatchAccount", a.Name, a.Kind)
		}
	}
	if e.AttachedTo != "" && (c.t.Workspace == nil || c.t.Workspace.Name != e.AttachedTo) {
		c.errorf(m, "attachedTo", "unknown_reference", "attachedTo %q names no workspace (the topology's workspace is %s)", e.AttachedTo, workspaceName(c.t))
	}
}

func workspaceName(t *Topology) string {
	if t.Workspace == nil || t.Workspace.Name == "" {
		return "not declared"
	}
	return fmt.Sprintf("%q", t.Workspace.Name)
}

// checkScoring checks an AKS inference endpoint: its frontend and the AKS
// address ranges that must stay clear of the network (the seeds, "AKS").
func (c *checker) checkScoring(e *Endpoint) {
	m := &e.Meta
	sub := c.subnetRef(m, "subnet", e.Subnet)
	ref(c, m, "networkSecurityGroup", e.NetworkSecurityGroup, "network security group", &c.nsgs)
	switch {
	case e.Frontend == PublicFrontend && e.PublicIPAddress == "":
		c.errorf(m, "frontend", "public_frontend", "a Public frontend needs a publicIpAddress")
	case e.Frontend == InternalFrontend && e.PrivateIPAddress == "":
		c.errorf(m, "frontend", "public_frontend", "an Internal frontend needs a privateIpAddress")
	}
	c.publicAddr(m, "publicIpAddress", e.PublicIPAddress, "not_public")
	c.nicAddress(m, "privateIpAddress", e.PrivateIPAddress, sub, fmt.Sprintf("endpoint %q", e.Name))
	c.ports(m, listValues("ports", e.Ports))
	c.checkAKSRanges(e)
}

// checkPaaS checks a storage account, key vault or container registry.
func (c *checker) checkPaaS(e *Endpoint) {
	m := &e.Meta
	c.publicAddr(m, "publicIpAddress", e.PublicIPAddress, "not_public")
	if e.Firewall != nil {
		c.checkFirewall(e.Kind, e.Firewall)
	}
	checkNames(c, fmt.Sprintf("private endpoint of %q", e.Name), e.PrivateEndpoints, func(p *PrivateEndpoint) string { return p.Name }, false)
	for i, pe := range e.PrivateEndpoints {
		sub := c.subnetRef(&pe.Meta, "subnet", pe.Subnet)
		if c.required(&pe.Meta, "privateIpAddress", pe.PrivateIPAddress) {
			c.nicAddress(&pe.Meta, "privateIpAddress", pe.PrivateIPAddress, sub, fmt.Sprintf("private endpoint %d of %q", i, e.Name))
		}
		c.checkPrivateEndpointDNS(e, pe)
	}
}

// checkFirewall checks a PaaS firewall (azure-semantics.md §6).
func (c *checker) checkFirewall(kind EndpointKind, fw *Firewall) {
	m := &fw.Meta
	for _, r := range listValues("virtualNetworkRules", fw.VirtualNetworkRules) {
		s := ref(c, m, r.key, r.value, "subnet", &c.subnets)
		// Azure lets the rule be created (with ignoreMissingVnetServiceEndpoint)
		// but it admits nothing until the subnet has the service endpoint.
		if need := kind.ServiceEndpointFor(); s != nil && !hasServiceEndpoint(s, need) {
			c.report(Warning, m, r.key, []Pos{s.Pos}, "missing_service_endpoint",
				"virtual network rule %q has no effect: subnet %q has no %s service endpoint", r.value, s.ID(), need)
		}
	}
	for _, p := range c.prefixes(m, listValues("ipRules", fw.IPRules)) {
		if r, private := nonPublicRange(p.prefix); private {
			how := "is in"
			if p.prefix.Bits() < r.Bits() {
				how = "includes"
			}
			c.errorf(m, p.key, "private_ip_rule", "ipRules accept public addresses only, but %s %s the non-public range %s", p.prefix, how, r)
		}
	}
	for _, b := range listValues("bypass", fw.Bypass) {
		if !slices.ContainsFunc(bypassValues, func(v string) bool { return strings.EqualFold(v, b.value) }) {
			c.errorf(m, b.key, "bad_bypass", "%q is not one of %s%s", b.value, strings.Join(bypassValues, ", "), c.didYouMean(b.value, bypassValues))
		}
	}
}

func hasServiceEndpoint(s *Subnet, name string) bool {
	for _, se := range s.ServiceEndpoints {
		if se == name || (name == "Microsoft.Storage" && se == "Microsoft.Storage.Global") {
			return true
		}
	}
	return false
}
