package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
)

// versionInfo is what netrun version prints.
type versionInfo struct {
	Module    string `json:"module"`
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	CommitAt  string `json:"commit_time,omitempty"`
	Modified  bool   `json:"modified,omitempty"`
	GoVersion string `json:"go_version"`
}

// readVersion builds the version from the build information (nil when
// the binary has none): the main module's version, or "(devel)" for a
// build from a work tree (go run, go build) that the toolchain did not
// stamp; and the VCS commit when the toolchain recorded one (go build in
// a repository does; go run and go test do not).
func readVersion(bi *debug.BuildInfo) versionInfo {
	v := versionInfo{Module: "github.com/synapticflow/synapticflow-go", Version: "(devel)", GoVersion: runtime.Version()}
	if bi == nil {
		return v
	}
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	if bi.GoVersion != "" {
		v.GoVersion = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.CommitAt = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// text is the one-line form of v.
func (v versionInfo) text(name string) string {
	s := fmt.Sprintf("%s %s (%s", name, v.Version, v.Module)
	switch {
	case v.Commit != "":
		s += ", commit " + v.Commit
		if v.CommitAt != "" {
			s += " of " + v.CommitAt
		}
		if v.Modified {
			s += ", with uncommitted changes"
		}
	default:
		s += ", commit unknown: not recorded by go run or go test; build with go build or go install"
	}
	return s + ", " + v.GoVersion + ")"
}

func versionCmd(_ context.Context, e *env, args []string) int {
	fs := e.newFlagSet("version", "[-json]", `
Version prints the module version of netrun and the version-control
commit it was built from (as recorded by the Go toolchain in the binary),
and the Go version that built it.`)
	asJSON := fs.Bool("json", false, "print a JSON object: module, version, commit, commit_time, modified, go_version")
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "%s: takes no arguments, have %d\nRun '%s -h' for usage.\n", fs.Name(), len(pos), fs.Name())
		return ExitUsage
	}
	bi, _ := debug.ReadBuildInfo()
	v := readVersion(bi)
	if *asJSON {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
			return ExitInternal
		}
		fmt.Fprintln(e.stdout, string(b))
		return ExitOK
	}
	fmt.Fprintln(e.stdout, v.text(e.name))
	return ExitOK
}
