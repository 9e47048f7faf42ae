// Command brunelrun builds and runs the Brunel network of bench/brunel (or
// CUBA scaled to -n neurons with -net cuba) once and prints, as one line
// of key=value pairs: the build (compile) wall and CPU time, the run's
// wall and CPU time, the number of synapses, the spikes, a hash of every
// spike (step, population, neuron), the peak resident set (VmHWM) and the
// heap kept, per synapse. It is how bench/brunel.sh compares worker counts
// in alternating rounds, and how the memory figures of
// docs/performance.md were taken.
package main

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/synapticflow/synapticflow-go/bench/brunel"
	"github.com/synapticflow/synapticflow-go/bench/cuba"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")), &kb)
			return kb * 1024
		}
	}
	return 0
}

func main() {
	workers := flag.Int("workers", 1, "workers")
	ms := flag.Float64("ms", 1000, "biological time to simulate (ms)")
	seed := flag.Uint64("seed", 1, "seed")
	which := flag.String("net", "brunel", "brunel or cuba")
	n := flag.Int("n", 20000, "neurons of the cuba network")
	flag.Parse()
	var net *graph.Network
	switch *which {
	case "brunel":
		net = brunel.Build(*seed)
	case "cuba":
		net = cuba.BuildN(*seed, *n)
	default:
		fmt.Fprintln(os.Stderr, "brunelrun: -net brunel or cuba")
		os.Exit(2)
	}
	net.Workers = *workers
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	c0, t0 := cpu(), time.Now()
	sim, err := net.Compile()
	if err != nil {
		fmt.Fprintln(os.Stderr, "brunelrun:", err)
		os.Exit(1)
	}
	buildWall, buildCPU := time.Since(t0), cpu()-c0
	buildHWM := vmHWM()
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	syn := 0
	for _, name := range []string{"ee", "ei", "ie", "ii"} {
		syn += sim.Synapse(name).Len()
	}
	h := fnv.New64a()
	var pops []*neurons.Population
	for _, name := range []string{"exc", "inh"} {
		pops = append(pops, sim.Population(name))
	}
	steps := int(*ms / sim.Dt())
	ctx := context.Background()
	c0, t0 = cpu(), time.Now()
	var runWall time.Duration
	for k := 0; k < steps; k++ {
		t := time.Now()
		if err := sim.RunSteps(ctx, 1); err != nil {
			fmt.Fprintln(os.Stderr, "brunelrun:", err)
			os.Exit(1)
		}
		runWall += time.Since(t)
		for pi, p := range pops {
			for _, i := range p.Fired {
				fmt.Fprintf(h, "%d %d %d;", k, pi, i)
			}
		}
	}
	runCPU := cpu() - c0
	st := sim.Stats()
	fmt.Printf("net=%s workers=%d synapses=%d build_wall=%.3f build_cpu=%.3f run_wall=%.3f run_cpu=%.3f spikes=%d hash=%016x peak_rss_per_syn=%.2f build_peak_rss_per_syn=%.2f kept_heap_per_syn=%.2f alloc_per_syn=%.2f load=%s\n",
		*which, *workers, syn, buildWall.Seconds(), buildCPU.Seconds(), runWall.Seconds(), runCPU.Seconds(),
		st.TotalSpikes, h.Sum64(), float64(vmHWM())/float64(syn), float64(buildHWM)/float64(syn),
		float64(after.HeapAlloc-before.HeapAlloc)/float64(syn), float64(after.TotalAlloc-before.TotalAlloc)/float64(syn), loadavg())
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
