// Package servicetags loads Azure's published service tags and resolves tag names to address prefixes.
package servicetags
