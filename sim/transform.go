package sim

import (
	"github.com/vnetsim/vnetsim/sim/hs"
)

// A branch's packets are kept in the coordinates of the query (the
// request as first sent). A transform says how to read the packet's
// current header from them: each address field reads the original source,
// the original destination, or a constant (after NAT); replies swap the
// fields. Filters on the current header are pulled back to query
// coordinates with preimage, so verdicts stay exact through NAT.

type fieldSrc uint8

const (
	fromSrc fieldSrc = iota
	fromDst
	fromConst
)

type xfAddr struct {
	from fieldSrc
	c    hs.Addr // fromConst
}

// xfPort is a port field: the query's own port (the source port, or the
// destination port when swapPorts), or a constant after port translation.
type xfPort struct {
	fixed bool
	c     uint16
}

type transform struct {
	src, dst     xfAddr
	sport, dport xfPort
	swapPorts    bool
}

var identity = transform{src: xfAddr{from: fromSrc}, dst: xfAddr{from: fromDst}}

// reversed is the transform of the reply to packets read through t.
func (t transform) reversed() transform {
	return transform{src: t.dst, dst: t.src, sport: t.dport, dport: t.sport, swapPorts: !t.swapPorts}
}

func (t transform) isIdentity() bool { return t == identity }

// project is the current value set of one address field.
func project(a xfAddr, s hs.Set) hs.IPSet {
	switch a.from {
	case fromSrc:
		return s.SrcAddrs()
	case fromDst:
		return s.DstAddrs()
	}
	return hs.IPSetFromRanges(hs.IPRange{Lo: a.c, Hi: a.c})
}

// curDst and curSrc are the current destinations and sources of a set.
func (t transform) curDst(s hs.Set) hs.IPSet { return project(t.dst, s) }
func (t transform) curSrc(s hs.Set) hs.IPSet { return project(t.src, s) }

// preAddr is the set of query packets whose current field a lies in ips.
func preAddr(a xfAddr, ips hs.IPSet) hs.Set {
	switch a.from {
	case fromSrc:
		return hs.FromProduct(hs.Product{Src: ips, Dst: allAddrs, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
	case fromDst:
		return hs.FromProduct(hs.Product{Src: allAddrs, Dst: ips, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
	}
	if ips.Contains(a.c) {
		return universeAll
	}
	return hs.Set{}
}

// allAddrs is every address the header space holds: IPv4, plus the
// sentinel that stands for Azure's default outbound address.
var (
	allAddrs    = hs.AllIPv4().Union(hs.IPSetFromRanges(hs.IPRange{Lo: defaultOutbound, Hi: defaultOutbound}))
	universeAll = hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
)

// defaultOutbound stands for the address Azure's default outbound access
// gives a node without a public IP: public, but nobody's to name in a rule,
// so it lies outside the IPv4 space every rule is written in. Routes treat
// it as any public address no more specific route covers.
var defaultOutbound = hs.MustParseAddr("64:ff9b:1::1")

// publicAddrs are the addresses on the internet: public IPv4, and the
// default outbound address.
var publicAddrs = hs.AllIPv4().Subtract(privateRanges).Union(hs.IPSetFromRanges(hs.IPRange{Lo: defaultOutbound, Hi: defaultOutbound}))

// restrictDst keeps the packets of s whose current destination is in ips.
func (t transform) restrictDst(s hs.Set, ips hs.IPSet) hs.Set {
	return s.Intersect(preAddr(t.dst, ips))
}
func (t transform) restrictSrc(s hs.Set, ips hs.IPSet) hs.Set {
	return s.Intersect(preAddr(t.src, ips))
}

// preimage pulls a set of current headers back to query coordinates.
// Transforms come in two shapes: requests (source read from the source or
// a constant, destination from the destination or a constant, ports as
// they are) and replies (the mirror image). So: keep the headers whose
// constant fields hold the constant, widen those fields to any address
// (the query's value there is free), and mirror for a reply.
func (t transform) preimage(f hs.Set) hs.Set {
	if t.isIdentity() {
		return f
	}
	if t.src.from == fromConst {
		f = f.Intersect(srcOnly(single(t.src.c))).WithSrc(allAddrs)
	}
	if t.dst.from == fromConst {
		f = f.Intersect(dstOnly(single(t.dst.c))).WithDst(allAddrs)
	}
	if t.sport.fixed {
		f = f.Intersect(sportOnly(t.sport.c)).WithSrcPorts(hs.AllPorts())
	}
	if t.dport.fixed {
		f = f.Intersect(dportOnly(t.dport.c)).WithDstPorts(hs.AllPorts())
	}
	if t.swapPorts {
		return f.Swap()
	}
	return f
}

func single(a hs.Addr) hs.IPSet { return hs.IPSetFromRanges(hs.IPRange{Lo: a, Hi: a}) }

// current maps one query packet to its current header.
func (t transform) current(p hs.Packet) hs.Packet {
	read := func(a xfAddr) hs.Addr {
		switch a.from {
		case fromSrc:
			return p.Src
		case fromDst:
			return p.Dst
		}
		return a.c
	}
	out := hs.Packet{Src: read(t.src), Dst: read(t.dst), Proto: p.Proto, SrcPort: p.SrcPort, DstPort: p.DstPort}
	if t.swapPorts {
		out.SrcPort, out.DstPort = p.DstPort, p.SrcPort
	}
	if t.sport.fixed {
		out.SrcPort = t.sport.c
	}
	if t.dport.fixed {
		out.DstPort = t.dport.c
	}
	return out
}

// sportOnly and dportOnly are every packet with that source (destination)
// port.
func sportOnly(p uint16) hs.Set {
	return hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: hs.AllProtos(), SrcPorts: hs.PortSetOf(hs.PortRange{Lo: p, Hi: p}), DstPorts: hs.AllPorts()})
}

func dportOnly(p uint16) hs.Set {
	return hs.FromProduct(hs.Product{Src: allAddrs, Dst: allAddrs, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.PortSetOf(hs.PortRange{Lo: p, Hi: p})})
}
