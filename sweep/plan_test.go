package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func network(t *testing.T) *Network {
	t.Helper()
	n, diags := ReadNetwork(filepath.Join("testdata", "net.hcl"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return n
}

func grid(t *testing.T, flags ...string) []Axis {
	t.Helper()
	var out []Axis
	for _, f := range flags {
		ax, err := ParseGrid(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ax)
	}
	return out
}

// The command line of the issue: 12 settings x 5 seeds = 60 runs, the
// first -grid outermost, the seeds innermost.
func TestExpandGridSeeds(t *testing.T) {
	n := network(t)
	seeds, _ := ParseSeeds("1-5")
	p, err := Expand(n, &Spec{Grid: grid(t, "g=3,4,5,6", "nu=1,2,4"), Seeds: seeds}, nil, []string{"-workers", "1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Runs) != 60 || p.Settings != 12 || p.Seeds != 5 || !p.SeedsListed {
		t.Fatalf("%d runs, %d settings, %d seeds", len(p.Runs), p.Settings, p.Seeds)
	}
	for _, tc := range []struct {
		i    int
		name string
		seed uint64
	}{
		{0, "000_g=3_nu=1_seed=1", 1},
		{4, "004_g=3_nu=1_seed=5", 5},
		{5, "005_g=3_nu=2_seed=1", 1},
		{15, "015_g=4_nu=1_seed=1", 1},
		{59, "059_g=6_nu=4_seed=5", 5},
	} {
		r := p.Runs[tc.i]
		if r.Index != tc.i || r.Name != tc.name || r.Seed != tc.seed {
			t.Errorf("run %d = %d %s seed %d, want %s seed %d", tc.i, r.Index, r.Name, r.Seed, tc.name, tc.seed)
		}
	}
	r := p.Runs[59]
	if !slices.Equal(r.Vars, []string{"g=6", "nu=4"}) || string(r.Settings["g"]) != "6" || r.Text["nu"] != "4" {
		t.Errorf("run 59: vars %v settings %s text %v", r.Vars, r.Settings, r.Text)
	}
	want := []string{"-workers", "1", "-seed", "5", "-var", "g=6", "-var", "nu=4", "-out", "D/x"}
	if got := p.Args(&r, "D/x"); !slices.Equal(got, want) {
		t.Errorf("Args = %q, want %q", got, want)
	}
	if !slices.Equal(p.Variables, []string{"g", "nu"}) {
		t.Errorf("variables %v", p.Variables)
	}
}

// Without seeds, a run's seed depends on the master seed and its own
// settings only: not on the other runs, their order or its index.
func TestDerivedSeeds(t *testing.T) {
	n := network(t)
	a, err := Expand(n, &Spec{Grid: grid(t, "g=3,4,5", "nu=1,2")}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Expand(n, &Spec{Grid: grid(t, "nu=2,1,7", "g=5.0,4")}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.MasterSeed != 9 {
		t.Errorf("master seed %d, want the file's 9", a.MasterSeed)
	}
	seedOf := func(p *Plan) map[string]uint64 {
		m := make(map[string]uint64)
		for _, r := range p.Runs {
			m["g="+r.Text["g"]+" nu="+r.Text["nu"]] = r.Seed
		}
		return m
	}
	sa, sb := seedOf(a), seedOf(b)
	shared := 0
	for k, s := range sb {
		if sa[k] != 0 {
			shared++
			if sa[k] != s {
				t.Errorf("%s: seed %d in one sweep, %d in another", k, sa[k], s)
			}
		}
	}
	if shared != 4 {
		t.Errorf("%d shared settings, want 4", shared)
	}
	distinct := make(map[uint64]bool)
	for _, s := range sa {
		distinct[s] = true
	}
	if len(distinct) != len(sa) {
		t.Errorf("derived seeds repeat: %v", sa)
	}
	// The master seed changes every seed; -seed given wins over the file's.
	m := uint64(1)
	c, err := Expand(n, &Spec{Grid: grid(t, "g=3,4,5", "nu=1,2"), MasterSeed: &m}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, s := range seedOf(c) {
		if sa[k] == s {
			t.Errorf("%s: the same seed with master seeds 9 and 1", k)
		}
	}
	if a.Runs[0].Name != "000_g=3_nu=1" {
		t.Errorf("name %q: without listed seeds, no seed in the name", a.Runs[0].Name)
	}
	// A known value: the derivation is part of the format (results must
	// not change between versions).
	if got := DeriveSeed(0, []Setting{{"g", cty.NumberIntVal(3)}}); got != DeriveSeed(0, []Setting{{"g", cty.NumberFloatVal(3.0)}}) {
		t.Error("3 and 3.0 derive different seeds")
	}
	if DeriveSeed(0, []Setting{{"g", cty.NumberIntVal(3)}, {"nu", cty.NumberIntVal(1)}}) != DeriveSeed(0, []Setting{{"nu", cty.NumberIntVal(1)}, {"g", cty.NumberIntVal(3)}}) {
		t.Error("the order of the settings changes the seed")
	}
}

func TestExpandBlockPointsStrings(t *testing.T) {
	n := network(t)
	p, err := Expand(n, n.Spec, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 2 x 3 grid + 1 point, x 2 seeds.
	if len(p.Runs) != 14 || p.Settings != 7 {
		t.Fatalf("%d runs, %d settings", len(p.Runs), p.Settings)
	}
	if p.Runs[0].Name != "000_nu=1_g=3_seed=1" || p.Runs[13].Name != "013_g=8_nu=1_seed=2" {
		t.Errorf("names %s ... %s", p.Runs[0].Name, p.Runs[13].Name)
	}
	pt, err := ParsePoint(`label=x y/z,g=1`)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Expand(n, &Spec{Points: [][]Setting{pt}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := q.Runs[0]
	// A string variable gets its value as it is; the name is path-safe.
	if !slices.Equal(r.Vars, []string{"label=x y/z", "g=1"}) || r.Name != "000_label=x_y_z_g=1" {
		t.Errorf("vars %q name %q", r.Vars, r.Name)
	}
	// An untyped variable gets a string quoted (HCL).
	pt2, _ := ParsePoint(`g=abc`)
	q2, err := Expand(n, &Spec{Points: [][]Setting{pt2}}, nil, nil)
	if err != nil || q2.Runs[0].Vars[0] != `g="abc"` {
		t.Errorf("vars %v, %v", q2.Runs[0].Vars, err)
	}
	// No grid and no points: one setting, a sweep of seeds.
	s, err := Expand(n, &Spec{Seeds: []uint64{4, 5, 6}}, nil, nil)
	if err != nil || len(s.Runs) != 3 || s.Runs[2].Name != "002_seed=6" || len(s.Runs[0].Vars) != 0 {
		t.Errorf("seeds only: %+v, %v", s.Runs, err)
	}
}

func TestLongNames(t *testing.T) {
	n := &Network{Path: "x.hcl", Vars: map[string]VarInfo{}}
	var spec Spec
	for i := range 8 {
		name := fmt.Sprintf("a_rather_long_variable_name_%d", i)
		n.Vars[name] = VarInfo{}
		spec.Grid = append(spec.Grid, Axis{Name: name, Values: []cty.Value{cty.StringVal(strings.Repeat("v", 60)), cty.StringVal("w")}})
	}
	p, err := Expand(n, &spec, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, r := range p.Runs {
		if len(r.Name) > 200 || seen[r.Name] {
			t.Fatalf("name %q: %d bytes or repeated", r.Name, len(r.Name))
		}
		seen[r.Name] = true
	}
}

func TestExpandErrors(t *testing.T) {
	n := network(t)
	for _, tc := range []struct {
		spec  Spec
		fixed []string
		want  string
	}{
		{Spec{Grid: grid(t, "gg=1,2")}, nil, `-grid gg: the network declares no variable "gg"`},
		{Spec{Grid: grid(t, "g=1,2", "g=3")}, nil, `-grid g: variable "g" is already in the grid`},
		{Spec{Grid: grid(t, "g=1,2")}, []string{"g"}, `variable "g" is both swept and set by -var`},
		{Spec{Points: [][]Setting{{{"zz", cty.NumberIntVal(1)}}}}, nil, `-point: the network declares no variable "zz"`},
	} {
		_, err := Expand(n, &tc.spec, tc.fixed, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Expand: %v, want %q", err, tc.want)
		}
	}
	big := grid(t, "g=1,2,3,4,5,6,7,8,9,10")
	ax := big[0]
	spec := Spec{Grid: []Axis{ax, {Name: "nu", Values: slices.Repeat(ax.Values, 100)}, {Name: "label", Values: slices.Repeat(ax.Values, 2000)}}}
	if _, err := Expand(n, &spec, nil, nil); err == nil {
		t.Error("a grid of 2,000,000 settings (more than maxRuns): no error")
	}
}

func TestWriteReadPlan(t *testing.T) {
	n := network(t)
	dir := t.TempDir()
	p, err := Expand(n, n.Spec, nil, []string{"-duration", "10"})
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePlan(dir, p); err != nil {
		t.Fatal(err)
	}
	if err := WritePlan(dir, p); err != nil {
		t.Errorf("the same plan again: %v", err)
	}
	back, err := ReadPlan(filepath.Join(dir, PlanFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Runs) != len(p.Runs) || back.Runs[3].Name != p.Runs[3].Name || !slices.Equal(back.RunArgs, p.RunArgs) {
		t.Errorf("read back %+v", back)
	}
	other, _ := Expand(n, &Spec{Grid: grid(t, "g=1,2")}, nil, nil)
	if err := WritePlan(dir, other); err == nil || !strings.Contains(err.Error(), "another sweep") {
		t.Errorf("another plan into the same directory: %v", err)
	}
	if _, err := ReadPlan(filepath.Join(t.TempDir(), PlanFile)); err == nil || !strings.Contains(err.Error(), "not a sweep directory") {
		t.Errorf("no plan: %v", err)
	}
	bad := filepath.Join(t.TempDir(), PlanFile)
	os.WriteFile(bad, []byte(`{"version": 1, "runs": [{"index": 0, "name": "../x"}]}`), 0o644)
	if _, err := ReadPlan(bad); err == nil {
		t.Error("a run named ../x: no error")
	}
}
