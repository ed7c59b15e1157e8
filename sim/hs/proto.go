package hs

import (
	"fmt"
	"math/bits"
	"strings"
)

// Proto is an IP protocol as Azure NSG rules name them.
type Proto uint8

const (
	Tcp Proto = iota
	Udp
	Icmp
	Esp
	Ah
	numProtos
)

var protoNames = [numProtos]string{"Tcp", "Udp", "Icmp", "Esp", "Ah"}

// String uses the ARM spelling ("Tcp", "Udp", "Icmp", "Esp", "Ah").
func (p Proto) String() string {
	if p < numProtos {
		return protoNames[p]
	}
	return fmt.Sprintf("Proto(%d)", uint8(p))
}

// ProtoSet is a set of protocols, bit p standing for Proto p. The zero value
// is the empty set; bits of unknown protocols are never set.
type ProtoSet uint8

const allProtos = ProtoSet(1<<numProtos - 1)

// ProtoSetOf ignores unknown protocols.
func ProtoSetOf(ps ...Proto) ProtoSet {
	var s ProtoSet
	for _, p := range ps {
		if p < numProtos {
			s |= 1 << p
		}
	}
	return s
}

// AllProtos holds every known protocol.
func AllProtos() ProtoSet { return allProtos }

func (s ProtoSet) Union(t ProtoSet) ProtoSet     { return s | t }
func (s ProtoSet) Intersect(t ProtoSet) ProtoSet { return s & t }
func (s ProtoSet) Subtract(t ProtoSet) ProtoSet  { return s &^ t }
func (s ProtoSet) IsEmpty() bool                 { return s == 0 }
func (s ProtoSet) Equal(t ProtoSet) bool         { return s == t }
func (s ProtoSet) Contains(p Proto) bool         { return p < numProtos && s&(1<<p) != 0 }

// Protos lists the members in ascending order.
func (s ProtoSet) Protos() []Proto {
	out := make([]Proto, 0, bits.OnesCount8(uint8(s)))
	for p := range numProtos {
		if s.Contains(p) {
			out = append(out, p)
		}
	}
	return out
}

// String is the lower-case form used in Set.String: "tcp", "tcp,udp"; all
// protocols are "any" and the empty set is "none".
func (s ProtoSet) String() string {
	switch s {
	case 0:
		return "none"
	case allProtos:
		return "any"
	}
	names := make([]string, 0, numProtos)
	for _, p := range s.Protos() {
		names = append(names, strings.ToLower(p.String()))
	}
	return strings.Join(names, ",")
}

// spans is s as a Set layer key, protocol p being the point p.
func (s ProtoSet) spans() spans {
	var out spans
	for _, p := range s.Protos() {
		out = out.push(span{smallPoint(uint16(p)), smallPoint(uint16(p))})
	}
	return out
}

func protoSetOfSpans(r spans) ProtoSet {
	var s ProtoSet
	for _, x := range r {
		for p := x.lo.lo; p <= x.hi.lo; p++ {
			s |= 1 << p
		}
	}
	return s
}
