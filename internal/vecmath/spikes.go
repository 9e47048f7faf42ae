package vecmath

// The kernels read and write bools as the bytes 0 and 1 (Go's layout).

// Threshold sets spk[i] = (v[i] > c || ge && v[i] == c) && !ref[i] for
// every i < len(spk) (ref nil: no neuron is refractory) and reports
// whether any spk[i] is set. v and ref (if not nil) must be at least as
// long as spk.
func Threshold(spk []bool, v []float64, c float64, ge bool, ref []bool) bool {
	v = v[:len(spk)]
	if ref != nil {
		ref = ref[:len(spk)]
	}
	n := 0
	fired := false
	if hasAVX512BW && len(spk) >= 8 {
		n = len(spk) &^ 7
		var r *bool
		if ref != nil {
			r = &ref[0]
		}
		fired = thresholdAVX512(&spk[0], &v[0], r, n, c, ge)
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
func Countdown(ref []bool, rc []float64) {
	rc = rc[:len(ref)]
	n := 0
	if hasAVX512BW && len(ref) >= 8 {
		n = len(ref) &^ 7
		countdownAVX512(&ref[0], &rc[0], n)
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
