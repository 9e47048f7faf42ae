package graph

// Which worker advances which neurons, and scatters which spikes.
//
// In a parallel stage every worker owns a range of each population's
// neurons (a segment) for the whole run: it advances them, and it adds
// the spikes that arrive at them into their delay buffers, whatever
// population fired them. A neuron's state, its input and its buffer
// entries so stay in one core's cache from step to step; when the
// workers took the next task not yet taken, the same data moved between
// the cores every step, and the tasks ran up to twice as slowly on two
// cores as on one (docs/performance.md). Ownership decides only where
// work runs: every sum is taken in the same order whatever the owner, so
// results do not depend on it (or on the number of workers).

// seg is a range [lo, hi) of a population's neurons that one worker
// owns.
type seg struct{ lo, hi, owner int }

// segAlign is the granularity of the cuts between the segments of a
// population that may be cut anywhere: eight cache lines of float64, so
// that two workers do not write one line of a state variable (a cut
// snapped to a chunk boundary is aligned as the chunk size is).
const segAlign = 64

// planSegments returns the segments of r's neurons in a stage run on w
// workers. A population whose chunks may be advanced in pieces (its
// model draws no random numbers, see drawsNothing and splittable) is cut
// into w nearly equal parts; one whose chunks must be advanced whole,
// each with its stream, gets whole chunks: in w contiguous runs if it
// has at least w chunks, else each chunk to the worker with the least
// work so far. load is the work given to each worker so far in the
// stage, in neuron passes, and is updated.
func planSegments(r *popRun, w int, load []int) []seg {
	n, cost := r.p.Len(), passes(r)
	var segs []seg
	add := func(lo, hi, owner int) {
		if lo >= hi {
			return
		}
		load[owner] += (hi - lo) * cost
		if k := len(segs) - 1; k >= 0 && segs[k].owner == owner && segs[k].hi == lo {
			segs[k].hi = hi
			return
		}
		segs = append(segs, seg{lo, hi, owner})
	}
	if w == 1 {
		add(0, n, 0)
		return segs
	}
	if drawsNothing(r) || splittable(r) {
		cuts := make([]int, w+1)
		cuts[w] = n
		for q := 1; q < w; q++ {
			at := min(n, (n*q/w+segAlign/2)/segAlign*segAlign)
			// A chunk's boundary close by saves a small piece (each
			// costs about a microsecond of its own).
			for c := range r.p.NumChunks() {
				if lo := r.p.Chunk(c, 0).Lo; lo > 0 && abs(lo-at) <= n/(32*w) {
					at = lo
					break
				}
			}
			cuts[q] = max(at, cuts[q-1]) // ascending, whatever the snaps
		}
		for q := range w {
			add(cuts[q], max(cuts[q], cuts[q+1]), q)
		}
		return segs
	}
	k := r.p.NumChunks()
	for c := range k {
		ch := r.p.Chunk(c, 0)
		owner := c * w / k
		if k < w {
			owner = 0
			for q := range load {
				if load[q] < load[owner] {
					owner = q
				}
			}
		}
		add(ch.Lo, ch.Hi, owner)
	}
	return segs
}

// passes is the cost of advancing one neuron of r, in neuron passes: one
// per pass of its model and one per incoming edge and stimulus.
func passes(r *popRun) int { return modelPasses(r.p.Model) + len(r.in) + len(r.stims) }

// cuts returns the bounds of segs: segment p is [cuts[p], cuts[p+1]).
func cuts(segs []seg) []int {
	b := make([]int, 0, len(segs)+1)
	for _, sg := range segs {
		b = append(b, sg.lo)
	}
	return append(b, segs[len(segs)-1].hi)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
