package model

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	names := []string{"compute", "compute-nsg", "hub-fw", "Storage", "StorageSyncService"}
	for _, tc := range []struct{ s, want string }{
		{"comptue", "compute"},
		{"COMPUTE-NSG", "compute-nsg"},
		{"storag", "Storage"},
		{"hub-fx", "hub-fw"},
		{"nothing-like-it", ""},
		{"", ""},
		{strings.Repeat("compute", 10), ""}, // longer than maxSuggestLen
	} {
		if got := newSuggester().closest(tc.s, names); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	// Ties go to the alphabetically first, whatever the order given.
	if got := newSuggester().closest("ab", []string{"zb", "ac", "ab1"}); got != "ab1" {
		t.Errorf("tie: got %q", got)
	}
	if got := newSuggester().closest("xb", []string{"zb", "ab"}); got != "ab" {
		t.Errorf("tie: got %q", got)
	}
}

// levenshtein is the textbook full table, the reference for distance.
func levenshtein(a, b string) int {
	a, b = strings.ToLower(a), strings.ToLower(b)
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDistanceIsBandedLevenshtein(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = "abAB-"[rng.IntN(5)]
		}
		return string(b)
	}
	sg := newSuggester()
	for range 20_000 {
		a, b, limit := word(), word(), rng.IntN(6)
		want := min(levenshtein(a, b), limit+1)
		if got := sg.distance(a, b, limit); got != want {
			t.Fatalf("distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
}

// TestSuggestionsBounded: a dangling reference of a megabyte, and ten
// thousand dangling references among ten thousand names, cost what the
// budget allows and no more; every problem is still reported.
func TestSuggestionsBounded(t *testing.T) {
	sg := &suggester{left: 1000}
	names := make([]string, 10_000)
	for i := range names {
		names[i] = fmt.Sprintf("subnet-%05d", i)
	}
	if got := sg.closest("subnet-0000x", names); got != "" || sg.left > 0 {
		t.Errorf("over budget: got %q, %d left", got, sg.left)
	}

	var b strings.Builder
	b.WriteString("version: 1\nvnets:\n  - name: v\n    addressSpace: [10.0.0.0/8]\n    subnets:\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "      - {name: s%05d, addressPrefix: 10.%d.%d.0/24}\n", i, i/256, i%256)
	}
	b.WriteString("endpoints:\n  - {name: long, kind: VirtualMachine, subnet: v/" + strings.Repeat("s", 1<<20) + "}\n")
	for i := range 10_000 {
		fmt.Fprintf(&b, "  - {name: e%d, kind: VirtualMachine, subnet: v/s%05dx}\n", i, i%2000)
	}
	diags, alloc := measure(func() Diagnostics {
		_, diags := loadText(b.String())
		return diags
	})
	suggested := 0
	for _, d := range diags {
		if d.Code != "unknown_reference" {
			t.Fatalf("unexpected: %s", d)
		}
		if strings.Contains(d.Message, "did you mean") {
			suggested++
		}
	}
	if len(diags) != 10_001 || suggested == 0 {
		t.Errorf("%d problems, %d with a suggestion", len(diags), suggested)
	}
	if alloc > 256<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
}
