package hs_test

import (
	"fmt"
	"net/netip"

	"github.com/vnetsim/vnetsim/sim/hs"
)

func ips(prefixes ...string) hs.IPSet {
	ps := make([]netip.Prefix, len(prefixes))
	for i, p := range prefixes {
		ps[i] = netip.MustParsePrefix(p)
	}
	return hs.IPSetOf(ps...)
}

func ExampleSet_Sample() {
	s := hs.FromProduct(hs.Product{
		Src:      ips("20.36.0.0/27"),
		Dst:      hs.IPSetFromRanges(hs.IPRange{Lo: hs.MustParseAddr("10.0.1.4"), Hi: hs.MustParseAddr("10.0.1.7")}),
		Proto:    hs.ProtoSetOf(hs.Tcp),
		SrcPorts: hs.AllPorts(),
		DstPorts: hs.PortSetOf(hs.PortRange{Lo: 29876, Hi: 29877}),
	})
	fmt.Println(s)
	p, ok := s.Sample()
	fmt.Println(p.Src, p.Dst, p.Proto, p.SrcPort, p.DstPort, ok)
	// Output:
	// src 20.36.0.0/27 dst 10.0.1.4-10.0.1.7 tcp dport 29876-29877
	// 20.36.0.1 10.0.1.4 Tcp 1024 29876 true
}

// Compiling an NSG: each rule owns what no earlier rule matched.
func ExampleSet_Subtract() {
	vnet := ips("10.0.0.0/16")
	rules := []hs.Set{
		hs.FromProduct(hs.Product{Src: ips("10.0.1.0/24"), Dst: vnet, Proto: hs.ProtoSetOf(hs.Tcp), SrcPorts: hs.AllPorts(), DstPorts: hs.PortSetOf(hs.PortRange{Lo: 22, Hi: 22})}),
		hs.FromProduct(hs.Product{Src: vnet, Dst: vnet, Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()}),
	}
	remaining := hs.Universe()
	for i, r := range rules {
		fmt.Printf("rule %d: %v\n", i, r.Intersect(remaining))
		remaining = remaining.Subtract(r)
	}
	// Output:
	// rule 0: src 10.0.1.0/24 dst 10.0.0.0/16 tcp dport 22
	// rule 1: src 10.0.0.0/24,10.0.2.0-10.0.255.255 dst 10.0.0.0/16 any; src 10.0.1.0/24 dst 10.0.0.0/16 tcp dport 0-21,23-65535; src 10.0.1.0/24 dst 10.0.0.0/16 udp,icmp,esp,ah
}

func ExampleSet_Union() {
	web := hs.FromProduct(hs.Product{Src: hs.AllIPv4(), Dst: ips("10.0.1.4/32"), Proto: hs.ProtoSetOf(hs.Tcp), SrcPorts: hs.AllPorts(), DstPorts: hs.PortSetOf(hs.PortRange{Lo: 443, Hi: 443})})
	web2 := hs.FromProduct(hs.Product{Src: hs.AllIPv4(), Dst: ips("10.0.1.5/32"), Proto: hs.ProtoSetOf(hs.Tcp), SrcPorts: hs.AllPorts(), DstPorts: hs.PortSetOf(hs.PortRange{Lo: 443, Hi: 443})})
	both := web.Union(web2)
	fmt.Println(both)
	fmt.Println(both.Equal(web2.Union(web)), both.ContainsSet(web), web.ContainsSet(both))
	fmt.Println(both.Swap())
	// Output:
	// src * dst 10.0.1.4-10.0.1.5 tcp dport 443
	// true true false
	// src 10.0.1.4-10.0.1.5 dst * tcp sport 443
}

func ExampleSet_Intersect() {
	allowed := hs.FromProduct(hs.Product{Src: ips("10.0.0.0/8"), Dst: ips("10.1.0.0/16"), Proto: hs.ProtoSetOf(hs.Tcp, hs.Udp), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
	route := hs.FromProduct(hs.Product{Src: hs.AllIPv4(), Dst: ips("10.1.2.0/24", "192.168.0.0/16"), Proto: hs.AllProtos(), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()})
	fmt.Println(allowed.Intersect(route))
	fmt.Println(allowed.Intersect(route).Size())
	// Output:
	// src 10.0.0.0/8 dst 10.1.2.0/24 tcp,udp
	// 3.6893488147419103e+19
}

func ExampleIPSet_String() {
	s := ips("20.36.0.0/27", "10.0.1.4/30", "10.0.2.9/32", "10.0.3.0/24", "10.0.4.0/24")
	fmt.Println(s)
	fmt.Println(s.Prefixes())
	fmt.Println(hs.AllIPv4(), hs.IPSet{}, ips("::/0"))
	// Output:
	// 10.0.1.4-10.0.1.7,10.0.2.9,10.0.3.0-10.0.4.255,20.36.0.0/27
	// [10.0.1.4/30 10.0.2.9/32 10.0.3.0/24 10.0.4.0/24 20.36.0.0/27]
	// * none ::/0
}

func ExamplePortSet_String() {
	fmt.Println(hs.PortSetOf(hs.PortRange{Lo: 8000, Hi: 8080}, hs.PortRange{Lo: 443, Hi: 443}, hs.PortRange{Lo: 80, Hi: 80}))
	fmt.Println(hs.AllPorts().Subtract(hs.PortSetOf(hs.PortRange{Lo: 1, Hi: 65535})), hs.AllPorts(), hs.PortSet{})
	// Output:
	// 80,443,8000-8080
	// 0 * none
}

func ExampleProtoSet_String() {
	fmt.Println(hs.ProtoSetOf(hs.Udp, hs.Tcp), hs.AllProtos(), hs.ProtoSet(0), hs.Icmp)
	// Output:
	// tcp,udp any none Icmp
}
