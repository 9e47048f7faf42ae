package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/neurons"
)

// TestLatch checks that wait returns only after every done, both when
// the last done comes while the waiter spins and when it comes after the
// waiter blocked (a done 20 ms later, far past the spin), and that a
// latch is reusable.
func TestLatch(t *testing.T) {
	for _, delay := range []time.Duration{0, 20 * time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) {
			var l latch
			for round := range 3 {
				var count atomic.Int64
				const n = 8
				l.add(n)
				for i := range n {
					go func() {
						if i == n-1 {
							time.Sleep(delay)
						}
						count.Add(1)
						l.done()
					}()
				}
				l.wait()
				assert.Equal(t, int64(n), count.Load(), "round %d", round)
			}
			l.wait() // open: returns at once
		})
	}
}

// TestPoolDo checks that every task of a job runs exactly once and its
// error lands in its own slot, over many jobs on three helpers, with a
// task that waits for an earlier one (as collection waits for chunks),
// on as many processors as workers and on one (the waiters then yield to
// the worker they wait for).
func TestPoolDo(t *testing.T) {
	for _, procs := range []int{4, 1} {
		t.Run(fmt.Sprint("GOMAXPROCS=", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			testPoolDo(t)
		})
	}
}

func testPoolDo(t *testing.T) {
	p := newPool(3)
	defer p.close()
	const n = 50
	runs := make([]atomic.Int64, n)
	var first latch
	tasks := make([]func() error, n)
	for i := range tasks {
		tasks[i] = func() error {
			runs[i].Add(1)
			switch {
			case i == 0:
				first.done()
			case i == n-1:
				first.wait()
			}
			if i%7 == 3 {
				return fmt.Errorf("task %d", i)
			}
			return nil
		}
	}
	j := newJob(tasks)
	for round := 1; round <= 200; round++ {
		first.add(1)
		p.do(j)
		for i := range n {
			require.Equal(t, int64(round), runs[i].Load(), "task %d after %d jobs", i, round)
			if i%7 == 3 {
				require.EqualError(t, j.errs[i], fmt.Sprintf("task %d", i))
			} else {
				require.NoError(t, j.errs[i])
			}
			j.errs[i] = nil
		}
	}
}

// waitGoroutines waits up to 5 s, collecting garbage, for the number of
// goroutines to come down to at most n, and returns the last count.
func waitGoroutines(n int) int {
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		got := runtime.NumGoroutine()
		if got <= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPoolClose checks that close stops the helpers, whether they were
// spinning (just after a job) or blocked (after a pause).
func TestPoolClose(t *testing.T) {
	base := runtime.NumGoroutine()
	for _, pause := range []time.Duration{0, 20 * time.Millisecond} {
		p := newPool(4)
		p.do(newJob([]func() error{func() error { return nil }, func() error { return nil }}))
		time.Sleep(pause)
		p.close()
		assert.LessOrEqual(t, waitGoroutines(base), base, "pause %v", pause)
	}
}

// TestSimPoolCollected checks that the helpers of a Sim nobody refers to
// any more exit (its cleanup closes the pool), so that programs that
// compile many networks (sweeps, tests) do not pile up goroutines.
func TestSimPoolCollected(t *testing.T) {
	base := runtime.NumGoroutine()
	for range 3 {
		net := New(1)
		net.Workers = 4
		m := neurons.NewLIF()
		net.AddPopulation(neurons.New("a", 40000, m))
		s, err := net.Compile()
		require.NoError(t, err)
		require.NotNil(t, s.pool)
		require.NoError(t, s.RunSteps(context.Background(), 5))
	}
	assert.LessOrEqual(t, waitGoroutines(base), base)
}

// TestRunFirstError checks that run reports the first failing task in
// task order on the pool, and clears the errors for the next run.
func TestRunFirstError(t *testing.T) {
	s := &Sim{workers: 3, pool: newPool(2)}
	defer s.pool.close()
	e1, e2 := errors.New("one"), errors.New("two")
	j := newJob([]func() error{
		func() error { time.Sleep(time.Millisecond); return e1 },
		func() error { return nil },
		func() error { return e2 },
	})
	assert.Equal(t, e1, s.run(j, true))
	for _, err := range j.errs {
		assert.NoError(t, err)
	}
}
