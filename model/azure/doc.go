// Package azure converts Azure Resource Manager resource JSON (az CLI output, Azure Resource Graph results, ARM templates) into vnetsim topologies.
package azure
