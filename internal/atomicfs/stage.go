package atomicfs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Names beside a target PARENT/NAME.
const (
	lockSuffix   = ".lock"
	stagingInfix = ".staging-"
	oldInfix     = ".old-"
	hiddenPrefix = "."
)

// resolve returns the absolute path of target with its symbolic links
// resolved (a target that does not exist yet is resolved through its
// parent), so that the staging directory is beside the real directory. A
// root directory, which has nothing beside it, is an error.
func resolve(target string) (string, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	real := abs
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		real = r
	} else {
		parent, base := filepath.Split(abs)
		if r, err := filepath.EvalSymlinks(parent); err == nil {
			real = filepath.Join(r, base)
		}
	}
	if filepath.Dir(real) == real {
		return "", fmt.Errorf("%s: a root directory cannot be replaced", target)
	}
	return real, nil
}

// sibling returns PARENT/.NAME + suffix for target PARENT/NAME.
func sibling(target, suffix string) string {
	return filepath.Join(filepath.Dir(target), hiddenPrefix+filepath.Base(target)+suffix)
}

// Stage is a staging directory that replaces a target directory as a
// whole on Commit. The zero value is not usable; call NewStage.
type Stage struct {
	// Dir is the staging directory: write the new content here.
	Dir    string
	target string

	exchange  func(a, b string) error // exchange, or a stand-in in tests
	mu        sync.Mutex
	committed bool
	aborted   bool
}

// NewStage removes the leftovers of earlier interrupted stages of target
// (see Cleanup) and creates an empty staging directory beside it, creating
// target's parent directories if needed. The caller should hold the Lock
// of target, or leftovers of a concurrent writer may be removed.
func NewStage(target string) (*Stage, error) {
	real, err := resolve(target)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		return nil, err
	}
	if err := Cleanup(real); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(filepath.Dir(real), hiddenPrefix+filepath.Base(real)+stagingInfix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.Remove(dir)
		return nil, err
	}
	return &Stage{Dir: dir, target: real, exchange: exchange}, nil
}

// Target returns the directory the stage replaces (absolute, with its
// symbolic links resolved).
func (s *Stage) Target() string { return s.target }

// ErrAborted is returned by Commit after Abort.
var ErrAborted = errors.New("atomicfs: stage aborted")

// Commit syncs the staging directory and puts it in place of the target
// in one step (see the package doc), then removes the previous content.
// Once Commit has returned nil, the target holds the new content; if it
// returns an error, the target is as it was before (and the staging
// directory is left for Abort, or the next NewStage, to remove).
func (s *Stage) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.aborted {
		return ErrAborted
	}
	if s.committed {
		return errors.New("atomicfs: stage committed twice")
	}
	syncDir(s.Dir)
	parent := filepath.Dir(s.target)
	info, err := os.Lstat(s.target)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(s.Dir, s.target); err != nil {
			return err
		}
		s.committed = true
		syncDir(parent)
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s exists and is not a directory", s.target)
	}
	err = s.exchange(s.Dir, s.target)
	if err == nil {
		// s.Dir now names the old content.
		s.committed = true
		syncDir(parent)
		return os.RemoveAll(s.Dir)
	}
	if !errors.Is(err, errNoExchange) {
		return err
	}
	// Fallback: target aside, staging in its place, then drop the old.
	old, err := os.MkdirTemp(parent, hiddenPrefix+filepath.Base(s.target)+oldInfix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return err
	}
	if err := os.Remove(old); err != nil { // only the unique name is wanted
		return err
	}
	if err := os.Rename(s.target, old); err != nil {
		return err
	}
	if err := os.Rename(s.Dir, s.target); err != nil {
		if rerr := os.Rename(old, s.target); rerr != nil {
			return fmt.Errorf("%w (and restoring %s from %s: %v)", err, s.target, old, rerr)
		}
		return err
	}
	s.committed = true
	syncDir(parent)
	return os.RemoveAll(old)
}

// Abort removes the staging directory; a later Commit fails with
// ErrAborted. It reports false, and does nothing, if the stage was
// already committed (Abort waits for a Commit under way).
func (s *Stage) Abort() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.committed {
		return false
	}
	s.aborted = true
	os.RemoveAll(s.Dir)
	return true
}

// Cleanup removes the leftovers of interrupted stages of target: staging
// directories (.NAME.staging-*) and old directories (.NAME.old-*) beside
// it. If target does not exist but an old directory does (a fallback swap
// interrupted between its two renames), the newest old directory is put
// back as target first. The caller should hold the Lock of target.
func Cleanup(target string) error {
	real, err := resolve(target)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(real), filepath.Base(real)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var stale, olds []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, hiddenPrefix+base+stagingInfix):
			stale = append(stale, name)
		case strings.HasPrefix(name, hiddenPrefix+base+oldInfix):
			olds = append(olds, name)
		}
	}
	if len(olds) > 0 {
		if _, err := os.Lstat(real); errors.Is(err, os.ErrNotExist) {
			sort.Slice(olds, func(i, j int) bool { return modTime(parent, olds[i]) > modTime(parent, olds[j]) })
			if err := os.Rename(filepath.Join(parent, olds[0]), real); err != nil {
				return fmt.Errorf("restoring %s: %w", real, err)
			}
			olds = olds[1:]
		}
	}
	for _, name := range append(stale, olds...) {
		if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
			return fmt.Errorf("removing the leftover %s: %w", filepath.Join(parent, name), err)
		}
	}
	return nil
}

// modTime returns the modification time of parent/name in nanoseconds (0
// if it cannot be read).
func modTime(parent, name string) int64 {
	info, err := os.Lstat(filepath.Join(parent, name))
	if err != nil {
		return 0
	}
	return info.ModTime().UnixNano()
}

// syncDir syncs a directory, so that the renames in it are durable; best
// effort, as some file systems cannot sync a directory.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
