package main

import (
	"fmt"
	"io"
	"strings"
)

// writeGitHub writes findings as GitHub Actions workflow commands, which
// annotate the lines in the pull request's diff and the run's summary
// (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands):
// "::error file=F,line=L,col=C,title=T::message". Related places are
// named in the message, since an annotation has one place.
func writeGitHub(w io.Writer, findings []finding, fallback string) error {
	for _, f := range findings {
		cmd := map[string]string{"error": "error", "warning": "warning"}[f.level]
		if cmd == "" {
			cmd = "notice"
		}
		loc := sarifPlace(f.pos, fallback)
		msg := f.message
		for _, r := range f.related {
			msg += fmt.Sprintf(" (%s: %s)", r.what, r.pos)
		}
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", cmd,
			ghProperty(loc.PhysicalLocation.ArtifactLocation.URI), loc.PhysicalLocation.Region.StartLine,
			loc.PhysicalLocation.Region.StartColumn, ghProperty("vnetsim "+f.rule), ghData(msg))
		if err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
