package model

import (
	"fmt"
	"net/netip"
)

// Helpers that check one value (or one list of values) where it is
// written, shared by every group of checks.

// required reports key as missing when its value is empty, and says
// whether it is present.
func (c *checker) required(m *Meta, key, value string) bool {
	if value == "" {
		c.errorf(m, key, "missing_field", "%s is required", key)
		return false
	}
	return true
}

// requiredList is required for list fields.
func requiredList[T any](c *checker, m *Meta, key string, value []T) bool {
	if len(value) == 0 {
		c.errorf(m, key, "missing_field", "%s is required (at least one entry)", key)
		return false
	}
	return true
}

// ref checks that a non-empty reference names an existing object of kind
// what, suggesting the closest name when it does not, and returns the
// object (nil when there is none).
func ref[T any](c *checker, m *Meta, key, value, what string, ix *index[T]) *T {
	if value == "" {
		return nil
	}
	if v := ix.get(value); v != nil {
		return v
	}
	c.errorf(m, key, "unknown_reference", "%s %q does not exist%s", what, value, c.didYouMean(value, ix.names))
	return nil
}

func (c *checker) didYouMean(s string, candidates []string) string {
	if m := c.suggest.closest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %s?)", m)
	}
	return ""
}

// keyed is a value together with the key it was written under, so that a
// field with a singular and a plural form, or a list, can be walked as one.
type keyed struct{ key, value string }

// listValues keys each item of a list field as "key[i]".
func listValues(key string, list []string) []keyed {
	out := make([]keyed, len(list))
	for i, v := range list {
		out[i] = keyed{fmt.Sprintf("%s[%d]", key, i), v}
	}
	return out
}

// pairValues walks a field with a singular and a plural form.
func pairValues(oneKey, one, manyKey string, many []string) []keyed {
	out := listValues(manyKey, many)
	if one != "" {
		out = append(out, keyed{oneKey, one})
	}
	return out
}

// prefix parses a CIDR prefix (or single address) written at key,
// reporting bad_prefix when it does not parse. An empty value is not
// parsed; required reports it where it must be present.
func (c *checker) prefix(m *Meta, key, value string) (netip.Prefix, bool) {
	if value == "" {
		return netip.Prefix{}, false
	}
	p, err := ParsePrefix(value)
	if err != nil {
		c.errorf(m, key, "bad_prefix", "%v", err)
		return netip.Prefix{}, false
	}
	return p, true
}

// prefixes parses every value, keeping those that parse.
func (c *checker) prefixes(m *Meta, values []keyed) []keyedPrefix {
	var out []keyedPrefix
	for _, v := range values {
		if v.value == "" {
			c.errorf(m, v.key, "bad_prefix", "an empty value is not a prefix")
			continue
		}
		if p, ok := c.prefix(m, v.key, v.value); ok {
			out = append(out, keyedPrefix{v.key, p})
		}
	}
	return out
}

// addr parses a single address written at key, as prefix does.
func (c *checker) addr(m *Meta, key, value string) (netip.Addr, bool) {
	if value == "" {
		return netip.Addr{}, false
	}
	a, err := ParseAddr(value)
	if err != nil {
		c.errorf(m, key, "bad_prefix", "%v", err)
		return netip.Addr{}, false
	}
	return a, true
}

// publicAddr checks an address that must be public, reporting a private
// one under code.
func (c *checker) publicAddr(m *Meta, key, value, code string) {
	if a, ok := c.addr(m, key, value); ok {
		if r, private := nonPublicRange(netip.PrefixFrom(a, a.BitLen())); private {
			c.errorf(m, key, code, "%s %q is not a public address (it is in %s)", key, value, r)
		}
	}
}

// ports checks port ranges ("*", "443", "1024-65535").
func (c *checker) ports(m *Meta, values []keyed) {
	for _, v := range values {
		if _, err := ParsePortRange(v.value); err != nil {
			c.errorf(m, v.key, "bad_port", "%v", err)
		}
	}
}
