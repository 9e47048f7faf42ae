package graph

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Why the runner has its own pool and latch instead of a goroutine per
// task list and sync.WaitGroup: a step is a few dozen tasks of a few to
// a hundred microseconds each, and every wait between them (a
// population's collection waits for its chunks, the scatter for the
// collection, the caller for the last task) put a thread to sleep with
// a WaitGroup. Waking a sleeping vCPU takes tens of microseconds on the
// virtual machines this runs on, about as long as the task itself, and
// two workers ran slower than one (docs/performance.md). The latch and
// the pool's helpers first spin on an atomic counter for about the
// length of a few tasks (spinFor) and only then block, so that within a
// step no thread sleeps, and between runs none burns a CPU for long.
// A spinning waiter yields its processor now and then (runtime.Gosched):
// with more workers than the Go scheduler runs at once (GOMAXPROCS, or
// several Sims at once), it would otherwise hold the processor that the
// worker it waits for needs (a 2-CPU machine ran Brunel 7x slower with
// three workers than with two before it yielded).

// spinFor is how long a waiter spins before it blocks.
const spinFor = 200 * time.Microsecond

// spin calls done until it reports true or spinFor has passed, and
// reports whether done did.
func spin(done func() bool) bool {
	var start time.Time
	for i := 0; ; i++ {
		if done() {
			return true
		}
		if i&255 == 255 {
			// Let a goroutine waiting for this processor run: it may be
			// the one this waiter waits for (two Sims at once, say).
			runtime.Gosched()
			if start.IsZero() {
				start = time.Now()
			} else if time.Since(start) > spinFor {
				return false
			}
		}
	}
}

// latch is a countdown that its waiters first spin on and then block on.
// The zero latch is open; add closes it for n more done calls.
type latch struct {
	n       atomic.Int64
	mu      sync.Mutex
	cond    *sync.Cond // lazily made under mu
	waiters int        // blocked waiters, under mu
}

// add adds n to the count.
func (l *latch) add(n int) { l.n.Add(int64(n)) }

// done counts one down, waking the blocked waiters at zero.
func (l *latch) done() {
	if l.n.Add(-1) != 0 {
		return
	}
	l.mu.Lock()
	if l.waiters > 0 {
		l.cond.Broadcast()
	}
	l.mu.Unlock()
}

// wait returns once the count is zero.
func (l *latch) wait() {
	if spin(func() bool { return l.n.Load() == 0 }) {
		return
	}
	l.mu.Lock()
	if l.cond == nil {
		l.cond = sync.NewCond(&l.mu)
	}
	for l.n.Load() != 0 {
		l.waiters++
		l.cond.Wait()
		l.waiters--
	}
	l.mu.Unlock()
}

// job is one call of Sim.run on the pool: each worker runs the tasks it
// owns (mine), or if mine is nil the workers take the next task not yet
// taken through next; left counts the tasks not yet done.
type job struct {
	tasks []func() error
	errs  []error
	// mine[w], if set, are the tasks that worker w (0 the caller, 1 on
	// the helpers) runs, in order; else every worker takes the next task
	// not yet taken.
	mine [][]int
	next atomic.Int64
	left latch
}

// work runs worker w's tasks of j.
func (j *job) work(w int) {
	if j.mine != nil {
		if w < len(j.mine) {
			for _, i := range j.mine[w] {
				j.errs[i] = caught(j.tasks[i])
				j.left.done()
			}
		}
		return
	}
	for i := j.next.Add(1) - 1; i < int64(len(j.tasks)); i = j.next.Add(1) - 1 {
		j.errs[i] = caught(j.tasks[i])
		j.left.done()
	}
}

// pool is a set of helper goroutines that take part in the jobs
// published to it. It holds no reference to a Sim between jobs (do
// clears it when the job is done), so that a Sim nobody refers to is
// collected and its cleanup closes the pool (see newSim).
type pool struct {
	// cur is the job being done, in a post of its own: a job is done
	// many times, and a helper tells one time from the next by the post
	// (it runs its tasks once per post).
	cur      atomic.Pointer[post]
	stop     atomic.Bool
	sleepers atomic.Int32 // helpers blocked (or about to block) on cond
	posts    uint64       // posts made, by do
	mu       sync.Mutex
	cond     sync.Cond // signalled under mu when cur or stop change
	exited   sync.WaitGroup
}

// post is one publication of a job: the seq-th of the pool.
type post struct {
	j   *job
	seq uint64
}

// newPool starts n helper goroutines, workers 1 to n.
func newPool(n int) *pool {
	p := &pool{}
	p.cond.L = &p.mu
	p.exited.Add(n)
	for w := range n {
		go p.helper(w + 1)
	}
	return p
}

// helper is worker w: it works on every job posted until the pool is
// closed. It cannot miss a post with tasks of its own (do waits for
// them), and it runs each post once.
func (p *pool) helper(w int) {
	defer p.exited.Done()
	// last is the seq of the last post run: a pointer would keep its
	// job, and the Sim behind it, from being collected.
	var last uint64
	fresh := func() bool {
		c := p.cur.Load()
		return p.stop.Load() || (c != nil && c.seq != last)
	}
	for {
		if !spin(fresh) {
			p.mu.Lock()
			p.sleepers.Add(1)
			for !fresh() {
				p.cond.Wait()
			}
			p.sleepers.Add(-1)
			p.mu.Unlock()
		}
		if p.stop.Load() {
			return
		}
		if c := p.cur.Load(); c != nil && c.seq != last {
			last = c.seq
			c.j.work(w)
		}
	}
}

// do runs the tasks on the calling goroutine and the helpers and returns
// when every task is done; errs[i] is task i's error.
func (p *pool) do(j *job) {
	j.left.add(len(j.tasks))
	j.next.Store(0)
	p.posts++
	c := &post{j, p.posts}
	p.cur.Store(c)
	if p.sleepers.Load() > 0 {
		p.mu.Lock()
		p.cond.Broadcast()
		p.mu.Unlock()
	}
	j.work(0)
	j.left.wait()
	// A helper that comes late runs no task: its own are done, and the
	// next task to take is past the end. Clearing cur lets the Sim
	// behind the tasks be collected.
	p.cur.CompareAndSwap(c, nil)
}

// close stops the helpers and waits for them to exit. It is called once,
// with no job running.
func (p *pool) close() {
	p.mu.Lock()
	p.stop.Store(true)
	p.cond.Broadcast()
	p.mu.Unlock()
	p.exited.Wait()
}
