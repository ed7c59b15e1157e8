package hs_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

func ports(rs ...uint16) hs.PortSet {
	var prs []hs.PortRange
	for i := 0; i < len(rs); i += 2 {
		prs = append(prs, hs.PortRange{Lo: rs[i], Hi: rs[i+1]})
	}
	return hs.PortSetOf(prs...)
}

func TestPortSetTable(t *testing.T) {
	tests := []struct {
		name string
		set  hs.PortSet
		str  string
	}{
		{"empty", hs.PortSet{}, "none"},
		{"single", ports(443, 443), "443"},
		{"range", ports(29876, 29877), "29876-29877"},
		{"list", ports(8000, 8080, 443, 443, 80, 80), "80,443,8000-8080"},
		{"adjacent merge", ports(80, 90, 91, 100), "80-100"},
		{"overlap merge", ports(80, 95, 90, 100), "80-100"},
		{"reversed is empty", ports(90, 80), "none"},
		{"all", ports(0, 65535), "*"},
		{"all from pieces", ports(0, 1000, 1001, 65535), "*"},
		{"top port", ports(65535, 65535), "65535"},
		{"all but top", hs.AllPorts().Subtract(ports(65535, 65535)), "0-65534"},
		{"all but bottom", hs.AllPorts().Subtract(ports(0, 0)), "1-65535"},
		{"top back in", hs.AllPorts().Subtract(ports(65535, 65535)).Union(ports(65535, 65535)), "*"},
		{"hole", hs.AllPorts().Subtract(ports(22, 22)), "0-21,23-65535"},
		{"intersect", ports(0, 100, 200, 300).Intersect(ports(50, 250)), "50-100,200-250"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := hs.ValidatePortSet(tt.set); err != nil {
				t.Fatal(err)
			}
			if got := tt.set.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if !hs.PortSetOf(tt.set.Ranges()...).Equal(tt.set) {
				t.Errorf("Ranges %v do not rebuild the set", tt.set.Ranges())
			}
		})
	}
}

// TestPortSetEdges checks PortSet against a bit mask model on the 32 lowest
// and 32 highest ports.
func TestPortSetEdges(t *testing.T) {
	pos := func(i int) uint16 {
		if i < 32 {
			return uint16(i)
		}
		return uint16(65535 - 63 + i)
	}
	r := rand.New(rand.NewPCG(3, 4))
	random := func() (hs.PortSet, uint64) {
		var m uint64
		var rs []hs.PortRange
		for range r.IntN(4) {
			lo := r.IntN(64)
			hi := lo + r.IntN(64-lo)
			rs = append(rs, hs.PortRange{Lo: pos(lo), Hi: pos(hi)})
			for i := lo; i <= hi; i++ {
				m |= 1 << i
			}
		}
		return hs.PortSetOf(rs...), m
	}
	check := func(name string, s hs.PortSet, m uint64) {
		t.Helper()
		if err := hs.ValidatePortSet(s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range 64 {
			if s.Contains(pos(i)) != (m&(1<<i) != 0) {
				t.Fatalf("%s: Contains(%d) wrong in %v", name, pos(i), s)
			}
		}
	}
	for range 3000 {
		a, am := random()
		b, bm := random()
		check("a", a, am)
		check("a|b", a.Union(b), am|bm)
		check("a&b", a.Intersect(b), am&bm)
		check("a-b", a.Subtract(b), am&^bm)
		if b.ContainsSet(a) != (am&^bm == 0) || a.Overlaps(b) != (am&bm != 0) || a.Equal(b) != (am == bm) || a.IsEmpty() != (am == 0) {
			t.Fatalf("relations wrong for %v and %v", a, b)
		}
	}
}

func TestProtoSet(t *testing.T) {
	if s := hs.ProtoSetOf(hs.Proto(9), hs.Proto(200)); !s.IsEmpty() {
		t.Errorf("unknown protocols kept: %v", s)
	}
	if hs.AllProtos().Contains(hs.Proto(7)) {
		t.Error("AllProtos contains an unknown protocol")
	}
	all := hs.AllProtos()
	if got := all.Protos(); !slices.Equal(got, []hs.Proto{hs.Tcp, hs.Udp, hs.Icmp, hs.Esp, hs.Ah}) {
		t.Errorf("Protos() = %v", got)
	}
	tcpUDP := hs.ProtoSetOf(hs.Udp, hs.Tcp)
	if got := all.Subtract(tcpUDP); got.String() != "icmp,esp,ah" || !got.Union(tcpUDP).Equal(all) || !got.Intersect(tcpUDP).IsEmpty() {
		t.Errorf("set operations wrong: %v", got)
	}
	if got := hs.Proto(9).String(); got != "Proto(9)" {
		t.Errorf("unknown Proto prints %q", got)
	}
	if got := []string{hs.Tcp.String(), hs.Udp.String(), hs.Icmp.String(), hs.Esp.String(), hs.Ah.String()}; !slices.Equal(got, []string{"Tcp", "Udp", "Icmp", "Esp", "Ah"}) {
		t.Errorf("names %v", got)
	}
}
