package model

import (
	"slices"
	"strings"
)

// Closest is closest for the command line's "did you mean".
func Closest(s string, candidates []string) string { return closest(s, candidates) }

// closest returns the candidate nearest to s by edit distance (case
// folded), or "" when none is near enough to be a plausible typo. Ties go
// to the alphabetically first, so suggestions are deterministic.
func closest(s string, candidates []string) string {
	best, bestD := "", -1
	sorted := slices.Clone(candidates)
	slices.Sort(sorted)
	ls := strings.ToLower(s)
	for _, c := range sorted {
		d := editDistance(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, len(s)/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
