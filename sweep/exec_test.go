package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeRun is a Runner that writes a run's outputs as netrun run would
// (spikes.csv and summary.json with its manifest), and fails with exit
// code 1 for the runs with -var g=<fail>.
type fakeRun struct {
	fail     string
	mu       sync.Mutex
	calls    [][]string
	running  atomic.Int32
	maxAtOne atomic.Int32
}

func (f *fakeRun) run(ctx context.Context, args []string, log io.Writer) int {
	f.mu.Lock()
	f.calls = append(f.calls, args)
	f.mu.Unlock()
	n := f.running.Add(1)
	defer f.running.Add(-1)
	for {
		m := f.maxAtOne.Load()
		if n <= m || f.maxAtOne.CompareAndSwap(m, n) {
			break
		}
	}
	out, _ := flagValue(args, "out")
	seed, _ := flagValue(args, "seed")
	if slices.Contains(args, "g="+f.fail) {
		fmt.Fprintln(log, "network.hcl:3,1: Invalid value for variable")
		return 1
	}
	os.MkdirAll(out, 0o755)
	data := []byte("time_ms,neuron\n1," + seed + "\n")
	os.WriteFile(filepath.Join(out, "spikes.csv"), data, 0o644)
	sum := fmt.Sprintf(`{"steps": 10, "seed": %s, "wall_seconds": 0.5, "figures_seconds": 0.25, "neuron_updates_per_second": 3, "workers": 2, "interrupted": false,
		"populations": {"p": {"n": 10, "spikes": %s, "rate_hz": 1.5, "statistics": {"monitor": "m", "isi_cv": 0.25}}},
		"synapses": {"s": {"synapses": 4, "events": 7, "weights": {"mean": 0.5, "min": 0, "max": 1}}},
		"files": [{"name": "spikes.csv", "size": %d, "sha256": "x"}]}`, seed, seed, len(data))
	os.WriteFile(filepath.Join(out, SummaryFile), []byte(sum), 0o644)
	return 0
}

func plan(t *testing.T, flags ...string) *Plan {
	t.Helper()
	p, err := Expand(network(t), &Spec{Grid: grid(t, flags...), Seeds: []uint64{1, 2}}, nil, []string{"-workers", "1"})
	if err != nil {
		t.Fatal(err)
	}
	p.Network = "net.hcl"
	return p
}

func TestExecute(t *testing.T) {
	p := plan(t, "g=3,4,5", "nu=1,2")
	dir := t.TempDir()
	f := &fakeRun{fail: "4"}
	var progress strings.Builder
	rep, err := Execute(context.Background(), p, dir, Options{Jobs: 3, Run: f.run, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	// g=4: 2 settings x 2 seeds fail; the others go on.
	if rep.OK != 8 || rep.Failed != 4 || rep.Skipped != 0 || len(f.calls) != 12 {
		t.Fatalf("ok %d failed %d skipped %d calls %d", rep.OK, rep.Failed, rep.Skipped, len(f.calls))
	}
	if m := f.maxAtOne.Load(); m > 3 {
		t.Errorf("%d runs at once with -j 3", m)
	}
	if !strings.Contains(progress.String(), "FAILED  004_g=4_nu=1_seed=1") || !strings.Contains(progress.String(), "network.hcl:3,1: Invalid value for variable") {
		t.Errorf("progress:\n%s", progress.String())
	}
	if s := rep.Summarize(); !strings.Contains(s, "8 ok, 0 skipped (complete already), 4 failed: 004_g=4_nu=1_seed=1") {
		t.Errorf("summary %q", s)
	}
	log, err := os.ReadFile(filepath.Join(dir, LogDir, "004_g=4_nu=1_seed=1.log"))
	if err != nil || !strings.HasPrefix(string(log), "netrun run -workers 1 -seed 1 -var g=4 -var nu=1 -out ") {
		t.Errorf("log %q, %v", log, err)
	}
	// Again: the complete runs are skipped, the failed ones run again.
	f2 := &fakeRun{}
	rep, err = Execute(context.Background(), p, dir, Options{Jobs: 2, Run: f2.run})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != 8 || rep.OK != 4 || len(f2.calls) != 4 {
		t.Errorf("restart: skipped %d ok %d calls %d", rep.Skipped, rep.OK, len(f2.calls))
	}
	// A run whose output lost a file runs again.
	os.Remove(filepath.Join(dir, p.Runs[0].Name, "spikes.csv"))
	f3 := &fakeRun{}
	rep, _ = Execute(context.Background(), p, dir, Options{Jobs: 1, Run: f3.run})
	if rep.Skipped != 11 || len(f3.calls) != 1 || !slices.Contains(f3.calls[0], filepath.Join(dir, p.Runs[0].Name)) {
		t.Errorf("after removing a file: skipped %d calls %v", rep.Skipped, f3.calls)
	}
}

func TestExecuteIndices(t *testing.T) {
	p := plan(t, "g=3,4")
	dir := t.TempDir()
	f := &fakeRun{}
	rep, err := Execute(context.Background(), p, dir, Options{Jobs: 4, Indices: []int{2}, Run: f.run})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Outcomes) != 1 || rep.OK != 1 || len(f.calls) != 1 || !slices.Contains(f.calls[0], "g=4") {
		t.Errorf("outcomes %+v calls %v", rep.Outcomes, f.calls)
	}
	if _, err := Execute(context.Background(), p, dir, Options{Indices: []int{4}, Run: f.run}); err == nil || !strings.Contains(err.Error(), "runs 0 to 3") {
		t.Errorf("index 4 of 4 runs: %v", err)
	}
}

func TestExecuteCancel(t *testing.T) {
	p := plan(t, "g=3,4,5")
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	run := func(ctx context.Context, args []string, log io.Writer) int {
		if n.Add(1) == 2 {
			cancel()
		}
		return 3
	}
	rep, err := Execute(ctx, p, t.TempDir(), Options{Jobs: 1, Run: run})
	if err != nil {
		t.Fatal(err)
	}
	if rep.NotRun == 0 || rep.NotRun+rep.Failed != 6 {
		t.Errorf("not run %d failed %d", rep.NotRun, rep.Failed)
	}
}

func TestExecuteCheckpoint(t *testing.T) {
	p := plan(t, "g=3")
	p.RunArgs = append(p.RunArgs, "-duration", "200")
	dir := t.TempDir()
	var calls [][]string
	run := func(ctx context.Context, args []string, log io.Writer) int {
		calls = append(calls, args)
		return 0
	}
	has := func(d string) bool { return strings.HasSuffix(d, "seed=2") }
	if _, err := Execute(context.Background(), p, dir, Options{Jobs: 1, Run: run, CheckpointEvery: "50", HasCheckpoint: has}); err != nil {
		t.Fatal(err)
	}
	fresh, resumed := calls[0], calls[1]
	if !slices.Contains(fresh, "-checkpoint-every") || fresh[len(fresh)-1] != "net.hcl" {
		t.Errorf("fresh run: %q", fresh)
	}
	want := []string{"-resume", filepath.Join(dir, p.Runs[1].Name), "-duration", "200", "-checkpoint-every", "50"}
	if !slices.Equal(resumed, want) {
		t.Errorf("resumed run: %q, want %q", resumed, want)
	}
}

func TestComplete(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) {
		os.WriteFile(filepath.Join(dir, SummaryFile), []byte(s), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "a.csv"), []byte("abc"), 0o644)
	for _, tc := range []struct {
		summary, why string
	}{
		{"", "no summary.json"},
		{`{`, "summary.json: unexpected end of JSON input"},
		{`{"seed": 1, "interrupted": true, "files": []}`, "the run was interrupted"},
		{`{"seed": 1, "fault": "NaN", "files": []}`, "the run stopped with a fault: NaN"},
		{`{"seed": 1, "internal_error": "x", "files": []}`, "the run hit an internal error: x"},
		{`{"seed": 2, "files": []}`, "the run has seed 2, the sweep gives it 1"},
		{`{"seed": 1}`, "summary.json has no manifest"},
		{`{"seed": 1, "files": [{"name": "b.csv", "size": 3}]}`, "b.csv is missing"},
		{`{"seed": 1, "files": [{"name": "a.csv", "size": 4}]}`, "a.csv has 3 bytes, the manifest says 4"},
		{`{"seed": 1, "files": [{"name": "../a.csv", "size": 3}]}`, "the manifest names ../a.csv"},
		{`{"seed": 1, "files": [{"name": "a.csv", "size": 3}]}`, ""},
	} {
		if tc.summary != "" {
			write(tc.summary)
		}
		ok, why := Complete(dir, 1)
		if ok != (tc.why == "") || why != tc.why {
			t.Errorf("%s: Complete = %v %q, want %q", tc.summary, ok, why, tc.why)
		}
	}
}

func TestCollect(t *testing.T) {
	p := plan(t, "g=3,4", "nu=1,2")
	dir := t.TempDir()
	if err := WritePlan(dir, p); err != nil {
		t.Fatal(err)
	}
	f := &fakeRun{fail: "4"}
	Execute(context.Background(), p, dir, Options{Jobs: 2, Run: f.run})
	// One run interrupted.
	sum := filepath.Join(dir, p.Runs[1].Name, SummaryFile)
	b, _ := os.ReadFile(sum)
	os.WriteFile(sum, []byte(strings.Replace(string(b), `"interrupted": false`, `"interrupted": true`, 1)), 0o644)
	tab, err := Collect(dir)
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"steps", "interrupted", "pop.p.isi_cv", "pop.p.n", "pop.p.rate_hz", "pop.p.spikes",
		"syn.s.events", "syn.s.synapses", "syn.s.weights_max", "syn.s.weights_mean", "syn.s.weights_min"}
	if !slices.Equal(tab.Columns, wantCols) {
		t.Errorf("columns %q, want %q", tab.Columns, wantCols)
	}
	if len(tab.Rows) != 8 || tab.Rows[0].Status != StatusComplete || tab.Rows[1].Status != StatusIncomplete || tab.Rows[4].Status != StatusMissing {
		t.Errorf("statuses %v %v %v", tab.Rows[0].Status, tab.Rows[1].Status, tab.Rows[4].Status)
	}
	var csv strings.Builder
	if err := tab.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(csv.String(), "\n")
	if lines[0] != "index,name,g,nu,seed,status,"+strings.Join(wantCols, ",") {
		t.Errorf("header %q", lines[0])
	}
	if lines[1] != "0,000_g=3_nu=1_seed=1,3,1,1,complete,10,false,0.25,10,1.5,1,7,4,1,0.5,0" {
		t.Errorf("row 0 %q", lines[1])
	}
	if lines[5] != "4,004_g=4_nu=1_seed=1,4,1,1,missing,,,,,,,,,,," {
		t.Errorf("row 4 %q", lines[5])
	}
	var js strings.Builder
	if err := tab.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Table
	if err := json.Unmarshal([]byte(js.String()), &back); err != nil || len(back.Rows) != 8 || string(back.Rows[3].Stats["pop.p.spikes"]) != "2" {
		t.Errorf("runs.json: %v %+v", err, back.Rows)
	}
	if _, err := Collect(t.TempDir()); err == nil {
		t.Error("Collect of a directory without a plan: no error")
	}
}
