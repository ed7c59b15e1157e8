// Package hs is the header-space algebra of vnetsim: immutable, canonical sets of IP addresses, ports, protocols and whole packet headers.
package hs
