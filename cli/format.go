package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/synapticflow/synapticflow-go/dsl"
)

func fmtCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("fmt", "[-check] FILE|DIR", `
Fmt rewrites FILE, or the .hcl files of DIR, in the canonical format of the
network language (HCL's: aligned equals signs, two-space indentation), and
prints the name of every file it changed. Files are replaced atomically.

A file with syntax errors is reported and left alone (exit 1).
With -check it changes nothing: it lists the files that are not formatted
and exits with 1 if there are any.`)
	check := fs.Bool("check", false, "list the files that are not formatted, change nothing; exit 1 if any")
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	path, ok := e.onePath(fs, pos)
	if !ok {
		return ExitUsage
	}
	files, err := hclFiles(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s fmt: %v\n", e.name, err)
		return ExitConfig
	}
	unformatted, bad := false, false
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s fmt: %v\n", e.name, err)
			return ExitConfig
		}
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s fmt: %v\n", e.name, err)
			return ExitConfig
		}
		if _, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos); diags.HasErrors() {
			// Formatting a file that does not parse could garble it.
			e.diagnostics(diags, map[string]*hcl.File{f: {Bytes: src}})
			bad = true
			continue
		}
		out := dsl.Format(src)
		if bytes.Equal(src, out) {
			continue
		}
		unformatted = true
		fmt.Fprintln(e.stdout, f)
		if *check {
			continue
		}
		err = writeFileAtomic(f, info.Mode().Perm(), func(w io.Writer) error {
			_, err := w.Write(out)
			return err
		})
		if err != nil {
			fmt.Fprintf(e.stderr, "%s fmt: %v\n", e.name, err)
			return ExitConfig
		}
	}
	if bad || (*check && unformatted) {
		return ExitConfig
	}
	return ExitOK
}

// hclFiles returns path if it is a file, or the .hcl files of the
// directory path in name order.
func hclFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, "*.hcl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("directory %s holds no .hcl files", path)
	}
	slices.Sort(files)
	return files, nil
}
