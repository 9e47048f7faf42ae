package sweep

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkExecute100 is the sweep's own work per run, without the runs:
// 100 runs planned, checked for complete outputs, logged and "run" by a
// runner that does nothing (see cli's BenchmarkSweep100 for real runs).
func BenchmarkExecute100(b *testing.B) {
	n := &Network{Path: "net.hcl", Vars: map[string]VarInfo{"g": {}, "nu": {}}}
	noop := func(context.Context, []string, io.Writer) int { return 0 }
	for i := 0; b.Loop(); i++ {
		p, err := Expand(n, &Spec{Grid: []Axis{axis(b, "g=1,2,3,4,5,6,7,8,9,10"), axis(b, "nu=1,2,3,4,5,6,7,8,9,10")}, Seeds: []uint64{1}}, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
		if err := WritePlan(dir, p); err != nil {
			b.Fatal(err)
		}
		if _, err := Execute(context.Background(), p, dir, Options{Jobs: 1, Run: noop, Progress: io.Discard}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/100, "µs/run")
}

func axis(b *testing.B, s string) Axis {
	ax, err := ParseGrid(s)
	if err != nil {
		b.Fatal(err)
	}
	return ax
}
