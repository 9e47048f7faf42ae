package cli

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff (diff -u, 3 lines of context) that
// turns a into b, with the file names from and to in its header, or ""
// if they are equal. Lines are compared whole; the edit script is a
// longest common subsequence of lines (quadratic, fine for network
// files; above maxDiffCells line pairs the whole file is one hunk).
func unifiedDiff(from, to string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	x, y := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(x, y)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", from, to)
	const context = 3
	// Group the ops into hunks: runs of changes with up to 2*context
	// equal lines between them.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-context)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(len(ops), end+context)
				break
			}
			end = run
		}
		writeHunk(&sb, ops[start:end])
		i = end
	}
	return sb.String()
}

// diffOp is one line of an edit script: ' ' kept, '-' removed, '+' added,
// with its line numbers (from 1) in a and b.
type diffOp struct {
	kind   byte
	line   string
	ai, bi int
}

func writeHunk(sb *strings.Builder, ops []diffOp) {
	aStart, bStart, aN, bN := 0, 0, 0, 0
	for _, op := range ops {
		if op.kind != '+' {
			if aN == 0 {
				aStart = op.ai
			}
			aN++
		}
		if op.kind != '-' {
			if bN == 0 {
				bStart = op.bi
			}
			bN++
		}
	}
	if aN == 0 { // diff -u numbers an empty range by the line before it
		aStart = ops[0].ai - 1
	}
	if bN == 0 {
		bStart = ops[0].bi - 1
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(aStart, aN), hunkRange(bStart, bN))
	for _, op := range ops {
		sb.WriteByte(op.kind)
		sb.WriteString(op.line)
		if !strings.HasSuffix(op.line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits s after each newline, keeping them.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// maxDiffCells bounds the table of diffLines.
const maxDiffCells = 1 << 24

// diffLines returns an edit script from x to y.
func diffLines(x, y []string) []diffOp {
	// Common prefix and suffix first: formatting changes few lines.
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	var ops []diffOp
	for i := 0; i < p; i++ {
		ops = append(ops, diffOp{' ', x[i], i + 1, i + 1})
	}
	mx, my := x[p:len(x)-s], y[p:len(y)-s]
	n, m := len(mx), len(my)
	if (n+1)*(m+1) > maxDiffCells {
		for i, l := range mx {
			ops = append(ops, diffOp{'-', l, p + i + 1, p + 1})
		}
		for j, l := range my {
			ops = append(ops, diffOp{'+', l, p + n + 1, p + j + 1})
		}
	} else {
		// lcs[i][j]: length of the LCS of mx[i:] and my[j:].
		lcs := make([]int32, (n+1)*(m+1))
		at := func(i, j int) *int32 { return &lcs[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if mx[i] == my[j] {
					*at(i, j) = *at(i+1, j+1) + 1
				} else {
					*at(i, j) = max(*at(i+1, j), *at(i, j+1))
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && mx[i] == my[j]:
				ops = append(ops, diffOp{' ', mx[i], p + i + 1, p + j + 1})
				i, j = i+1, j+1
			case j == m || (i < n && *at(i+1, j) >= *at(i, j+1)):
				ops = append(ops, diffOp{'-', mx[i], p + i + 1, p + j + 1})
				i++
			default:
				ops = append(ops, diffOp{'+', my[j], p + i + 1, p + j + 1})
				j++
			}
		}
	}
	for k := 0; k < s; k++ {
		ops = append(ops, diffOp{' ', x[len(x)-s+k], len(x) - s + k + 1, len(y) - s + k + 1})
	}
	return ops
}
