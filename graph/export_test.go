package graph

// ParallelStages reports, for each stage of s, whether s spreads the
// stage's work over its workers (small stages run on one goroutine). Tests
// use it to make sure they exercise the parallel path.
func ParallelStages(s *Sim) []bool { return s.parallel }
