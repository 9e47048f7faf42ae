package cli_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/synapticflow/synapticflow-go/cli"
)

func sweepdata(name string) string { return filepath.Join("testdata", "sweep", name) }

// outputHashes returns the SHA-256 of every file of a run's directory
// but summary.json (which holds timings).
func outputHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string)
	for _, en := range entries {
		if en.Name() == "summary.json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, en.Name()))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		out[en.Name()] = hex.EncodeToString(h[:])
	}
	if len(out) == 0 {
		t.Fatalf("%s has no outputs", dir)
	}
	return out
}

func sameHashes(t *testing.T, a, b map[string]string, what string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files and %d files", what, len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s: %s differs", what, k)
		}
	}
}

// The command line of issue 14, as written: 12 settings x 5 seeds = 60
// runs under DIR; again, every run is skipped; collect makes the table.
func TestSweepGridSeeds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sw")
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{},
		"sweep", "-grid", "g=3,4,5,6", "-grid", "nu=1,2,4", "-seeds", "1-5", "-out", dir, sweepdata("tiny.hcl"))
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "60 runs (12 settings x 5 seeds)") || !strings.Contains(stderr, "60 ok, 0 skipped (complete already), 0 failed") {
		t.Errorf("stderr:\n%s", stderr)
	}
	entries, _ := os.ReadDir(dir)
	runs := 0
	for _, en := range entries {
		if en.IsDir() && en.Name() != "logs" && !strings.HasPrefix(en.Name(), ".") {
			runs++
		}
	}
	if runs != 60 {
		t.Errorf("%d run directories, want 60", runs)
	}
	s := readSummary(t, filepath.Join(dir, "059_g=6_nu=4_seed=5"))
	if s.Seed != 5 {
		t.Errorf("run 59 has seed %d, want 5", s.Seed)
	}
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=3,4,5,6", "-grid", "nu=1,2,4", "-seeds", "1-5", "-out", dir, sweepdata("tiny.hcl"))
	if code != cli.ExitOK || !strings.Contains(stderr, "60 of 60 runs complete already: skipped") {
		t.Errorf("again: exit %d\n%s", code, stderr)
	}
	// Continuing from the plan alone.
	if code, _, stderr = netrun(t, context.Background(), cli.Config{}, "sweep", "-out", dir); code != cli.ExitOK || !strings.Contains(stderr, "0 ok, 60 skipped") {
		t.Errorf("sweep -out DIR: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "collect", dir)
	if code != cli.ExitOK {
		t.Fatalf("collect: exit %d\n%s", code, stderr)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 61 || !strings.HasPrefix(lines[0], "index,name,g,nu,seed,status,steps,") || !strings.HasPrefix(lines[60], "59,059_g=6_nu=4_seed=5,6,4,5,complete,20,") {
		t.Errorf("runs.csv: %d lines: %s ... %s", len(lines), lines[0], lines[len(lines)-1])
	}
	for _, f := range []string{"runs.json", "fig_pop.exc.rate_hz_g.png", "fig_pop.exc.rate_hz_g_nu.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("collect: %v (stdout %s)", err, stdout)
		}
	}
	// A run's outputs do not depend on the other runs: run 7 alone
	// (-run-index, as a Slurm task does), and the same setting in a
	// sweep of other settings, with -j 1.
	alone := filepath.Join(t.TempDir(), "alone")
	if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=3,4,5,6", "-grid", "nu=1,2,4", "-seeds", "1-5",
		"-out", alone, "-run-index", "7", sweepdata("tiny.hcl")); code != cli.ExitOK {
		t.Fatalf("-run-index 7: exit %d\n%s", code, stderr)
	}
	name := "007_g=3_nu=2_seed=3"
	sameHashes(t, outputHashes(t, filepath.Join(dir, name)), outputHashes(t, filepath.Join(alone, name)), "run 7 alone")
	other := filepath.Join(t.TempDir(), "other")
	if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "nu=2", "-grid", "g=3", "-seeds", "3", "-j", "1",
		"-out", other, sweepdata("tiny.hcl")); code != cli.ExitOK {
		t.Fatalf("other sweep: exit %d\n%s", code, stderr)
	}
	sameHashes(t, outputHashes(t, filepath.Join(dir, name)), outputHashes(t, filepath.Join(other, "000_nu=2_g=3_seed=3")), "the same setting in another sweep")
}

// Without seeds, each setting's seed is derived from the master seed and
// the setting: the same in any sweep that has the setting.
func TestSweepDerivedSeeds(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=3,4", "-seed", "11", "-out", a, "-no-figures", sweepdata("tiny.hcl")); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=5,4", "-seed", "11", "-out", b, "-no-figures", sweepdata("tiny.hcl")); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	sa, sb := readSummary(t, filepath.Join(a, "001_g=4")), readSummary(t, filepath.Join(b, "001_g=4"))
	if sa.Seed != sb.Seed || sa.Seed == readSummary(t, filepath.Join(a, "000_g=3")).Seed {
		t.Errorf("seeds: g=4 %d and %d, g=3 %d", sa.Seed, sb.Seed, readSummary(t, filepath.Join(a, "000_g=3")).Seed)
	}
	sameHashes(t, outputHashes(t, filepath.Join(a, "001_g=4")), outputHashes(t, filepath.Join(b, "001_g=4")), "g=4 in two sweeps")
}

// A failed run is reported and the others go on; the exit code says so.
func TestSweepFailedRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sw")
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "nu=1,-1,2", "-out", dir, "-no-figures", sweepdata("tiny.hcl"))
	if code != cli.ExitConfig {
		t.Errorf("exit %d, want %d", code, cli.ExitConfig)
	}
	if !strings.Contains(stderr, "FAILED  001_nu=-1") || !strings.Contains(stderr, "2 ok, 0 skipped (complete already), 1 failed: 001_nu=-1") {
		t.Errorf("stderr:\n%s", stderr)
	}
	log, _ := os.ReadFile(filepath.Join(dir, "logs", "001_nu=-1.log"))
	if !strings.Contains(string(log), "nu must be positive") {
		t.Errorf("log:\n%s", log)
	}
	// collect reports the missing run.
	code, stdout, _ := netrun(t, context.Background(), cli.Config{}, "collect", "-no-figures", dir)
	if code != cli.ExitOK || !strings.Contains(stdout, "3 runs (2 complete, 0 incomplete, 1 missing)") {
		t.Errorf("collect: exit %d %s", code, stdout)
	}
}

// The sweep block of a network file; a run ignores the block.
func TestSweepBlock(t *testing.T) {
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-list", sweepdata("block.hcl"))
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "0\t000_rate=10\t") || !strings.HasPrefix(lines[2], "2\t002_name=b_c_rate=1000\t") {
		t.Errorf("-list:\n%s", stdout)
	}
	dir := filepath.Join(t.TempDir(), "sw")
	if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-out", dir, "-no-figures", sweepdata("block.hcl")); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	s := readSummary(t, filepath.Join(dir, "002_name=b_c_rate=1000"))
	if s.Populations["input"].RateHz < 500 {
		t.Errorf("rate %g: the point's rate = 1000 did not reach the run", s.Populations["input"].RateHz)
	}
	if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "run", "-quiet", "-out", filepath.Join(t.TempDir(), "r"), sweepdata("block.hcl")); code != cli.ExitOK {
		t.Errorf("run of a file with a sweep block: exit %d\n%s", code, stderr)
	}
}

// A mistake in the sweep block: netrun sweep and netrun validate point at
// it; netrun run ignores the block.
func TestSweepBlockError(t *testing.T) {
	for _, cmd := range []string{"sweep", "validate"} {
		code, _, stderr := netrun(t, context.Background(), cli.Config{}, cmd, sweepdata("badsweep.hcl"))
		if code != cli.ExitConfig || !strings.Contains(stderr, "badsweep.hcl:13:9: error: Invalid value for \"g\"") ||
			!strings.Contains(stderr, "The values of g in a grid are a non-empty list: have number.") {
			t.Errorf("%s: exit %d\n%s", cmd, code, stderr)
		}
	}
}

func TestSweepUsage(t *testing.T) {
	tiny := sweepdata("tiny.hcl")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-grid", "gg=1,2", tiny}, cli.ExitConfig, `-grid gg: the network declares no variable "gg" (a sweep sets the network's variable blocks; it declares g, nu)`},
		{[]string{"-grid", "g=1", "-var", "g=2", tiny}, cli.ExitConfig, `variable "g" is both swept and set by -var`},
		{[]string{"-grid", "g", tiny}, cli.ExitUsage, "want NAME=V1,V2,..."},
		{[]string{"-seeds", "5-1", tiny}, cli.ExitUsage, "want a range A-B with A <= B"},
		{[]string{"-emit", "pbs", tiny}, cli.ExitUsage, `-emit "pbs": want slurm or k8s`},
		{[]string{"-emit", "k8s", tiny}, cli.ExitUsage, "-emit k8s needs -image"},
		{[]string{"-j", "-1", tiny}, cli.ExitUsage, "-j -1"},
		{[]string{"-grid", "g=1"}, cli.ExitUsage, "-grid plan a sweep of a network: give its FILE|DIR"},
		{[]string{"-out", "OUT", "-duration", "5", "-seed", "1"}, cli.ExitUsage, "-duration, -seed plan a sweep of a network"},
		{[]string{}, cli.ExitUsage, "missing FILE|DIR"},
		{[]string{"-out", "/nonexistent/x"}, cli.ExitConfig, "is not a sweep directory"},
		{[]string{"-run-index", "99", "-out", "OUT", tiny}, cli.ExitUsage, "run index 99: the sweep has runs 0 to 0"},
		{[]string{"-duration", "x", tiny}, cli.ExitUsage, "-duration x"},
	} {
		args := append([]string{"sweep"}, tc.args...)
		for i, a := range args {
			if a == "OUT" {
				args[i] = filepath.Join(t.TempDir(), "o")
			}
		}
		code, _, stderr := netrun(t, context.Background(), cli.Config{}, args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	// Another sweep into the same directory is refused.
	dir := filepath.Join(t.TempDir(), "sw")
	netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=1", "-no-figures", "-out", dir, tiny)
	code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=2", "-no-figures", "-out", dir, tiny)
	if code != cli.ExitConfig || !strings.Contains(stderr, "holds the plan of another sweep") {
		t.Errorf("another sweep into DIR: exit %d\n%s", code, stderr)
	}
}

// A sweep with -checkpoint-every whose run is interrupted (as a
// scheduler's SIGTERM would) resumes it from its checkpoint when run
// again, and its outputs equal those of an uninterrupted sweep, byte for
// byte (checkpoint files included: the state is the same).
func TestSweepResumesInterruptedRun(t *testing.T) {
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "A"), filepath.Join(tmp, "B")
	args := func(out string) []string {
		return []string{"sweep", "-j", "1", "-grid", "g=3,5", "-checkpoint-every", "4", "-out", out, sweepdata("tiny.hcl")}
	}
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, args(a)...)
	if code != cli.ExitOK {
		t.Fatalf("uninterrupted sweep: exit %d\n%s%s", code, stdout, stderr)
	}
	// Cancelled after a few steps of the first run (20 steps per run).
	ctx := &stepContext{Context: context.Background(), n: 12}
	code, _, stderr = netrun(t, ctx, cli.Config{}, args(b)...)
	if code == cli.ExitOK {
		t.Fatalf("interrupted sweep reported success\n%s", stderr)
	}
	first := filepath.Join(b, "000_g=3")
	if !readSummary(t, first).Interrupted {
		t.Fatalf("run 0 was not interrupted\n%s", stderr)
	}
	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, args(b)...)
	if code != cli.ExitOK {
		t.Fatalf("second sweep: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "resumed from its checkpoint") {
		t.Errorf("run 0 was not resumed:\n%s", stderr)
	}
	for _, run := range []string{"000_g=3", "001_g=5"} {
		ha, hb := outputHashes(t, filepath.Join(a, run)), outputHashes(t, filepath.Join(b, run))
		if _, ok := ha["checkpoint.sfck"]; !ok {
			t.Errorf("%s: no checkpoint.sfck", run)
		}
		sameHashes(t, ha, hb, run)
	}
}

func TestSweepEmit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sw")
	code, stdout, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-emit", "slurm", "-grid", "g=3,4,5", "-seeds", "1,2",
		"-max-parallel", "2", "-time", "5:00", "-netrun", "/usr/local/bin/netrun", "-out", dir, sweepdata("tiny.hcl"))
	if code != cli.ExitOK || !strings.Contains(stdout, "sbatch ") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	script, err := os.ReadFile(filepath.Join(dir, "sweep.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	for _, want := range []string{"#SBATCH --array=0-5%2\n", "#SBATCH --time=5:00\n", "netrun=/usr/local/bin/netrun\n", "-plan " + abs + "/sweep.json -out " + abs + " "} {
		if !strings.Contains(string(script), want) {
			t.Errorf("sweep.sbatch lacks %q", want)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "sweep.sbatch")); err != nil || fi.Mode()&0o100 == 0 {
		t.Errorf("sweep.sbatch is not executable: %v", err)
	}
	// What a task runs.
	code, _, stderr = netrun(t, context.Background(), cli.Config{}, "sweep", "-plan", filepath.Join(dir, "sweep.json"), "-out", dir, "-run-index", "3", "-j", "1")
	if code != cli.ExitOK {
		t.Fatalf("task 3: exit %d\n%s", code, stderr)
	}
	if s := readSummary(t, filepath.Join(dir, "003_g=4_seed=2")); s.Seed != 2 {
		t.Errorf("task 3 ran seed %d", s.Seed)
	}
	var plan struct {
		Runs []json.RawMessage `json:"runs"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "sweep.json"))
	if json.Unmarshal(b, &plan) != nil || len(plan.Runs) != 6 {
		t.Errorf("sweep.json: %s", b)
	}
	k8s := filepath.Join(t.TempDir(), "k")
	code, stdout, stderr = netrun(t, context.Background(), cli.Config{}, "sweep", "-emit", "k8s", "-image", "netrun:dev", "-grid", "g=3,4", "-out", k8s, sweepdata("tiny.hcl"))
	if code != cli.ExitOK || !strings.Contains(stdout, "kubectl apply -f") {
		t.Fatalf("k8s: exit %d\n%s%s", code, stdout, stderr)
	}
	y, _ := os.ReadFile(filepath.Join(k8s, "sweep.k8s.yaml"))
	if !strings.Contains(string(y), "completionMode: Indexed") || !strings.Contains(string(y), "$(JOB_COMPLETION_INDEX)") {
		t.Errorf("sweep.k8s.yaml:\n%s", y)
	}
}

func TestHelpListsSweep(t *testing.T) {
	_, stdout, _ := netrun(t, context.Background(), cli.Config{}, "-h")
	for _, c := range []string{"\n  sweep ", "\n  collect "} {
		if !strings.Contains(stdout, c) {
			t.Errorf("netrun -h lacks %q:\n%s", c, stdout)
		}
	}
}

// The collected table has no timings: the same sweep run twice (here,
// with different -j and -workers) collects to the same bytes, as a sweep
// on Slurm does to its local twin (.ci/slurm_test.sh).
func TestCollectDeterministic(t *testing.T) {
	var tables [][]byte
	for _, j := range []string{"1", "2"} {
		dir := filepath.Join(t.TempDir(), "sw")
		if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "sweep", "-grid", "g=3,4", "-seeds", "1,2", "-j", j, "-workers", j,
			"-out", dir, sweepdata("tiny.hcl")); code != cli.ExitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if code, _, stderr := netrun(t, context.Background(), cli.Config{}, "collect", dir); code != cli.ExitOK {
			t.Fatalf("collect: exit %d\n%s", code, stderr)
		}
		var both []byte
		for _, f := range []string{"runs.csv", "runs.json", "fig_pop.exc.rate_hz_g.png"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			both = append(both, b...)
		}
		tables = append(tables, both)
	}
	if string(tables[0]) != string(tables[1]) {
		t.Error("two runs of one sweep collect to different tables or figures")
	}
}
