// Command vnetsim proves, offline, whether traffic gets through an Azure network, and names what stops it.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
