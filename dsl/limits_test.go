package dsl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
)

const lif1 = `
population "a" {
  model = "lif"
  n     = 1
}
`

// TestLimits checks that networks too large for memory, runs that
// simulate nothing and inputs beyond the documented limits are refused at
// load or compile time, before anything large is allocated (each case
// must finish within a second), with a diagnostic at the construct.
func TestLimits(t *testing.T) {
	const gb = 1 << 30
	big := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name      string
		src       string
		maxMemory int64
		// want is the severity, summary, start line and a part of the
		// detail of the first diagnostic.
		severity hcl.DiagnosticSeverity
		summary  string
		line     int
		detail   string
	}{
		{name: "n 1e12", src: "population \"a\" {\n  model = \"lif\"\n  n     = 1e12\n}\n",
			summary: `Invalid value for "n"`, line: 3, detail: "10^12 neurons are more than the 2147483647"},
		{name: "n 1e8 over the limit", src: "population \"a\" {\n  model = \"lif\"\n  n     = 1e8\n}\n", maxMemory: gb,
			summary: "Not enough memory", line: 1, detail: `population "a": 10^8 neurons x 14 values, about 11.3 GB. The network needs about 11.3 GB in all, more than the limit of 1.07 GB`},
		{name: "random p 1 on 10^6", src: "population \"a\" {\n  model = \"lif\"\n  n     = 1e6\n}\nsynapse \"ee\" {\n  from    = population.a\n  to      = population.a\n  connect = \"random\"\n  p       = 1\n}\n",
			summary: "Not enough memory", line: 5, detail: `synapse "ee": p = 1 on 10^6 x 10^6 neurons is 10^12 synapses, about 12 TB`},
		{name: "dense 10^5 x 10^5", src: "population \"a\" {\n  model = \"lif\"\n  n     = 1e5\n}\nsynapse \"ab\" {\n  from = population.a\n  to   = population.a\n}\n", maxMemory: 100 * gb,
			summary: "Not enough memory", line: 5, detail: `synapse "ab": dense on 10^5 x 10^5 neurons is 10^10 synapses, about 120 GB`},
		{name: "fixed_indegree 999999", src: "population \"a\" {\n  model = \"lif\"\n  n     = 1e6\n}\nsynapse \"ee\" {\n  from    = population.a\n  to      = population.a\n  connect = \"fixed_indegree\"\n  k       = 999999\n}\n",
			summary: "Not enough memory", line: 5, detail: `synapse "ee": k = 999999 on 10^6 target neurons is 10^12 synapses, about 12 TB`},
		{name: "fixed_indegree k above the sources", src: "population \"a\" {\n  model = \"lif\"\n  n     = 10\n}\nsynapse \"ee\" {\n  from    = population.a\n  to      = population.a\n  connect = \"fixed_indegree\"\n  k       = 10\n}\n",
			summary: `Invalid value for "k"`, line: 9, detail: "fixed in-degree k = 10, want 0 <= k <= 9"},
		{name: "duration 1e12 with monitors", src: "simulation {\n  duration = 1e12\n}\n" + lif1 + "monitor \"m\" {\n  target    = population.a\n  variables = [\"s\", \"v\"]\n}\n",
			summary: "Not enough memory", line: 9, detail: `monitor "m.rate": the rate of 10^13 steps, about 160 TB; monitor "m.state": 1 variable x 1 neuron x 10^13 records is 10^13 values`},
		{name: "shape 1e7^3", src: "population \"a\" {\n  model = \"lif\"\n  shape = [1e7, 1e7, 1e7]\n}\n",
			summary: `Invalid value for "shape"`, line: 3, detail: "is 10^21 neurons, more than the 2147483647"},
		{name: "shape 2^32 x 2^32", src: "population \"a\" {\n  model = \"lif\"\n  shape = [4294967296, 4294967296]\n}\n",
			summary: `Invalid value for "shape"`, line: 3, detail: "Dimension 4.29 x 10^9 is more than the 2147483647"},
		{name: "shape product overflow", src: "population \"a\" {\n  model = \"lif\"\n  shape = [65536, 65536]\n}\n",
			summary: `Invalid value for "shape"`, line: 3, detail: "is 4.29 x 10^9 neurons"},
		{name: "dt 1e-300", src: "simulation {\n  dt = 1e-300\n}\n" + lif1,
			summary: "Too many steps", line: 2, detail: "is 10^302 steps, more than the limit of 2^53"},
		{name: "dt above duration", src: "simulation {\n  dt       = 2\n  duration = 1\n}\n" + lif1,
			summary: "Nothing to simulate", line: 3, detail: "Duration 1 ms is shorter than one step dt = 2 ms."},
		{name: "duration 0", src: "simulation {\n  duration = 0\n}\n" + lif1, severity: hcl.DiagWarning,
			summary: "Nothing to simulate", line: 2, detail: "The duration is 0 ms"},
		{name: "duration not whole", src: "simulation {\n  duration = 1.05\n}\n" + lif1, severity: hcl.DiagWarning,
			summary: "Duration is not a whole number of steps", line: 2, detail: "Duration 1.05 ms is 10.5 steps of dt = 0.1 ms; the run takes 11 steps (1.1 ms)."},
		{name: "empty file", src: "", summary: "Empty network", line: 1, detail: "The network has no populations"},
		{name: "blank file", src: "\n   \n\t\n", summary: "Empty network", line: 1, detail: "The network has no populations"},
		{name: "comments only", src: "# a\n// b\n/* c */\n", summary: "Empty network", line: 1, detail: "The network has no populations"},
		{name: "colliding output names", src: lif1 + "monitor \"x\" {\n  count  = 1\n  target = population.a\n}\nmonitor \"x_0\" {\n  target = population.a\n}\n",
			summary: "Conflicting output files", line: 10, detail: `Monitor "x_0" writes its files as x_0.*, and so does monitor "x[0]" (declared at `},
		{name: "output names differing in case", src: lif1 + "monitor \"m\" {\n  target = population.a\n}\nmonitor \"M\" {\n  target = population.a\n}\n",
			summary: "Conflicting output files", line: 9, detail: `so does monitor "m"`},
		{name: "spike_times rows", src: "population \"g\" {\n  model       = \"spike_generator\"\n  n           = 3\n  spike_times = [[1], [2]]\n}\n",
			summary: `Invalid value for "spike_times"`, line: 4, detail: "There are 2 lists of spike times for 3 neurons"},
		{name: "nesting 10^5", src: "locals {\n  x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n}\n" + lif1,
			summary: "Nesting too deep", line: 2, detail: "at most 256 deep"},
		{name: "nesting in an interpolation", src: "locals {\n  x = \"${" + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "}\"\n}\n" + lif1,
			summary: "Nesting too deep", line: 2},
		{name: "nesting in a heredoc's interpolation", src: "locals {\n  x = <<EOT\ntext [[[\n${" + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "}\nEOT\n}\n" + lif1,
			summary: "Nesting too deep", line: 4},
		{name: "string of 2 MiB", src: "locals {\n  x = \"" + big(2<<20) + "\"\n}\n" + lif1,
			summary: "String too long", line: 2, detail: "at most 1 MiB"},
		{name: "heredoc of 2 MiB", src: "locals {\n  x = <<EOT\n" + strings.Repeat(big(1000)+"\n", 2100) + "EOT\n}\n" + lif1,
			summary: "String too long", line: 2, detail: "A heredoc may hold at most 1 MiB"},
		{name: "file of 17 MiB", src: "# " + big(17<<20) + "\n" + lif1,
			summary: "Cannot read file", line: 1, detail: "is larger than 16 MiB"},
		{name: "count 10^9", src: "population \"a\" {\n  count = 1e9\n  model = \"lif\"\n  n     = 1\n}\n",
			summary: "Invalid count argument", line: 2, detail: "Count must be at most 10000, not 1000000000."},
		{name: "instances in all", src: "population \"a\" {\n  count = 10\n  model = \"lif\"\n  n     = 1\n}\npopulation \"b\" {\n  count = 9995\n  model = \"lif\"\n  n     = 1\n}\n",
			summary: "Invalid count argument", line: 7, detail: "9995 more instances make 10005 in all, more than the limit of 10000"},
		{name: "chain of 2000 operators", src: "locals {\n  x = 1" + strings.Repeat(" + 1", 2000) + "\n}\n" + lif1,
			summary: "Expression too long", line: 2, detail: "at most 1000 operators"},
		{name: "unary chain", src: "locals {\n  x = " + strings.Repeat("!", 100000) + "true\n}\n" + lif1,
			summary: "Expression too long", line: 2},
		{name: "5000 attributes", src: "locals {\n" + strings.Repeat("  a = 1\n", 5000) + "}\n" + lif1,
			summary: "Too many attributes", line: 4098, detail: "at most 4096 attributes"},
		{name: "a list of 10^6 elements", src: "locals {\n  x = [" + strings.Repeat("1, ", 1000000) + "]\n}\n" + lif1,
			summary: "File too large", line: 2, detail: "at most 1048576 tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "net.hcl")
			require.NoError(t, os.WriteFile(path, []byte(tt.src), 0o644))
			start := time.Now()
			_, diags := loadAndCompile(t, path, dsl.Options{MaxMemory: tt.maxMemory})
			assert.Less(t, time.Since(start), time.Second, "refused quickly")
			require.NotEmpty(t, diags)
			d := diags[0]
			if tt.severity == 0 {
				tt.severity = hcl.DiagError
			} else {
				assert.False(t, diags.HasErrors(), "warnings only: %v", diags)
			}
			assert.Equal(t, tt.severity, d.Severity)
			assert.Equal(t, tt.summary, d.Summary)
			assert.Contains(t, d.Detail, tt.detail)
			require.NotNil(t, d.Subject, "a source range")
			assert.Equal(t, path, d.Subject.Filename)
			assert.Equal(t, tt.line, d.Subject.Start.Line, "line of %q", d.Detail)
			// Nothing is echoed in full.
			assert.Less(t, len(render(diags, nil)), 4000)
		})
	}
}

// TestDevZeroNetwork checks that a network "file" that never ends is
// refused at once.
func TestDevZeroNetwork(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	path := filepath.Join(t.TempDir(), "net.hcl")
	require.NoError(t, os.Symlink("/dev/zero", path))
	_, diags := dsl.Load(path, dsl.Options{})
	require.True(t, diags.HasErrors())
	assert.Equal(t, "Cannot read file", diags[0].Summary)
	assert.Contains(t, diags[0].Detail, "is not a regular file")
}

// TestDataFileLimits checks that weight and data files that never end,
// or announce more than they hold, are refused quickly.
func TestDataFileLimits(t *testing.T) {
	dir := t.TempDir()
	// An .npy header announcing 10^8 values in a file of a few bytes.
	npyHead := "{'descr': '<f8', 'fortran_order': False, 'shape': (10000, 10000), }"
	npyHead += strings.Repeat(" ", 63-len(npyHead)%64) + "\n"
	short := append([]byte("\x93NUMPY\x01\x00"), byte(len(npyHead)), byte(len(npyHead)>>8))
	short = append(append(short, npyHead...), 1, 2, 3)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "short.npy"), short, 0o644))
	files := map[string]string{"short.npy": "the header announces 100000000 values"}
	if _, err := os.Stat("/dev/zero"); err == nil {
		for _, name := range []string{"zero.csv", "zero.npy"} {
			require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, name)))
			files[name] = "is not a regular file"
		}
	}
	for name, want := range files {
		t.Run(name, func(t *testing.T) {
			src := "population \"a\" {\n  model = \"lif\"\n  n     = 10000\n}\nsynapse \"s\" {\n  from   = population.a\n  to     = population.a\n  weight = load(\"" + name + "\")\n}\n"
			path := filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".hcl")
			require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
			start := time.Now()
			_, diags := loadAndCompile(t, path, dsl.Options{})
			assert.Less(t, time.Since(start), time.Second)
			require.True(t, diags.HasErrors())
			assert.Equal(t, `Invalid value for "weight"`, diags[0].Summary)
			assert.Contains(t, diags[0].Detail, want)
			assert.Equal(t, 8, diags[0].Subject.Start.Line)
		})
	}
}

// TestOutputName checks the file names monitors' outputs get.
func TestOutputName(t *testing.T) {
	for in, want := range map[string]string{
		"exc": "exc", "exc[0]": "exc_0", `exc["a"]`: "exc_a", `m["a b/c"]`: "m_a_b_c", "x-1.v": "x-1.v",
	} {
		assert.Equal(t, want, dsl.OutputName(in), in)
	}
}

// TestLongDiagnosticsShortened checks that a long literal is not echoed
// in full: the source line is cut around the caret and quoted values are
// shortened.
func TestLongDiagnosticsShortened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "net.hcl")
	long := strings.Repeat("x", 500000)
	require.NoError(t, os.WriteFile(path, []byte("population \"a\" {\n  model = \""+long+"\"\n  n     = 1\n}\n"), 0o644))
	net, diags := dsl.Load(path, dsl.Options{})
	require.True(t, diags.HasErrors())
	out := render(diags, net.Files)
	assert.Less(t, len(out), 1500, out)
	assert.Contains(t, out, `"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (500000 characters)`)
	assert.Contains(t, out, "    2 |   model = \"xxx")
	assert.Contains(t, out, "...\n")
	assert.Less(t, len(dsl.ShortDiagnostic(diags[0])), 500)
}

// FuzzSyntaxLimits loads arbitrary text as the value of a local: loading
// must never crash (deep nesting would overflow the parser's stack), and
// text nested deeper than the limit must be refused before parsing.
func FuzzSyntaxLimits(f *testing.F) {
	for _, s := range []string{"[1, [2]]", `"${[1][0]}"`, "{a = (1)}", "<<EOT\n[[[\nEOT", `"\"[["`, "# [[[\n1", "/* [[ */ 1",
		strings.Repeat("[", 300), strings.Repeat("(", 257) + "1" + strings.Repeat(")", 257), `"${"${"${1}"}"}"`, "%{ if true }x%{ endif }"} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, s string) {
		path := filepath.Join(dir, "net.hcl")
		require.NoError(t, os.WriteFile(path, []byte("locals {\n  x = "+s+"\n}\n"+lif1), 0o644))
		_, diags := dsl.Load(path, dsl.Options{})
		if strings.Count(s, "[") > 10*dsl.MaxNesting && !strings.ContainsAny(s, "\"#/<]") {
			require.True(t, diags.HasErrors())
		}
	})
}

// TestDataInputTooLarge checks that a data population whose files hold
// more than the memory limit is refused from the files' headers, before
// the data are read.
func TestDataInputTooLarge(t *testing.T) {
	dir := t.TempDir()
	h := "{'descr': '<f8', 'fortran_order': False, 'shape': (10000, 10000), }"
	h += strings.Repeat(" ", 63-(10+len(h))%64) + "\n"
	head := append([]byte("\x93NUMPY\x01\x00"), byte(len(h)), byte(len(h)>>8))
	head = append(head, h...)
	f, err := os.Create(filepath.Join(dir, "big.npy"))
	require.NoError(t, err)
	_, err = f.Write(head)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(int64(len(head))+8e8)) // sparse: no disk used
	require.NoError(t, f.Close())
	path := filepath.Join(dir, "net.hcl")
	require.NoError(t, os.WriteFile(path, []byte(`population "d" {
  model   = "data"
  source  = "big.npy"
  stacked = true
  n       = 10000
}
`), 0o644))
	start := time.Now()
	_, diags := loadAndCompile(t, path, dsl.Options{MaxMemory: 1 << 30})
	assert.Less(t, time.Since(start), time.Second)
	require.True(t, diags.HasErrors())
	assert.Equal(t, "Not enough memory", diags[0].Summary)
	assert.Contains(t, diags[0].Detail, `population "d": 10000 neurons x 7 values and 800 MB of data, about 801 MB (2.4 GB while it is built)`)
	assert.Equal(t, 1, diags[0].Subject.Start.Line)
}

// TestLimitsAccept checks that large inputs within the limits still load.
func TestLimitsAccept(t *testing.T) {
	steps := make([]string, 3000)
	for i := range steps {
		steps[i] = "{ start = 1, stop = 2, amplitude = 1 }"
	}
	tests := map[string]string{
		"3000 stimulus steps":      lif1 + "stimulus \"s\" {\n  target = population.a\n  steps  = [" + strings.Join(steps, ", ") + "]\n}\n",
		"nesting 200":              "locals {\n  x = " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n}\n" + lif1,
		"10^5 elements":            "locals {\n  x = [" + strings.Repeat("1, ", 100000) + "]\n}\n" + lif1,
		"string of 500 kB":         "locals {\n  x = \"" + strings.Repeat("x", 500000) + "\"\n}\n" + lif1,
		"brackets in heredoc text": "locals {\n  x = <<-EOT\n  " + strings.Repeat("[", 300) + " $${" + strings.Repeat("(", 300) + "\n  ${1 + 1} %{if true}y%{endif}\n  EOT\n}\n" + lif1,
		"comments and heredoc":     "# [[[ {{{ \"\n/* ((( */\nlocals {\n  x = <<EOT\n[[[ \" ${\"a\"} \nEOT\n  y = \"$${[[[\"\n  z = 1 == 1 ? 2 : 3\n}\n" + lif1,
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "net.hcl")
			require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
			_, diags := dsl.Load(path, dsl.Options{})
			assert.False(t, diags.HasErrors(), "%v", diags)
		})
	}
}

// TestVarFileLimits checks that a -var-file that never ends is refused.
func TestVarFileLimits(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	path := filepath.Join(t.TempDir(), "net.hcl")
	require.NoError(t, os.WriteFile(path, []byte("variable \"x\" {\n  default = 1\n}\n"+lif1), 0o644))
	start := time.Now()
	_, diags := dsl.Load(path, dsl.Options{VarFiles: []string{"/dev/zero"}})
	assert.Less(t, time.Since(start), time.Second)
	require.True(t, diags.HasErrors())
	assert.Equal(t, "Cannot read file", diags[0].Summary)
	assert.Contains(t, diags[0].Detail, "/dev/zero is not a regular file")
}
