package learning

// pairing is the event-driven state of the pair rules: the traces of STDP
// and RSTDP (pairTraces) or the window of FlatSTDP and FlatRSTDP
// (flatWindow). The rules differ only in it; initPairRule,
// updatePairRule and resetPairRule are the rest of them. The interface
// is called once per Update, never per synapse.
type pairing interface {
	initPairs(e Edge, dt float64) error
	// pairs runs the events of step c.Step and calls add(s, dw) for every
	// weight change they call for.
	pairs(e Edge, c *Context, ltd, ltp float64, add func(s int, dw float64))
	resetPairs()
}

// initPairRule is Init of a pair rule: b's Setup, then el's (nil for a
// rule without eligibility trace), then p's.
func initPairRule(b *Base, el *eligibility, p pairing, e Edge, dt float64) error {
	if err := b.Setup(e, dt); err != nil {
		return err
	}
	if el != nil {
		if err := el.initEligibility(e, dt); err != nil {
			return err
		}
	}
	return p.initPairs(e, dt)
}

// updatePairRule is Update of a pair rule. Without eligibility trace (el
// nil) the changes of p move the weights within b's bounds; with it they
// feed the trace, which dopamine turns into weight change.
func updatePairRule(b *Base, el *eligibility, p pairing, e Edge, c *Context) {
	if !b.Learning {
		return
	}
	if el == nil {
		w := e.Weights()
		if pt, ok := p.(*pairTraces); ok && pt.bySource && b.hardBounds() {
			pt.pairsBySourceHard(e, c, b, w)
		} else if ok && pt.bySource {
			pt.pairsBySource(e, c, b.ltd, b.ltp, b, w, nil)
		} else {
			p.pairs(e, c, b.ltd, b.ltp, func(s int, dw float64) { b.Change(w, s, dw) })
		}
	} else {
		el.decayEligibility()
		p.pairs(e, c, b.ltd, b.ltp, el.addEligibility)
		el.reinforce(b, e, c)
	}
	b.Finish(e, c.Step)
}

// resetPairRule is Reset of a pair rule.
func resetPairRule(el *eligibility, p pairing) {
	p.resetPairs()
	if el != nil {
		clear(el.C)
	}
}
