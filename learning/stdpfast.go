package learning

import "math"

// hardBounds reports whether Change is plain clipping to [wmin, wmax]
// (hard bounds, neither bound infinite on the side that cannot bind), the
// case the fast loops of pair STDP inline.
func (b *Base) hardBounds() bool {
	return !b.soft && b.wmin != math.Inf(1) && b.wmax != math.Inf(-1)
}

// clip is Change's hard-bound arithmetic: w+dw clipped to [lo, hi].
func clip(w, dw, lo, hi float64) float64 { return min(max(w+dw, lo), hi) }

// depressRowHard is the depression of the synapses row (weights, with
// targets tgt) of a presynaptic arrival in step k under hard bounds: the
// loop of pairsBySource with Change inlined and the traces held in
// locals. The arithmetic and its order are the same.
func (p *pairTraces) depressRowHard(tgt []int32, row []float64, k int, ltd, lo, hi float64) {
	post, tPost, t := p.post, p.tPost, p.dPost.t
	row = row[:len(tgt)]
	for n, j := range tgt {
		var d float64
		if lag := k - tPost[j]; uint(lag) < uint(len(t)) {
			d = t[lag]
		} else {
			d = p.dPost.far(lag)
		}
		if y := post[j] * d; y != 0 {
			row[n] = clip(row[n], -ltd*y, lo, hi)
		}
	}
}

// potentiateColHard is the potentiation of the synapses syn (with sources
// src) into a target that fires in step k under hard bounds (see
// depressRowHard). It reads the presynaptic traces of a block of synapses
// first and changes their weights, scattered over the edge's row-major
// weights, in a second loop without dependent loads, so that the cache
// misses of the weights overlap.
func (p *pairTraces) potentiateColHard(w []float64, syn, src []int32, k int, ltp, lo, hi float64) {
	pre, tPre, t := p.pre, p.tPre, p.dPre.t
	src = src[:len(syn)]
	var xs [colBlock]float64
	for len(syn) > 0 {
		m := min(len(syn), colBlock)
		for n, i := range src[:m] {
			var d float64
			if lag := k - tPre[i]; uint(lag) < uint(len(t)) {
				d = t[lag]
			} else {
				d = p.dPre.far(lag)
			}
			xs[n] = pre[i] * d
		}
		for n, s := range syn[:m] {
			if x := xs[n]; x != 0 {
				w[s] = clip(w[s], ltp*x, lo, hi)
			}
		}
		syn, src = syn[m:], src[m:]
	}
}

// colBlock is the block of synapses potentiateColHard handles at a time.
const colBlock = 128

// pairsBySourceHard is pairsBySource changing the weights w under b's
// hard bounds (b.hardBounds()).
func (p *pairTraces) pairsBySourceHard(e Edge, c *Context, b *Base, w []float64) {
	k, ltd, ltp, lo, hi := c.Step, b.ltd, b.ltp, b.wmin, b.wmax
	for _, i := range p.src.ArrivingSources(k) {
		if ltd != 0 {
			tgt, row := p.src.Row(int(i))
			p.depressRowHard(tgt, row, k, ltd, lo, hi)
		}
		p.arrive(int(i), k)
	}
	for _, j := range c.PostFired {
		if ltp != 0 {
			p.potentiateColHard(w, e.Incoming(int(j)), p.src.IncomingSources(int(j)), k, ltp, lo, hi)
		}
		p.fire(int(j), k)
	}
}
