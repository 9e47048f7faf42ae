package examples_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/synapticflow/synapticflow-go/cli"
)

// TestCOBAHH runs the first 200 ms of the COBAHH network (Hodgkin-Huxley
// neurons written as equations, conductance synapses through target_var)
// and checks that both populations fire asynchronously at the rates of
// its README (about 30 Hz over the whole second).
func TestCOBAHH(t *testing.T) {
	if testing.Short() {
		t.Skip("COBAHH takes a few seconds")
	}
	out := run(t, cli.Config{}, "cobahh", "-duration", "200", "-no-figures")
	pops := populations(t, out)
	for _, name := range []string{"exc", "inh"} {
		p := pops[name]
		assert.Greater(t, p.RateHz, 10.0, name)
		assert.Less(t, p.RateHz, 80.0, name)
	}
	assert.Equal(t, 3200, pops["exc"].N)
	assert.Equal(t, 800, pops["inh"].N)
}
