package main

import (
	"runtime/debug"
	"strings"
)

// version may be set by the build (-ldflags "-X main.version=v1.2.3");
// otherwise it comes from the build information Go records.
var version string

// buildVersion is the module version of a `go install ...@version`
// build, else the VCS revision a build from a checkout records (with
// "+dirty" for uncommitted changes), else "devel".
func buildVersion() string {
	if version != "" {
		return version
	}
	info, _ := debug.ReadBuildInfo()
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	parts := []string{"devel", rev[:min(12, len(rev))]}
	if dirty {
		parts[1] += "+dirty"
	}
	if when != "" {
		parts = append(parts, when)
	}
	return strings.Join(parts, " ")
}
