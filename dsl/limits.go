package dsl

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// Limits on network files, checked before a file is parsed (docs/language.md,
// "Limits").
const (
	// MaxFileBytes is the largest network file: 16 MiB.
	MaxFileBytes = 16 << 20
	// MaxNesting is the deepest nesting of brackets, braces, parentheses
	// and template interpolations.
	MaxNesting = 256
	// MaxLiteralBytes is the longest string literal or heredoc: 1 MiB.
	MaxLiteralBytes = 1 << 20
	// MaxTokenBytes is the longest number or name.
	MaxTokenBytes = 4096
	// MaxOperators is the most operators in one expression outside
	// brackets (between commas, or on one line of a block): the parser
	// nests each in the one before, so a long chain overflows its stack
	// as deep brackets do.
	MaxOperators = 1000
	// MaxTokens is the most tokens (names, numbers, strings, comments,
	// operators, brackets, commas) in a file: the parser takes hundreds
	// of bytes for each, and a list element nearly a kilobyte. Larger
	// arrays belong in data files read with load(...).
	MaxTokens = 1 << 20
	// MaxInstances is the most instances a network's blocks may stamp
	// out with count and for_each, all blocks together.
	MaxInstances = 10000
	// MaxAttributes is the most attributes of blocks (not of object
	// values) in a file.
	MaxAttributes = 4096
)

// readSource reads a network file, refusing one that is not a regular
// file or pipe or is larger than MaxFileBytes before reading it whole.
func readSource(path string) ([]byte, *hcl.Diagnostic) {
	fail := func(detail string) ([]byte, *hcl.Diagnostic) {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file",
			Detail: detail, Subject: &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}}
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(err.Error())
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail(err.Error())
	}
	if m := info.Mode(); !m.IsRegular() && m&os.ModeNamedPipe == 0 {
		return fail(fmt.Sprintf("%s is not a regular file.", path))
	}
	tooBig := fmt.Sprintf("%s is larger than %d MiB, the limit for a network file.", path, MaxFileBytes>>20)
	if info.Size() > MaxFileBytes {
		return fail(tooBig)
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return fail(err.Error())
	}
	if len(src) > MaxFileBytes {
		return fail(tooBig)
	}
	return src, nil
}

// checkSyntaxLimits scans src cheaply, skipping comments and the text of
// strings and heredocs, and refuses nesting deeper than MaxNesting (which
// would overflow the parser's stack, a crash that cannot be recovered),
// string literals longer than MaxLiteralBytes and names or numbers
// longer than MaxTokenBytes, at the position of the first offender.
func checkSyntaxLimits(filename string, src []byte) *hcl.Diagnostic {
	line, lineStart := 1, 0
	pos := func(i int) hcl.Pos {
		return hcl.Pos{Line: line, Column: utf8.RuneCount(src[lineStart:i]) + 1, Byte: i}
	}
	at := func(i int, summary, detail string) *hcl.Diagnostic {
		p := pos(i)
		end := p
		end.Column++
		end.Byte++
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail,
			Subject: &hcl.Range{Filename: filename, Start: p, End: end}}
	}
	tooDeep := func(i int) *hcl.Diagnostic {
		return at(i, "Nesting too deep", fmt.Sprintf("Brackets, braces and parentheses may nest at most %d deep.", MaxNesting))
	}
	// stack holds what each open level is closed by, ')', ']', '}' or,
	// for a template interpolation "${", '$', and the operators counted
	// before it opened; ops counts the operators of the current
	// expression.
	type level struct {
		close  byte
		ops    int
		body   bool   // a block's body, not an object value
		marker string // for an interpolation in a heredoc: its end marker
	}
	var stack []level
	ops, tokens, attributes := 0, 0, 0
	// prev is the last byte that is not a space, outside comments.
	var prev byte
	inBody := func() bool { return len(stack) == 0 || stack[len(stack)-1].body }
	// The text of a string or heredoc is skipped, but for its
	// interpolations; marker is the end of the heredoc being read.
	inString, strStart := false, 0
	inHeredoc, marker, docStart, docLine, docLineStart := false, "", 0, 0, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line, lineStart = line+1, i+1
			if len(stack) == 0 || stack[len(stack)-1].close == '}' {
				ops = 0 // the end of an attribute
			}
		}
		if inHeredoc {
			if i == lineStart {
				end := indexByteFrom(src, '\n', i)
				if end < 0 {
					end = len(src)
				}
				if strings.TrimSpace(string(src[i:end])) == marker {
					inHeredoc, prev = false, 'x'
					i = end - 1
					continue
				}
			}
			switch {
			case (c == '$' || c == '%') && i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
				i += 2 // "$${" is a literal "${"
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				if len(stack) >= MaxNesting {
					return tooDeep(i)
				}
				stack = append(stack, level{close: '$', ops: ops, marker: marker})
				ops, inHeredoc = 0, false
				i++
			case i-docStart > MaxLiteralBytes:
				line, lineStart = docLine, docLineStart
				return at(docStart, "String too long", fmt.Sprintf("A heredoc may hold at most %d MiB.", MaxLiteralBytes>>20))
			}
			continue
		}
		if inString {
			switch {
			case c == '\\' && i+1 < len(src):
				i++
			case c == '"' || c == '\n':
				inString, prev = false, '"'
			case (c == '$' || c == '%') && i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
				i += 2 // "$${" is a literal "${"
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				if len(stack) >= MaxNesting {
					return tooDeep(i)
				}
				stack = append(stack, level{close: '$', ops: ops})
				ops = 0
				inString = false
				i++
			}
			if inString && i-strStart > MaxLiteralBytes {
				return at(strStart, "String too long", fmt.Sprintf("A string literal may hold at most %d MiB.", MaxLiteralBytes>>20))
			}
			continue
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			if tokens++; tokens > MaxTokens {
				return at(i, "File too large", fmt.Sprintf("A network file may have at most %d tokens (names, numbers, strings, comments, operators); read large arrays from a data file with load(...).", MaxTokens))
			}
		}
		comment := false
		switch {
		case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
			comment = true
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i-- // the newline is counted above
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			comment = true
			end := bytes.Index(src[i+2:], []byte("*/"))
			stop := len(src)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			for ; i < stop-1; i++ {
				if src[i] == '\n' {
					line, lineStart = line+1, i+1
				}
			}
		case c == '"':
			inString, strStart = true, i
		case c == '<' && i+1 < len(src) && src[i+1] == '<' && i+2 < len(src) && isHeredocStart(src[i+2:]):
			j := i + 2
			if src[j] == '-' {
				j++
			}
			k := j
			for k < len(src) && isIdentByte(src[k]) {
				k++
			}
			// The text starts on the next line and ends at a line
			// holding only the marker.
			nl := indexByteFrom(src, '\n', k)
			if nl < 0 {
				return nil // unterminated: the parser reports it
			}
			inHeredoc, marker = true, string(src[j:k])
			docStart, docLine, docLineStart = i, line, lineStart
			i = nl - 1 // the newline is counted next
			continue
		case c == '(' || c == '[' || c == '{':
			if len(stack) >= MaxNesting {
				return tooDeep(i)
			}
			// A block's body follows its type or a label; an object
			// value follows "=", ":", "(", "[", "," or "?".
			body := c == '{' && (prev == '"' || isIdentByte(prev)) && inBody()
			stack = append(stack, level{close: map[byte]byte{'(': ')', '[': ']', '{': '}'}[c], ops: ops, body: body})
			ops = 0
		case c == ')' || c == ']' || c == '}':
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if top.close == '$' && c == '}' {
					// Back in the string or heredoc after "${...}".
					if top.marker != "" {
						inHeredoc, marker = true, top.marker
					} else {
						inString = true
					}
				}
				stack, ops = stack[:len(stack)-1], top.ops
			}
		case c == '=' && inBody() && !strings.ContainsRune("=!<>", rune(prev)) && (i+1 >= len(src) || src[i+1] != '=' && src[i+1] != '>'):
			if attributes++; attributes > MaxAttributes {
				return at(i, "Too many attributes", fmt.Sprintf("A network file may have at most %d attributes.", MaxAttributes))
			}
		case c == ',':
			ops = 0
		case strings.IndexByte("+-*/%!?:<>&|", c) >= 0:
			if ops++; ops > MaxOperators {
				return at(i, "Expression too long", fmt.Sprintf("An expression may have at most %d operators outside brackets.", MaxOperators))
			}
		case isIdentStart(c):
			j := i
			for j < len(src) && (isIdentByte(src[j]) || src[j] == '.' && j+1 < len(src) && src[j+1] >= '0' && src[j+1] <= '9') {
				j++
			}
			if j-i > MaxTokenBytes {
				return at(i, "Name or number too long", fmt.Sprintf("A name or number may have at most %d characters.", MaxTokenBytes))
			}
			i = j - 1
		}
		if !comment && c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			prev = src[i]
		}
	}
	return nil
}

func isIdentStart(c byte) bool {
	return c != '-' && isIdentByte(c)
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isHeredocStart(b []byte) bool {
	if b[0] == '-' {
		b = b[1:]
	}
	return len(b) > 0 && (b[0] == '_' || b[0] >= 'a' && b[0] <= 'z' || b[0] >= 'A' && b[0] <= 'Z')
}

func indexByteFrom(b []byte, c byte, from int) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// checkEmpty refuses a network without populations: it would simulate
// nothing. The diagnostic is at the start of the first file.
func checkEmpty(paths []string, pops []*hcl.Block) hcl.Diagnostics {
	if len(pops) > 0 {
		return nil
	}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Empty network",
		Detail:  "The network has no populations: it would simulate nothing. Declare at least one population block.",
		Subject: &hcl.Range{Filename: paths[0], Start: hcl.InitialPos, End: hcl.InitialPos}}}
}

// OutputName is the file name stem netrun gives a block's outputs (its
// monitor files MON.*, weight files SYN.weights.npy): instance keys such
// as exc[0] or exc["a"] become exc_0 and exc_a, and anything but letters,
// digits, '-', '_' and '.' becomes '_'.
func OutputName(name string) string {
	name = strings.NewReplacer("[", "_", "]", "", `"`, "").Replace(name)
	return strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			return c
		}
		return '_'
	}, name)
}

// checkOutputNames refuses monitors whose output files would have the
// same names (compared case-insensitively, for file systems that do),
// so that one cannot silently overwrite the other.
func checkOutputNames(mons []*Monitor) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := make(map[string]*Monitor)
	for _, m := range mons {
		key := strings.ToLower(OutputName(m.Name))
		first, dup := seen[key]
		if !dup {
			seen[key] = m
			continue
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Conflicting output files",
			Detail: fmt.Sprintf("Monitor %q writes its files as %s.*, and so does monitor %q (declared at %s): one would overwrite the other. Rename one of them.",
				m.Name, OutputName(m.Name), first.Name, rangeString(first.Range)),
			Subject: m.Range.Ptr(),
		})
	}
	return diags
}

// checkSpikeTimes requires one list of spike_times per neuron: fewer would
// silently leave the other neurons silent.
func checkSpikeTimes(m neurons.Model, attrs hcl.Attributes, size int) *hcl.Diagnostic {
	g, ok := m.(*neurons.SpikeGenerator)
	a := attrs["spike_times"]
	if !ok || a == nil || size <= 0 || len(g.Times) == size {
		return nil
	}
	return attrErr(a, fmt.Sprintf("there are %d lists of spike times for %d neurons: give one list per neuron, [] for a neuron that never spikes", len(g.Times), size))
}

// recordSimulation keeps the source ranges of the simulation block's
// attributes, for the diagnostics of Compile.
func (l *loader) recordSimulation(blocks []*hcl.Block) {
	l.net.fileDuration = l.net.Simulation.Duration
	l.net.durationOverridden = l.opts.Overrides.Duration != nil
	if len(blocks) == 0 {
		return
	}
	l.net.ranges["simulation/"] = blocks[0].DefRange
	if body, ok := blocks[0].Body.(*hclsyntax.Body); ok {
		for name, a := range body.Attributes {
			l.net.ranges["simulation//"+name] = a.SrcRange
		}
	}
}

// wholeSteps is the relative tolerance within which duration/dt counts as
// a whole number of steps.
const wholeSteps = 1e-9

// checkResources checks, before anything is allocated, that the run
// simulates something and that the network fits in memory: the number of
// steps duration/dt is at least one and at most graph.MaxSteps (a
// duration of 0 and one that is not a whole number of steps get a
// warning), and the memory estimate of every population, synapse edge and
// monitor (graph.Estimate) is within MaxMemory.
func (n *Network) checkResources() hcl.Diagnostics {
	var diags hcl.Diagnostics
	sim := n.Simulation
	dt, dur := n.Graph.Dt, sim.Duration
	overridden := dur != n.fileDuration || n.durationOverridden
	durRange := n.rangeOf("simulation", "", "duration")
	if overridden {
		durRange = nil
	}
	dtRange := n.rangeOf("simulation", "", "dt")
	if !(dt > 0) || math.IsInf(dt, 0) || !(dur >= 0) || math.IsInf(dur, 0) {
		return nil // reported by Load and by graph.Compile
	}
	steps := dur / dt
	switch {
	case steps > graph.MaxSteps:
		return append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many steps",
			Detail:  fmt.Sprintf("A duration of %g ms in steps of dt = %g ms is %s steps, more than the limit of 2^53.", dur, dt, graph.FormatCount(steps)),
			Subject: rangeOr(dtRange, durRange)})
	case dur == 0:
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Nothing to simulate",
			Detail: "The duration is 0 ms: a run simulates no step.", Subject: durRange})
	case dur < dt:
		return append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nothing to simulate",
			Detail:  fmt.Sprintf("Duration %g ms is shorter than one step dt = %g ms.", dur, dt),
			Subject: rangeOr(durRange, dtRange)})
	case math.Abs(steps-math.Round(steps)) > wholeSteps*steps:
		r := math.Round(steps)
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Duration is not a whole number of steps",
			Detail:  fmt.Sprintf("Duration %g ms is %g steps of dt = %g ms; the run takes %d steps (%g ms).", dur, steps, dt, int64(r), r*dt),
			Subject: rangeOr(durRange, dtRange)})
	}
	stepCount := int64(math.Round(steps))
	for _, p := range n.Populations() {
		if _, err := graph.CheckedLen(p.Shape); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Population too large",
				Detail: upperFirst(err.Error()) + ".", Subject: n.rangeOf("population", p.Name, "shape")})
		}
	}
	if diags.HasErrors() {
		return diags
	}
	limit, from := n.MaxMemory, "set with -max-memory"
	if limit == 0 {
		limit, from = graph.AvailableMemory()
		from = "the memory available, by " + from + "; set another limit with -max-memory"
	}
	if limit < 0 {
		return diags
	}
	es := n.Graph.Estimate(stepCount)
	total := graph.Total(es)
	// One diagnostic per block: a monitor block makes several engine
	// monitors ("m", "m.rate", "m.state").
	var order []string
	parts := make(map[string][]string)
	ranges := make(map[string]*hcl.Range)
	for _, e := range graph.OverLimit(es, limit) {
		r := n.rangeOf(e.Kind, e.Name, "")
		if r == nil {
			r = rangeOr(durRange, dtRange)
		}
		key := e.Kind + "/" + e.Name
		if r != nil {
			key = fmt.Sprintf("%s:%d", r.Filename, r.Start.Byte)
		}
		if _, ok := parts[key]; !ok {
			order = append(order, key)
			ranges[key] = r
		}
		parts[key] = append(parts[key], e.String())
	}
	for _, key := range order {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Not enough memory",
			Detail: fmt.Sprintf("%s. The network needs about %s in all, more than the limit of %s (%s).",
				strings.Join(parts[key], "; "), graph.FormatBytes(total), graph.FormatBytes(limit), from),
			Subject: ranges[key],
		})
	}
	return diags
}

// rangeOr returns the first range that is not nil.
func rangeOr(rs ...*hcl.Range) *hcl.Range {
	for _, r := range rs {
		if r != nil {
			return r
		}
	}
	return nil
}

// stamp counts n more block instances made by count or for_each, and
// refuses them beyond MaxInstances in all.
func (l *loader) stamp(n int) error {
	switch {
	case n > MaxInstances:
		return fmt.Errorf("count must be at most %d, not %d", MaxInstances, n)
	case l.stamped+n > MaxInstances:
		return fmt.Errorf("%d more instances make %d in all, more than the limit of %d for all blocks together", n, l.stamped+n, MaxInstances)
	}
	l.stamped += n
	return nil
}
