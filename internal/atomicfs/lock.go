package atomicfs

import (
	"fmt"
	"os"
	"path/filepath"
)

// A DirLock is an exclusive lock on a target directory, held until Unlock
// or the end of the process.
type DirLock struct {
	f    *os.File
	path string
}

// Lock takes the exclusive lock of target: a flock(2) on the lock file
// PARENT/.NAME.lock beside it, creating target's parent directories and
// the lock file if needed. It does not wait: if another process holds the
// lock it returns an error wrapping ErrLocked. The lock file is never
// removed (removing it would let two processes lock different files).
func Lock(target string) (*DirLock, error) {
	real, err := resolve(target)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		return nil, err
	}
	path := sibling(real, lockSuffix)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := flock(f); err != nil {
		f.Close()
		if err == ErrLocked {
			return nil, fmt.Errorf("%s: %w (lock file %s)", target, ErrLocked, path)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return &DirLock{f: f, path: path}, nil
}

// Path returns the lock file.
func (l *DirLock) Path() string { return l.path }

// Unlock releases the lock.
func (l *DirLock) Unlock() error { return l.f.Close() }
