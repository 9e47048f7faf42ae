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
	return rand.New(rand.NewPCG(seed, mix(Key(name)+sub)))
}

// mix is the SplitMix64 finaliser: it spreads nearby keys apart so that
// streams sub and sub+1 share no structure.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
