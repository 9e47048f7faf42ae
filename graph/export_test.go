package graph

// ParallelStages reports, for each stage of s, whether s spreads the
// stage's work over its workers (small stages run on one goroutine). Tests
// use it to make sure they exercise the parallel path.
func ParallelStages(s *Sim) []bool { return s.parallel }

// SetUnfused turns the fused step of LIF populations fed by exponential
// kernels off (on = true) or back on, so that tests can compare the two.
func SetUnfused(s *Sim, on bool) { s.unfused = on }

// FusedPopulations lists the populations whose chunks advance with the
// fused step (when their model takes it).
func FusedPopulations(s *Sim) []string {
	var out []string
	for _, r := range s.pops {
		if s.fusedStep(r) != nil {
			out = append(out, r.p.Name)
		}
	}
	return out
}
