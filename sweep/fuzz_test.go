package sweep

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadNetwork reads arbitrary network files' sweep blocks and expands
// them: errors, never a panic or a hang. Runs in CI (.ci/run).
func FuzzReadNetwork(f *testing.F) {
	for _, name := range []string{"net.hcl", "bad.hcl", "noseed.hcl"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("variable \"g\" {}\nsweep {\n  grid {\n    g = range(0, 30, 0.1)\n  }\n  points = [{ g = [1, { a = 2 }] }]\n}\n")
	f.Add("sweep {\n  seeds = [18446744073709551615, 0]\n  seed = 1e400\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		path := filepath.Join(t.TempDir(), "net.hcl")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		n, diags := ReadNetwork(path)
		if diags.HasErrors() {
			return
		}
		p, err := Expand(n, n.Spec, nil, nil)
		if err != nil {
			return
		}
		if len(p.Runs) == 0 {
			t.Fatal("a plan without runs")
		}
		if _, err := p.encode(); err != nil {
			t.Fatalf("encoding the plan: %v", err)
		}
	})
}

// FuzzFlags parses arbitrary -grid, -point and -seeds values: errors,
// never a panic.
func FuzzFlags(f *testing.F) {
	for _, s := range []string{"g=3,4,5,6", `s="a,b",[1, {x = 2}]`, "1-5,7", "g=1,nu=2", "x=[", `w="\"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ax, err := ParseGrid(s); err == nil {
			if len(ax.Values) == 0 {
				t.Fatal("an axis without values")
			}
			for _, v := range ax.Values {
				Canonical(v)
			}
		}
		if pt, err := ParsePoint(s); err == nil && len(pt) == 0 {
			t.Fatal("a point without settings")
		}
		if seeds, err := ParseSeeds(s); err == nil && (len(seeds) == 0 || len(seeds) > maxRuns) {
			t.Fatalf("%d seeds", len(seeds))
		}
	})
}
