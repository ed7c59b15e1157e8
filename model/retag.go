package model

import "path/filepath"

// WithServiceTags returns a copy of the topology that takes its service
// tags from files instead of its own tag files (inline tags still apply on
// top), validated again: a tag the topology uses may have disappeared.
// What-if uses it to measure service-tag drift.
func (t *Topology) WithServiceTags(files ...string) (*Topology, Diagnostics) {
	c := *t
	st := ServiceTagSources{}
	if t.ServiceTags != nil {
		st = *t.ServiceTags
	}
	st.Files = nil
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			abs = f
		}
		st.Files = append(st.Files, abs)
	}
	c.ServiceTags = &st
	var diags Diagnostics
	c.Tags = loadTags(&c, &diags)
	if !diags.HasErrors() {
		validate(&c, &diags)
	}
	if diags.HasErrors() {
		return nil, diags.Sorted()
	}
	return &c, diags.Sorted()
}
