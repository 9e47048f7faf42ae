package equations_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/neurons"
)

// benchStep runs m over n neurons with an input near rheobase and reports
// the time per neuron update.
func benchStep(b *testing.B, m neurons.Model, input float64) {
	const n = 4096
	if err := m.Init(n, 0.1, rand.New(rand.NewPCG(1, 2))); err != nil {
		b.Fatal(err)
	}
	x, s := make([]float64, n), make([]bool, n)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range x {
		x[i] = input * (0.8 + 0.4*r.Float64())
	}
	c := neurons.Chunk{Lo: 0, Hi: n, Rand: r}
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		c.Step = k
		if cm, ok := m.(neurons.CheckingModel); ok {
			cm.StepCheck(c, x, s)
		} else {
			m.Step(c, x, s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/neuron")

}

func equivalent(b *testing.B, name, method string) neurons.Model {
	for _, e := range equivalents {
		if e.name == name {
			s := e.spec
			s.Method = method
			d, err := equations.Compile(s)
			if err != nil {
				b.Fatal(err)
			}
			return d.New()
		}
	}
	b.Fatal("no equivalent ", name)
	return nil
}

func BenchmarkLIFBuiltinExact(b *testing.B) {
	m := neurons.NewLIF()
	m.Method = neurons.Exact
	benchStep(b, m, 0.5)
}

func BenchmarkLIFEquationsExact(b *testing.B) { benchStep(b, equivalent(b, "lif", "exact"), 0.5) }

func BenchmarkLIFBuiltinEuler(b *testing.B) { benchStep(b, neurons.NewLIF(), 0.5) }

func BenchmarkLIFEquationsEuler(b *testing.B) { benchStep(b, equivalent(b, "lif", "euler"), 0.5) }

func BenchmarkAdExBuiltin(b *testing.B) { benchStep(b, neurons.NewAELIF(), 2.5) }

func BenchmarkAdExEquations(b *testing.B) { benchStep(b, equivalent(b, "aelif", "euler"), 2.5) }

func BenchmarkIzhikevichBuiltin(b *testing.B) { benchStep(b, neurons.NewIzhikevich(), 3.8) }

func BenchmarkIzhikevichEquations(b *testing.B) {
	benchStep(b, equivalent(b, "izhikevich", "euler"), 3.8)
}

// BenchmarkCompile measures loading a model: parsing, checking and
// choosing the method (Compile), and Init, which builds the programs.
func BenchmarkCompile(b *testing.B) {
	for k := 0; k < b.N; k++ {
		d, err := equations.Compile(adex)
		if err != nil {
			b.Fatal(err)
		}
		if err := d.New().Init(100, 0.1, rand.New(rand.NewPCG(1, 1))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRatios times each equation model against its built-in model in
// alternating rounds and reports the ratio of the median round times
// (equations / built-in), which is robust to a loaded machine.
func BenchmarkRatios(b *testing.B) {
	lifExact := neurons.NewLIF()
	lifExact.Method = neurons.Exact
	for _, c := range []struct {
		name    string
		builtin neurons.Model
		eq      neurons.Model
		input   float64
	}{
		{"lif_exact", lifExact, equivalent(b, "lif", "exact"), 0.5},
		{"lif_euler", neurons.NewLIF(), equivalent(b, "lif", "euler"), 0.5},
		{"adex_euler", neurons.NewAELIF(), equivalent(b, "aelif", "euler"), 2.5},
		{"izhikevich_euler", neurons.NewIzhikevich(), equivalent(b, "izhikevich", "euler"), 3.8},
	} {
		b.Run(c.name, func(b *testing.B) {
			const n, steps, rounds = 4096, 50, 41
			round := func(m neurons.Model, x []float64, s []bool, k0 int) time.Duration {
				t0 := time.Now()
				for k := range steps {
					m.Step(neurons.Chunk{Lo: 0, Hi: n, Step: k0 + k, Rand: rand.New(rand.NewPCG(1, uint64(k)))}, x, s)
				}
				return time.Since(t0)
			}
			x, s := make([]float64, n), make([]bool, n)
			r := rand.New(rand.NewPCG(5, 6))
			for i := range x {
				x[i] = c.input * (0.8 + 0.4*r.Float64())
			}
			for k := 0; k < b.N; k++ {
				for _, m := range []neurons.Model{c.builtin, c.eq} {
					if err := m.Init(n, 0.1, rand.New(rand.NewPCG(1, 2))); err != nil {
						b.Fatal(err)
					}
				}
				var tb, te []time.Duration
				for j := range rounds {
					tb = append(tb, round(c.builtin, x, s, j*steps))
					te = append(te, round(c.eq, x, s, j*steps))
				}
				slices.Sort(tb)
				slices.Sort(te)
				mb, me := tb[rounds/2], te[rounds/2]
				b.ReportMetric(float64(mb.Nanoseconds())/steps/n, "builtin-ns/neuron")
				b.ReportMetric(float64(me.Nanoseconds())/steps/n, "eq-ns/neuron")
				b.ReportMetric(float64(me)/float64(mb), "ratio")
			}
		})
	}
}

// BenchmarkHodgkinHuxley is the COBAHH neuron (exponential Euler) per
// neuron update.
func BenchmarkHodgkinHuxley(b *testing.B) {
	d, err := equations.Compile(cobahh)
	if err != nil {
		b.Fatal(err)
	}
	benchStep(b, d.New(), 0.5)
}
