package sim

import (
	"sync"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Pair is a source subnet and a destination (a subnet, an endpoint, or
// the internet) whose reachability what-if reports.
type Pair struct {
	Source, Destination string
}

// endpointSources: an endpoint sends from its private addresses (an AKS
// frontend's public address only receives).
func (n *Network) endpointSources(ep *model.Endpoint, addrs hs.IPSet) hs.IPSet {
	if c := n.byNIC[ep.Name]; c != nil {
		return c.addrs
	}
	return addrs
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
	for i, p := range classProtos {
		part := set.Intersect(classSets()[i])
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

var classProtos = []hs.Proto{hs.Tcp, hs.Udp, hs.Icmp, hs.Esp, hs.Ah}

// classSets are every packet of each of classProtos, built once.
var classSets = sync.OnceValue(func() []hs.Set {
	out := make([]hs.Set, len(classProtos))
	for i, p := range classProtos {
		out[i] = hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: hs.ProtoSetOf(p), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
	}
	return out
})

// Class is the part of a packet set with one protocol.
type Class struct {
	Protocol, Ports string
	Set             hs.Set
}
