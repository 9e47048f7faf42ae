package equations_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/checkpoint"
	"github.com/synapticflow/synapticflow-go/dist"
	"github.com/synapticflow/synapticflow-go/equations"
	"github.com/synapticflow/synapticflow-go/synapses"
)

func ruleState(t *testing.T, r *equations.SynapseRule) []byte {
	t.Helper()
	var e checkpoint.Encoder
	require.NoError(t, checkpoint.Save(&e, r))
	return e.Bytes()
}

// TestSynapseRuleStateRoundTrip: the state saved after a run loads into a
// fresh rule of the same edge and saves again to the same bytes, and it
// holds what the run changed (the traces, the last-event steps, the
// delayed target spikes, the rand() stream).
func TestSynapseRuleStateRoundTrip(t *testing.T) {
	spec := rstdpSpec
	spec.PostDelay = "1.5 ms"
	spec.OnStep = "w = clip(w + (dt/ms)*c*dopamine + 0.001*(rand() - 0.5), w_min, w_max)"
	r := rand.New(rand.NewPCG(7, 8))
	pre, post := poissonTimes(r, 20, 30, 0.1, 100), poissonTimes(r, 8, 40, 0.1, 100)
	mk := func() (*net, *equations.SynapseRule) {
		rule := eqRule(t, spec)
		return newNet(t, rule, pre, post, synapses.Random{P: 0.5}, dist.Uniform{Min: 0, Max: 2}, nil), rule
	}
	a, ra := mk()
	_, fresh := mk()
	before := ruleState(t, ra)
	require.Equal(t, before, ruleState(t, fresh), "two fresh rules have the same state")
	require.NoError(t, a.sim.Run(context.Background(), 50))
	saved := ruleState(t, ra)
	require.NotEqual(t, before, saved, "the run changed the rule's state")

	_, rb := mk()
	d := checkpoint.NewDecoder("rule", saved)
	require.NoError(t, checkpoint.Load(d, rb))
	require.NoError(t, d.Done())
	require.Equal(t, saved, ruleState(t, rb))
	require.Equal(t, ra.Var("c"), rb.Var("c"))
	require.Equal(t, ra.Var("apre"), rb.Var("apre"))
}

// TestSynapseRuleLoadStateRefuses: a state of another edge (another
// number of synapses), of another model (other variables) or cut short
// is refused with an error, not a panic.
func TestSynapseRuleLoadStateRefuses(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pre, post := poissonTimes(r, 20, 30, 0.1, 50), poissonTimes(r, 8, 40, 0.1, 50)
	on := func(spec equations.SynapseSpec, p float64) *equations.SynapseRule {
		rule := eqRule(t, spec)
		n := newNet(t, rule, pre, post, synapses.Random{P: p}, dist.Uniform{Min: 0, Max: 2}, nil)
		require.NoError(t, n.sim.Run(context.Background(), 20))
		return rule
	}
	saved := ruleState(t, on(rstdpSpec, 0.5))
	for name, c := range map[string]struct {
		into *equations.SynapseRule
		data []byte
		want string
	}{
		"other edge":  {on(rstdpSpec, 0.2), saved, "values in the checkpoint"},
		"other model": {on(stdpSpec, 0.5), saved, "per-synapse variables"},
		"cut short":   {on(rstdpSpec, 0.5), saved[:len(saved)-5], ""},
	} {
		t.Run(name, func(t *testing.T) {
			d := checkpoint.NewDecoder("rule", c.data)
			err := checkpoint.Load(d, c.into)
			if err == nil {
				err = d.Done()
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), c.want)
		})
	}
}

// TestSynapseRuleFingerprint: a rule's fingerprint does not change as it
// runs (its variables are state) and changes with a parameter, the
// model's text or the seed.
func TestSynapseRuleFingerprint(t *testing.T) {
	fp := func(r *equations.SynapseRule) [32]byte {
		f := checkpoint.NewFingerprint()
		r.AddFingerprint(f)
		return f.Sum()
	}
	rng := rand.New(rand.NewPCG(11, 12))
	pre, post := poissonTimes(rng, 20, 30, 0.1, 50), poissonTimes(rng, 8, 40, 0.1, 50)
	rule := eqRule(t, rstdpSpec)
	n := newNet(t, rule, pre, post, synapses.Random{P: 0.5}, dist.Uniform{Min: 0, Max: 2}, nil)
	ref := fp(rule)
	require.NoError(t, n.sim.Run(context.Background(), 20))
	require.Equal(t, ref, fp(rule), "running does not change the fingerprint")
	same := eqRule(t, rstdpSpec)
	same.Name = "syn"
	require.Equal(t, ref, fp(same), "another load of the same model")

	param := eqRule(t, rstdpSpec)
	param.Name = "syn"
	require.NoError(t, param.SetParam("ltd", 0.02))
	text := rstdpSpec
	text.OnStep = "w = clip(w + 2*(dt/ms)*c*dopamine, w_min, w_max)"
	other := eqRule(t, text)
	other.Name = "syn"
	seed := eqRule(t, rstdpSpec)
	seed.Name, seed.Seed = "syn", 3
	for name, r := range map[string]*equations.SynapseRule{"parameter": param, "text": other, "seed": seed} {
		require.NotEqual(t, ref, fp(r), name)
	}
}
