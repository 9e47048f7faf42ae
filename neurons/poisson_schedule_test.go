package neurons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// spikeStepsOf runs a population for steps steps and returns, for every
// neuron, the steps in which it spiked.
func spikeStepsOf(t *testing.T, p *neurons.Population, steps int) [][]int {
	t.Helper()
	d := &driver{p: p, x: make([]float64, p.Len())}
	out := make([][]int, p.Len())
	for k := range steps {
		for i, s := range d.step(t) {
			if s {
				out[i] = append(out[i], k)
			}
		}
	}
	return out
}

// stepRange returns the steps lo, lo+1, ..., hi-1.
func stepRange(lo, hi int) []int {
	var out []int
	for k := lo; k < hi; k++ {
		out = append(out, k)
	}
	return out
}

// TestPoissonScheduleSwitchStep checks the exact step at which a rate
// takes effect: a spike probability of 1 (1000 Hz at dt 1 ms, 2000 Hz at
// dt 0.5 ms) fires in every step and 0 Hz in none, so the spikes show the
// steps round(time/dt) where the rate changes.
func TestPoissonScheduleSwitchStep(t *testing.T) {
	for _, tc := range []struct {
		name     string
		dt       float64
		rate     neurons.Param
		schedule [][]float64
		n, chunk int
		steps    int
		want     [][]int // spike steps of each neuron (cycled)
	}{
		{
			name: "on and off", dt: 1, rate: neurons.Param{0},
			// 35.4 ms is step 35, 40.6 ms step 41.
			schedule: [][]float64{{10, 1000}, {20, 0}, {35.4, 1000}, {40.6, 0}},
			n:        10, chunk: 3, steps: 60,
			want: [][]int{append(stepRange(10, 20), stepRange(35, 41)...)},
		},
		{
			name: "rate before the first entry", dt: 1, rate: neurons.Param{1000},
			schedule: [][]float64{{5, 0}},
			n:        4, steps: 20,
			want: [][]int{stepRange(0, 5)},
		},
		{
			name: "dt 0.5", dt: 0.5, rate: neurons.Param{0},
			// 2.2 ms is step round(4.4) = 4, 3 ms step 6; the last rate holds to the end.
			schedule: [][]float64{{2.2, 2000}, {3, 0}, {10, 2000}},
			n:        2, steps: 25,
			want: [][]int{append(stepRange(4, 6), stepRange(20, 25)...)},
		},
		{
			name: "entry at time 0", dt: 1, rate: neurons.Param{0},
			schedule: [][]float64{{0, 1000}, {3, 0}},
			n:        1, steps: 10,
			want: [][]int{stepRange(0, 3)},
		},
		{
			name: "per-neuron rates", dt: 1, rate: neurons.Param{0, 1000, 0},
			schedule: [][]float64{{3, 1000, 0, 0}, {6, 0, 1000, 1000}},
			n:        3, chunk: 2, steps: 9,
			want: [][]int{
				stepRange(3, 6),
				append(stepRange(0, 3), stepRange(6, 9)...),
				stepRange(6, 9),
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := neurons.NewPoisson(0)
			m.Rate, m.RateSchedule = tc.rate, tc.schedule
			p := neurons.New("src", tc.n, m)
			require.NoError(t, p.Init(tc.dt, 3, tc.chunk))
			got := spikeStepsOf(t, p, tc.steps)
			for i := range tc.n {
				assert.Equal(t, tc.want[i%len(tc.want)], got[i], "neuron %d", i)
			}
		})
	}
}

// TestPoissonScheduleRates checks that the spike count of every segment
// of a schedule is Binomial(neurons*steps, rate*dt/1000) within 5
// standard deviations, for uniform and per-neuron rates.
func TestPoissonScheduleRates(t *testing.T) {
	const dt, n = 0.5, 600
	// Neurons cycle through three groups; rates[g] is the rate of group g.
	type segment struct {
		from, to float64 // ms
		rates    [3]float64
	}
	segments := []segment{
		{0, 50, [3]float64{10, 10, 10}}, // rate, before the schedule
		{50, 150, [3]float64{80, 80, 80}},
		{150, 200, [3]float64{0, 0, 0}},
		{200, 400, [3]float64{0, 20, 150}},
		{400, 500, [3]float64{30, 30, 30}},
	}
	sched := [][]float64{{50, 80}, {150, 0}, {200}, {400, 30}}
	for i := range n {
		sched[2] = append(sched[2], segments[3].rates[i%3])
	}
	m := neurons.NewPoisson(10)
	m.RateSchedule = sched
	p := neurons.New("src", n, m)
	require.NoError(t, p.Init(dt, 5, 256))
	spikes := spikeStepsOf(t, p, int(segments[len(segments)-1].to/dt))
	for _, seg := range segments {
		var counts [3]float64
		for i, steps := range spikes {
			for _, k := range steps {
				if tm := float64(k) * dt; tm >= seg.from && tm < seg.to {
					counts[i%3]++
				}
			}
		}
		for g, r := range seg.rates {
			pr := r * dt / 1000
			trials := float64(n/3) * (seg.to - seg.from) / dt
			mean, sd := trials*pr, math.Sqrt(trials*pr*(1-pr))
			assert.InDelta(t, mean, counts[g], 5*sd+1e-9,
				"[%g, %g) ms, group %d at %g Hz: %g spikes, expected %g ± %g", seg.from, seg.to, g, r, counts[g], mean, sd)
		}
	}
}

// TestPoissonScheduleErrors checks that Init rejects malformed schedules
// with an error naming the problem.
func TestPoissonScheduleErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		dt       float64
		n        int
		schedule [][]float64
		want     string
	}{
		{"equal times", 1, 2, [][]float64{{10, 5}, {10, 6}},
			"rate_schedule entry 1: time 10 ms does not follow 10 ms of entry 0: times must increase"},
		{"decreasing times", 1, 2, [][]float64{{10, 5}, {20, 5}, {15, 6}},
			"rate_schedule entry 2: time 15 ms does not follow 20 ms of entry 1: times must increase"},
		{"times in the same step", 1, 2, [][]float64{{10, 5}, {10.2, 6}},
			"rate_schedule entries 0 and 1: times 10 and 10.2 ms fall in the same step of 1 ms"},
		{"negative time", 1, 2, [][]float64{{-1, 5}},
			"rate_schedule entry 0: time -1 ms, want a finite time >= 0"},
		{"NaN time", 1, 2, [][]float64{{math.NaN(), 5}},
			"rate_schedule entry 0: time NaN ms, want a finite time >= 0"},
		{"negative rate", 1, 2, [][]float64{{0, 5}, {10, -3}},
			"rate_schedule entry 1 (10 ms): rate -3 Hz of neuron 0, want a finite rate >= 0"},
		{"negative per-neuron rate", 1, 3, [][]float64{{0, 5, 5, -1}},
			"rate_schedule entry 0 (0 ms): rate -1 Hz of neuron 2, want a finite rate >= 0"},
		{"infinite rate", 1, 2, [][]float64{{0, math.Inf(1)}},
			"rate_schedule entry 0 (0 ms): rate +Inf Hz of neuron 0, want a finite rate >= 0"},
		{"more than one spike per step", 1, 2, [][]float64{{0, 5}, {7, 1500}},
			"rate_schedule entry 1 (7 ms): rate 1500 Hz of neuron 0 exceeds one spike per step of 1 ms"},
		{"per-neuron rate above one spike per step", 0.5, 3, [][]float64{{0, 5, 2500, 5}},
			"rate_schedule entry 0 (0 ms): rate 2500 Hz of neuron 1 exceeds one spike per step of 0.5 ms"},
		{"wrong number of rates", 1, 3, [][]float64{{0, 5}, {10, 5, 6}},
			"rate_schedule entry 1 has 2 rates for 3 neurons: want [time_ms, rate_Hz] or [time_ms, one rate per neuron]"},
		{"no rate", 1, 3, [][]float64{{0}},
			"rate_schedule entry 0 has 0 rates for 3 neurons"},
		{"empty entry", 1, 3, [][]float64{{}},
			"rate_schedule entry 0 has 0 rates for 3 neurons"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := neurons.NewPoisson(5)
			m.RateSchedule = tc.schedule
			err := neurons.New("src", tc.n, m).Init(tc.dt, 1, 0)
			assert.ErrorContains(t, err, tc.want)
		})
	}

	// The limit itself is allowed: 2000 Hz at dt 0.5 ms is p = 1.
	m := neurons.NewPoisson(0)
	m.RateSchedule = [][]float64{{0, 2000}}
	assert.NoError(t, neurons.New("src", 2, m).Init(0.5, 1, 0))
}

// TestPoissonDraws checks the spikes bit for bit against a reference loop
// that draws, as the model always has, one Float64 per neuron per step
// from the chunk's stream and compares it with rate*dt/1000: without a
// schedule (the draws of the model before schedules existed), with a
// schedule that repeats the constant rate, and with a schedule of
// per-neuron rates, the reference then using the rate of the entry in
// force.
func TestPoissonDraws(t *testing.T) {
	const n, dt, steps, chunk = 50, 0.5, 400, 16
	rate := make(neurons.Param, n)
	for i := range rate {
		rate[i] = float64(10 * (i % 7)) // 0 to 60 Hz
	}
	perNeuron := []float64{60}
	for i := range n {
		perNeuron = append(perNeuron, float64(300*(i%3)))
	}
	for _, tc := range []struct {
		name     string
		schedule [][]float64
		// rateAt is the rate of neuron i in step k, written out by hand.
		rateAt func(i, k int) float64
	}{
		{"no schedule", nil, func(i, _ int) float64 { return rate[i] }},
		{"schedule of the same rates", [][]float64{append([]float64{0}, rate...), append([]float64{30}, rate...)},
			func(i, _ int) float64 { return rate[i] }},
		{"schedule", [][]float64{{20, 100}, perNeuron, {150.2, 0}},
			func(i, k int) float64 {
				switch {
				case k < 40: // 20 ms
					return rate[i]
				case k < 120: // 60 ms
					return 100
				case k < 300: // round(150.2/0.5)
					return float64(300 * (i % 3))
				}
				return 0
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := neurons.NewPoisson(0)
			m.Rate, m.RateSchedule = rate, tc.schedule
			require.NoError(t, m.Init(n, dt, nil))
			var chunks, refs []*rand.Rand
			for c := range (n + chunk - 1) / chunk {
				chunks = append(chunks, rand.New(rand.NewPCG(9, uint64(c))))
				refs = append(refs, rand.New(rand.NewPCG(9, uint64(c))))
			}
			s := make([]bool, n)
			spikes := 0
			for k := range steps {
				for c := range chunks {
					lo, hi := c*chunk, min((c+1)*chunk, n)
					m.Step(neurons.Chunk{Lo: lo, Hi: hi, Step: k, Rand: chunks[c]}, nil, s)
					for i := lo; i < hi; i++ {
						want := refs[c].Float64() < tc.rateAt(i, k)*dt/1000
						require.Equal(t, want, s[i], "neuron %d, step %d", i, k)
						if want {
							spikes++
						}
					}
				}
			}
			assert.Greater(t, spikes, 100, "the comparison saw spikes")
		})
	}
}

// TestPoissonStepDoesNotAllocate checks that a step with a schedule of
// per-neuron rates allocates nothing.
func TestPoissonStepDoesNotAllocate(t *testing.T) {
	const n = 100
	entry := []float64{5}
	for i := range n {
		entry = append(entry, float64(i))
	}
	m := neurons.NewPoisson(20)
	m.RateSchedule = [][]float64{{1, 50}, entry, {10, 0}}
	require.NoError(t, m.Init(n, 0.1, nil))
	s := make([]bool, n)
	r := rand.New(rand.NewPCG(1, 2))
	k := 0
	allocs := testing.AllocsPerRun(200, func() {
		m.Step(neurons.Chunk{Lo: 0, Hi: n, Step: k % 150, Rand: r}, nil, s)
		k++
	})
	assert.Zero(t, allocs)
}

// ExamplePoisson_rateSchedule shows a Poisson source switched on and off:
// at 1000 Hz and dt 1 ms it fires in every step while on.
func ExamplePoisson_rateSchedule() {
	m := neurons.NewPoisson(0)
	m.RateSchedule = [][]float64{{2, 1000}, {5, 0}, {8, 1000}}
	p := neurons.New("src", 1, m)
	if err := p.Init(1, 1, 0); err != nil {
		fmt.Println(err)
		return
	}
	for k := range 10 {
		if err := p.Step(p.Chunk(0, k), []float64{0}); err != nil {
			fmt.Println(err)
			return
		}
		p.Collect()
		fmt.Print(p.Fired, " ")
	}
	fmt.Println()
	// Output:
	// [] [] [0] [0] [0] [] [] [] [0] [0]
}

// TestPoissonScheduleParam checks how rate_schedule is described to the
// network language.
func TestPoissonScheduleParam(t *testing.T) {
	var info *neurons.ParamInfo
	for _, p := range neurons.Describe(neurons.NewPoisson(20)) {
		if p.Name == "rate_schedule" {
			info = &p
		}
	}
	require.NotNil(t, info, "no parameter rate_schedule")
	assert.Equal(t, "ms, Hz", info.Unit)
	assert.Equal(t, "unset", info.Default)
	assert.Equal(t, "RateSchedule", info.Field)
	assert.Contains(t, info.Doc, "[time_ms, rate_Hz]")
}
