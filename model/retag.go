package model

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
	st.Files = files
	c.ServiceTags = &st
	var diags Diagnostics
	// The files are the user's, named on the command line: read as such.
	src := NewSource()
	c.Tags = loadTags(&c, &diags, func(_, name string) (*input, error) { return src.readArg(name) })
	if !diags.HasErrors() {
		validate(&c, &diags)
	}
	if diags.HasErrors() {
		return nil, diags.Sorted()
	}
	return &c, diags.Sorted()
}
