package synapses_test

import (
	"fmt"

	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/neurons"
	"github.com/synapticflow/synapticflow-go/synapses"
)

// A dense edge from 3 to 2 neurons with a constant weight. Dense returns
// the weights as a 3x2 matrix, one row per source neuron.
func Example() {
	const dt, seed = 0.1, 1
	pre := neurons.New("in", 3, neurons.NewInput())
	post := neurons.New("out", 2, neurons.NewLIF())
	for _, p := range []*neurons.Population{pre, post} {
		if err := p.Init(dt, seed, 0); err != nil {
			panic(err)
		}
	}

	s := synapses.New("in_out", pre, post)
	s.Weight = dist.Const(0.5)
	if err := s.Init(dt, seed); err != nil {
		panic(err)
	}

	fmt.Println(s.Len())
	w := s.Dense()
	for i := range pre.Len() {
		fmt.Println(w[i*post.Len() : (i+1)*post.Len()])
	}
	// Output:
	// 6
	// [0.5 0.5]
	// [0.5 0.5]
	// [0.5 0.5]
}
