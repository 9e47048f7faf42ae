package dsl

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// SourceFiles lists the network files of path: path itself if it is a
// file, else the .hcl files of the directory path in name order (those
// Load reads as one network). With recursive, it lists the .hcl files of
// every directory below path too, each directory's in name order after
// its parent's, skipping directories whose name starts with "." (.git,
// staging directories). It is an error if a directory (or, recursively,
// the whole tree) holds no .hcl file.
func SourceFiles(path string, recursive bool) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	if !recursive {
		matches, err := filepath.Glob(filepath.Join(path, "*.hcl"))
		if err != nil {
			return nil, err
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("directory %s holds no .hcl files", path)
		}
		slices.Sort(matches)
		return matches, nil
	}
	var files []string
	// WalkDir visits entries in lexical order: a directory's files come
	// before, or between, its subdirectories; the sort below puts each
	// directory's files before its subdirectories' files.
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".hcl") && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("directory %s and its subdirectories hold no .hcl files", path)
	}
	slices.SortStableFunc(files, func(a, b string) int {
		if c := strings.Compare(filepath.Dir(a), filepath.Dir(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return files, nil
}
