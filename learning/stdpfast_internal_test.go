package learning

import (
	"math/rand/v2"
	"testing"
)

// fakeSourceEdge is a random one-delay edge for the internal tests of the
// per-source pair traces: CSR rows, the column index, and the sources
// that fire in each step (arriving delay steps later).
type fakeSourceEdge struct {
	nPre, nPost, delay int
	rowPtr             []int
	post               []int32
	w                  []float64
	colSyn, colPre     [][]int32
	fired              [][]int32
}

func newFakeSourceEdge(seed uint64, nPre, nPost, steps, delay int, p float64) *fakeSourceEdge {
	r := rand.New(rand.NewPCG(seed, 1))
	e := &fakeSourceEdge{nPre: nPre, nPost: nPost, delay: delay, rowPtr: []int{0},
		colSyn: make([][]int32, nPost), colPre: make([][]int32, nPost)}
	for i := range nPre {
		for j := range nPost {
			if r.Float64() < p {
				s := int32(len(e.post))
				e.post = append(e.post, int32(j))
				e.w = append(e.w, r.Float64()*1.2-0.1) // some start out of [0, 1]
				e.colSyn[j], e.colPre[j] = append(e.colSyn[j], s), append(e.colPre[j], int32(i))
			}
		}
		e.rowPtr = append(e.rowPtr, len(e.post))
	}
	e.fired = make([][]int32, steps)
	for k := range e.fired {
		for i := range nPre {
			if r.Float64() < 0.05 {
				e.fired[k] = append(e.fired[k], int32(i))
			}
		}
	}
	return e
}

func (e *fakeSourceEdge) NumPre() int                   { return e.nPre }
func (e *fakeSourceEdge) NumPost() int                  { return e.nPost }
func (e *fakeSourceEdge) Len() int                      { return len(e.post) }
func (e *fakeSourceEdge) Target(s int) int              { return int(e.post[s]) }
func (e *fakeSourceEdge) Weights() []float64            { return e.w }
func (e *fakeSourceEdge) Outgoing(i int) (int, int)     { return e.rowPtr[i], e.rowPtr[i+1] }
func (e *fakeSourceEdge) Incoming(j int) []int32        { return e.colSyn[j] }
func (e *fakeSourceEdge) Bounds() (float64, float64)    { return 0, 1 }
func (e *fakeSourceEdge) NormalizeTo(float64)           {}
func (e *fakeSourceEdge) OneDelay() (int, bool)         { return e.delay, true }
func (e *fakeSourceEdge) IncomingSources(j int) []int32 { return e.colPre[j] }
func (e *fakeSourceEdge) Row(i int) ([]int32, []float64) {
	return e.post[e.rowPtr[i]:e.rowPtr[i+1]], e.w[e.rowPtr[i]:e.rowPtr[i+1]]
}
func (e *fakeSourceEdge) Source(s int) int {
	for i := range e.nPre {
		if s < e.rowPtr[i+1] {
			return i
		}
	}
	return -1
}
func (e *fakeSourceEdge) ArrivingSources(k int) []int32 {
	if k-e.delay < 0 {
		return nil
	}
	return e.fired[k-e.delay]
}
func (e *fakeSourceEdge) Arrivals(k int, f func(s int)) {
	for _, i := range e.ArrivingSources(k) {
		for s := e.rowPtr[i]; s < e.rowPtr[i+1]; s++ {
			f(s)
		}
	}
}

// TestPairsBySourceHardMatchesChange checks that the hard-bound fast loops
// of pair STDP per source (pairsBySourceHard, taken by Update) give the
// same weights, to the bit, as the general loop calling Base.Change,
// with weights that start outside the bounds, nearest-spike interaction
// or not, and time constants long enough for lags beyond the decay table.
func TestPairsBySourceHardMatchesChange(t *testing.T) {
	for _, tc := range []struct {
		name          string
		nearest       bool
		tauPre, tauPo float64
	}{
		{"all-to-all", false, 20, 30},
		{"nearest", true, 15, 10},
		{"short taus", false, 0.5, 0.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const steps, dt = 3000, 0.1
			fast, slow := newFakeSourceEdge(7, 60, 50, steps, 3, 0.2), newFakeSourceEdge(7, 60, 50, steps, 3, 0.2)
			w0 := append([]float64(nil), fast.w...)
			r := rand.New(rand.NewPCG(9, 2))
			rules := [2]*STDP{NewSTDP(), NewSTDP()}
			for n, e := range []*fakeSourceEdge{fast, slow} {
				rules[n].LR = []float64{0.011, 0.01}
				rules[n].Nearest, rules[n].TauPre, rules[n].TauPost = tc.nearest, tc.tauPre, tc.tauPo
				if err := rules[n].Init(e, dt); err != nil {
					t.Fatal(err)
				}
			}
			if !rules[0].bySource || !rules[0].Base.hardBounds() {
				t.Fatal("the fast path does not apply")
			}
			for k := range steps {
				var fired []int32
				for j := range 50 {
					if r.Float64() < 0.04 {
						fired = append(fired, int32(j))
					}
				}
				c := &Context{Step: k, Dt: dt, PostFired: fired}
				rules[0].Update(fast, c)
				rules[1].pairsBySource(slow, c, rules[1].ltd, rules[1].ltp, &rules[1].Base, slow.w, nil)
			}
			moved := 0
			for s := range fast.w {
				if fast.w[s] != slow.w[s] {
					t.Fatalf("synapse %d: fast path %v, Change %v", s, fast.w[s], slow.w[s])
				}
				if fast.w[s] != w0[s] {
					moved++
				}
			}
			if moved == 0 {
				t.Fatal("no weight changed: the test tests nothing")
			}
		})
	}
}
