package cli

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnifiedDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "x\n", "x\n", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n", "--- f\n+++ g\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"added at start", "b\n", "a\nb\n", "--- f\n+++ g\n@@ -1 +1,2 @@\n+a\n b\n"},
		{"from empty", "", "a\n", "--- f\n+++ g\n@@ -0,0 +1 @@\n+a\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\ny\n",
			"--- f\n+++ g\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+y\n"},
		{"no final newline", "a", "a\n", "--- f\n+++ g\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, unifiedDiff("f", "g", []byte(tc.a), []byte(tc.b)))
		})
	}
}

// TestUnifiedDiffPatches checks on random files that patch(1) turns a
// into b with the diff.
func TestUnifiedDiffPatches(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch(1)")
	}
	r := rand.New(rand.NewPCG(1, 2))
	randFile := func() string {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(string(rune('a' + r.IntN(4))))
			b.WriteByte('\n')
		}
		return b.String()
	}
	dir := t.TempDir()
	for k := range 50 {
		a, b := randFile(), randFile()
		f := filepath.Join(dir, "f")
		require.NoError(t, os.WriteFile(f, []byte(a), 0o644))
		d := unifiedDiff("f", "f", []byte(a), []byte(b))
		if d == "" {
			assert.Equal(t, a, b)
			continue
		}
		cmd := exec.Command(patch, "-s", f)
		cmd.Stdin = strings.NewReader(d)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "case %d: %s\n%s", k, out, d)
		got, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Equal(t, b, string(got), "case %d:\n%s", k, d)
	}
}
