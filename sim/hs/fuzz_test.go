package hs_test

import "testing"

// byteSource feeds the fuzzer's bytes to gen as its choices, so that the
// fuzzer explores set constructions directly; once the bytes run out every
// choice is 0.
type byteSource struct{ data []byte }

func (b *byteSource) IntN(n int) int {
	if len(b.data) == 0 {
		return 0
	}
	v := int(b.data[0])
	b.data = b.data[1:]
	return v % n
}

// FuzzSetOps builds two sets in the oracle's universe from the input and
// checks every operation on them against the brute-force model.
func FuzzSetOps(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{2, 3, 0, 5, 1, 7, 0, 0, 15, 3, 2, 9, 9, 1, 0, 14, 2, 2, 0, 1, 8, 3, 3, 7, 0, 12, 4, 4, 0, 0, 0, 255, 1})
	f.Add([]byte("universe minus a swapped box, then withDst of the result"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := gen{&byteSource{data}}
		a, A := g.set(3)
		b, B := g.set(3)
		checkPair(t, g, a, A, b, B)
	})
}
