package model

import (
	"regexp"
	"slices"
	"strings"
)

// exprUse is where an address expression is written, which decides what
// it may name (topology-format.md, "Address expressions").
type exprUse int

const (
	useRule   exprUse = iota // prefixes, *, service tags
	useRoute                 // prefixes and service tags, not the built-in ones
	useIntent                // also endpoint names and subnet references
)

// builtinTags are computed from the topology or built in (the platform
// tags), never read from serviceTags.
var builtinTags = []string{"VirtualNetwork", "AzureLoadBalancer", "Internet", "AzurePlatformDNS", "AzurePlatformIMDS", "AzurePlatformLKM"}

func isBuiltinTag(name string) bool {
	return slices.ContainsFunc(builtinTags, func(b string) bool { return strings.EqualFold(b, name) })
}

// tagLike matches the shape of Azure's service tag names ("Storage",
// "Storage.EastUS2", "AzureCloud.eastus2"): in an intent, an unresolved
// name of this shape is taken for a tag missing from serviceTags, and any
// other for a mistyped endpoint or subnet.
var tagLike = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9 ]+)?$`)

// expr checks an address expression written at key of m; where names its
// owner in messages. It returns the expression and whether it is usable.
func (c *checker) expr(m *Meta, key, value string, use exprUse, where string) (AddrExpr, bool) {
	if value == "" {
		c.errorf(m, key, "bad_prefix", "an empty value is not an address expression")
		return AddrExpr{}, false
	}
	e, err := ParseAddrExpr(value)
	if err != nil {
		c.errorf(m, key, "bad_prefix", "%v", err)
		return e, false
	}
	switch e.Kind {
	case ExprAny:
		if use == useRoute {
			c.errorf(m, key, "bad_prefix", "%q cannot be a route's addressPrefix: give a prefix (0.0.0.0/0 for everything) or a service tag", value)
			return e, false
		}
	case ExprSubnet:
		if use != useIntent {
			c.errorf(m, key, "bad_prefix", "%q is not a prefix, * or a service tag", value)
			return e, false
		}
		return e, ref(c, m, key, value, "subnet", &c.subnets) != nil
	case ExprName:
		return e, c.name(m, key, value, use, where)
	}
	return e, true
}

// name checks a name in an address expression: a service tag, or in
// intents also an endpoint.
func (c *checker) name(m *Meta, key, value string, use exprUse, where string) bool {
	if use == useIntent && (c.endpoints.get(value) != nil || c.fqdnOwner(value) != nil) {
		return true
	}
	if isBuiltinTag(value) {
		if use == useRoute {
			c.errorf(m, key, "tag_not_allowed_in_route", "service tag %q cannot be used in a route (Azure allows no VirtualNetwork, AzureLoadBalancer, Internet or AzurePlatform* routes)", value)
			return false
		}
		return true
	}
	_, ok, err := c.tags.Resolve(value)
	switch {
	case err != nil:
		c.errorf(m, key, "bad_service_tags", "%v", err) // it names the file and the tag
		return false
	case ok:
		return true
	case use == useIntent && LooksLikeFqdn(value):
		c.errorf(m, key, "unknown_reference", "no endpoint has the name %q: declare it in an endpoint's fqdns (an External endpoint with its addressPrefixes, for a name outside the network)%s",
			value, c.didYouMean(value, c.fqdnNames()))
	case use == useIntent && !tagLike.MatchString(value):
		candidates := slices.Concat(c.endpoints.names, c.subnets.names, c.tagNames())
		c.errorf(m, key, "unknown_reference", "%q is not an endpoint, a subnet (vnet/subnet), a prefix or a defined service tag%s",
			value, c.didYouMean(value, candidates))
	default:
		c.errorf(m, key, "undefined_tag", "service tag %q used in %s is not defined%s", value, where, c.tagHint(value))
	}
	return false
}

// tagHint suggests a defined tag, or says that none is.
func (c *checker) tagHint(name string) string {
	if c.t.ServiceTags == nil {
		return " (the topology declares no serviceTags)"
	}
	return c.didYouMean(name, c.tagNames())
}

// tagNames are the names a tag reference can take, for suggestions:
// the built-in tags, every defined tag, and the bare names of regional
// ones. Computed once: a real tag file has thousands.
func (c *checker) tagNames() []string {
	if c.tagNameList == nil {
		seen := map[string]bool{}
		add := func(n string) {
			if !seen[strings.ToLower(n)] {
				seen[strings.ToLower(n)] = true
				c.tagNameList = append(c.tagNameList, n)
			}
		}
		for _, n := range builtinTags {
			add(n)
		}
		for _, n := range c.tags.Names() {
			add(n)
			base, _, _ := strings.Cut(n, ".")
			add(base)
		}
	}
	return c.tagNameList
}
