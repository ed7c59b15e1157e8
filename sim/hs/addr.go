package hs

import (
	"encoding/binary"
	"net/netip"
)

// Addr is an IP address as a 128-bit value. IPv4 addresses are stored
// IPv4-mapped (::ffff:a.b.c.d), so that IPv4 and IPv6 share one ordered space
// and supporting IPv6 is a change of universe, not of arithmetic.
// The zero value is the IPv6 address ::.
type Addr struct {
	// hi and lo are the high and low halves, laid out as in u128 so that
	// the two convert freely.
	hi, lo uint64
}

// AddrFrom converts a netip.Addr; an IPv4 address becomes IPv4-mapped, an
// IPv6 zone is dropped, and the invalid zero netip.Addr becomes ::.
func AddrFrom(a netip.Addr) Addr {
	b := a.As16()
	return Addr{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// MustParseAddr parses an IPv4 or IPv6 address and panics on error; it is
// meant for tests and constants.
func MustParseAddr(s string) Addr { return AddrFrom(netip.MustParseAddr(s)) }

// Netip converts back to a netip.Addr, unmapping IPv4-mapped addresses to
// 4-byte IPv4 addresses.
func (a Addr) Netip() netip.Addr {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], a.hi)
	binary.BigEndian.PutUint64(b[8:], a.lo)
	return netip.AddrFrom16(b).Unmap()
}

// Compare returns -1, 0 or 1 as a is below, equal to or above b in the
// 128-bit order, in which all IPv4 addresses sit together in ::ffff:0:0/96.
func (a Addr) Compare(b Addr) int { return u128(a).cmp(u128(b)) }

// Next returns a+1. It wraps: the successor of the all-ones IPv6 address
// ffff:...:ffff is ::, and the successor of 255.255.255.255 is the IPv6
// address ::1:0:0:0, not an IPv4 address. Callers that step must check.
func (a Addr) Next() Addr { return Addr(u128(a).next()) }

// Prev returns a-1, wrapping from :: to the all-ones address; see Next.
func (a Addr) Prev() Addr { return Addr(u128(a).prev()) }

// String formats IPv4-mapped addresses as IPv4 and the rest as IPv6.
func (a Addr) String() string { return a.Netip().String() }
