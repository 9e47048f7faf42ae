package cli_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/synapticflow/synapticflow-go/cli"
)

// The overhead of a sweep per run (issue 14: under 50 ms per run, on 100
// tiny runs): BenchmarkSweep100 runs a sweep of 100 runs of
// testdata/sweep/tiny.hcl one at a time; BenchmarkRun100 the same 100
// runs with netrun run, one after the other. The difference over 100 is
// the sweep's overhead per run (planning, the completeness checks, the
// logs, the plan file). docs/performance.md ("Sweeps") has the numbers.

func BenchmarkSweep100(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
		code := cli.Main(context.Background(), []string{"sweep", "-grid", "g=1,2,3,4,5,6,7,8,9,10", "-grid", "nu=1,2,3,4,5,6,7,8,9,10",
			"-seeds", "1", "-j", "1", "-no-figures", "-out", dir, sweepdata("tiny.hcl")}, io.Discard, io.Discard, cli.Config{})
		if code != cli.ExitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/100, "ms/run")
}

func BenchmarkRun100(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
		for g := 1; g <= 10; g++ {
			for nu := 1; nu <= 10; nu++ {
				code := cli.Main(context.Background(), []string{"run", "-quiet", "-workers", "1", "-format", "csv", "-no-figures", "-seed", "1",
					"-var", "g=" + strconv.Itoa(g), "-var", "nu=" + strconv.Itoa(nu), "-out", filepath.Join(dir, fmt.Sprint(g, "_", nu)), sweepdata("tiny.hcl")},
					io.Discard, io.Discard, cli.Config{})
				if code != cli.ExitOK {
					b.Fatalf("exit %d", code)
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/100, "ms/run")
}
