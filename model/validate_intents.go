package model

import (
	"fmt"
	"strings"
)

// checkIntents checks declared intents: names, what their source and
// destination name, and their ports.
func (c *checker) checkIntents() {
	checkNames(c, "intent", c.t.Intents, func(i *Intent) string { return i.Name }, true)
	for _, in := range c.t.Intents {
		m := &in.Meta
		where := fmt.Sprintf("intent %q", in.Name)
		for _, f := range []keyed{{"source", in.Source}, {"destination", in.Destination}} {
			if c.required(m, f.key, f.value) {
				c.place(m, f.key, f.value, where)
			}
		}
		c.ports(m, listValues("sourcePorts", in.SourcePorts))
		for _, v := range listValues("destinationPorts", in.DestinationPorts) {
			if _, _, err := ParseIntentPort(v.value); err != nil {
				c.errorf(m, v.key, "bad_port", "%v", err)
			}
		}
		if in.Fqdn != "" && !dnsName.MatchString(strings.ToLower(strings.TrimPrefix(in.Fqdn, "*."))) {
			c.errorf(m, "fqdn", "bad_dns_name", "%q is not a DNS name", in.Fqdn)
		}
	}
	c.checkStandardIntents()
}

// checkStandardIntents checks standardIntents: every excluded name is a
// standard intent's name ("compute-to-registry") or full name
// ("compute-to-registry/cluster").
func (c *checker) checkStandardIntents() {
	si := c.t.StandardIntents
	if si == nil {
		return
	}
	var names []string
	for _, r := range Requirements {
		names = append(names, r.Intent)
	}
	for _, x := range listValues("exclude", si.Exclude) {
		base, ep, full := strings.Cut(x.value, "/")
		switch {
		case RequirementFor(base) == nil:
			c.errorf(&si.Meta, x.key, "unknown_reference", "%q is not a standard intent%s", base, c.didYouMean(base, names))
		case full && c.endpoints.get(ep) == nil:
			c.errorf(&si.Meta, x.key, "unknown_reference", "endpoint %q does not exist%s", ep, c.didYouMean(ep, c.endpoints.names))
		}
	}
}

// place checks an intent's source or destination. A comma-separated list
// is the union of its items, as the engine resolves it.
func (c *checker) place(m *Meta, key, value, where string) {
	for _, item := range strings.Split(value, ",") {
		c.expr(m, key, strings.TrimSpace(item), useIntent, where)
	}
}
