// Package synth generates synthetic hub-and-spoke topologies of a chosen size, deterministic for a seed, for benchmarks.
package synth
