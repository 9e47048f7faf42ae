// Package dist provides the probability distributions used for initial
// states, weights and delays, and the seeded random streams that draw from
// them.
//
// Every random component of a network (a Poisson population, a random
// connection, a weight initialiser) owns its own stream, derived from the
// network's master seed and the component's name with Stream. Adding or
// removing one component therefore never changes the random numbers another
// component sees, and the draws never depend on goroutine scheduling.
package dist

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Dist is a distribution of real values.
type Dist interface {
	// Sample draws one value using r.
	Sample(r *rand.Rand) float64
	// Validate reports whether the distribution's parameters are usable.
	Validate() error
	// String describes the distribution, e.g. "uniform(0, 1)".
	String() string
}

// Const is the distribution that always gives the same value.
type Const float64

// Sample returns c.
func (c Const) Sample(*rand.Rand) float64 { return float64(c) }

// Validate reports an error if c is NaN or infinite.
func (c Const) Validate() error { return finite("value", float64(c)) }

func (c Const) String() string { return fmt.Sprint(float64(c)) }

// Uniform is the continuous uniform distribution on [Min, Max).
type Uniform struct{ Min, Max float64 }

// Sample draws from [Min, Max).
func (u Uniform) Sample(r *rand.Rand) float64 { return u.Min + r.Float64()*(u.Max-u.Min) }

// Validate requires finite bounds with Min <= Max.
func (u Uniform) Validate() error {
	if err := finite("min", u.Min); err != nil {
		return err
	}
	if err := finite("max", u.Max); err != nil {
		return err
	}
	if u.Min > u.Max {
		return fmt.Errorf("uniform(%g, %g): min is greater than max", u.Min, u.Max)
	}
	return nil
}

func (u Uniform) String() string { return fmt.Sprintf("uniform(%g, %g)", u.Min, u.Max) }

// Normal is the normal distribution with mean Mean and standard deviation Std.
type Normal struct{ Mean, Std float64 }

// Sample draws from N(Mean, Std²).
func (n Normal) Sample(r *rand.Rand) float64 { return n.Mean + n.Std*r.NormFloat64() }

// Validate requires a finite mean and a finite, non-negative deviation.
func (n Normal) Validate() error {
	if err := finite("mean", n.Mean); err != nil {
		return err
	}
	if err := finite("std", n.Std); err != nil {
		return err
	}
	if n.Std < 0 {
		return fmt.Errorf("normal(%g, %g): negative standard deviation", n.Mean, n.Std)
	}
	return nil
}

func (n Normal) String() string { return fmt.Sprintf("normal(%g, %g)", n.Mean, n.Std) }

// Clipped clips the values of D to [Min, Max]: a value below Min becomes
// Min, one above Max becomes Max.
type Clipped struct {
	D        Dist
	Min, Max float64
}

// Sample draws from D and clips the value.
func (c Clipped) Sample(r *rand.Rand) float64 {
	return math.Min(math.Max(c.D.Sample(r), c.Min), c.Max)
}

// Validate checks D and requires Min <= Max.
func (c Clipped) Validate() error {
	if c.D == nil {
		return fmt.Errorf("clipped: no distribution")
	}
	if c.Min > c.Max || math.IsNaN(c.Min) || math.IsNaN(c.Max) {
		return fmt.Errorf("clipped to [%g, %g]: min is greater than max", c.Min, c.Max)
	}
	return c.D.Validate()
}

func (c Clipped) String() string { return fmt.Sprintf("clip(%v, %g, %g)", c.D, c.Min, c.Max) }

// LogNormal is the log-normal distribution: exp(X) for X ~ N(Mu, Sigma²)
// (NumPy's lognormal(mean, sigma)); its mean is exp(Mu + Sigma²/2).
type LogNormal struct{ Mu, Sigma float64 }

// Sample draws with gonum's distuv.LogNormal from r.
func (l LogNormal) Sample(r *rand.Rand) float64 {
	return distuv.LogNormal{Mu: l.Mu, Sigma: l.Sigma, Src: r}.Rand()
}

// Validate requires a finite Mu and a finite Sigma > 0.
func (l LogNormal) Validate() error {
	if err := finite("mu", l.Mu); err != nil {
		return err
	}
	if err := finite("sigma", l.Sigma); err != nil {
		return err
	}
	if !(l.Sigma > 0) {
		return fmt.Errorf("lognormal(%g, %g): sigma must be > 0", l.Mu, l.Sigma)
	}
	return nil
}

func (l LogNormal) String() string { return fmt.Sprintf("lognormal(%g, %g)", l.Mu, l.Sigma) }

// Exponential is the exponential distribution with mean Mean (rate
// 1/Mean; NumPy's exponential(scale)).
type Exponential struct{ Mean float64 }

// Sample draws with gonum's distuv.Exponential from r.
func (e Exponential) Sample(r *rand.Rand) float64 {
	return distuv.Exponential{Rate: 1 / e.Mean, Src: r}.Rand()
}

// Validate requires a finite Mean > 0.
func (e Exponential) Validate() error {
	if err := finite("mean", e.Mean); err != nil {
		return err
	}
	if !(e.Mean > 0) {
		return fmt.Errorf("exponential(%g): the mean must be > 0", e.Mean)
	}
	return nil
}

func (e Exponential) String() string { return fmt.Sprintf("exponential(%g)", e.Mean) }

// Gamma is the gamma distribution with shape K and scale Theta (mean
// K*Theta, variance K*Theta²; NumPy's gamma(shape, scale)).
type Gamma struct{ K, Theta float64 }

// Sample draws with gonum's distuv.Gamma (shape K, rate 1/Theta) from r.
func (g Gamma) Sample(r *rand.Rand) float64 {
	return distuv.Gamma{Alpha: g.K, Beta: 1 / g.Theta, Src: r}.Rand()
}

// Validate requires finite K > 0 and Theta > 0.
func (g Gamma) Validate() error {
	if err := finite("k", g.K); err != nil {
		return err
	}
	if err := finite("theta", g.Theta); err != nil {
		return err
	}
	if !(g.K > 0) || !(g.Theta > 0) {
		return fmt.Errorf("gamma(%g, %g): shape and scale must be > 0", g.K, g.Theta)
	}
	return nil
}

func (g Gamma) String() string { return fmt.Sprintf("gamma(%g, %g)", g.K, g.Theta) }

// Each is one value per element (neuron), given explicitly rather than
// drawn: Fill gives element i the value Each[i] (or Each[0] to every
// element of a one-value Each). As a distribution on its own (Sample) it
// draws one of its values uniformly.
type Each []float64

// Sample draws one of the values uniformly.
func (e Each) Sample(r *rand.Rand) float64 { return e[r.IntN(len(e))] }

// Validate requires at least one value, every one finite.
func (e Each) Validate() error {
	if len(e) == 0 {
		return fmt.Errorf("no values")
	}
	for i, v := range e {
		if err := finite(fmt.Sprintf("value %d", i), v); err != nil {
			return err
		}
	}
	return nil
}

func (e Each) String() string { return fmt.Sprint([]float64(e)) }

// Fill sets out from d: out[i] = d[i] for an Each of len(out) values
// (d[0] everywhere for one value; another length is an error), and
// otherwise one draw of d from r per element, in order.
func Fill(d Dist, out []float64, r *rand.Rand) error {
	if e, ok := d.(Each); ok {
		switch len(e) {
		case 1:
			for i := range out {
				out[i] = e[0]
			}
		case len(out):
			copy(out, e)
		default:
			return fmt.Errorf("%d values for %d neurons: give one value, or one per neuron", len(e), len(out))
		}
		return nil
	}
	for i := range out {
		out[i] = d.Sample(r)
	}
	return nil
}

func finite(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s is %g, want a finite number", what, v)
	}
	return nil
}

// Key derives the stream key of the component called name: the 64-bit
// FNV-1a hash of the name.
func Key(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// Stream returns the random stream number sub of the component called name
// under the master seed: a PCG generator seeded with (seed, Key(name)+sub).
// Equal arguments always give the same sequence.
func Stream(seed uint64, name string, sub uint64) *rand.Rand {
	return rand.New(StreamSource(seed, name, sub))
}

// StreamSource returns the PCG source of Stream(seed, name, sub), in the
// same state, for a caller that reads its state to jump ahead in the
// sequence.
func StreamSource(seed uint64, name string, sub uint64) *rand.PCG {
	return rand.NewPCG(seed, mix(Key(name)+sub))
}

// mix is the SplitMix64 finaliser: it spreads nearby keys apart so that
// streams sub and sub+1 share no structure.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
