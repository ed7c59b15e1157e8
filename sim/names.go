package sim

import (
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Flow names (docs/semantics.md §14): a query whose destination was named
// by an endpoint (or one of its FQDNs) carries that name for the packets
// bound for it; Azure Firewall application rules and FQDN network rules
// match it. Names are bound to the query's destination addresses, so they
// hold through every translation.

// FlowName binds a name to the query destinations it was given for.
type FlowName struct {
	Name  string
	Addrs hs.IPSet
}

// namedPart is the part of a branch that carries one flow name ("" none).
type namedPart struct {
	name string
	b    branch
}

// byFlowName splits a branch by the names its packets carry.
func (e *engine) byFlowName(b branch) []namedPart {
	var out []namedPart
	rest := b.set
	for _, fn := range e.names {
		part := rest.Intersect(dstOnly(fn.Addrs))
		if part.IsEmpty() {
			continue
		}
		rest = rest.Subtract(part)
		out = append(out, namedPart{fn.Name, b.with(part)})
	}
	if !rest.IsEmpty() {
		out = append(out, namedPart{"", b.with(rest)})
	}
	return out
}
