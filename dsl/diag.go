package dsl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// WriteDiagnostics renders diagnostics compiler-style, sorted by position:
//
//	net.hcl:12:3: error: Unsupported argument
//	   12 |   theshold = -52
//	      |   ^^^^^^^^
//	   An argument named "theshold" is not expected here. Did you mean "threshold"?
//
// files supplies the source lines (Network.Files); color adds ANSI colors.
func WriteDiagnostics(w io.Writer, diags hcl.Diagnostics, files map[string]*hcl.File, color bool) error {
	sorted := slices.Clone(diags)
	slices.SortStableFunc(sorted, func(a, b *hcl.Diagnostic) int {
		ra, rb := a.Subject, b.Subject
		switch {
		case ra == nil && rb == nil:
			return 0
		case ra == nil:
			return -1
		case rb == nil:
			return 1
		}
		if c := strings.Compare(ra.Filename, rb.Filename); c != 0 {
			return c
		}
		if ra.Start.Line != rb.Start.Line {
			return ra.Start.Line - rb.Start.Line
		}
		return ra.Start.Column - rb.Start.Column
	})
	bw := bufio.NewWriter(w)
	for _, d := range sorted {
		sev, on, off := "error", "", ""
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		if color {
			on, off = "\x1b[1;31m", "\x1b[0m"
			if d.Severity == hcl.DiagWarning {
				on = "\x1b[1;33m"
			}
		}
		if r := d.Subject; r != nil {
			fmt.Fprintf(bw, "%s:%d:%d: %s%s%s: %s\n", r.Filename, r.Start.Line, r.Start.Column, on, sev, off, shortenQuoted(d.Summary))
			if line, ok := sourceLine(files, r.Filename, r.Start.Line); ok {
				width := 1
				if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
					width = r.End.Column - r.Start.Column
				}
				line, col, width := clipLine(line, r.Start.Column, width)
				prefix := fmt.Sprintf("%5d | ", r.Start.Line)
				fmt.Fprintf(bw, "%s%s\n", prefix, line)
				pad := strings.Map(func(c rune) rune {
					if c == '\t' {
						return '\t'
					}
					return ' '
				}, string([]rune(line)[:min(col-1, len([]rune(line)))]))
				fmt.Fprintf(bw, "%s| %s%s%s%s\n", strings.Repeat(" ", len(prefix)-2), pad, on, strings.Repeat("^", width), off)
			}
		} else {
			fmt.Fprintf(bw, "%s%s%s: %s\n", on, sev, off, shortenQuoted(d.Summary))
		}
		if d.Detail != "" {
			fmt.Fprintf(bw, "      %s\n", shortenQuoted(d.Detail))
		}
	}
	return bw.Flush()
}

// dedupe returns diags without repeats: a diagnostic with the same
// severity, summary, detail and subject range as an earlier one (say, one
// per element of a for expression) is dropped.
func dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	type key struct {
		sev             hcl.DiagnosticSeverity
		summary, detail string
		subject         hcl.Range
		hasSubject      bool
	}
	seen := make(map[key]bool, len(diags))
	var out hcl.Diagnostics
	for _, d := range diags {
		k := key{sev: d.Severity, summary: d.Summary, detail: d.Detail}
		if d.Subject != nil {
			k.subject, k.hasSubject = *d.Subject, true
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// covered reports whether d concerns source that an error of reported
// already concerns: its subject overlaps the subject or context of one.
func covered(d *hcl.Diagnostic, reported hcl.Diagnostics) bool {
	if d.Subject == nil {
		return false
	}
	for _, r := range reported {
		if r.Severity != hcl.DiagError {
			continue
		}
		for _, rng := range []*hcl.Range{r.Subject, r.Context} {
			if rng != nil && rng.Overlaps(*d.Subject) {
				return true
			}
		}
	}
	return false
}

// ShortDiagnostic renders one diagnostic on one line:
// "file:line:col: severity: summary: detail".
func ShortDiagnostic(d *hcl.Diagnostic) string {
	sev := "error"
	if d.Severity == hcl.DiagWarning {
		sev = "warning"
	}
	msg := shortenQuoted(d.Summary)
	if d.Detail != "" {
		msg += ": " + shortenQuoted(d.Detail)
	}
	if r := d.Subject; r != nil {
		return fmt.Sprintf("%s:%d:%d: %s: %s", r.Filename, r.Start.Line, r.Start.Column, sev, msg)
	}
	return sev + ": " + msg
}

func sourceLine(files map[string]*hcl.File, name string, line int) (string, bool) {
	f, ok := files[name]
	if !ok || f == nil {
		return "", false
	}
	lines := bytes.Split(f.Bytes, []byte("\n"))
	if line < 1 || line > len(lines) {
		return "", false
	}
	return strings.TrimRight(string(lines[line-1]), "\r"), true
}

// Format returns src in canonical HCL formatting (hclwrite.Format).
func Format(src []byte) []byte { return hclwrite.Format(src) }

// Long source lines and quoted values are shortened in diagnostics, so
// that a huge literal is not echoed in full.
const (
	// maxShownLine is the most characters of a source line shown.
	maxShownLine = 160
	// maxShownQuote is the most characters of a quoted value shown.
	maxShownQuote = 80
)

var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// shortenQuoted shortens every quoted string in msg longer than
// maxShownQuote characters to its beginning, an ellipsis and its length.
func shortenQuoted(msg string) string {
	if len(msg) <= maxShownQuote {
		return msg
	}
	return quotedRE.ReplaceAllStringFunc(msg, func(q string) string {
		r := []rune(q[1 : len(q)-1])
		if len(r) <= maxShownQuote {
			return q
		}
		return fmt.Sprintf("\"%s...\" (%d characters)", string(r[:maxShownQuote/2]), len(r))
	})
}

// clipLine cuts a long source line to a window of maxShownLine
// characters around the caret at column col (width characters wide),
// marking the cuts with "...", and returns the line, the caret's column
// in it and its width.
func clipLine(line string, col, width int) (string, int, int) {
	r := []rune(line)
	if len(r) <= maxShownLine {
		return line, col, width
	}
	width = min(width, maxShownLine/2)
	from := max(0, min(col-1-maxShownLine/4, len(r)-maxShownLine))
	to := min(len(r), from+maxShownLine)
	out := string(r[from:to])
	if from > 0 {
		out = "..." + out
		col = col - from + 3
	}
	if to < len(r) {
		out += "..."
	}
	return out, col, width
}
