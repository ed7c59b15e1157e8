package hs

import (
	"errors"
	"fmt"
	"slices"
)

// Validate checks every representation invariant of s, so that tests catch a
// broken canonical form even when it happens to hold the right packets.
func Validate(s Set) error { return validate(s.root) }

// ValidateIPSet checks the canonical form of s.
func ValidateIPSet(s IPSet) error { return validate(s.r) }

// ValidatePortSet checks the canonical form of s.
func ValidatePortSet(s PortSet) error { return validate(s.r) }

func validate(v any) error {
	switch x := v.(type) {
	case spans:
		return validateSpans(x)
	case sportLayer:
		return validateLayer(x)
	case protoLayer:
		return validateLayer(x)
	case dstLayer:
		return validateLayer(x)
	case srcLayer:
		return validateLayer(x)
	}
	return fmt.Errorf("unexpected %T", v)
}

func validateSpans(s spans) error {
	for i, x := range s {
		if x.hi.less(x.lo) {
			return fmt.Errorf("span %d reversed", i)
		}
		if i > 0 && !s[i-1].hi.less(x.lo) {
			return fmt.Errorf("span %d overlaps its predecessor", i)
		}
		if i > 0 && s[i-1].hi.next() == x.lo {
			return fmt.Errorf("span %d touches its predecessor", i)
		}
	}
	return nil
}

func validateLayer[V algebra[V]](l layer[V]) error {
	if len(l.runs) == 0 {
		if len(l.subs) != 0 || l.h != 0 {
			return errors.New("empty layer with subs or hash")
		}
		return nil
	}
	next := int32(0)
	for i, r := range l.runs {
		if r.hi.less(r.lo) {
			return fmt.Errorf("run %d reversed", i)
		}
		if i > 0 {
			p := l.runs[i-1]
			if !p.hi.less(r.lo) {
				return fmt.Errorf("run %d overlaps its predecessor", i)
			}
			if p.hi.next() == r.lo && p.idx == r.idx {
				return fmt.Errorf("run %d should merge with its predecessor", i)
			}
		}
		switch {
		case r.idx < 0 || r.idx > next || int(r.idx) >= len(l.subs):
			return fmt.Errorf("run %d: sub %d out of first-appearance order", i, r.idx)
		case r.idx == next:
			next++
		}
	}
	if int(next) != len(l.subs) {
		return fmt.Errorf("%d subs but %d used", len(l.subs), next)
	}
	for i, s := range l.subs {
		if s.isEmpty() {
			return fmt.Errorf("sub %d empty", i)
		}
		for j := range i {
			if l.subs[j].equal(s) {
				return fmt.Errorf("subs %d and %d equal", j, i)
			}
		}
		if err := validate(s); err != nil {
			return fmt.Errorf("sub %d: %w", i, err)
		}
	}
	// Rebuilding from the parts must reproduce the layer exactly, hash
	// included.
	var b builder[V]
	for _, r := range l.runs {
		b.add(r.span, b.intern(l.subs[r.idx]))
	}
	got := b.done()
	if got.h != l.h || !slices.Equal(got.runs, l.runs) || len(got.subs) != len(l.subs) {
		return errors.New("layer differs from its rebuild")
	}
	return nil
}
