package vecmath

// The kernels read and write bools as the bytes 0 and 1 (Go's layout).

// Threshold sets spk[i] = (v[i] > c || ge && v[i] == c) && !ref[i] for
// every i < len(spk) (ref nil: no neuron is refractory) and reports
// whether any spk[i] is set. v and ref (if not nil) must be at least as
// long as spk.
func Threshold(spk []bool, v []float64, c float64, ge bool, ref []bool) bool {
	return thresholdWith(best, spk, v, c, ge, ref)
}

func thresholdWith(ks *kernelSet, spk []bool, v []float64, c float64, ge bool, ref []bool) bool {
	v = v[:len(spk)]
	if ref != nil {
		ref = ref[:len(spk)]
	}
	n := 0
	fired := false
	if ks.threshold != nil && len(spk) >= ks.width {
		n = len(spk) - len(spk)%ks.width
		var r *bool
		if ref != nil {
			r = &ref[0]
		}
		fired = ks.threshold(&spk[0], &v[0], r, n, c, ge)
	}
	for i := n; i < len(spk); i++ {
		x := v[i]
		spk[i] = (x > c || ge && x == c) && (ref == nil || !ref[i])
		fired = fired || spk[i]
	}
	return fired
}

// Countdown sets ref[i] = rc[i] > 0 and decrements rc[i] where it is, for
// every i < len(ref) (refractory counts in steps). rc must be at least as
// long as ref.
func Countdown(ref []bool, rc []float64) { countdownWith(best, ref, rc) }

func countdownWith(ks *kernelSet, ref []bool, rc []float64) {
	rc = rc[:len(ref)]
	n := 0
	if ks.countdown != nil && len(ref) >= ks.width {
		n = len(ref) - len(ref)%ks.width
		ks.countdown(&ref[0], &rc[0], n)
	}
	for i := n; i < len(ref); i++ {
		if rc[i] > 0 {
			rc[i]--
			ref[i] = true
		} else {
			ref[i] = false
		}
	}
}
