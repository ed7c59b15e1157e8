// Command vnetsim proves, offline, whether traffic gets through an Azure network, and names what stops it.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC trades memory for time, as a short-lived batch process may: the
// heap may grow to five times what is live before a collection (GOGC=400)
// but the collector works harder past 4 GiB in all (GOMEMLIMIT). Either
// variable, when set, wins (docs/cli.md "Memory and cores").
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(4 << 30)
	}
}
