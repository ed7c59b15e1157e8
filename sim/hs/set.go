package hs

// The layers of a Set, outermost first: Src -> Dst -> Proto -> SrcPort ->
// DstPort, the destination ports being a plain interval list.
type (
	sportLayer = layer[spans]
	protoLayer = layer[sportLayer]
	dstLayer   = layer[protoLayer]
	srcLayer   = layer[dstLayer]
)

// Packet is one concrete header.
type Packet struct {
	Src, Dst         Addr
	Proto            Proto
	SrcPort, DstPort uint16
}

// Set is an immutable set of packets over Src x Dst x Proto x SrcPort x
// DstPort. The zero value is the empty set. Its representation is canonical,
// so two Sets holding the same packets are Equal and print the same String.
type Set struct {
	// root is the canonical layer hierarchy (see layer), keyed by Src.
	root srcLayer
}

// Empty is the empty set, the same as the zero Set.
func Empty() Set { return Set{} }

// Universe is every IPv4 packet: AllIPv4 x AllIPv4 x AllProtos x AllPorts x
// AllPorts.
func Universe() Set {
	return FromProduct(Product{AllIPv4(), AllIPv4(), AllProtos(), AllPorts(), AllPorts()})
}

// FromProduct returns the box p, empty if any dimension is empty.
func FromProduct(p Product) Set {
	sp := single(p.SrcPorts.r, p.DstPorts.r)
	pr := single(p.Proto.spans(), sp)
	ds := single(p.Dst.r, pr)
	return Set{single(p.Src.r, ds)}
}

// Union returns the union of s and t. Like Intersect and Subtract it shares
// unchanged parts with the operands, which is safe as Sets are immutable.
func (s Set) Union(t Set) Set     { return Set{s.root.union(t.root)} }
func (s Set) Intersect(t Set) Set { return Set{s.root.intersect(t.root)} }
func (s Set) Subtract(t Set) Set  { return Set{s.root.subtract(t.root)} }
func (s Set) IsEmpty() bool       { return s.root.isEmpty() }

// Equal is structural, which the canonical form makes semantic.
func (s Set) Equal(t Set) bool { return s.root.equal(t.root) }

// ContainsSet reports whether t is a subset of s.
func (s Set) ContainsSet(t Set) bool { return s.root.containsAll(t.root) }

// Overlaps reports whether s and t share a packet.
func (s Set) Overlaps(t Set) bool { return !s.Intersect(t).IsEmpty() }

func (s Set) Contains(p Packet) bool {
	dst, ok := s.root.lookup(u128(p.Src))
	if !ok {
		return false
	}
	proto, ok := dst.lookup(u128(p.Dst))
	if !ok {
		return false
	}
	sport, ok := proto.lookup(smallPoint(uint16(p.Proto)))
	if !ok {
		return false
	}
	dports, ok := sport.lookup(smallPoint(p.SrcPort))
	return ok && dports.contains(smallPoint(p.DstPort))
}

// Swap exchanges Src with Dst and SrcPorts with DstPorts: the header space
// of the replies to s. It rebuilds the set from its products with balanced
// unions, so unlike the other operations its cost grows with the number of
// products.
func (s Set) Swap() Set {
	ps := s.Products()
	parts := make([]srcLayer, len(ps))
	for i, p := range ps {
		parts[i] = FromProduct(Product{p.Dst, p.Src, p.Proto, p.DstPorts, p.SrcPorts}).root
	}
	return Set{unionAll(parts)}
}

// WithSrc replaces the source of every packet by any address of a: the
// header space after source NAT to a. It is empty if s or a is.
func (s Set) WithSrc(a IPSet) Set { return Set{s.root.rekey(a.r)} }

// WithDst replaces the destination of every packet by any address of a, the
// header space after destination NAT to a. It is empty if s or a is.
func (s Set) WithDst(a IPSet) Set {
	return Set{s.root.mapSubs(func(d dstLayer) dstLayer { return d.rekey(a.r) })}
}

// WithSrcPorts replaces the source port of every packet by any port of p,
// the header space after a source port translation. It is empty if s or p
// is.
func (s Set) WithSrcPorts(p PortSet) Set {
	return Set{s.root.mapSubs(func(d dstLayer) dstLayer {
		return d.mapSubs(func(pr protoLayer) protoLayer {
			return pr.mapSubs(func(sp sportLayer) sportLayer { return sp.rekey(p.r) })
		})
	})}
}

// WithDstPorts replaces the destination port of every packet by any port of
// p, the header space after a destination port translation. It is empty if
// s or p is.
func (s Set) WithDstPorts(p PortSet) Set {
	return Set{s.root.mapSubs(func(d dstLayer) dstLayer {
		return d.mapSubs(func(pr protoLayer) protoLayer {
			return pr.mapSubs(func(sp sportLayer) sportLayer {
				return sp.mapSubs(func(spans) spans { return p.r })
			})
		})
	})}
}

// Size is the number of packets, as a float because the IPv4 universe alone
// holds 5 x 2^96; exact below 2^53.
func (s Set) Size() float64 { return s.root.size() }

// SrcAddrs is the projection onto the source addresses.
func (s Set) SrcAddrs() IPSet { return IPSet{coverOf([]srcLayer{s.root})} }

// DstAddrs is the projection onto the destination addresses.
func (s Set) DstAddrs() IPSet { return IPSet{coverOf(s.dsts())} }

// Protos is the projection onto the protocols.
func (s Set) Protos() ProtoSet { return protoSetOfSpans(coverOf(s.protos())) }

// SrcPortSet is the projection onto the source ports.
func (s Set) SrcPortSet() PortSet { return PortSet{coverOf(s.sports())} }

// DstPortSet is the projection onto the destination ports.
func (s Set) DstPortSet() PortSet {
	var all []span
	for _, d := range subsOf(s.sports()) {
		all = append(all, d...)
	}
	return PortSet{normalize(all)}
}

func (s Set) dsts() []dstLayer     { return s.root.subs }
func (s Set) protos() []protoLayer { return subsOf(s.dsts()) }
func (s Set) sports() []sportLayer { return subsOf(s.protos()) }
