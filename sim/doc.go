// Package sim compiles a topology into a packet-flow graph and proves reachability over whole sets of packets.
package sim
