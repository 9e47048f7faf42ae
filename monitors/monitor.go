package monitors

// Monitor records something about a network after every step (or every
// few steps) of a run.
type Monitor interface {
	// Name identifies the monitor in errors and output files.
	Name() string
	// Init prepares the monitor for a run with time step dt (ms). The
	// network calls it once, after its populations and synapses are built.
	Init(dt float64) error
	// Record is called after step k (time k*dt ms) has been taken.
	Record(k int) error
	// Reset discards what was recorded.
	Reset()
}

// Flusher is implemented by monitors that buffer output (streams); the
// network calls Flush at the end of every run.
type Flusher interface {
	Flush() error
}
