// Package suggest finds the likely intended name for a misspelt one: the
// one "did you mean" helper of the network language (package dsl) and the
// command line (package cli).
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate closest to given if it is close enough to
// be a likely misspelling, or "". Names are compared without regard to
// case (a difference of case only is the closest), with the optimal
// string alignment distance (an edit is inserting, deleting or replacing
// a character, or swapping two adjacent ones). A candidate is close if its
// distance d is at most max(1, len(given)/3) and less than the length of
// both names, so that short names do not suggest unrelated short names
// ("V" does not suggest "s", "raf" does not suggest "if"). Ties go to the
// earlier candidate.
func Closest(given string, candidates []string) string {
	n := utf8.RuneCountInString(given)
	limit := max(1, n/3)
	best, bestD := "", limit+1
	for _, c := range candidates {
		if c == given {
			continue
		}
		d := Distance(strings.ToLower(given), strings.ToLower(c))
		if d < bestD && d < n && d < utf8.RuneCountInString(c) {
			best, bestD = c, d
		}
	}
	return best
}

// Distance returns the optimal string alignment distance between a and b
// (Levenshtein distance with adjacent transpositions), in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j]; three rows suffice.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
