package model

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/seancfoley/ipaddress-go/ipaddr"
)

// ExprKind says what an address expression names.
type ExprKind int

const (
	ExprAny    ExprKind = iota // "*" or "Any"
	ExprPrefix                 // a CIDR prefix or a single address
	ExprName                   // a service tag or (in intents) an endpoint name
	ExprSubnet                 // "vnet/subnet" (in intents)
)

// AddrExpr is a parsed address expression (topology-format.md, "Address
// expressions"). Names are resolved later, against the topology.
type AddrExpr struct {
	Kind   ExprKind
	Prefix netip.Prefix // ExprPrefix
	Name   string       // ExprName and ExprSubnet
}

// ParseAddrExpr classifies s. It fails only on text that looks like an
// address but is not a valid prefix, so that "10.0.1.5/24" is reported
// rather than taken for a subnet reference.
func ParseAddrExpr(s string) (AddrExpr, error) {
	switch {
	case s == "*" || strings.EqualFold(s, "Any"):
		return AddrExpr{Kind: ExprAny}, nil
	case looksNumeric(s):
		p, err := ParsePrefix(s)
		return AddrExpr{Kind: ExprPrefix, Prefix: p}, err
	case strings.Count(s, "/") == 1:
		return AddrExpr{Kind: ExprSubnet, Name: s}, nil
	}
	return AddrExpr{Kind: ExprName, Name: s}, nil
}

// looksNumeric: IPv4 and IPv6 text is hex digits, dots, colons and a slash;
// tag and subnet names always have a letter outside a-f or a hyphen.
func looksNumeric(s string) bool {
	if s == "" {
		return false
	}
	hasDigitOrColon := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == ':':
			hasDigitOrColon = true
		case r == '.', r == '/', r >= 'a' && r <= 'f', r >= 'A' && r <= 'F':
		default:
			return false
		}
	}
	return hasDigitOrColon && (strings.Contains(s, ".") || strings.Contains(s, ":"))
}

// ParsePrefix parses a CIDR prefix or a single address (as a /32) with
// ipaddress-go, whose messages are precise, and rejects host bits set, as
// Azure does. IPv6 parses but is reported as not supported yet.
//
// The common case, a well-formed IPv4 prefix without host bits, takes
// net/netip's fast path (ipaddress-go costs about 8 us a prefix, and large
// estates hold hundreds of thousands); anything else goes to ipaddress-go
// for its precise messages.
func ParsePrefix(s string) (netip.Prefix, error) {
	if p, ok := fastPrefix(s); ok {
		return p, nil
	}
	a, err := parseIP(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	lower := a.GetLower().GetNetNetIPAddr()
	bits := lower.BitLen()
	if a.IsPrefixed() {
		bits = a.GetNetworkPrefixLen().Len()
		if !a.IsSinglePrefixBlock() {
			return netip.Prefix{}, fmt.Errorf("%q has host bits set (did you mean %s?)", s, netip.PrefixFrom(lower, bits).Masked())
		}
	}
	if a.IsIPv6() {
		return netip.Prefix{}, fmt.Errorf("%q is IPv6, which vnetsim does not support yet", s)
	}
	return netip.PrefixFrom(lower, bits), nil
}

// fastPrefix accepts exactly the canonical IPv4 forms "a.b.c.d" and
// "a.b.c.d/n" with no host bits set.
func fastPrefix(s string) (netip.Prefix, bool) {
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is4() {
			return netip.Prefix{}, false
		}
		return netip.PrefixFrom(a, 32), true
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		return netip.Prefix{}, false
	}
	return p, true
}

// ParseInterfacePrefix parses an interface address with its prefix length
// ("172.17.0.1/16", as AKS dockerBridgeCidr is written) and returns the
// network it lies in.
func ParseInterfacePrefix(s string) (netip.Prefix, error) {
	a, err := parseIP(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	if !a.IsPrefixed() {
		return netip.Prefix{}, fmt.Errorf("%q needs a prefix length", s)
	}
	if a.IsIPv6() {
		return netip.Prefix{}, fmt.Errorf("%q is IPv6, which vnetsim does not support yet", s)
	}
	return netip.PrefixFrom(a.GetLower().GetNetNetIPAddr(), a.GetNetworkPrefixLen().Len()).Masked(), nil
}

// ParseAddr parses a single address (no prefix length).
func ParseAddr(s string) (netip.Addr, error) {
	if strings.Contains(s, "/") {
		return netip.Addr{}, fmt.Errorf("%q must be a single address, without a prefix length", s)
	}
	p, err := ParsePrefix(s)
	if err != nil {
		return netip.Addr{}, err
	}
	return p.Addr(), nil
}

func parseIP(s string) (*ipaddr.IPAddress, error) {
	if !looksNumeric(s) || strings.Count(s, "/") > 1 || (!strings.Contains(s, ":") && strings.Count(strings.Split(s, "/")[0], ".") != 3) {
		return nil, fmt.Errorf("%q is not an IP address or CIDR prefix", s)
	}
	a, err := ipaddr.NewIPAddressString(s).ToAddress()
	if err != nil {
		return nil, fmt.Errorf("%q is not an IP address or CIDR prefix: %s", s, strings.TrimSuffix(err.Error(), "."))
	}
	if a == nil || (a.IsMultiple() && !a.IsPrefixed()) {
		return nil, fmt.Errorf("%q is not an IP address or CIDR prefix", s)
	}
	return a, nil
}

// PortRange is an inclusive range of ports.
type PortRange struct{ Lo, Hi uint16 }

// ParsePortRange parses "*", "443" or "29876-29877".
func ParsePortRange(s string) (PortRange, error) {
	if s == "*" || strings.EqualFold(s, "Any") {
		return PortRange{0, 65535}, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	if !isRange {
		hi = lo
	}
	l, err1 := strconv.ParseUint(strings.TrimSpace(lo), 10, 16)
	h, err2 := strconv.ParseUint(strings.TrimSpace(hi), 10, 16)
	if err1 != nil || err2 != nil {
		return PortRange{}, fmt.Errorf("%q is not a port, a port range (1024-65535) or *", s)
	}
	if l > h {
		return PortRange{}, fmt.Errorf("port range %q is backwards", s)
	}
	return PortRange{uint16(l), uint16(h)}, nil
}

func itoa(i int) string { return strconv.Itoa(i) }

// ParseIntentPort parses an intent's destination port: a port range,
// optionally for another protocol than the intent's ("Udp:5831"); proto is
// empty when the item names none.
func ParseIntentPort(s string) (Protocol, PortRange, error) {
	proto, ports, ok := strings.Cut(s, ":")
	if !ok {
		pr, err := ParsePortRange(s)
		return "", pr, err
	}
	var p Protocol
	switch strings.ToLower(proto) {
	case "tcp":
		p = Tcp
	case "udp":
		p = Udp
	default:
		return "", PortRange{}, fmt.Errorf("%q: a port's protocol prefix is Tcp: or Udp:, not %q", s, proto)
	}
	pr, err := ParsePortRange(ports)
	return p, pr, err
}
