package hs_test

import (
	"math/bits"
	"net/netip"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

// The oracle's universe: 32 address slots (10.0.0.0/28 then 10.0.1.0/28) in
// both address dimensions, so that Swap stays inside it, three protocols and
// ports 0-15 in both port dimensions: 786,432 packets.
const (
	nAddr  = 32
	nProto = 3
	nPort  = 16
	nTuple = nAddr * nAddr * nProto * nPort
)

var modelProtos = [nProto]hs.Proto{hs.Tcp, hs.Udp, hs.Icmp}

// model is the brute-force packet set: bit dp of m[tuple(s, d, p, sp)] is
// the packet (slot s, slot d, modelProtos[p], sp, dp).
type model [nTuple]uint16

func tuple(s, d, p, sp int) int { return ((s*nAddr+d)*nProto+p)*nPort + sp }

func slotAddr(i int) hs.Addr {
	return hs.AddrFrom(netip.AddrFrom4([4]byte{10, 0, byte(i / 16), byte(i % 16)}))
}

func addrSlot(a hs.Addr) (int, bool) {
	n := a.Netip()
	if !n.Is4() {
		return 0, false
	}
	b := n.As4()
	if b[0] != 10 || b[1] != 0 || b[2] > 1 || b[3] > 15 {
		return 0, false
	}
	return int(b[2])*16 + int(b[3]), true
}

// indexes is the inverse of packet.
func indexes(pk hs.Packet) (s, d, p, sp, dp int, ok bool) {
	s, okS := addrSlot(pk.Src)
	d, okD := addrSlot(pk.Dst)
	for p < nProto && modelProtos[p] != pk.Proto {
		p++
	}
	return s, d, p, int(pk.SrcPort), int(pk.DstPort), okS && okD && p < nProto && pk.SrcPort < nPort && pk.DstPort < nPort
}

func packet(s, d, p, sp, dp int) hs.Packet {
	return hs.Packet{Src: slotAddr(s), Dst: slotAddr(d), Proto: modelProtos[p], SrcPort: uint16(sp), DstPort: uint16(dp)}
}

// universeSet is the whole oracle universe as a Set.
func universeSet() hs.Set {
	return hs.FromProduct(hs.Product{Src: slotSet(1<<nAddr - 1), Dst: slotSet(1<<nAddr - 1), Proto: protoSet(1<<nProto - 1), SrcPorts: portSet(0xffff), DstPorts: portSet(0xffff)})
}

// slotSet, protoSet and portSet build sets one member at a time, the
// simplest construction there is, for comparing against projections.
func slotSet(mask uint64) hs.IPSet {
	var rs []hs.IPRange
	for s := range nAddr {
		if mask&(1<<s) != 0 {
			rs = append(rs, hs.IPRange{Lo: slotAddr(s), Hi: slotAddr(s)})
		}
	}
	return hs.IPSetFromRanges(rs...)
}

func protoSet(mask uint8) hs.ProtoSet {
	var ps []hs.Proto
	for p := range nProto {
		if mask&(1<<p) != 0 {
			ps = append(ps, modelProtos[p])
		}
	}
	return hs.ProtoSetOf(ps...)
}

func portSet(mask uint16) hs.PortSet {
	var rs []hs.PortRange
	for p := range nPort {
		if mask&(1<<p) != 0 {
			rs = append(rs, hs.PortRange{Lo: uint16(p), Hi: uint16(p)})
		}
	}
	return hs.PortSetOf(rs...)
}

func fromBox(src, dst uint64, protos uint8, sports, dports uint16) *model {
	m := new(model)
	m.addBox(src, dst, protos, sports, dports)
	return m
}

// addBox adds a box and reports whether it overlapped m.
func (m *model) addBox(src, dst uint64, protos uint8, sports, dports uint16) (overlap bool) {
	dsts, ps, sps := members(dst), members(uint64(protos)), members(uint64(sports))
	for _, s := range members(src) {
		for _, d := range dsts {
			for _, p := range ps {
				for _, sp := range sps {
					i := tuple(s, d, p, sp)
					overlap = overlap || m[i]&dports != 0
					m[i] |= dports
				}
			}
		}
	}
	return overlap
}

func members(mask uint64) []int {
	var out []int
	for mask != 0 {
		i := bits.TrailingZeros64(mask)
		mask &^= 1 << i
		out = append(out, i)
	}
	return out
}

func (m *model) union(o *model) *model {
	out := new(model)
	for i := range m {
		out[i] = m[i] | o[i]
	}
	return out
}

func (m *model) intersect(o *model) *model {
	out := new(model)
	for i := range m {
		out[i] = m[i] & o[i]
	}
	return out
}

func (m *model) subtract(o *model) *model {
	out := new(model)
	for i := range m {
		out[i] = m[i] &^ o[i]
	}
	return out
}

// eachTuple calls f for every (src, dst, proto, sport) tuple with members.
func (m *model) eachTuple(f func(s, d, p, sp int, dports uint16)) {
	i := 0
	for s := range nAddr {
		for d := range nAddr {
			for p := range nProto {
				for sp := range nPort {
					if m[i] != 0 {
						f(s, d, p, sp, m[i])
					}
					i++
				}
			}
		}
	}
}

func (m *model) swap() *model {
	out := new(model)
	m.eachTuple(func(s, d, p, sp int, dports uint16) {
		for ; dports != 0; dports &= dports - 1 {
			out[tuple(d, s, p, bits.TrailingZeros16(dports))] |= 1 << sp
		}
	})
	return out
}

func (m *model) withSrc(src uint64) *model {
	out := new(model)
	srcs := members(src)
	m.eachTuple(func(_, d, p, sp int, dports uint16) {
		for _, s := range srcs {
			out[tuple(s, d, p, sp)] |= dports
		}
	})
	return out
}

func (m *model) withDst(dst uint64) *model {
	out := new(model)
	dsts := members(dst)
	m.eachTuple(func(s, _, p, sp int, dports uint16) {
		for _, d := range dsts {
			out[tuple(s, d, p, sp)] |= dports
		}
	})
	return out
}

func (m *model) withSrcPorts(ports uint16) *model {
	out := new(model)
	m.eachTuple(func(s, d, p, _ int, dports uint16) {
		for sp := range nPort {
			if ports&(1<<sp) != 0 {
				out[tuple(s, d, p, sp)] |= dports
			}
		}
	})
	return out
}

func (m *model) withDstPorts(ports uint16) *model {
	out := new(model)
	m.eachTuple(func(s, d, p, sp int, _ uint16) { out[tuple(s, d, p, sp)] |= ports })
	return out
}

func (m *model) has(s, d, p, sp, dp int) bool { return m[tuple(s, d, p, sp)]&(1<<dp) != 0 }

func (m *model) count() int {
	n := 0
	for _, dps := range m {
		n += bits.OnesCount16(dps)
	}
	return n
}

func (m *model) subsetOf(o *model) bool {
	for i := range m {
		if m[i]&^o[i] != 0 {
			return false
		}
	}
	return true
}

func (m *model) overlaps(o *model) bool {
	for i := range m {
		if m[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// projections returns the members of each dimension as bit masks.
func (m *model) projections() (src, dst uint64, protos uint8, sports, dports uint16) {
	m.eachTuple(func(s, d, p, sp int, dps uint16) {
		src |= 1 << s
		dst |= 1 << d
		protos |= 1 << p
		sports |= 1 << sp
		dports |= dps
	})
	return
}

// toModel reads s back through Products, failing if the products overlap or
// leave the universe.
func toModel(t testing.TB, s hs.Set) *model {
	t.Helper()
	m := new(model)
	for _, p := range s.Products() {
		src, dst := slotMask(t, p.Src), slotMask(t, p.Dst)
		sports, dports := portMask(t, p.SrcPorts), portMask(t, p.DstPorts)
		protos := protoMask(t, p.Proto)
		if src == 0 || dst == 0 || protos == 0 || sports == 0 || dports == 0 {
			t.Fatalf("empty product %v", p)
		}
		if m.addBox(src, dst, protos, sports, dports) {
			t.Fatalf("product %v overlaps an earlier one in %v", p, s)
		}
	}
	return m
}

func slotMask(t testing.TB, s hs.IPSet) uint64 {
	t.Helper()
	var mask uint64
	for _, r := range s.Ranges() {
		for a := r.Lo; ; a = a.Next() {
			slot, ok := addrSlot(a)
			if !ok {
				t.Fatalf("address %v outside the universe", a)
			}
			mask |= 1 << slot
			if a == r.Hi {
				break
			}
		}
	}
	return mask
}

func portMask(t testing.TB, s hs.PortSet) uint16 {
	t.Helper()
	var mask uint16
	for _, r := range s.Ranges() {
		if r.Hi >= nPort {
			t.Fatalf("port %d outside the universe", r.Hi)
		}
		for p := r.Lo; p <= r.Hi; p++ {
			mask |= 1 << p
		}
	}
	return mask
}

func protoMask(t testing.TB, s hs.ProtoSet) uint8 {
	t.Helper()
	var mask uint8
	for _, p := range s.Protos() {
		i := 0
		for i < nProto && modelProtos[i] != p {
			i++
		}
		if i == nProto {
			t.Fatalf("protocol %v outside the universe", p)
		}
		mask |= 1 << i
	}
	return mask
}
