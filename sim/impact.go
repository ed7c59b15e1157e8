package sim

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Impact analysis: a proof records the elements it consulted (engine.touch);
// each element has a signature of everything about it the engine reads.
// When none of a proof's elements has a different signature after a
// change, the proof after the change is the same, and what-if reuses it.

const (
	keyInternet = "internet" // the public addresses and who answers them
	keyLayout   = "layout"   // where every address lives
	keyDNS      = "dns"      // private DNS zones and the DNS servers that ask them
)

func keySubnet(s *subnet) string { return "subnet:" + s.id }
func keyVNet(v *vnet) string     { return "vnet:" + v.m.Name }

// signatures describes every element the engine consults.
func (n *Network) signatures() map[string]string {
	sig := map[string]string{}
	for _, s := range n.subnets {
		var b strings.Builder
		b.WriteString(dump(s.m))
		b.WriteString(dump(s.nsg))
		b.WriteString(dump(s.rt))
		fmt.Fprintf(&b, "vnet-tag %s\n", n.vnetTag(s))
		for _, e := range n.routes(s).entries {
			fmt.Fprintf(&b, "route %s %s %v %s %s %s\n", e.Source, e.NextHopType, e.Prefixes, e.NextHopIP, e.Name, e.State)
		}
		for _, c := range s.nics {
			fmt.Fprintf(&b, "nic %s %s %s %v %v %v\n%s", c.ep.Name, c.addrs, c.public, c.frontIn, c.pools, c.aksManaged(), dump(c.nsg))
			for _, o := range c.outbound {
				fmt.Fprintf(&b, "outbound %s %v %s\n", o.what, o.addrs, o.protos)
			}
		}
		if s.nat != nil {
			fmt.Fprintf(&b, "nat %s %v\n", s.nat.m.Name, s.nat.addrs)
		}
		fmt.Fprintf(&b, "default outbound %v\n", s.defaultOutbound)
		sig[keySubnet(s)] = b.String()
	}
	for _, v := range n.vnets {
		var b strings.Builder
		fmt.Fprintf(&b, "space %s\n%s", v.space, dump(v.m.Peerings))
		for _, o := range v.owners {
			fmt.Fprintf(&b, "owner %s %s\n", o.addrs, ownerName(o))
		}
		for _, g := range v.usedGateways() {
			fmt.Fprintf(&b, "gateway %s\n", g.m.Name)
		}
		sig[keyVNet(v)] = b.String()
	}
	for name, a := range n.apps {
		sig["appliance:"+name] = dump(a.m) + dump(a.sub.m)
	}
	for name, g := range n.gateways {
		sig["gateway:"+name] = dump(g.m)
	}
	for _, lb := range n.lbs {
		sig["loadbalancer:"+lb.m.Name] = dump(lb.m)
	}
	var dns strings.Builder
	dns.WriteString(dump(n.Topo.PrivateDNSZones))
	for _, v := range n.vnets {
		dns.WriteString(dump(v.m.DhcpOptions))
	}
	for _, name := range sortedKeys(n.gateways) {
		if on := n.gateways[name].m.OnPremises; on != nil {
			fmt.Fprintf(&dns, "%s %v\n", name, on.DNSServers)
		}
	}
	sig[keyDNS] = dns.String()
	for name, g := range n.natGWs {
		sig["natgateway:"+name] = dump(g.m)
	}
	for _, p := range n.paas {
		sig["paas:"+p.ep.Name] = dump(p.ep) + fmt.Sprintf("public %s\n", p.public)
	}
	var b strings.Builder
	for _, o := range n.publicOwn {
		fmt.Fprintf(&b, "%s %s\n", o.addrs, publicOwnerName(o))
	}
	sig[keyInternet] = b.String()
	b.Reset()
	for _, c := range n.nics {
		fmt.Fprintf(&b, "nic %s %s %s\n", c.ep.Name, c.sub.id, c.addrs)
	}
	for _, s := range n.subnets {
		fmt.Fprintf(&b, "subnet %s %s\n", s.id, s.prefix)
	}
	for _, name := range sortedKeys(n.gateways) {
		fmt.Fprintf(&b, "onprem %s %s\n", name, n.gateways[name].onPrem)
	}
	for _, name := range sortedKeys(n.apps) {
		fmt.Fprintf(&b, "appliance %s %s %s\n", name, n.apps[name].sub.id, n.apps[name].addr)
	}
	for _, g := range sortedKeys(n.asgs) {
		fmt.Fprintf(&b, "asg %s %s\n", g, n.asgs[g])
	}
	sig[keyLayout] = b.String()
	return sig
}

func ownerName(o owner) string {
	switch {
	case o.nic != nil:
		return "nic " + o.nic.ep.Name
	case o.app != nil:
		return "appliance " + o.app.m.Name
	case o.lb != nil:
		return "loadbalancer " + o.lb.lb.m.Name + "/" + o.lb.m.Name
	}
	return "paas " + o.paas.ep.Name
}

func publicOwnerName(o publicOwner) string {
	switch {
	case o.nic != nil:
		return "nic " + o.nic.ep.Name
	case o.nat != nil:
		return "natgateway " + o.nat.m.Name
	case o.lb != nil:
		return "loadbalancer " + o.lb.lb.m.Name + "/" + o.lb.m.Name
	case o.fw != nil:
		return "firewall " + o.fw.m.Name
	}
	return "paas " + o.paas.ep.Name
}

// dump is a stable text form of a model value: every field the YAML
// carries (positions and back references, tagged yaml:"-", are not part of
// it). Reflection rather than a YAML encoder: what-if signs thousands of
// objects.
func dump(v any) string {
	var b strings.Builder
	writeValue(&b, reflect.ValueOf(v))
	return b.String()
}

func writeValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		b.WriteString("nil")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		writeValue(b, v.Elem())
	case reflect.Struct:
		b.WriteByte('{')
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("yaml") != "-" {
				b.WriteString(f.Name)
				b.WriteByte(':')
				writeValue(b, v.Field(i))
				b.WriteByte(' ')
			}
		}
		b.WriteByte('}')
	case reflect.Slice:
		b.WriteByte('[')
		for i := range v.Len() {
			writeValue(b, v.Index(i))
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		b.WriteByte('{')
		for _, k := range keys {
			fmt.Fprintf(b, "%q:", k.String())
			writeValue(b, v.MapIndex(k))
			b.WriteByte(',')
		}
		b.WriteByte('}')
	default:
		fmt.Fprintf(b, "%q", fmt.Sprint(v.Interface()))
	}
}

// changedElements lists the keys whose signatures differ between two
// networks (present on one side only counts as changed). A change of the
// service-tag sources changes everything: rules are compiled from them.
func changedElements(before, after *Network) map[string]bool {
	sb, sa := before.signatures(), after.signatures()
	changed := map[string]bool{}
	for k, v := range sb {
		if sa[k] != v {
			changed[k] = true
		}
	}
	for k := range sa {
		if _, ok := sb[k]; !ok {
			changed[k] = true
		}
	}
	if dump(before.Topo.ServiceTags) != dump(after.Topo.ServiceTags) {
		changed["*"] = true
	}
	return changed
}

// shareCompiled lets after use before's compiled NSGs for the subnets (and
// their NICs) the change left alone; the compiled rules hold no reference
// to either network. Tags and ASG membership, which compilation reads,
// must be unchanged too.
func shareCompiled(before, after *Network, changed map[string]bool) {
	if changed["*"] || changed[keyLayout] {
		return
	}
	for _, s := range after.subnets {
		bs := before.bySubnet[s.id]
		if bs == nil || changed[keySubnet(s)] {
			continue
		}
		s.nsgDir = bs.nsgDir
		for _, c := range after.nics {
			if bc := before.byNIC[c.ep.Name]; c.sub == s && bc != nil {
				c.nsgDir = bc.nsgDir
			}
		}
	}
}

// affected reports whether a proof that consulted touched can change.
func affected(touched, changed map[string]bool) bool {
	if changed["*"] {
		return true
	}
	for k := range touched {
		if changed[k] {
			return true
		}
	}
	return false
}
