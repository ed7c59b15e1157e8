// Package model holds vnetsim's topology types, loads them from YAML with positions, merges overlays and validates them.
package model
