package main

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// maxSuggestLen bounds the cost of "did you mean": a longer input is no
// typo of a name, and each comparison costs its length times the name's.
const maxSuggestLen = 100

// resolveFlag resolves a --source or --destination; when an item does not
// resolve, the error names the flag and the closest name the topology
// has.
func resolveFlag(n *sim.Network, flag, expr string) (sim.Place, error) {
	pl, err := n.ResolvePlace(expr)
	if err == nil {
		return pl, nil
	}
	for _, item := range strings.Split(expr, ",") {
		item = strings.TrimSpace(item)
		if _, itemErr := n.ResolvePlace(item); itemErr != nil {
			return pl, fmt.Errorf("--%s: %v%s", flag, itemErr, didYouMean(item, placeNames(n)))
		}
	}
	return pl, fmt.Errorf("--%s: %v", flag, err)
}

// placeNames are the names a source or destination can take: endpoints,
// subnets, the built-in tags and the service tags of the topology.
func placeNames(n *sim.Network) []string {
	t := n.Topo
	names := []string{"Internet", "VirtualNetwork", "AzureLoadBalancer"}
	for _, ep := range t.Endpoints {
		names = append(names, ep.Name)
	}
	names = append(names, n.SubnetIDs()...)
	if t.Tags != nil {
		names = append(names, t.Tags.Names()...)
	}
	return names
}

// didYouMean is " (did you mean NAME?)" for the name closest to s, or "".
// Only names whose length is near s's can be near it, so only those are
// compared.
func didYouMean(s string, names []string) string {
	if len(s) > maxSuggestLen {
		return ""
	}
	limit := max(2, len(s)/3)
	var near []string
	for _, name := range names {
		if d := len(name) - len(s); d <= limit && d >= -limit {
			near = append(near, name)
		}
	}
	if best := model.Closest(s, near); best != "" && best != s {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}
