package learning

import "sort"

// PartedRule is a Rule whose update the network may spread over workers:
// it splits the update of an edge into phases whose tasks, one per part
// of the edge's target neurons, touch disjoint synapses, and gives the
// same bits as Update whatever the number of parts.
type PartedRule interface {
	Rule
	// Parted reports whether UpdateParted applies to edge e (after Init).
	Parted(e Edge) bool
	// UpdateParted does what Update does. It calls run with the tasks of
	// each phase in turn; run runs them, in any order or in parallel,
	// and returns when all are done.
	UpdateParted(e Edge, c *Context, run func(tasks []func()))
}

// partedEdge is a sourceEdge whose target neurons are split into parts
// (synapses.Synapse after SplitTargets).
type partedEdge interface {
	sourceEdge
	// Parts returns the number of parts.
	Parts() int
	// PartBounds returns the target neurons [lo, hi) of part p.
	PartBounds(p int) (lo, hi int)
	// RowPart returns the synapses [lo, hi) of source i whose targets are
	// in part p.
	RowPart(i, p int) (lo, hi int)
}

// Parted implements PartedRule: pair STDP on an edge whose synapses share
// one delay (traces per source neuron) and whose targets are split.
func (r *STDP) Parted(e Edge) bool {
	pe, ok := e.(partedEdge)
	return ok && r.bySource && pe.Parts() > 1
}

// UpdateParted implements PartedRule. The phases are: depression of the
// synapses of the arriving sources, part by part of their targets; the
// arrival in the presynaptic traces (one task); potentiation of the
// synapses into the firing targets and their postsynaptic traces, part
// by part; then weight decay and normalisation (Finish). Every synapse
// gets its depression before its potentiation, as in Update, and the
// traces change where Update changes them.
func (r *STDP) UpdateParted(e Edge, c *Context, run func(tasks []func())) {
	if !r.Learning {
		return
	}
	pe := e.(partedEdge)
	p, b, w, k := &r.pairTraces, &r.Base, e.Weights(), c.Step
	parts, hard := pe.Parts(), b.hardBounds()
	srcs := p.src.ArrivingSources(k)
	tasks := make([]func(), parts)
	if ltd := b.ltd; ltd != 0 && len(srcs) > 0 {
		for q := range tasks {
			tasks[q] = func() {
				for _, i := range srcs {
					lo, hi := pe.RowPart(int(i), q)
					if lo == hi {
						continue
					}
					first, _ := e.Outgoing(int(i))
					post, _ := p.src.Row(int(i))
					if hard {
						p.depressRowHard(post[lo-first:hi-first], w[lo:hi], k, ltd, b.wmin, b.wmax)
						continue
					}
					for s := lo; s < hi; s++ {
						if y := p.postAt(int(post[s-first]), k); y != 0 {
							b.Change(w, s, -ltd*y)
						}
					}
				}
			}
		}
		run(tasks)
	}
	for _, i := range srcs {
		p.arrive(int(i), k)
	}
	fired := c.PostFired
	if len(fired) == 0 {
		b.Finish(e, k)
		return
	}
	ltp := b.ltp
	for q := range tasks {
		tasks[q] = func() {
			lo, hi := pe.PartBounds(q)
			a := sort.Search(len(fired), func(n int) bool { return int(fired[n]) >= lo })
			z := sort.Search(len(fired), func(n int) bool { return int(fired[n]) >= hi })
			for _, j := range fired[a:z] {
				if ltp != 0 && hard {
					p.potentiateColHard(w, e.Incoming(int(j)), p.src.IncomingSources(int(j)), k, ltp, b.wmin, b.wmax)
				} else if ltp != 0 {
					syn, src := e.Incoming(int(j)), p.src.IncomingSources(int(j))
					for n, s := range syn {
						if x := p.preAt(int(src[n]), k); x != 0 {
							b.Change(w, int(s), ltp*x)
						}
					}
				}
				p.fire(int(j), k)
			}
		}
	}
	run(tasks)
	b.Finish(e, k)
}
