package fused

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// state is one chunk's state: two kernels, v, ref, x, s.
type state struct {
	i1, a1, i2, a2, v, ref, x []float64
	s                         []bool
}

func newState(n int, r *rand.Rand, special bool) *state {
	st := &state{s: make([]bool, n)}
	for _, p := range []*[]float64{&st.i1, &st.a1, &st.i2, &st.a2, &st.v, &st.ref, &st.x} {
		*p = make([]float64, n)
	}
	for j := range n {
		st.i1[j] = r.NormFloat64() * 3
		st.i2[j] = -r.NormFloat64() * 2
		if r.IntN(5) == 0 {
			st.a1[j] = 1.62 * float64(r.IntN(3))
		}
		if r.IntN(7) == 0 {
			st.a2[j] = -9
		}
		st.v[j] = -60 + 10.5*r.Float64()
		if r.IntN(4) == 0 {
			st.ref[j] = float64(r.IntN(50))
		}
		if special {
			switch r.IntN(12) {
			case 0:
				st.i1[j], st.a1[j] = math.Copysign(0, -1), math.Copysign(0, -1)
				st.i2[j], st.a2[j] = math.Copysign(0, -1), math.Copysign(0, -1)
			case 1:
				st.v[j] = math.NaN()
			case 2:
				st.v[j] = math.Inf(1)
			case 3:
				st.v[j] = math.Inf(-1)
			case 4:
				st.a1[j] = math.NaN()
			case 5:
				st.v[j] = -50 // exactly at threshold after integration? close to it
			case 6:
				st.ref[j] = math.NaN()
			}
		}
	}
	return st
}

func (st *state) clone() *state {
	c := &state{s: append([]bool(nil), st.s...)}
	for _, p := range [][2]*[]float64{{&c.i1, &st.i1}, {&c.a1, &st.a1}, {&c.i2, &st.i2}, {&c.a2, &st.a2},
		{&c.v, &st.v}, {&c.ref, &st.ref}, {&c.x, &st.x}} {
		*p[0] = append([]float64(nil), (*p[1])...)
	}
	return c
}

// sameBits checks that a and b hold the same numbers bit for bit, any
// NaN matching any NaN: where two NaNs meet in an addition, which one the
// CPU returns depends on the order of the operands in the instruction,
// which the Go compiler may swap (addition commutes), so NaN payloads are
// not reproducible even in Go alone. A NaN potential is a fault that
// stops the run.
func sameBits(t *testing.T, what string, a, b []float64) {
	t.Helper()
	for j := range a {
		if math.IsNaN(a[j]) && math.IsNaN(b[j]) {
			continue
		}
		if math.Float64bits(a[j]) != math.Float64bits(b[j]) {
			t.Fatalf("%s[%d]: %v (%#x) against %v (%#x)", what, j, a[j], math.Float64bits(a[j]), b[j], math.Float64bits(b[j]))
		}
	}
}

var cuba = LIF{S0: -49, P: math.Exp(-0.1 / 20), A: -49, B: 1 - math.Exp(-0.1/20), Th: -50, Reset: -60, RefSteps: 50}

// levels lists the kernels this CPU runs besides the Go reference.
func levels(t *testing.T) []int {
	var out []int
	for l := levelAVX2; l <= cpuLevel; l++ {
		out = append(out, l)
	}
	if len(out) == 0 {
		t.Log("no assembly kernel for this CPU: Step is the reference itself")
	}
	return append(out, levelGo)
}

// TestStepMatchesReference runs every assembly kernel the CPU has (AVX2,
// AVX-512) and the pure-Go reference on the same states, special values
// included, and checks every output bit for bit.
func TestStepMatchesReference(t *testing.T) {
	for _, level := range levels(t) {
		testStepMatchesReference(t, level)
	}
}

func testStepMatchesReference(t *testing.T, level int) {
	r := rand.New(rand.NewPCG(1, 2))
	step3 := 0
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 1000, 4096, 4099} {
		for _, special := range []bool{false, true} {
			for _, withX := range []bool{false, true} {
				a := newState(n, r, special)
				b := a.clone()
				var xa, xb []float64
				if withX {
					xa, xb = a.x, b.x
				}
				// one, two or three kernels
				nk := 1 + step3%3
				step3++
				third := newState(n, r, special)
				i3a, a3a := third.i1, third.a1
				i3b, a3b := slices.Clone(i3a), slices.Clone(a3a)
				for k := range 30 {
					ka := []Kernel{{a.i1, a.a1, 0.98}, {a.i2, a.a2, 0.99}, {i3a, a3a, 0.9}}[:nk]
					kb := []Kernel{{b.i1, b.a1, 0.98}, {b.i2, b.a2, 0.99}, {i3b, a3b, 0.9}}[:nk]
					sa := step(level, &cuba, ka, a.v, a.ref, xa, a.s)
					sb := stepGo(&cuba, kb, b.v, b.ref, xb, b.s)
					if sa != sb {
						t.Fatalf("level %d, n=%d special=%v %d kernels, step %d: suspect %v, reference %v", level, n, special, nk, k, sa, sb)
					}
					for _, p := range [][3]any{{"i1", a.i1, b.i1}, {"a1", a.a1, b.a1}, {"i2", a.i2, b.i2}, {"i3", i3a, i3b}, {"a3", a3a, a3b},
						{"a2", a.a2, b.a2}, {"v", a.v, b.v}, {"ref", a.ref, b.ref}, {"x", a.x, b.x}} {
						sameBits(t, fmt.Sprintf("level %d, %d kernels, %s", level, nk, p[0]), p[1].([]float64), p[2].([]float64))
					}
					for j := range a.s {
						if a.s[j] != b.s[j] {
							t.Fatalf("level %d, n=%d step %d: s[%d] = %v, reference %v", level, n, k, j, a.s[j], b.s[j])
						}
					}
					// new arrivals for the next step
					for j := range n {
						if r.IntN(9) == 0 {
							a.a1[j], b.a1[j] = 1.62, 1.62
						}
						if r.IntN(11) == 0 {
							a3a[j], a3b[j] = -0.7, -0.7
						}
					}
				}
			}
		}
	}
}

// TestStepSpikes checks the reference against the update it documents on
// hand-picked neurons.
func TestStepSpikes(t *testing.T) {
	m := LIF{S0: 0, P: 0.5, A: 1, B: 2, Th: 10, Reset: -5, RefSteps: 3}
	v := []float64{4, 20, 0, 7, math.NaN(), 1, 2, 3, 4}
	ref := []float64{0, 0, 2, 0, 0, 0, 0, 0, 0}
	i := []float64{0, 0, 0, 1, 0, 0, 0, 0, 0}
	a := []float64{0, 0, 0, 1, 0, 0, 0, 0, 0}
	x := make([]float64, len(v))
	s := make([]bool, len(v))
	suspect := Step(&m, []Kernel{{i, a, 0.5}}, v, ref, x, s)
	// neuron 0: 4*0.5+1 = 3 < 10; neuron 1: 11 >= 10 spikes; neuron 2
	// refractory; neuron 3: x = 1*0.5 + 1 = 1.5, 7*0.5+1+3 = 7.5; neuron
	// 4: NaN, suspect.
	want := []float64{3, -5, 0, 7.5}
	for j, w := range want {
		if v[j] != w {
			t.Errorf("v[%d] = %v, want %v", j, v[j], w)
		}
	}
	if !s[1] || s[0] || s[2] || s[3] {
		t.Errorf("spikes %v, want only neuron 1", s[:4])
	}
	if ref[1] != 3 || ref[2] != 1 {
		t.Errorf("ref = %v, want 3 for neuron 1 and 1 for neuron 2", ref[:3])
	}
	if x[3] != 1.5 || a[3] != 0 || i[3] != 1.5 {
		t.Errorf("kernel: x %v, a %v, i %v, want 1.5, 0, 1.5", x[3], a[3], i[3])
	}
	if !suspect {
		t.Error("a NaN potential was not reported suspect")
	}
}

func BenchmarkStep(b *testing.B) {
	for _, n := range []int{512, 4000, 20000} {
		for level, name := range []string{"go", "avx2", "avx512"} {
			if level > cpuLevel {
				continue
			}
			b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
				st := newState(n, rand.New(rand.NewPCG(3, 4)), false)
				fresh := newState(n, rand.New(rand.NewPCG(3, 4)), false)
				k, c0 := 0, cpuSeconds()
				for b.Loop() {
					// Fresh currents now and then: decaying without input
					// for 35 000 steps, they would become subnormal, which
					// costs a hundred times more (in Go and assembly alike).
					if k++; k%1000 == 0 {
						copy(st.i1, fresh.i1)
						copy(st.i2, fresh.i2)
					}
					step(level, &cuba, []Kernel{{st.i1, st.a1, 0.98}, {st.i2, st.a2, 0.99}}, st.v, st.ref, nil, st.s)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/neuron")
				b.ReportMetric((cpuSeconds()-c0)*1e9/float64(b.N)/float64(n), "cpu-ns/neuron")
			})
		}
	}
}

// TestStepInputMatchesReference is TestStepMatchesReference for
// StepInput, the update with the input given, with and without jumps.
func TestStepInputMatchesReference(t *testing.T) {
	for _, level := range levels(t) {
		r := rand.New(rand.NewPCG(7, 8))
		for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 64, 65, 4099} {
			for _, c := range []struct{ special, jumps bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
				special := c.special
				a := newState(n, r, special)
				b := a.clone()
				var dv []float64
				if c.jumps {
					dv = make([]float64, n)
				}
				spikes := 0
				for step := range 30 {
					for j := range n {
						a.x[j] = r.NormFloat64()*20 + 1
						if special && r.IntN(10) == 0 {
							a.x[j] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}[r.IntN(4)]
						}
						b.x[j] = a.x[j]
						if dv != nil {
							dv[j] = float64(r.IntN(4)) * 0.1 * float64(r.IntN(3)-1)
							if special && r.IntN(20) == 0 {
								dv[j] = []float64{math.NaN(), math.Inf(1), math.Copysign(0, -1)}[r.IntN(3)]
							}
						}
					}
					sa := stepInput(level, &cuba, a.v, a.ref, a.x, dv, a.s)
					sb := stepInputGo(&cuba, b.v, b.ref, b.x, dv, b.s)
					if sa != sb {
						t.Fatalf("level %d, n=%d step %d: suspect %v, reference %v", level, n, step, sa, sb)
					}
					sameBits(t, fmt.Sprintf("level %d, v", level), a.v, b.v)
					sameBits(t, fmt.Sprintf("level %d, ref", level), a.ref, b.ref)
					for j := range a.s {
						if a.s[j] != b.s[j] {
							t.Fatalf("level %d, n=%d step %d: s[%d] = %v, reference %v", level, n, step, j, a.s[j], b.s[j])
						}
						if a.s[j] {
							spikes++
						}
					}
				}
				if n >= 64 && spikes == 0 {
					t.Fatalf("level %d, n=%d: no spikes", level, n)
				}
			}
		}
	}
}
