package main

import (
	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// lintTopology adds the warnings that need the engine (shadowed NSG rules).
func lintTopology(t *model.Topology) model.Diagnostics {
	n, err := sim.Compile(t)
	if err != nil {
		return nil
	}
	return n.Lint()
}
