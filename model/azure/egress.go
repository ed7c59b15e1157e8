package azure

import (
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/model/azure/armid"
)

// egress builds NAT gateways (azure-semantics.md §10). Subnets name their
// NAT gateway; a NAT gateway that lists a subnet the subnet does not name
// (a NAT gateway exported alone, or a Terraform association) attaches it.
func (b *builder) egress() {
	for _, r := range b.of(typeNatGateway) {
		j, ok := decode[natGatewayJSON](b, r, r.node)
		if !ok {
			continue
		}
		n := &model.NatGateway{Name: b.names[r.key]}
		for _, p := range j.PublicIPAddresses {
			if a := b.publicOf(r, p.ID); a != "" {
				n.PublicIPAddresses = append(n.PublicIPAddresses, a)
			}
		}
		for _, p := range j.PublicIPPrefixes {
			if pfx := b.publicPrefix(r, p.ID); pfx != "" {
				n.PublicIPPrefixes = append(n.PublicIPPrefixes, pfx)
			}
		}
		if len(n.PublicIPAddresses)+len(n.PublicIPPrefixes) == 0 {
			b.im.notes.add(noteDropped, "NAT gateway %s is left out: none of its public addresses is known (and subnets that name it lose it)", r.name)
			b.dropNatGateway(n.Name)
			continue
		}
		for _, s := range j.Subnets {
			if sub := b.subnetFor(s.ID); sub != nil && sub.model.NatGateway == "" {
				sub.model.NatGateway = n.Name
			}
		}
		b.from(n, r)
		b.t.NatGateways = append(b.t.NatGateways, n)
	}
}

func (b *builder) dropNatGateway(name string) {
	for _, s := range b.subnet {
		if s.model.NatGateway == name {
			s.model.NatGateway = ""
		}
	}
}

// publicPrefix is a public IP prefix's prefix, or "" with a note.
func (b *builder) publicPrefix(from *resource, id string) string {
	r := b.lookup(id, typePublicIPPrefix)
	if r == nil {
		b.im.notes.add(noteDropped, "%s %s: its public IP prefix %s is not in the input; it is left out", kindOf(from.typ), from.name, idOrName(id))
		return ""
	}
	b.used[r.key] = true
	j, ok := decode[publicIPPrefixJSON](b, r, r.node)
	if !ok {
		return ""
	}
	p, ok := b.known(r, "ipPrefix", j.IPPrefix)
	if !ok || p == "" {
		b.im.notes.ask("public IP prefix %s: Azure assigns it at deployment; write it in publicIpPrefixes", r.name)
		return ""
	}
	return p
}

// notModelled records a resource vnetsim does not simulate: in the
// topology's notModelled list (validate reports it) and as a note.
func (b *builder) notModelled(r *resource, typ, note string) {
	for _, n := range b.t.NotModelled {
		if n.Name == r.name && strings.EqualFold(n.Type, typ) {
			return
		}
	}
	nm := &model.NotModelled{Name: sanitize(r.name), Type: typ, Note: note}
	b.from(nm, r)
	b.t.NotModelled = append(b.t.NotModelled, nm)
	b.im.notes.add(noteNotModelled, "not modelled: %s", note)
}

// typeSpelling is a resource's type as ARM spells it, from its id.
func typeSpelling(r *resource) string {
	if p, ok := armid.Parse(r.id); ok {
		return p.Type
	}
	return r.typ
}
