package synapses

import (
	"math"
	"math/rand/v2"
	"sync"

	"github.com/synapticflow/synapticflow-go/dist"
)

// The Bernoulli connector (Random) draws one uniform number per synapse
// from one PCG stream: the gap to the next synapse is
// floor(log(1-u)/log(1-p)), and the synapses are the pairs k =
// i*nPost+j reached by the running sum of the gaps. connectRandom makes
// the same synapses as Random.Connect from the same stream, but spread
// over workers: the stream is cut into blocks of randomBlock draws, each
// worker jumps ahead to the start of its block (a PCG is a linear
// congruential generator, so jumping n draws costs log2(n) 128-bit
// multiplications) and turns its draws into gaps, and the gaps are then
// summed in order. The draws, and so the synapses, are those of one
// serial pass whatever the number of workers.

// randomBlock is the largest number of draws in a block; an edge expected
// to have n synapses takes blocks of about n/64 draws, at least 1024, so
// that the blocks' buffers stay small beside the edge. The block size
// changes no draw.
const randomBlock = 1 << 15

// connectRandom adds the synapses of c (0 < c.P < 1) between nPre and
// nPost neurons to b, drawing from src (left unchanged) with up to
// workers goroutines.
func connectRandom(c Random, nPre, nPost int, same bool, src *rand.PCG, workers int, b *csrBuilder) {
	total := nPre * nPost
	if total == 0 {
		return
	}
	logq := math.Log1p(-c.P)
	hi0, lo0 := dist.PCGState(src)
	workers = max(1, workers)
	t := int64(total)
	expected := c.P * float64(total)
	size := uint64(min(randomBlock, max(1024, expected/64)))
	// Per block of a round: cum[m] is the sum of the block's first m+1
	// steps (1 + gap), saturated at t+1 (a sum that long ends the edge
	// whatever came before); post and rows are the block's targets and
	// (row, count) runs, in order.
	type block struct {
		cum   []int64
		post  []int32
		rows  [][2]int
		ended bool
	}
	blocks := make([]block, workers)
	for w := range blocks {
		blocks[w] = block{cum: make([]int64, size), post: make([]int32, 0, size)}
	}
	draw := func(index uint64, bl *block) {
		hi, lo := dist.PCGAdvance(hi0, lo0, index*size)
		r := rand.NewPCG(hi, lo)
		lim := float64(total)
		cum := int64(0)
		for m := range bl.cum {
			if cum > t {
				bl.cum[m] = t + 1 // past the end: the draw does not matter
				continue
			}
			u := float64(r.Uint64()<<11>>11) / (1 << 53) // rand.Rand.Float64
			gap := math.Floor(math.Log(1-u) / logq)
			if gap >= lim {
				gap = lim
			}
			cum = min(cum+1+int64(gap), t+1)
			bl.cum[m] = cum
		}
	}
	// place turns the block's sums into synapses after pair base (the
	// pair reached before the block): as Random.Connect, the chain ends
	// at the first pair at or past the last.
	place := func(base int64, bl *block) {
		bl.post, bl.rows, bl.ended = bl.post[:0], bl.rows[:0], false
		i, rowStart := -1, int64(0)
		for _, cum := range bl.cum {
			k := base + cum
			if k >= t {
				bl.ended = true
				return
			}
			if i < 0 {
				i = int(k / int64(nPost))
				rowStart = int64(i) * int64(nPost)
			}
			for k >= rowStart+int64(nPost) {
				i++
				rowStart += int64(nPost)
			}
			j := int(k - rowStart)
			if same && i == j && !c.Autapses {
				continue
			}
			if n := len(bl.rows); n > 0 && bl.rows[n-1][0] == i {
				bl.rows[n-1][1]++
			} else {
				bl.rows = append(bl.rows, [2]int{i, 1})
			}
			bl.post = append(bl.post, int32(j))
		}
	}
	parallel := func(f func(w int)) {
		if workers == 1 {
			f(0)
			return
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { f(w) })
		}
		wg.Wait()
	}
	k := int64(-1) // the last pair reached
	bases := make([]int64, workers)
	for index := uint64(0); ; index += uint64(workers) {
		parallel(func(w int) { draw(index+uint64(w), &blocks[w]) })
		for w := range workers {
			bases[w] = k
			k = min(k+blocks[w].cum[size-1], t) // past the end stays past it
		}
		parallel(func(w int) { place(bases[w], &blocks[w]) })
		for w := range workers {
			bl := &blocks[w]
			b.post = append(b.post, bl.post...)
			for _, rc := range bl.rows {
				b.rowPtr[rc[0]+1] += rc[1]
			}
			if bl.ended {
				return
			}
		}
	}
}
