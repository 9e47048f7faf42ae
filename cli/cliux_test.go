package cli_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestUsageErrorIsOneLine checks that a usage error prints one line and a
// hint to -h, not the whole help.
func TestUsageErrorIsOneLine(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"run", "-bogus", testdata("lif.hcl")}, "netrun run: flag provided but not defined: -bogus"},
		{"negative seed", []string{"run", "-seed", "-1", testdata("lif.hcl")}, "a seed is an integer from 0 to 2^64-1"},
		{"seed too big", []string{"run", "-seed", "18446744073709551616", testdata("lif.hcl")}, "a seed is an integer from 0 to 2^64-1"},
		{"bad bool", []string{"validate", "-strict=maybe", testdata("lif.hcl")}, "-strict"},
		{"no command", nil, "netrun: missing command"},
		{"version with argument", []string{"version", "x"}, "takes no arguments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, tc.args...)
			assert.Equal(t, cli.ExitUsage, code)
			assert.Empty(t, stdout)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			require.Len(t, lines, 2, stderr)
			assert.Contains(t, lines[0], tc.want)
			assert.Regexp(t, `^Run 'netrun( \w+)? -h' for usage\.$`, lines[1])
		})
	}
}

func TestSeedFlagTakesTheWholeRange(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", testdata("lif.hcl"), "-out", out, "-quiet", "-no-figures", "-seed", "18446744073709551615")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, uint64(18446744073709551615), readSummary(t, out).Seed)
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "version")
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Regexp(t, `^netrun \S+ \(github.com/synapticflow/synapticflow-go, commit .*go1\.\d+.*\)\n$`, stdout)

	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "version", "-json")
	require.Equal(t, cli.ExitOK, code, stderr)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &v))
	assert.Equal(t, "github.com/synapticflow/synapticflow-go", v["module"])
	assert.NotEmpty(t, v["version"])
	assert.Contains(t, v["go_version"], "go1.")
}

// TestJSONDiagnostics checks -json: one object a line, with the
// severity, summary and the exact range of the construct.
func TestJSONDiagnostics(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"run", "-out", t.TempDir()}} {
		t.Run(args[0], func(t *testing.T) {
			code, _, stderr := netrun(t, context.Background(), cli.Config{}, append(args, "-json", testdata("bad.hcl"))...)
			assert.Equal(t, cli.ExitConfig, code)
			sc := bufio.NewScanner(strings.NewReader(stderr))
			n := 0
			for sc.Scan() {
				var d struct {
					Severity string `json:"severity"`
					Summary  string `json:"summary"`
					Detail   string `json:"detail"`
					Range    *struct {
						Filename string `json:"filename"`
						Start    struct{ Line, Column, Byte int }
						End      struct{ Line, Column, Byte int }
					} `json:"range"`
				}
				require.NoError(t, json.Unmarshal(sc.Bytes(), &d), "line %q", sc.Text())
				assert.Contains(t, []string{"error", "warning"}, d.Severity)
				assert.NotEmpty(t, d.Summary)
				if d.Range != nil {
					assert.Equal(t, testdata("bad.hcl"), d.Range.Filename)
					if strings.Contains(d.Summary, "Unsupported argument") {
						// "theshold" at line 4, column 3: byte 20+19+15+2.
						assert.Equal(t, 4, d.Range.Start.Line)
						assert.Equal(t, 3, d.Range.Start.Column)
						assert.Equal(t, 56, d.Range.Start.Byte)
						assert.Equal(t, 4, d.Range.End.Line)
					}
					assert.GreaterOrEqual(t, d.Range.End.Byte, d.Range.Start.Byte)
				}
				n++
			}
			assert.Positive(t, n)
		})
	}
}

// TestFmtFlags checks fmt's -diff, -recursive, and the current directory
// by default.
func TestFmtFlags(t *testing.T) {
	src, err := os.ReadFile(testdata("unformatted.hcl"))
	require.NoError(t, err)
	formatted := "population \"cell\" {\n  model     = \"lif\"\n  n         = 3\n  threshold = -50\n}\n"
	setup := func(t *testing.T) (dir, top, sub, hidden string) {
		dir = t.TempDir()
		top = filepath.Join(dir, "net.hcl")
		sub = filepath.Join(dir, "sub", "deeper", "net.hcl")
		hidden = filepath.Join(dir, ".git", "x.hcl")
		for _, p := range []string{top, sub, hidden} {
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, src, 0o644))
		}
		return
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		return string(b)
	}

	t.Run("check diff", func(t *testing.T) {
		_, top, _, _ := setup(t)
		code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "fmt", "-check", "-diff", top)
		assert.Equal(t, cli.ExitConfig, code)
		slash := filepath.ToSlash(top)
		assert.Equal(t, top+"\n--- a/"+slash+"\n+++ b/"+slash+"\n@@ -1,5 +1,5 @@\n population \"cell\" {\n"+
			"-model = \"lif\"\n-    n = 3\n-  threshold= -50\n+  model     = \"lif\"\n+  n         = 3\n+  threshold = -50\n }\n", stdout)
		assert.Equal(t, string(src), read(top), "-check -diff changes nothing")
	})
	t.Run("recursive", func(t *testing.T) {
		dir, top, sub, hidden := setup(t)
		code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "fmt", "-check", dir)
		assert.Equal(t, cli.ExitConfig, code)
		assert.Equal(t, top+"\n", stdout, "without -recursive: the directory's own files")
		code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "fmt", "-recursive", dir)
		require.Equal(t, cli.ExitOK, code, stderr)
		assert.Equal(t, top+"\n"+sub+"\n", stdout)
		assert.Equal(t, formatted, read(top))
		assert.Equal(t, formatted, read(sub))
		assert.Equal(t, string(src), read(hidden), "dot directories are skipped")
	})
	t.Run("current directory", func(t *testing.T) {
		dir, top, sub, _ := setup(t)
		t.Chdir(dir)
		code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "fmt")
		require.Equal(t, cli.ExitOK, code, stderr)
		assert.Equal(t, "net.hcl\n", stdout)
		assert.Equal(t, formatted, read(top))
		assert.Equal(t, string(src), read(sub))
	})
}
