package graph

import "time"

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

// ScheduleModel runs steps steps of s on the calling goroutine, timing
// every task, and returns the serial time of the tasks and the makespan
// they would have on workers workers taking them in the runner's order
// (each worker runs the tasks it owns in order and waits, as the runner
// does, for the tasks they depend on: a population's collect task on its
// advance tasks, its scatter tasks on its collect task, or on its
// advance tasks if it has none). It
// leaves out learning, monitors and the runner's own costs; s must have
// been compiled with workers workers so that its tasks are those.
func ScheduleModel(s *Sim, steps, workers int) (serial, makespan time.Duration) {
	for range steps {
		for i, stage := range s.order {
			for _, r := range stage {
				r.chunksLeft.add(r.tasks)
				if !r.direct {
					r.collected.add(1)
				}
				r.faulted.Store(false)
			}
			tasks := s.tasks[i]
			dur := make([]time.Duration, len(tasks))
			for t, task := range tasks {
				start := time.Now()
				if err := caught(task); err != nil {
					panic(err)
				}
				dur[t] = time.Since(start)
				serial += dur[t]
			}
			// deps[t]: the tasks t waits for.
			deps := make([][]int, len(tasks))
			t, first := 0, make([]int, len(stage))
			for p, r := range stage {
				first[p] = t
				t += r.tasks
			}
			for p, r := range stage {
				var advanced []int
				for c := range r.tasks {
					advanced = append(advanced, first[p]+c)
				}
				wait := advanced
				if !r.direct {
					deps[t] = advanced
					wait = []int{t}
					t++
				}
				for _, e := range r.out {
					for range e.Parts() {
						deps[t] = wait
						t++
					}
				}
			}
			for _, r := range stage {
				s.collectDirect(r)
			}
			// Each task runs on its owner, after the owner's tasks before
			// it and the tasks it depends on (all of lower index).
			owner := make([]int, len(tasks))
			for w, mine := range s.jobs[i].mine {
				for _, t := range mine {
					owner[t] = w
				}
			}
			free := make([]time.Duration, workers)
			end := make([]time.Duration, len(tasks))
			for t := range tasks {
				w := owner[t]
				start := free[w]
				for _, d := range deps[t] {
					start = max(start, end[d])
				}
				end[t] = start + dur[t]
				free[w] = end[t]
			}
			var span time.Duration
			for _, f := range free {
				span = max(span, f)
			}
			makespan += span
		}
		s.k++
	}
	return serial, makespan
}

// PartedLearning returns the number of edges whose learning rule s
// spreads over its workers (learning.PartedRule).
func PartedLearning(s *Sim) int { return len(s.learnParted) }
