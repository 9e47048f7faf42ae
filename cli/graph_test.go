package cli_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/cli"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGraphDOTGolden compares netrun graph's DOT with a golden file: a
// stimulus, monitors, lateral inhibition and an inhibitory population
// drawn as inhibitory (tee heads), a learning rule on its edge, "1 step".
func TestGraphDOTGolden(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "graph", testdata("graph/net.hcl"))
	require.Equal(t, cli.ExitOK, code, stderr)
	golden := testdata("graph/net.dot")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(stdout), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), stdout)
	// The points of the issue, spelled out.
	assert.Contains(t, stdout, `delay 0.1 ms (1 step)\n`, "singular step")
	assert.NotContains(t, stdout, "(1 steps)")
	assert.Regexp(t, `"exc" -> "exc" \[label="exc_lateral\\n.*lateral inhibition", color="#c0392b".*arrowhead=tee\]`, stdout)
	assert.Regexp(t, `"inh" -> "exc" .*arrowhead=tee\]`, stdout)
	assert.Regexp(t, `"in" -> "exc" \[label="in_exc\\n.*\\nlearning stdp, lr \[0.01\]", penwidth=2\]`, stdout)
	assert.Equal(t, 2, strings.Count(stdout, "arrowhead=tee"))
}

// svgElem is an element of an SVG document: its name, attributes and
// text, and its children.
type svgElem struct {
	name  string
	attrs map[string]string
	text  string
	kids  []*svgElem
}

// parseSVG parses an SVG document with encoding/xml (failing the test if
// it is not well-formed XML) and returns its root element.
func parseSVG(t *testing.T, data []byte) *svgElem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &svgElem{}
	stack := []*svgElem{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "SVG is not well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, e := range stack[1:] {
				e.text += string(tok)
			}
		}
	}
	require.Len(t, stack, 1, "unclosed elements")
	require.Len(t, root.kids, 1, "one root element")
	return root.kids[0]
}

// byID indexes the elements of the tree that have an id.
func (e *svgElem) byID(m map[string]*svgElem) map[string]*svgElem {
	if m == nil {
		m = map[string]*svgElem{}
	}
	if id, ok := e.attrs["id"]; ok {
		m[id] = e
	}
	for _, k := range e.kids {
		k.byID(m)
	}
	return m
}

func (e *svgElem) find(name string) *svgElem {
	for _, k := range e.kids {
		if k.name == name {
			return k
		}
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

func hasClass(e *svgElem, c string) bool {
	for _, x := range strings.Fields(e.attrs["class"]) {
		if x == c {
			return true
		}
	}
	return false
}

// TestGraphSVG draws the fixture as SVG without Graphviz: well-formed XML
// with every node and edge, inhibitory edges marked and tee-headed.
func TestGraphSVG(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no dot program
	out := filepath.Join(t.TempDir(), "net.svg")
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "graph", "-format", "svg", "-o", out, testdata("graph/net.hcl"))
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Empty(t, stdout, "written to -o")
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	root := parseSVG(t, data)
	assert.Equal(t, "svg", root.name)
	assert.Equal(t, "http://www.w3.org/2000/svg", root.attrs["xmlns"])
	ids := root.byID(nil)

	for _, n := range []struct{ id, class, text string }{
		{"node-in", "population", "inpoisson, n=4"},
		{"node-exc", "population", "exclif, n=3"},
		{"node-inh", "inhibitory", "inhlif, n=2inhibitory"},
		{"node-stimulus:drive", "stimulus", "drivestimulus current"},
		{"node-monitor:spikes", "monitor", "spikesmonitor: s"},
		{"node-monitor:w", "monitor", "wmonitor: w"},
	} {
		e, ok := ids[n.id]
		if assert.True(t, ok, "node %s", n.id) {
			assert.True(t, hasClass(e, "node") && hasClass(e, n.class), "%s class %q", n.id, e.attrs["class"])
			assert.Equal(t, n.text, strings.TrimSpace(e.find("text").text), n.id)
		}
	}
	for _, c := range []struct {
		id      string
		classes []string
		marker  string
	}{
		{"edge-in_exc", []string{"synapse", "excitatory", "plastic"}, "url(#arrow-"},
		{"edge-exc_inh", []string{"synapse", "excitatory"}, "url(#arrow-"},
		{"edge-inh_exc", []string{"synapse", "inhibitory"}, "url(#tee-"},
		{"edge-exc_lateral", []string{"synapse", "inhibitory", "lateral"}, "url(#tee-"},
		{"edge-stimulus:drive->exc", []string{"input"}, "url(#arrow-"},
		{"edge-monitor:spikes", []string{"record"}, ""},
		{"edge-monitor:w", []string{"record"}, ""},
	} {
		e, ok := ids[c.id]
		if !assert.True(t, ok, "edge %s", c.id) {
			continue
		}
		for _, cl := range append(c.classes, "edge") {
			assert.True(t, hasClass(e, cl), "%s has class %q (%q)", c.id, cl, e.attrs["class"])
		}
		path := e.find("path")
		require.NotNil(t, path, c.id)
		if c.marker == "" {
			assert.Empty(t, path.attrs["marker-end"], c.id)
		} else {
			assert.True(t, strings.HasPrefix(path.attrs["marker-end"], c.marker), "%s marker %q", c.id, path.attrs["marker-end"])
			// The marker it names is defined.
			_, defined := ids[strings.TrimSuffix(strings.TrimPrefix(path.attrs["marker-end"], "url(#"), ")")]
			assert.True(t, defined, c.id)
		}
	}
	// Labels: learning rule and the singular step.
	assert.Contains(t, ids["label-in_exc"].text, "learning stdp, lr [0.01]")
	assert.Contains(t, ids["label-in_exc"].text, "delay 0.1 ms (1 step)")
	assert.Contains(t, ids["label-exc_lateral"].text, "lateral inhibition")
	n := 0
	for id, e := range ids {
		if strings.HasPrefix(id, "edge-") && hasClass(e, "inhibitory") {
			n++
		}
	}
	assert.Equal(t, 2, n, "only inh_exc and the lateral inhibition are inhibitory")

	// Without -o the picture goes to standard output.
	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "graph", "-format", "svg", testdata("graph/net.hcl"))
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Equal(t, string(data), stdout)
}

// TestGraphSVGExamples draws every example as well-formed SVG with a node
// per population.
func TestGraphSVGExamples(t *testing.T) {
	dirs, err := filepath.Glob("../examples/*/*.hcl")
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, f := range dirs {
		dir := filepath.Dir(f)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "graph", "-format", "svg", dir)
			if code != cli.ExitOK {
				t.Skipf("example does not compile on its own: %s", firstLine(stderr))
			}
			root := parseSVG(t, []byte(stdout))
			ids := root.byID(nil)
			code, dot, _ := netrun(t, context.Background(), cli.Config{}, "graph", dir)
			require.Equal(t, cli.ExitOK, code)
			// Every population and edge of the DOT is in the SVG.
			for _, line := range strings.Split(dot, "\n") {
				line = strings.TrimSpace(line)
				if m := dotID.FindStringSubmatch(line); m != nil && !strings.Contains(line, " -> ") {
					id := strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(m[1])
					_, ok := ids["node-"+id]
					assert.True(t, ok, "node %s", id)
				}
			}
			assert.Equal(t, strings.Count(dot, " -> "), countPrefix(ids, "edge-"))
		})
	}
	assert.NotEmpty(t, seen)
}

// dotID matches a quoted DOT ID at the start of a line.
var dotID = regexp.MustCompile(`^"((?:[^"\\]|\\.)*)"`)

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func countPrefix(ids map[string]*svgElem, prefix string) int {
	n := 0
	for id := range ids {
		if strings.HasPrefix(id, prefix) {
			n++
		}
	}
	return n
}

// TestGraphNeedsGraphviz: a Graphviz format without a dot program is one
// clear line; with one, netrun pipes the DOT through it.
func TestGraphNeedsGraphviz(t *testing.T) {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "graph", "-format", "png", "-o", filepath.Join(bin, "x.png"), testdata("graph/net.hcl"))
	assert.Equal(t, cli.ExitConfig, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "netrun graph: -format png needs Graphviz's dot program, which was not found in PATH; install Graphviz, or use -format svg (drawn without Graphviz)\n", stderr)
	assert.NoFileExists(t, filepath.Join(bin, "x.png"))

	// A stand-in dot that echoes its flag and input.
	require.NoError(t, os.WriteFile(filepath.Join(bin, "dot"), []byte("#!/bin/sh\necho \"fake $1\"\nexec /bin/cat\n"), 0o755))
	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "graph", "-format", "png", testdata("graph/net.hcl"))
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "fake -Tpng\ndigraph network {\n"), stdout)

	// A dot that fails: its first line of error, after what was run.
	require.NoError(t, os.WriteFile(filepath.Join(bin, "dot"), []byte("#!/bin/sh\necho 'Error: boom' >&2\necho more >&2\nexit 1\n"), 0o755))
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "graph", "-format", "pdf", testdata("graph/net.hcl"))
	assert.Equal(t, cli.ExitConfig, code)
	assert.Equal(t, "netrun graph: Graphviz's dot -Tpdf failed: Error: boom\n", stderr)

	// A format that cannot be one is a usage error.
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "graph", "-format", "../x", testdata("graph/net.hcl"))
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, stderr, `invalid value "../x" for flag -format`)
	assert.Contains(t, stderr, "Run 'netrun graph -h' for usage.")
}
