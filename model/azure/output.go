package azure

import (
	"io"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// WriteYAML writes the topology as YAML, 2-space indented: a header with
// what must be filled in by hand, and over each object the resource it came
// from (its id; for a template, the file and line; for Terraform, the
// resource address).
func (r *Result) WriteYAML(w io.Writer) error {
	return writeYAML(w, r.header(), r.topology, r.objectComment)
}

// header lists what ARM cannot tell and the topology needs.
func (r *Result) header() string {
	if len(r.Asks) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("To fill in by hand (ARM does not say):")
	for _, a := range r.Asks {
		b.WriteString("\n- ")
		b.WriteString(a)
	}
	return b.String()
}

// objectComment is the comment over an object: where it came from (unless
// it came with its parent, as a rule written inside its NSG), and which of
// its fields the import assigned. It also returns the origin its children
// are compared with.
func (r *Result) objectComment(obj any, parent string) (string, string) {
	origin := r.origins[obj]
	if origin == "" {
		return "", parent
	}
	if origin == parent || derived(origin, parent, obj) {
		return "", origin
	}
	c := "from " + origin
	if f, ok := r.assumed[obj]; ok {
		c += "\n" + f + ": assumed: Azure assigns it at deployment (the notes say how it was chosen; check after deploying)"
	}
	return c, origin
}

// derived reports whether a rule or route came with its parent (its id is
// the parent's, extended): the parent's comment says where it is from.
func derived(origin, parent string, obj any) bool {
	switch obj.(type) {
	case *model.SecurityRule, *model.Route:
		return parent != "" && strings.HasPrefix(strings.ToLower(origin), strings.ToLower(parent)+"/")
	}
	return false
}
