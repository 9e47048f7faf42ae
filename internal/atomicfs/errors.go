package atomicfs

import "errors"

// errNoExchange means the system cannot exchange two directories
// atomically.
var errNoExchange = errors.New("atomic exchange not supported")

// ErrLocked is returned by Lock when another process holds the lock.
var ErrLocked = errors.New("in use by another process")

// pathError2 is an error of an operation on two paths.
type pathError2 struct {
	op, a, b string
	err      error
}

func (e *pathError2) Error() string { return e.op + " " + e.a + " " + e.b + ": " + e.err.Error() }
func (e *pathError2) Unwrap() error { return e.err }
