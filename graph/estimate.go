package graph

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/synapticflow/synapticflow-go/monitors"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// Limits on what a network may ask for. They are checked before anything
// is allocated.
const (
	// MaxNeurons is the largest population: neuron indices are int32.
	MaxNeurons = math.MaxInt32
	// MaxSteps is the most steps one run may take (duration/dt): 2^53,
	// beyond which step counts are no longer exact in float64.
	MaxSteps = 1 << 53
	// SpikeRateGuess is the rate in Hz at which a spike monitor is
	// assumed to record, to estimate its memory before the run (a spike
	// costs 12 bytes). The real rate is unknown until the run; 1 Hz is a
	// low guess, so that only a monitor that would surely not fit is
	// refused.
	SpikeRateGuess = 1.0
	// DefaultMemory is the memory assumed available where neither
	// /proc/meminfo nor a cgroup limit can be read: 4 GiB.
	DefaultMemory = 4 << 30
)

// Estimate is the memory one part of a network is expected to need.
type Estimate struct {
	// Kind is "population", "synapse" or "monitor"; Name the part's name.
	Kind, Name string
	// Bytes is what the part keeps while the network runs (for a
	// monitor: at the end of the run).
	Bytes int64
	// Peak is the most it holds at once while it is built (>= Bytes).
	Peak int64
	// Exact reports whether the count behind Bytes is exact (false for
	// the expected synapses of a random topology, or a guessed spike
	// rate).
	Exact bool
	// Detail says how the estimate was made, e.g. "p = 1 on 10^6 x 10^6
	// neurons is 10^12 synapses".
	Detail string
}

// String renders e as `synapse "ee": p = 1 on 10^6 x 10^6 neurons is
// 10^12 synapses, about 12 TB`.
func (e Estimate) String() string {
	s := fmt.Sprintf("%s %q: %s, about %s", e.Kind, e.Name, e.Detail, FormatBytes(e.Bytes))
	if e.Peak > e.Bytes+e.Bytes/4 {
		s += fmt.Sprintf(" (%s while it is built)", FormatBytes(e.Peak))
	}
	return s
}

// ModelMemory is implemented by neuron models that hold memory of their
// own beyond one float64 per neuron for each state variable and
// parameter, such as the data samples of a data model.
type ModelMemory interface {
	// ModelBytes returns the bytes the model keeps for n neurons beyond
	// its state variables and parameters, and the most it holds at once
	// while it prepares them (0 if it cannot tell). It must not allocate
	// what it estimates.
	ModelBytes(n int) (kept, peak int64)
}

// Estimate estimates, without allocating any of it, the memory each
// population, synapse edge and monitor of the network needs for a run of
// steps steps. The populations' sizes must be valid (see CheckSize).
func (n *Network) Estimate(steps int64) []Estimate {
	var out []Estimate
	for _, p := range n.pops {
		if p != nil {
			out = append(out, PopulationMemory(p))
		}
	}
	for _, s := range n.syns {
		if s != nil && s.Pre != nil && s.Post != nil {
			out = append(out, SynapseMemory(s, n.Dt))
		}
	}
	for _, m := range n.mons {
		if m != nil {
			if e, ok := MonitorMemory(m, steps, n.Dt); ok {
				out = append(out, e)
			}
		}
	}
	return out
}

// Total is the memory the parts need together: everything they keep, and
// on top the largest extra any one of them holds while it is built (they
// are built one after the other).
func Total(es []Estimate) int64 {
	var kept, extra int64
	for _, e := range es {
		kept = satAdd(kept, e.Bytes)
		extra = max(extra, e.Peak-e.Bytes)
	}
	return satAdd(kept, extra)
}

var paramType = reflect.TypeOf(neurons.Param(nil))

// PopulationMemory estimates a population's memory: one float64 per
// neuron for each state variable, per-neuron parameter, spike trace and
// input, one byte for its spike flag, and what the model reports itself
// (ModelMemory).
func PopulationMemory(p *neurons.Population) Estimate {
	size, _ := CheckedLen(p.Shape)
	values := int64(2) // the input current and the trace decay
	if p.Model != nil {
		values += int64(len(p.Model.Vars()))
		for _, info := range neurons.Describe(p.Model) {
			if info.Type == paramType {
				values++
			}
		}
		if p.Model.TraceParams().SpikeTrace {
			values++
		}
	}
	if p.SumInput {
		values++
	}
	bytes := satMul(size, satAdd(satMul(values, 8), 1))
	peak := bytes
	detail := fmt.Sprintf("%s neurons x %d values", FormatCount(float64(size)), values)
	if mm, ok := p.Model.(ModelMemory); ok && size <= MaxNeurons {
		if kept, most := mm.ModelBytes(int(size)); kept > 0 {
			bytes, peak = satAdd(bytes, kept), satAdd(peak, max(kept, most))
			detail += fmt.Sprintf(" and %s of data", FormatBytes(kept))
		}
	}
	return Estimate{Kind: "population", Name: p.Name, Bytes: bytes, Peak: peak, Exact: true, Detail: detail}
}

// SynapseMemory estimates an edge's memory with time step dt (ms) from
// its connector's synapse count (see synapses.Estimator).
func SynapseMemory(s *synapses.Synapse, dt float64) Estimate {
	m := s.EstimateMemory(dt)
	nPre, nPost := FormatCount(float64(s.Pre.Len())), FormatCount(float64(s.Post.Len()))
	count := FormatCount(float64(m.Synapses))
	if !m.Exact {
		count = "about " + count
	}
	var detail string
	switch c := s.Connect.(type) {
	case nil, synapses.Dense:
		detail = fmt.Sprintf("dense on %s x %s neurons is %s synapses", nPre, nPost, count)
	case synapses.Random:
		detail = fmt.Sprintf("p = %g on %s x %s neurons is %s synapses", c.P, nPre, nPost, count)
	case synapses.FixedInDegree:
		detail = fmt.Sprintf("k = %d on %s target neurons is %s synapses", c.K, nPost, count)
	default:
		detail = fmt.Sprintf("%v on %s x %s neurons is %s synapses", c, nPre, nPost, count)
	}
	return Estimate{Kind: "synapse", Name: s.Name, Bytes: m.Kept, Peak: m.Peak, Exact: m.Exact, Detail: detail}
}

// MonitorMemory estimates what an in-memory monitor records in a run of
// steps steps of dt ms; ok is false for monitors it does not know and for
// monitors that stream to a writer (they keep nothing).
func MonitorMemory(m monitors.Monitor, steps int64, dt float64) (e Estimate, ok bool) {
	e = Estimate{Kind: "monitor", Name: m.Name(), Exact: true}
	switch m := m.(type) {
	case *monitors.StateMonitor:
		if m.W != nil {
			return e, false
		}
		every := int64(max(m.Every, 1))
		records := steps / every
		var width int64
		what := "neurons"
		switch {
		case m.Indices != nil:
			width = int64(len(m.Indices))
		case m.Pop != nil:
			width, _ = CheckedLen(m.Pop.Shape)
		case m.Edge != nil && m.Edge.Pre != nil && m.Edge.Post != nil:
			width = m.Edge.EstimateMemory(dt).Synapses
			what = "synapses"
		}
		if m.Indices != nil && m.Edge != nil {
			what = "synapses"
		}
		if width == 1 {
			what = strings.TrimSuffix(what, "s")
		}
		values := satMul(satMul(int64(len(m.Vars)), width), records)
		e.Bytes = satAdd(satMul(values, 8), satMul(records, 8))
		e.Detail = fmt.Sprintf("%s x %s %s x %s records is %s values",
			plural(len(m.Vars), "variable"), FormatCount(float64(width)), what, FormatCount(float64(records)), FormatCount(float64(values)))
	case *monitors.RateMonitor:
		e.Bytes = satMul(steps, 16)
		e.Detail = fmt.Sprintf("the rate of %s steps", FormatCount(float64(steps)))
	case *monitors.SignalMonitor:
		records := steps / int64(max(m.Every, 1))
		e.Bytes = satMul(records, 16)
		e.Detail = fmt.Sprintf("%s records", FormatCount(float64(records)))
	case *monitors.SpikeMonitor:
		if m.W != nil || m.Pop == nil {
			return e, false
		}
		neurons, _ := CheckedLen(m.Pop.Shape)
		if m.Indices != nil {
			neurons = int64(len(m.Indices))
		}
		seconds := float64(steps) * dt / 1000
		spikes := float64(neurons) * seconds * SpikeRateGuess
		e.Bytes = satFloat(spikes * 12)
		e.Exact = false
		e.Detail = fmt.Sprintf("%s neurons for %s s at a guessed %g Hz is %s spikes",
			FormatCount(float64(neurons)), FormatCount(seconds), SpikeRateGuess, FormatCount(spikes))
	default:
		return e, false
	}
	e.Peak = e.Bytes
	return e, true
}

// CheckedLen returns the number of neurons of a population of the given
// shape, with an error if a dimension is not positive or the product
// exceeds MaxNeurons (it never overflows).
func CheckedLen(shape []int) (int64, error) {
	if len(shape) == 0 {
		return 0, fmt.Errorf("the shape has no dimension")
	}
	n := int64(1)
	for _, d := range shape {
		if d <= 0 {
			return 0, fmt.Errorf("shape %v has a dimension <= 0", shape)
		}
		if int64(d) > MaxNeurons || n > MaxNeurons/int64(d) {
			return MaxNeurons + 1, fmt.Errorf("shape %v has more than %d neurons (neuron indices are 32-bit)", shape, MaxNeurons)
		}
		n *= int64(d)
	}
	return n, nil
}

// satMul multiplies non-negative numbers, saturating at math.MaxInt64.
func satMul(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func satFloat(x float64) int64 {
	if !(x > 0) {
		return 0
	}
	if x >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(x)
}

// FormatBytes renders a byte count with SI units: "512 B", "12 TB"
// (three significant digits at most).
func FormatBytes(b int64) string {
	if b == math.MaxInt64 {
		return "more than 9 EB"
	}
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	x, u := float64(b), 0
	for x >= 1000 && u < len(units)-1 {
		x /= 1000
		u++
	}
	return strconv.FormatFloat(x, 'g', 3, 64) + " " + units[u]
}

// FormatCount renders a count for people: digits up to 99999, "10^6" for
// powers of ten and "2.5 x 10^7" above.
func FormatCount(x float64) string {
	if x < 1e5 {
		return strconv.FormatFloat(math.Round(x*1000)/1000, 'f', -1, 64)
	}
	exp := math.Floor(math.Log10(x))
	mant := x / math.Pow(10, exp)
	if mant >= 9.995 {
		mant, exp = 1, exp+1
	}
	if math.Abs(mant-1) < 1e-9 {
		return fmt.Sprintf("10^%d", int(exp))
	}
	return fmt.Sprintf("%s x 10^%d", strconv.FormatFloat(mant, 'g', 3, 64), int(exp))
}

// ParseBytes reads a memory size: a number with an optional unit, k, M,
// G, T (powers of 1000) or Ki, Mi, Gi, Ti (powers of 1024), with or
// without a trailing B, case-insensitive: "4GB", "512 MiB", "1e9".
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+')
	})
	// "1e9" has an e that is part of the number; a unit starts with a letter other than e.
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.TrimSpace(t[i:])
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || !(x >= 0) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a memory size (want e.g. 4GB, 512MiB or 1e9)", s)
	}
	mult := map[string]float64{
		"": 1, "b": 1,
		"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
		"ki": 1 << 10, "kib": 1 << 10, "mi": 1 << 20, "mib": 1 << 20, "gi": 1 << 30, "gib": 1 << 30, "ti": 1 << 40, "tib": 1 << 40,
	}
	f, ok := mult[strings.ToLower(unit)]
	if !ok {
		return 0, fmt.Errorf("%q: unknown unit %q (want B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)", s, unit)
	}
	x *= f
	if x >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(x), nil
}

// AvailableMemory returns the memory this process may still use and where
// the number comes from: MemAvailable of /proc/meminfo, or the cgroup's
// limit less its usage (/sys/fs/cgroup/memory.max and memory.current, or
// cgroup v1's memory.limit_in_bytes and memory.usage_in_bytes) if that is
// lower, or DefaultMemory where neither can be read.
func AvailableMemory() (int64, string) {
	avail, from := int64(-1), ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if kb, ok := meminfoField(b, "MemAvailable:"); ok {
			avail, from = kb*1024, "MemAvailable in /proc/meminfo"
		}
	}
	for _, cg := range [][2]string{
		{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},                                 // cgroup v2
		{"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}, // cgroup v1
	} {
		if limit, ok := readInt(cg[0]); ok {
			used, _ := readInt(cg[1])
			if free := max(limit-used, 0); avail < 0 || free < avail {
				avail, from = free, "the cgroup limit "+cg[0]
			}
			break
		}
	}
	if avail < 0 {
		return DefaultMemory, "a default, as the available memory is unknown"
	}
	return avail, from
}

func meminfoField(b []byte, key string) (int64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == key {
			v, err := strconv.ParseInt(f[1], 10, 64)
			return v, err == nil
		}
	}
	return 0, false
}

// readInt reads a file holding one integer ("max" is no limit).
func readInt(path string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return v, err == nil
}

// OverLimit checks estimates against a memory limit of limit bytes
// (from: where the limit comes from, for the message). If their Total
// exceeds it, it returns the estimates to blame: every one that exceeds
// the limit alone or, if none does, the largest ones that together make
// up more than half of the total, largest first.
func OverLimit(es []Estimate, limit int64) []Estimate {
	if limit <= 0 || Total(es) <= limit {
		return nil
	}
	var alone []Estimate
	for _, e := range es {
		if e.Peak > limit {
			alone = append(alone, e)
		}
	}
	if len(alone) > 0 {
		return alone
	}
	sorted := append([]Estimate(nil), es...)
	slices.SortStableFunc(sorted, func(a, b Estimate) int { return cmp.Compare(b.Peak, a.Peak) })
	total, sum := Total(es), int64(0)
	var out []Estimate
	for _, e := range sorted {
		out = append(out, e)
		sum = satAdd(sum, e.Peak)
		if sum > total/2 {
			break
		}
	}
	return out
}

// checkSizes refuses, before anything is allocated, populations whose
// size overflows and, with MaxMemory set, networks whose populations and
// synapses would need more memory than that.
func (n *Network) checkSizes(errs *Errors) {
	bad := false
	for _, p := range n.pops {
		if p == nil {
			continue
		}
		if _, err := CheckedLen(p.Shape); err != nil {
			errs.add("population", p.Name, err)
			bad = true
		}
	}
	if bad || n.MaxMemory <= 0 {
		return
	}
	es := n.Estimate(0)
	for _, e := range OverLimit(es, n.MaxMemory) {
		errs.add(e.Kind, e.Name, fmt.Errorf("%s; the network needs about %s in all, more than the memory limit MaxMemory = %s",
			strings.TrimPrefix(e.String(), fmt.Sprintf("%s %q: ", e.Kind, e.Name)), FormatBytes(Total(es)), FormatBytes(n.MaxMemory)))
	}
}

func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
