package hs_test

import (
	"math"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

func box(src, dst hs.IPSet, protos hs.ProtoSet, sports, dports hs.PortSet) hs.Set {
	return hs.FromProduct(hs.Product{Src: src, Dst: dst, Proto: protos, SrcPorts: sports, DstPorts: dports})
}

func TestSetBasics(t *testing.T) {
	tcp := hs.ProtoSetOf(hs.Tcp)
	all := hs.AllPorts()
	if s := box(ips("10.0.0.0/8"), hs.IPSet{}, tcp, all, all); !s.IsEmpty() || !s.Equal(hs.Empty()) {
		t.Errorf("a product with an empty dimension is %v", s)
	}
	if !hs.Empty().Equal(hs.Set{}) || hs.Empty().String() != "none" || hs.Empty().Size() != 0 {
		t.Error("the zero Set is not the empty set")
	}
	if _, ok := hs.Empty().Sample(); ok {
		t.Error("Sample of the empty set")
	}
	u := hs.Universe()
	if got, want := u.String(), "src * dst * any"; got != want {
		t.Errorf("Universe() = %q, want %q", got, want)
	}
	if got, want := u.Size(), 5*math.Pow(2, 96); got != want {
		t.Errorf("Universe().Size() = %v, want %v", got, want)
	}
	if !u.Swap().Equal(u) || !u.Subtract(u).IsEmpty() || !u.ContainsSet(u) {
		t.Error("Universe identities")
	}
	s := box(ips("10.0.0.0/24"), ips("10.0.1.0/24"), tcp, ports(1024, 65535), ports(443, 443))
	if got, want := s.Union(u), u; !got.Equal(want) {
		t.Errorf("s | U = %v", got)
	}
	if got := s.Intersect(u); !got.Equal(s) {
		t.Errorf("s & U = %v", got)
	}
	if got, want := s.Swap().String(), "src 10.0.1.0/24 dst 10.0.0.0/24 tcp sport 443 dport 1024-65535"; got != want {
		t.Errorf("Swap() = %q, want %q", got, want)
	}
}

func TestSampleRules(t *testing.T) {
	tcpUDP := hs.ProtoSetOf(hs.Udp, hs.Tcp)
	tests := []struct {
		name string
		set  hs.Set
		want hs.Packet
	}{
		{"network address skipped", box(ips("20.36.0.0/27"), ips("10.0.1.0/24"), tcpUDP, hs.AllPorts(), ports(80, 80)),
			hs.Packet{Src: addr("20.36.0.1"), Dst: addr("10.0.1.1"), Proto: hs.Tcp, SrcPort: 1024, DstPort: 80}},
		{"single address with low byte 0 kept", box(ips("10.0.0.0/32"), ips("10.0.1.0/32"), tcpUDP, hs.AllPorts(), ports(80, 80)),
			hs.Packet{Src: addr("10.0.0.0"), Dst: addr("10.0.1.0"), Proto: hs.Tcp, SrcPort: 1024, DstPort: 80}},
		{"non-zero low byte kept", box(ips("10.0.0.4/30"), ips("10.0.1.16/28"), hs.ProtoSetOf(hs.Icmp, hs.Ah), ports(1025, 2000), ports(0, 10)),
			hs.Packet{Src: addr("10.0.0.4"), Dst: addr("10.0.1.16"), Proto: hs.Icmp, SrcPort: 1025, DstPort: 0}},
		{"smallest source port without 1024", box(ips("10.0.0.4/30"), ips("10.0.1.16/28"), tcpUDP, ports(50000, 50010, 80, 81), ports(5, 6)),
			hs.Packet{Src: addr("10.0.0.4"), Dst: addr("10.0.1.16"), Proto: hs.Tcp, SrcPort: 80, DstPort: 5}},
		{"1024 in a later range of the key", box(ips("10.0.0.4/30"), ips("10.0.1.16/28"), tcpUDP, ports(80, 81, 1000, 1030), ports(5, 6)),
			hs.Packet{Src: addr("10.0.0.4"), Dst: addr("10.0.1.16"), Proto: hs.Tcp, SrcPort: 1024, DstPort: 5}},
		{"IPv6", box(ips("2001:db8::/64"), ips("2001:db8:1::5/128"), tcpUDP, hs.AllPorts(), hs.AllPorts()),
			hs.Packet{Src: addr("2001:db8::1"), Dst: addr("2001:db8:1::5"), Proto: hs.Tcp, SrcPort: 1024, DstPort: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.set.Sample()
			if !ok || got != tt.want || !tt.set.Contains(got) {
				t.Errorf("Sample() = %+v, %v; want %+v", got, ok, tt.want)
			}
		})
	}
}

func TestSetIPv6(t *testing.T) {
	v6 := box(ips("2001:db8::/32"), ips("fd00::/8"), hs.ProtoSetOf(hs.Udp), hs.AllPorts(), ports(53, 53))
	v4 := box(ips("10.0.0.0/8"), ips("10.0.0.0/8"), hs.AllProtos(), hs.AllPorts(), hs.AllPorts())
	both := v6.Union(v4)
	if err := hs.Validate(both); err != nil {
		t.Fatal(err)
	}
	if got, want := both.String(), "src 10.0.0.0/8 dst 10.0.0.0/8 any; src 2001:db8::/32 dst fd00::/8 udp dport 53"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	in := hs.Packet{Src: addr("2001:db8::7"), Dst: addr("fd00::1"), Proto: hs.Udp, SrcPort: 9, DstPort: 53}
	if !both.Contains(in) || both.Subtract(v6).Contains(in) || !both.Subtract(v4).Equal(v6) {
		t.Errorf("IPv6 membership wrong in %v", both)
	}
	if !both.Intersect(hs.Universe()).Equal(v4) {
		t.Error("the IPv4 universe does not cut off IPv6")
	}
}
