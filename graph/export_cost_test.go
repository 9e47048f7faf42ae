package graph

// AdvanceTasks returns the number of advance tasks of each stage.
func AdvanceTasks(s *Sim) []int {
	out := make([]int, len(s.order))
	for i, stage := range s.order {
		for _, r := range stage {
			out[i] += r.tasks
		}
	}
	return out
}
