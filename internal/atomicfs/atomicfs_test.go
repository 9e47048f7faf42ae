package atomicfs

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// names returns the entries of dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	require.NoError(t, WriteFile(path, 0o640, writeString("one")))
	assert.Equal(t, "one", read(t, path))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm())

	// A failing write keeps the old content and leaves no temporary file.
	boom := errors.New("boom")
	err = WriteFile(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, "one", read(t, path))
	assert.Equal(t, []string{"a.txt"}, names(t, dir))

	// So does a panicking one.
	assert.Panics(t, func() {
		WriteFile(path, 0o644, func(io.Writer) error { panic("bug") })
	})
	assert.Equal(t, "one", read(t, path))
	assert.Equal(t, []string{"a.txt"}, names(t, dir))

	// Into a missing directory: an error, not a panic.
	assert.Error(t, WriteFile(filepath.Join(dir, "no", "b"), 0o644, writeString("x")))
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".a.csv.tmp-123": true, "a.csv": false, "a.tmp-1": false, ".hidden": false,
	} {
		assert.Equal(t, want, IsTemp(name), name)
	}
}

// stageFiles stages the given files for target and returns the stage.
func stageFiles(t *testing.T, target string, files map[string]string) *Stage {
	t.Helper()
	s, err := NewStage(target)
	require.NoError(t, err)
	assert.Equal(t, filepath.Dir(s.Target()), filepath.Dir(s.Dir), "staging is beside the target")
	for name, content := range files {
		require.NoError(t, WriteFile(filepath.Join(s.Dir, name), 0o644, writeString(content)))
	}
	return s
}

func TestStage(t *testing.T) {
	for _, tc := range []struct {
		name     string
		exchange func(a, b string) error
	}{
		{"exchange", nil},
		{"fallback", func(a, b string) error { return errNoExchange }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			target := filepath.Join(parent, "sub", "out")

			// A first stage creates the target (and its parent).
			s := stageFiles(t, target, map[string]string{"a": "1", "b": "1"})
			if tc.exchange != nil {
				s.exchange = tc.exchange
			}
			_, err := os.Stat(target)
			assert.ErrorIs(t, err, os.ErrNotExist, "nothing before Commit")
			require.NoError(t, s.Commit())
			assert.Equal(t, []string{"a", "b"}, names(t, target))

			// A second one replaces the whole directory: b is gone.
			s = stageFiles(t, target, map[string]string{"a": "2", "c": "2"})
			if tc.exchange != nil {
				s.exchange = tc.exchange
			}
			assert.Equal(t, "1", read(t, filepath.Join(target, "a")), "the old content until Commit")
			require.NoError(t, s.Commit())
			assert.Equal(t, []string{"a", "c"}, names(t, target))
			assert.Equal(t, "2", read(t, filepath.Join(target, "a")))
			assert.Equal(t, []string{"out"}, names(t, filepath.Join(parent, "sub")), "no leftover beside it")
			assert.False(t, s.Abort(), "a committed stage cannot be aborted")
			assert.Error(t, s.Commit())
		})
	}
}

func TestStageAbort(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "out")
	require.NoError(t, stageFiles(t, target, map[string]string{"a": "1"}).Commit())
	s := stageFiles(t, target, map[string]string{"a": "2"})
	assert.True(t, s.Abort())
	assert.ErrorIs(t, s.Commit(), ErrAborted)
	assert.Equal(t, "1", read(t, filepath.Join(target, "a")))
	assert.Equal(t, []string{"out"}, names(t, parent))
}

func TestStageNotADirectory(t *testing.T) {
	target := filepath.Join(t.TempDir(), "out")
	require.NoError(t, os.WriteFile(target, []byte("x"), 0o644))
	s := stageFiles(t, target, nil)
	assert.ErrorContains(t, s.Commit(), "not a directory")
	assert.Equal(t, "x", read(t, target))
}

func TestStageThroughSymlink(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "real")
	require.NoError(t, os.Mkdir(real, 0o755))
	link := filepath.Join(parent, "link")
	require.NoError(t, os.Symlink(real, link))
	s := stageFiles(t, link, map[string]string{"a": "1"})
	require.NoError(t, s.Commit())
	assert.Equal(t, "1", read(t, filepath.Join(link, "a")), "the link still leads to the outputs")
	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&os.ModeSymlink)
}

func TestCleanup(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "out")
	for _, d := range []string{".out.staging-1-2", ".out.old-1-2", ".other.staging-1", "out"} {
		require.NoError(t, os.MkdirAll(filepath.Join(parent, d, "x"), 0o755))
	}
	require.NoError(t, Cleanup(target))
	assert.Equal(t, []string{".other.staging-1", "out"}, names(t, parent))

	// A fallback swap killed between its renames: the old content comes back.
	require.NoError(t, os.Rename(target, filepath.Join(parent, ".out.old-9-9")))
	require.NoError(t, os.MkdirAll(filepath.Join(parent, ".out.staging-9-9"), 0o755))
	require.NoError(t, Cleanup(target))
	assert.Equal(t, []string{".other.staging-1", "out"}, names(t, parent))
	assert.Equal(t, []string{"x"}, names(t, target))

	// A missing parent is nothing to clean.
	assert.NoError(t, Cleanup(filepath.Join(parent, "no", "out")))
}

func TestLock(t *testing.T) {
	target := filepath.Join(t.TempDir(), "a", "out")
	l, err := Lock(target)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(filepath.Dir(l.Path()), ".out.lock"), l.Path())
	_, err = Lock(target)
	assert.ErrorIs(t, err, ErrLocked)
	require.NoError(t, l.Unlock())
	l, err = Lock(target)
	require.NoError(t, err, "free again after Unlock")
	require.NoError(t, l.Unlock())
}

func TestExchange(t *testing.T) {
	parent := t.TempDir()
	a, b := filepath.Join(parent, "a"), filepath.Join(parent, "b")
	require.NoError(t, os.MkdirAll(filepath.Join(a, "in-a"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(b, "in-b"), 0o755))
	err := exchange(a, b)
	if errors.Is(err, errNoExchange) {
		t.Skip("no atomic exchange here; Commit uses the fallback")
	}
	require.NoError(t, err)
	assert.Equal(t, []string{"in-b"}, names(t, a))
	assert.Equal(t, []string{"in-a"}, names(t, b))
}

func TestRoot(t *testing.T) {
	_, err := Lock("/")
	assert.ErrorContains(t, err, "root directory")
	_, err = NewStage("/")
	assert.ErrorContains(t, err, "root directory")
}
