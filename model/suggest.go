package model

// Suggestions ("did you mean") are a courtesy, so their cost is bounded
// whatever the input: a name longer than maxSuggestLen gets none, a
// candidate is only compared as far as a distance that would count, and
// one decoding or validation spends at most suggestBudget comparison steps
// in all, after which problems are reported without suggestions.
const (
	maxSuggestLen = 64
	suggestBudget = 20_000_000
)

// suggester finds near names within its budget of comparison steps.
type suggester struct {
	left      int
	prev, cur []int
}

func newSuggester() *suggester { return &suggester{left: suggestBudget} }

// Closest is closest for the command line's "did you mean", within a
// budget of its own.
func Closest(s string, candidates []string) string { return newSuggester().closest(s, candidates) }

// closest returns the candidate nearest to s by edit distance (ASCII case
// folded), or "" when none is near enough to be a plausible typo. Ties go
// to the alphabetically first, so suggestions are deterministic.
func (sg *suggester) closest(s string, candidates []string) string {
	if len(s) > maxSuggestLen {
		return ""
	}
	best, bestD := "", max(2, len(s)/3)+1
	for _, c := range candidates {
		if sg.left <= 0 {
			return ""
		}
		d := sg.distance(s, c, bestD)
		if d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b in bytes, ASCII
// case folded, or limit+1 when it is more than limit. Only the cells
// within limit of the diagonal are computed.
func (sg *suggester) distance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	const inf = 1 << 30
	if cap(sg.prev) < len(b)+2 {
		sg.prev, sg.cur = make([]int, len(b)+2), make([]int, len(b)+2)
	}
	prev, cur := sg.prev[:len(b)+2], sg.cur[:len(b)+2]
	for j := range prev {
		prev[j] = inf
		if j <= min(limit, len(b)) {
			prev[j] = j
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = inf
		if lo == 1 {
			cur[0] = i
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if fold(a[i-1]) == fold(b[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		cur[hi+1] = inf
		sg.left -= hi - lo + 1
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}

func fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
