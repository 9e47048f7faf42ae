package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/synapticflow/synapticflow-go/dsl"
)

func fmtCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("fmt", "[-check] [-diff] [-recursive] [FILE|DIR]...", `
Fmt rewrites FILE, or the .hcl files of DIR (default: the current
directory), in the canonical format of the network language (HCL's:
aligned equals signs, two-space indentation), and prints the name of every
file it changed. Files are replaced atomically, keeping their permissions.

A file with syntax errors is reported and left alone (exit 1).
With -check it changes nothing: it lists the files that are not formatted
and exits with 1 if there are any. With -diff it prints the changes as a
unified diff. With -recursive it formats the subdirectories of DIR too
(skipping those whose name starts with ".").`)
	check := fs.Bool("check", false, "list the files that are not formatted, change nothing; exit 1 if any")
	diff := fs.Bool("diff", false, "print the changes as a unified diff (with -check: the changes that would be made)")
	recursive := fs.Bool("recursive", false, "also format the .hcl files of the subdirectories")
	e.registerOutputFlags(fs)
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		pos = []string{"."}
	}
	var files []string
	for _, p := range pos {
		fl, err := dsl.SourceFiles(p, *recursive)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s fmt: %v\n", e.name, err)
			return ExitConfig
		}
		files = append(files, fl...)
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
		if *diff {
			slash := filepath.ToSlash(f)
			fmt.Fprint(e.stdout, unifiedDiff("a/"+slash, "b/"+slash, src, out))
		}
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
