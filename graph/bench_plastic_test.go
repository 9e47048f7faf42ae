package graph_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
)

// plasticEdges are the CUBA edges that learn in the plastic variant: the
// excitatory ones, from exc to exc and to inh.
var plasticEdges = []string{"ee", "ei"}

// newPlasticSTDP returns the rule of the plastic CUBA network: pair STDP
// (tau 20 ms both ways), depression slightly stronger than potentiation,
// changes of about 0.1% of the CUBA weight per pair, hard bounds [0,
// 2*cuba.WE]. The weights drift slowly, so over a second the activity
// stays that of the static network and the comparison is one of cost.
func newPlasticSTDP() learning.Rule {
	r := learning.NewSTDP()
	r.LR = []float64{1.05e-3 * cuba.WE, 1e-3 * cuba.WE}
	r.WMin, r.WMax = []float64{0}, []float64{2 * cuba.WE}
	return r
}

// compileCUBA compiles the CUBA network of bench/cuba with the given
// workers, with STDP on its excitatory edges if plastic is set.
func compileCUBA(tb testing.TB, seed uint64, workers int, plastic bool) *graph.Sim {
	tb.Helper()
	net := cuba.Build(seed)
	net.Workers = workers
	if plastic {
		// cuba.Build does not expose its edges; a first compilation
		// does, and the second one initialises the rules.
		sim, err := net.Compile()
		require.NoError(tb, err)
		for _, name := range plasticEdges {
			sim.Synapse(name).Rule = newPlasticSTDP()
		}
	}
	sim, err := net.Compile()
	require.NoError(tb, err)
	return sim
}

// BenchmarkCUBAPlastic compares one second of biological time of the CUBA
// network (bench/cuba) static and with STDP on its excitatory synapses
// (ee and ei, 80% of the synapses and of the synaptic events): each
// iteration resets and runs both, and the benchmark reports the cost of
// each (sim-s/bio-s), their ratio (plastic/static) and the firing rate of
// each (Hz), which must agree for the ratio to compare like with like.
func BenchmarkCUBAPlastic(b *testing.B) {
	const bioMs = 1000
	for _, w := range workerCounts() {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			static, plastic := compileCUBA(b, 1, w, false), compileCUBA(b, 1, w, true)
			ctx := context.Background()
			var tStatic, tPlastic time.Duration
			for b.Loop() {
				for _, run := range []struct {
					sim *graph.Sim
					dur *time.Duration
				}{{static, &tStatic}, {plastic, &tPlastic}} {
					require.NoError(b, run.sim.Reset())
					start := time.Now()
					if err := run.sim.Run(ctx, bioMs); err != nil {
						b.Fatal(err)
					}
					*run.dur += time.Since(start)
				}
			}
			n := float64(b.N)
			b.ReportMetric(tStatic.Seconds()/n/(bioMs/1000), "static-sim-s/bio-s")
			b.ReportMetric(tPlastic.Seconds()/n/(bioMs/1000), "plastic-sim-s/bio-s")
			b.ReportMetric(tPlastic.Seconds()/tStatic.Seconds(), "plastic/static")
			b.ReportMetric(float64(static.Stats().TotalSpikes)/cuba.N/(bioMs/1000), "static-Hz")
			b.ReportMetric(float64(plastic.Stats().TotalSpikes)/cuba.N/(bioMs/1000), "plastic-Hz")
		})
	}
}

// TestCUBAPlasticLearns checks that the plastic CUBA network of the
// benchmark does learn: after 100 ms the weights of ee and ei have moved
// off cuba.WE, within the rule's bounds, while the static edges keep
// theirs; and that it gives the same weights for 1 and 2 workers.
func TestCUBAPlasticLearns(t *testing.T) {
	weights := func(workers int) map[string][]float64 {
		sim := compileCUBA(t, 3, workers, true)
		require.NoError(t, sim.Run(context.Background(), 100))
		require.Positive(t, sim.Stats().Spikes["exc"])
		out := make(map[string][]float64)
		for _, name := range []string{"ee", "ei", "ie", "ii"} {
			out[name] = append([]float64(nil), sim.Synapse(name).Weights()...)
		}
		return out
	}
	w1 := weights(1)
	for _, name := range plasticEdges {
		moved := 0
		for _, x := range w1[name] {
			assert.True(t, x >= 0 && x <= 2*cuba.WE, "%s weight %g within [0, 2 WE]", name, x)
			if x != cuba.WE {
				moved++
			}
		}
		assert.Greater(t, moved, len(w1[name])/10, "%s: weights changed by STDP", name)
	}
	for _, name := range []string{"ie", "ii"} {
		for _, x := range w1[name] {
			require.Equal(t, cuba.WI, x, name)
		}
	}
	assert.Equal(t, w1, weights(2), "the same weights with 2 workers")
}
