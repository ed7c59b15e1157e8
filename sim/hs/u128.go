package hs

import (
	"math"
	"math/big"
	"math/bits"
)

// u128 is the single point type of every interval in the package. Addresses
// use all 128 bits; ports and protocol numbers live in the low bits. One
// concrete point type lets IPSet, PortSet and the layers of Set share one
// interval implementation whose inner loops compare inline, without generic
// method dispatch.
type u128 struct{ hi, lo uint64 }

func (a u128) less(b u128) bool {
	return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo
}

func (a u128) cmp(b u128) int {
	switch {
	case a == b:
		return 0
	case a.less(b):
		return -1
	}
	return 1
}

// next wraps from the all-ones value to zero. Interval code only steps past a
// point it has just seen is below some other point, so it never wraps.
func (a u128) next() u128 {
	lo, carry := bits.Add64(a.lo, 1, 0)
	return u128{a.hi + carry, lo}
}

// prev wraps from zero to all-ones; see next.
func (a u128) prev() u128 {
	lo, borrow := bits.Sub64(a.lo, 1, 0)
	return u128{a.hi - borrow, lo}
}

func (a u128) sub(b u128) u128 {
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	return u128{a.hi - b.hi - borrow, lo}
}

func (a u128) or(b u128) u128 { return u128{a.hi | b.hi, a.lo | b.lo} }

// lowOnes has the n low bits set, 0 <= n <= 128.
func lowOnes(n int) u128 {
	switch {
	case n >= 128:
		return u128{math.MaxUint64, math.MaxUint64}
	case n > 64:
		return u128{math.MaxUint64 >> (128 - n), math.MaxUint64}
	case n == 0:
		return u128{}
	}
	return u128{0, math.MaxUint64 >> (64 - n)}
}

// trailingZeros is 128 for zero.
func (a u128) trailingZeros() int {
	if a.lo != 0 {
		return bits.TrailingZeros64(a.lo)
	}
	return 64 + bits.TrailingZeros64(a.hi)
}

func (a u128) bitLen() int {
	if a.hi != 0 {
		return 64 + bits.Len64(a.hi)
	}
	return bits.Len64(a.lo)
}

func (a u128) float() float64 {
	return float64(a.hi)*(1<<64) + float64(a.lo)
}

func (a u128) big() *big.Int {
	n := new(big.Int).SetUint64(a.hi)
	return n.Lsh(n, 64).Or(n, new(big.Int).SetUint64(a.lo))
}

// mix folds x into the running hash h. Hashes only pre-filter equality
// checks, so speed matters more than quality.
func mix(h, x uint64) uint64 {
	h ^= x
	h *= 0xff51afd7ed558ccd
	return h ^ h>>32
}

// golden spreads a word over all bits before it is combined with another.
const golden = 0x9e3779b97f4a7c15
