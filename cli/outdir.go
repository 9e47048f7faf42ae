package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/synapticflow/synapticflow-go/internal/atomicfs"
)

// summaryFile is the name of the summary in the output directory.
const summaryFile = "summary.json"

// fileEntry is one file of the manifest in summary.json.
type fileEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// outputDir is the output directory of a run while it is being made: the
// lock, and the staging directory that replaces it as a whole at the end.
type outputDir struct {
	path    string // as given (-out, or out/NAME)
	lock    *atomicfs.DirLock
	stage   *atomicfs.Stage
	existed bool // path held an earlier run
}

// openOutputDir locks the output directory path, checks that it is one a
// run may replace, removes the leftovers of killed runs and creates the
// staging directory. A directory in use by another run is refused.
func openOutputDir(path string) (*outputDir, error) {
	lock, err := atomicfs.Lock(path)
	if errors.Is(err, atomicfs.ErrLocked) {
		return nil, fmt.Errorf("output directory %w: another run is writing into it; wait for it or choose another -out", err)
	}
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	existed, err := replaceable(path)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	stage, err := atomicfs.NewStage(path)
	if err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("output directory: %w", err)
	}
	return &outputDir{path: path, lock: lock, stage: stage, existed: existed}, nil
}

// outputExts are the extensions of the files a directory without
// summary.json may hold and still be replaced: outputs (of netrun, or of
// the programs of examples/ that write into out/NAME too).
var outputExts = []string{".csv", ".npy", ".npz", ".png", ".json"}

// replaceable reports whether path holds earlier outputs, and returns an
// error if path is something a run must not replace. A run replaces its
// output directory as a whole, so it writes only into a new or empty
// directory, or one holding regular files only: with summary.json (an
// earlier run), or else only .csv, .npy, .npz, .png and .json files.
func replaceable(path string) (existed bool, err error) {
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("output directory: %w", err)
	}
	if len(entries) == 0 {
		return false, nil
	}
	why := "a run replaces its output directory as a whole, so choose a new or empty directory with -out"
	foreign := ""
	for _, en := range entries {
		name := en.Name()
		if !en.Type().IsRegular() {
			return false, fmt.Errorf("output directory %s holds %s, which is not a file a run writes; %s", path, name, why)
		}
		if name == summaryFile {
			return true, nil
		}
		if foreign == "" && !atomicfs.IsTemp(name) && !slices.Contains(outputExts, filepath.Ext(name)) {
			foreign = name
		}
	}
	if foreign != "" {
		return false, fmt.Errorf("output directory %s holds %s and no %s, so it is not the outputs of an earlier run; %s", path, foreign, summaryFile, why)
	}
	return true, nil
}

// manifest lists the files of dir with their size and SHA-256, sorted by
// name, after removing the temporary files of writes that did not finish
// (a panic in one). Anything but a regular file is an error.
func manifest(dir string) ([]fileEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := []fileEntry{}
	for _, en := range entries {
		name := en.Name()
		if atomicfs.IsTemp(name) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
			continue
		}
		if !en.Type().IsRegular() {
			return nil, fmt.Errorf("unexpected %s in the outputs", name)
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("reading back %s: %w", name, err)
		}
		files = append(files, fileEntry{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	}
	slices.SortFunc(files, func(a, b fileEntry) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// caught is a panic caught while running or writing: a bug.
type caught struct {
	value any
	stack []byte
}

func (c *caught) Error() string { return fmt.Sprintf("internal error: %v", c.value) }

// protect runs f, turning a panic into a *caught error.
func protect(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &caught{value: v, stack: debug.Stack()}
		}
	}()
	return f()
}

// writeOutputs writes every output of the run into the staging directory,
// then summary.json with the manifest of the files beside it, and puts the
// staging directory in place of the output directory in one step. A panic
// while writing (a bug) is reported in internal_error of summary.json and
// returned as *caught; the files written until then are still committed,
// and listed. Any other error abandons the new outputs: the output
// directory keeps the previous run.
func (r *result) writeOutputs(d *outputDir, rf *runFlags, wall func() float64) (*summary, error) {
	r.out = d.stage.Dir
	var bug *caught
	start := time.Now()
	for _, step := range []func() error{
		r.computeStats, // before the spools close
		func() error {
			err := r.writeMonitors(rf.format, !rf.noFigures, r.warn)
			if r.closeSpools != nil {
				// No spool file is left among the outputs.
				if cerr := r.closeSpools(); err == nil {
					err = cerr
				}
			}
			return err
		},
		func() error { return r.writeWeights(rf.saveAll) },
	} {
		err := protect(step)
		if c, ok := err.(*caught); ok {
			if bug == nil {
				bug = c
			}
			continue
		}
		if err != nil {
			return nil, err
		}
	}
	r.outSeconds = time.Since(start).Seconds()
	files, err := manifest(d.stage.Dir)
	if err != nil {
		return nil, err
	}
	sum := r.summary(wall())
	sum.Files = files
	if bug != nil {
		sum.InternalError = fmt.Sprintf("%v: the outputs are incomplete", bug.value)
	}
	err = writeFileAtomic(filepath.Join(d.stage.Dir, summaryFile), 0o644, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	})
	if err != nil {
		return nil, err
	}
	if err := d.stage.Commit(); err != nil {
		return nil, err
	}
	if bug != nil {
		return sum, bug
	}
	return sum, nil
}
