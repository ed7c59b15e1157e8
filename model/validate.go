package model

// validate reports every problem of azure-semantics.md §8 that needs no
// packet simulation.
func validate(t *Topology, diags *Diagnostics) {
	if t.Version != 1 {
		diags.errorf(t.At("version"), "version", "unsupported_version", "version %d is not supported (this vnetsim reads version 1)", t.Version)
	}
}
