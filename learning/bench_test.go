package learning_test

import (
	"testing"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/learning"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// benchRule runs a dense 200 x 200 edge from a 40 Hz Poisson source to a
// driven LIF population, learning with rule, and reports the time per
// simulated ms.
func benchRule(b *testing.B, rule learning.Rule) {
	net := graph.New(3)
	in := neurons.New("in", 200, neurons.NewPoisson(40))
	out := neurons.New("out", 200, neurons.NewLIF())
	net.AddPopulation(in, out)
	net.AddStimulus(&graph.Current{Pop: out, Amp: neurons.Param{0.6}})
	s := synapses.New("in_out", in, out)
	s.Connect = synapses.Dense{}
	s.Weight = dist.Uniform{Min: 0, Max: 0.05}
	s.WMax = 1
	s.Rule = rule
	net.AddSynapse(s)
	sim, err := net.Compile()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if err := sim.Run(ctx(), float64(b.N)); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkSTDP(b *testing.B) {
	r := learning.NewSTDP()
	r.LR = []float64{1e-4, 1e-4}
	benchRule(b, r)
}

func BenchmarkFlatRSTDP(b *testing.B) {
	r := learning.NewFlatRSTDP()
	r.LR = []float64{1e-4, 1e-4}
	benchRule(b, r)
}
