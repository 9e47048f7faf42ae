package graph_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/bench/brunel"
	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/graph"
)

// BenchmarkScheduleModel reports, for Brunel and CUBA 20 000 compiled for
// two workers, the speed-up that their step's tasks allow on two workers
// (graph.ScheduleModel: serial time of the tasks over their makespan in
// the runner's order, task durations measured on one goroutine). It is a
// bound that a shared machine's wall times cannot show: it leaves out
// the runner's costs (starting a goroutine per stage, waking a core) and
// the contention of two cores for memory.
func BenchmarkScheduleModel(b *testing.B) {
	for _, tc := range []struct {
		name  string
		build func() *graph.Network
	}{
		{"brunel", func() *graph.Network { return brunel.Build(1) }},
		{"cuba20k", func() *graph.Network { return cuba.BuildN(1, 20000) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			net := tc.build()
			net.Workers = 2
			sim, err := net.Compile()
			require.NoError(b, err)
			var serial, span float64
			for b.Loop() {
				s, m := graph.ScheduleModel(sim, 500, 2)
				serial, span = serial+s.Seconds(), span+m.Seconds()
			}
			b.ReportMetric(serial/span, "model-speedup")
		})
	}
}
