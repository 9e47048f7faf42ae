package synapses

import (
	"slices"
	"sort"
)

// plastic holds what learning rules need of an edge beyond its weights:
// the recent presynaptic spikes (to know which spikes arrive in a step)
// and an index of each target neuron's incoming synapses. It is built only
// for edges with a rule.
type plastic struct {
	hist   [][]int32 // hist[k % len(hist)]: source neurons fired in step k
	lags   []int     // distinct delays in steps, ascending
	preIdx []int32   // source neuron of each synapse
	colPtr []int     // incoming synapses of target j: colSyn[colPtr[j]:colPtr[j+1]]
	colSyn []int32
	colPre []int32 // source neuron of each synapse of colSyn
}

// initPlastic builds the spike history and the column index.
func (s *Synapse) initPlastic() {
	s.hist = make([][]int32, s.maxDelay+1)
	if s.D == nil {
		s.lags = []int{s.DelaySteps}
	} else {
		s.lags = s.lags[:0]
		for _, d := range s.D {
			s.lags = append(s.lags, int(d))
		}
		slices.Sort(s.lags)
		s.lags = slices.Compact(s.lags)
	}
	nPre, nPost := len(s.RowPtr)-1, s.Post.Len()
	s.preIdx = make([]int32, len(s.PostIdx))
	for i := range nPre {
		for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
			s.preIdx[at] = int32(i)
		}
	}
	s.colPtr = make([]int, nPost+1)
	for _, j := range s.PostIdx {
		s.colPtr[j+1]++
	}
	for j := range nPost {
		s.colPtr[j+1] += s.colPtr[j]
	}
	next := slices.Clone(s.colPtr[:nPost])
	s.colSyn = make([]int32, len(s.PostIdx))
	s.colPre = make([]int32, len(s.PostIdx))
	for at, j := range s.PostIdx { // ascending synapse order within a column
		s.colSyn[next[j]] = int32(at)
		s.colPre[next[j]] = s.preIdx[at]
		next[j]++
	}
}

// OneDelay returns the delay in steps of every synapse and true when they
// all have the same (no per-synapse delays), for rules that keep one
// presynaptic trace per source neuron instead of one per synapse.
func (s *Synapse) OneDelay() (int, bool) { return s.DelaySteps, s.D == nil }

// ArrivingSources returns the source neurons whose spikes arrive in step
// k at an edge whose synapses all have one delay d (see OneDelay): those
// that fired in step k-d, ascending. Arrivals gives the same synapses,
// source by source (see Outgoing).
func (s *Synapse) ArrivingSources(k int) []int32 {
	d := s.DelaySteps
	if s.D != nil || k-d < 0 || s.hist == nil {
		return nil
	}
	return s.hist[(k-d)%len(s.hist)]
}

// IncomingSources returns the source neuron of each synapse of
// Incoming(j), in the same order.
func (s *Synapse) IncomingSources(j int) []int32 { return s.colPre[s.colPtr[j]:s.colPtr[j+1]] }

// remember records the source neurons that fired in step k.
func (s *Synapse) remember(k int, fired []int32) {
	slot := &s.hist[k%len(s.hist)]
	*slot = append((*slot)[:0], fired...)
}

// Arrivals calls f for every synapse whose presynaptic spike arrives in
// step k (emitted in step k-d by a synapse of delay d), in a fixed order:
// by delay, then source neuron, then synapse. It is valid once the
// source's spikes of step k have been emitted, which the network does
// before learning.
func (s *Synapse) Arrivals(k int, f func(syn int)) {
	for _, d := range s.lags {
		if k-d < 0 {
			continue
		}
		for _, i := range s.hist[(k-d)%len(s.hist)] {
			for at := s.RowPtr[i]; at < s.RowPtr[i+1]; at++ {
				if s.D == nil || int(s.D[at]) == d {
					f(at)
				}
			}
		}
	}
}

// Incoming returns the synapses into target neuron j, ascending.
func (s *Synapse) Incoming(j int) []int32 { return s.colSyn[s.colPtr[j]:s.colPtr[j+1]] }

// Outgoing returns the synapses [lo, hi) of source neuron i.
func (s *Synapse) Outgoing(i int) (lo, hi int) { return s.RowPtr[i], s.RowPtr[i+1] }

// Source returns the source neuron of synapse syn: from the index built
// for learning rules when the edge has one, else by a binary search of
// RowPtr (the source i with RowPtr[i] <= syn < RowPtr[i+1]).
func (s *Synapse) Source(syn int) int {
	if s.preIdx != nil {
		return int(s.preIdx[syn])
	}
	return sort.Search(len(s.RowPtr)-1, func(i int) bool { return s.RowPtr[i+1] > syn })
}

// Target returns the target neuron of synapse syn.
func (s *Synapse) Target(syn int) int { return int(s.PostIdx[syn]) }

// Weights returns the weights, indexed by synapse; rules write them. An
// edge whose synapses shared one weight gets one weight per synapse (W)
// from then on.
func (s *Synapse) Weights() []float64 {
	s.ownWeights()
	return s.W
}

// resetPlastic forgets the spike history.
func (s *Synapse) resetPlastic() {
	for i := range s.hist {
		s.hist[i] = s.hist[i][:0]
	}
}
