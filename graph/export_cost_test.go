package graph

// AdvanceTasks returns the number of advance tasks of each stage.
func AdvanceTasks(s *Sim) []int {
	out := make([]int, len(s.advance))
	for i, a := range s.advance {
		out[i] = len(a)
	}
	return out
}
