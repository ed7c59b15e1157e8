package hs_test

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/vnetsim/vnetsim/sim/hs"
)

// randomPrefix is a /16 to /28 inside 10.0.0.0/8, where VNet rules and
// routes overlap the most.
func randomPrefix(r *rand.Rand, minBits, maxBits int) netip.Prefix {
	a := netip.AddrFrom4([4]byte{10, byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256))})
	p, _ := a.Prefix(minBits + r.IntN(maxBits-minBits+1))
	return p
}

type nsgRule struct {
	set   hs.Set
	allow bool
}

// nsgRules is 1,000 random rules followed by six default-like rules.
func nsgRules() []nsgRule {
	r := rand.New(rand.NewPCG(7, 7))
	var rules []nsgRule
	for range 1000 {
		srcs := make([]netip.Prefix, 1+r.IntN(4))
		for i := range srcs {
			srcs[i] = randomPrefix(r, 16, 28)
		}
		protos := hs.AllProtos()
		if r.IntN(2) == 0 {
			protos = hs.ProtoSetOf(hs.Tcp)
		}
		lo := uint16(r.IntN(65536))
		hi := lo + uint16(r.IntN(int(65535-lo)+1)/64)
		set := box(hs.IPSetOf(srcs...), hs.IPSetOf(randomPrefix(r, 16, 28)), protos, hs.AllPorts(), ports(lo, hi))
		rules = append(rules, nsgRule{set, r.IntN(3) > 0})
	}
	vnet := ips("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
	any := hs.AllProtos()
	all := hs.AllPorts()
	return append(rules,
		nsgRule{box(vnet, vnet, any, all, all), true},
		nsgRule{box(ips("168.63.129.16/32"), hs.AllIPv4(), any, all, all), true},
		nsgRule{box(hs.AllIPv4(), hs.AllIPv4().Subtract(vnet), any, all, all), true},
		nsgRule{box(vnet, hs.AllIPv4(), hs.ProtoSetOf(hs.Tcp, hs.Udp), all, all), false},
		nsgRule{box(hs.AllIPv4(), hs.AllIPv4(), hs.ProtoSetOf(hs.Icmp), all, all), true},
		nsgRule{hs.Universe(), false},
	)
}

// compile gives each rule the packets no earlier rule matched.
func compile(rules []nsgRule) []hs.Set {
	regions := make([]hs.Set, len(rules))
	remaining := hs.Universe()
	for i, r := range rules {
		regions[i] = r.set.Intersect(remaining)
		remaining = remaining.Subtract(r.set)
	}
	return regions
}

func unionAll(sets []hs.Set) hs.Set {
	for len(sets) > 1 {
		var next []hs.Set
		for i := 0; i < len(sets); i += 2 {
			if i+1 < len(sets) {
				next = append(next, sets[i].Union(sets[i+1]))
			} else {
				next = append(next, sets[i])
			}
		}
		sets = next
	}
	if len(sets) == 0 {
		return hs.Empty()
	}
	return sets[0]
}

func allowed(rules []nsgRule, regions []hs.Set) hs.Set {
	var parts []hs.Set
	for i, r := range rules {
		if r.allow {
			parts = append(parts, regions[i])
		}
	}
	return unionAll(parts)
}

// routePartitions splits the IPv4 space by longest-prefix match over 600
// routes plus a default route.
func routePartitions() []hs.Set {
	r := rand.New(rand.NewPCG(9, 9))
	routes := []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}
	for range 600 {
		routes = append(routes, randomPrefix(r, 8, 28))
	}
	slices.SortStableFunc(routes, func(a, b netip.Prefix) int { return b.Bits() - a.Bits() })
	var parts []hs.Set
	left := hs.AllIPv4()
	for _, p := range routes {
		dst := hs.IPSetOf(p).Intersect(left)
		left = left.Subtract(dst)
		parts = append(parts, box(hs.AllIPv4(), dst, hs.AllProtos(), hs.AllPorts(), hs.AllPorts()))
	}
	return parts
}

func BenchmarkCompileNSG1000(b *testing.B) {
	rules := nsgRules()
	var regions []hs.Set
	for b.Loop() {
		regions = compile(rules)
	}
	n := 0
	for _, r := range regions {
		n += len(r.Products())
	}
	b.ReportMetric(float64(n), "products")
}

func BenchmarkIntersectRoutes600(b *testing.B) {
	rules := nsgRules()
	allow := allowed(rules, compile(rules))
	parts := routePartitions()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range parts {
			allow.Intersect(p)
		}
	}
	b.ReportMetric(float64(len(allow.Products())), "products")
}

func BenchmarkUnionBoxes(b *testing.B) {
	x := box(ips("10.0.0.0/24"), ips("10.1.0.0/16"), hs.ProtoSetOf(hs.Tcp), hs.AllPorts(), ports(443, 443))
	y := box(ips("10.0.0.128/25", "10.0.2.0/24"), ips("10.1.0.0/17"), hs.AllProtos(), hs.AllPorts(), ports(80, 80))
	for b.Loop() {
		x.Union(y)
	}
}

func BenchmarkUnionLarge(b *testing.B) {
	rules := nsgRules()
	regions := compile(rules)
	x, y := unionAll(regions[:500]), unionAll(regions[500:1000])
	for b.Loop() {
		x.Union(y)
	}
}

func BenchmarkSubtractRule(b *testing.B) {
	rules := nsgRules()
	remaining := hs.Universe()
	for _, r := range rules[:999] {
		remaining = remaining.Subtract(r.set)
	}
	for b.Loop() {
		remaining.Subtract(rules[999].set)
	}
}

func BenchmarkIPSetUnion(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 5))
	random := func() hs.IPSet {
		ps := make([]netip.Prefix, 1000)
		for i := range ps {
			ps[i] = randomPrefix(r, 16, 28)
		}
		return hs.IPSetOf(ps...)
	}
	x, y := random(), random()
	for b.Loop() {
		x.Union(y)
	}
}

func BenchmarkSwap(b *testing.B) {
	rules := nsgRules()
	allow := allowed(rules, compile(rules))
	for b.Loop() {
		allow.Swap()
	}
}
