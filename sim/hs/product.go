package hs

import "strings"

// Product is one box: the cartesian product of five dimension sets.
type Product struct {
	Src, Dst           IPSet
	Proto              ProtoSet
	SrcPorts, DstPorts PortSet
}

// String renders `src <IPSet> dst <IPSet> <protos> [sport <PortSet>]
// [dport <PortSet>]`, leaving out a port part that is all ports.
func (p Product) String() string {
	var b strings.Builder
	b.WriteString("src " + p.Src.String() + " dst " + p.Dst.String() + " " + p.Proto.String())
	if !p.SrcPorts.r.equal(allPorts) {
		b.WriteString(" sport " + p.SrcPorts.String())
	}
	if !p.DstPorts.r.equal(allPorts) {
		b.WriteString(" dport " + p.DstPorts.String())
	}
	return b.String()
}

// Products returns the pairwise disjoint boxes of the canonical form, ordered
// by source key, then destination key, and so on, each key by its minimum.
func (s Set) Products() []Product {
	var out []Product
	srcKeys := s.root.keys()
	for i, dst := range s.root.subs {
		dstKeys := dst.keys()
		for j, proto := range dst.subs {
			protoKeys := proto.keys()
			for k, sport := range proto.subs {
				sportKeys := sport.keys()
				for l, dports := range sport.subs {
					out = append(out, Product{
						Src:      IPSet{srcKeys[i]},
						Dst:      IPSet{dstKeys[j]},
						Proto:    protoSetOfSpans(protoKeys[k]),
						SrcPorts: PortSet{sportKeys[l]},
						DstPorts: PortSet{dports},
					})
				}
			}
		}
	}
	return out
}

// String joins the products with "; "; the empty set is "none".
func (s Set) String() string {
	if s.IsEmpty() {
		return "none"
	}
	ps := s.Products()
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, "; ")
}

// Sample returns a deterministic member, false for the empty set. It picks
// from the first product a member that reads naturally in a report: the
// first address of the first range, or the one after it when that range has
// several addresses and starts on a network address (low byte 0), the lowest
// protocol, source port 1024 when allowed (an ephemeral port) or else the
// lowest, and the lowest destination port.
func (s Set) Sample() (Packet, bool) {
	if s.IsEmpty() {
		return Packet{}, false
	}
	// Every layer's first run belongs to its first sub (idx 0).
	dst := s.root.subs[0]
	proto := dst.subs[0]
	sport := proto.subs[0]
	dports := sport.subs[0]
	p := Packet{
		Src:     niceAddr(s.root.runs[0].span),
		Dst:     niceAddr(dst.runs[0].span),
		Proto:   Proto(proto.runs[0].lo.lo),
		SrcPort: uint16(sport.runs[0].lo.lo),
		DstPort: uint16(dports[0].lo.lo),
	}
	if sport.key(0).contains(smallPoint(1024)) {
		p.SrcPort = 1024
	}
	return p, true
}

func niceAddr(r span) Addr {
	if r.lo != r.hi && r.lo.lo&0xff == 0 {
		return Addr(r.lo.next())
	}
	return Addr(r.lo)
}
