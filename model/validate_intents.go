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
		c.ports(m, listValues("destinationPorts", in.DestinationPorts))
	}
}

// place checks an intent's source or destination. A comma-separated list
// is the union of its items, as the engine resolves it.
func (c *checker) place(m *Meta, key, value, where string) {
	for _, item := range strings.Split(value, ",") {
		c.expr(m, key, strings.TrimSpace(item), useIntent, where)
	}
}
