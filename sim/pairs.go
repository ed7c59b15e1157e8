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

// Matrix lists the pairs of the reachability matrix, with its rows and
// columns: subnets and endpoints (workloads and external clients) as
// sources; subnets, endpoints and the internet as destinations.
func (n *Network) Matrix(proto model.Protocol, ports []string) (rows, cols []string, pairs []Pair) {
	srcs := n.subnetPlaces(false)
	for _, ep := range n.Topo.Endpoints {
		if !ep.Kind.IsPaaS() {
			if p, err := n.ResolvePlace(ep.Name); err == nil && !p.Addrs.IsEmpty() {
				p.Addrs = n.endpointSources(ep, p.Addrs)
				srcs = append(srcs, p)
			}
		}
	}
	dsts := n.destinationPlaces()
	return placeNames(srcs), placeNames(dsts), n.pairs(srcs, dsts, proto, ports)
}

func placeNames(ps []Place) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Expr
	}
	return out
}

// endpointSources: an endpoint sends from its private addresses (an AKS
// frontend's public address only receives).
func (n *Network) endpointSources(ep *model.Endpoint, addrs hs.IPSet) hs.IPSet {
	if c := n.byNIC[ep.Name]; c != nil {
		return c.addrs
	}
	return addrs
}

func (n *Network) pairs(srcs, dsts []Place, proto model.Protocol, ports []string) []Pair {
	var out []Pair
	for _, s := range srcs {
		for _, d := range dsts {
			if d.Expr == s.Expr {
				continue
			}
			out = append(out, Pair{Source: s.Expr, Destination: d.Expr,
				Query: Query{Source: s, Destination: d, Protocol: proto, DestinationPorts: ports}})
		}
	}
	return out
}

// subnetPlaces are the subnets as sources (every address) or as
// destinations (the hosts they hold).
func (n *Network) subnetPlaces(asDestination bool) []Place {
	var out []Place
	for _, s := range n.subnets {
		addrs := s.prefix
		if asDestination {
			addrs = n.subnetHosts(s)
		}
		out = append(out, Place{Expr: s.id, Addrs: addrs, Subnet: s.id})
	}
	return out
}

func (n *Network) destinationPlaces() []Place {
	dsts := n.subnetPlaces(true)
	for _, ep := range n.Topo.Endpoints {
		if ep.Kind == model.External {
			continue
		}
		if p, err := n.ResolvePlace(ep.Name); err == nil && !p.Addrs.IsEmpty() {
			dsts = append(dsts, p)
		}
	}
	if p, err := n.ResolvePlace(tagInternet); err == nil {
		dsts = append(dsts, p)
	}
	return dsts
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
