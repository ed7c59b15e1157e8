package sim

import (
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Pair is a source subnet and a destination (a subnet, an endpoint, or
// the internet) whose reachability the matrix and what-if report.
type Pair struct {
	Source, Destination string
	Query               Query
}

// Pairs lists every subnet-to-subnet, subnet-to-endpoint and
// subnet-to-internet pair for a protocol and destination ports, sources
// and destinations in sorted order. A subnet as a destination means the
// hosts it holds (NICs, appliances, private endpoints), or its whole
// prefix when it holds none.
func (n *Network) Pairs(proto model.Protocol, ports []string) []Pair {
	var dsts []Place
	for _, s := range n.subnets {
		dsts = append(dsts, Place{Expr: s.id, Addrs: n.subnetHosts(s), Subnet: s.id})
	}
	for _, name := range n.endpointNames() {
		if p, err := n.ResolvePlace(name); err == nil && !p.Addrs.IsEmpty() {
			dsts = append(dsts, p)
		}
	}
	if p, err := n.ResolvePlace(tagInternet); err == nil {
		dsts = append(dsts, p)
	}
	var out []Pair
	for _, s := range n.subnets {
		src := Place{Expr: s.id, Addrs: s.prefix, Subnet: s.id}
		for _, d := range dsts {
			if d.Subnet == s.id {
				continue
			}
			out = append(out, Pair{Source: s.id, Destination: d.Expr,
				Query: Query{Source: src, Destination: d, Protocol: proto, DestinationPorts: ports}})
		}
	}
	return out
}

func (n *Network) endpointNames() []string {
	var names []string
	for _, ep := range n.Topo.Endpoints {
		if ep.Kind != model.External {
			names = append(names, ep.Name)
		}
	}
	return names
}

// subnetHosts are the addresses in s that hold something.
func (n *Network) subnetHosts(s *subnet) hs.IPSet {
	var set hs.IPSet
	for _, o := range s.vnet.owners {
		set = set.Union(o.addrs.Intersect(s.prefix))
	}
	if set.IsEmpty() {
		return s.prefix
	}
	return set
}

// Classes splits a packet set into its protocol and destination-port
// classes, e.g. "Tcp 443" and "Udp *", in canonical order.
func Classes(set hs.Set) []Class {
	var out []Class
	for _, p := range []hs.Proto{hs.Tcp, hs.Udp, hs.Icmp, hs.Esp, hs.Ah} {
		part := set.Intersect(hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: hs.ProtoSetOf(p), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()}))
		if part.IsEmpty() {
			continue
		}
		ports := "*"
		if p == hs.Tcp || p == hs.Udp {
			ports = part.DstPortSet().String()
		}
		out = append(out, Class{Protocol: p.String(), Ports: ports, Set: part})
	}
	return out
}

// Class is the part of a packet set with one protocol.
type Class struct {
	Protocol, Ports string
	Set             hs.Set
}
