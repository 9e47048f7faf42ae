package sweep

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The batch script's own logic, with a fake netrun and a fake scontrol:
// it passes the array task's index on, exits with netrun's code, and on
// SIGTERM (Slurm's --signal=B:TERM) passes the signal to netrun and
// requeues its job. .ci/slurm_test.sh runs it on a real Slurm.
func TestSlurmScriptLogic(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o755)
	fake := `#!/bin/sh
if [ "$1" = run ]; then echo "  -checkpoint-every T"; exit 0; fi
echo "$@" > "$FAKE_DIR/args"
trap 'echo term > "$FAKE_DIR/term"; exit 3' TERM
i=0
while [ $i -lt "$FAKE_TICKS" ]; do sleep 0.05; i=$((i+1)); done
exit 7
`
	os.WriteFile(filepath.Join(bin, "netrun"), []byte(fake), 0o755)
	os.WriteFile(filepath.Join(bin, "scontrol"), []byte("#!/bin/sh\necho \"$@\" > \"$FAKE_DIR/scontrol\"\n"), 0o755)
	p := plan(t, "g=3,4")
	var b strings.Builder
	if err := EmitSlurm(&b, p, dir, SlurmOptions{Netrun: filepath.Join(bin, "netrun"), CheckpointEvery: "250"}); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, SlurmFile)
	os.WriteFile(script, []byte(b.String()), 0o755)
	start := func(ticks string) (*exec.Cmd, *strings.Builder) {
		for _, f := range []string{"args", "term", "scontrol"} {
			os.Remove(filepath.Join(dir, f))
		}
		cmd := exec.Command(bash, script)
		cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "FAKE_DIR="+dir, "FAKE_TICKS="+ticks,
			"SLURM_ARRAY_TASK_ID=3", "SLURM_JOB_ID=42")
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	read := func(f string) string {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		return strings.TrimSpace(string(b))
	}
	// Without a signal: netrun's exit code, no requeue.
	cmd, out := start("1")
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 7 {
		t.Errorf("exit %v, want 7\n%s", err, out)
	}
	want := "sweep -plan " + filepath.Join(dir, PlanFile) + " -out " + dir + " -run-index 3 -j 1 -checkpoint-every 250"
	if got := read("args"); got != want {
		t.Errorf("netrun got %q, want %q", got, want)
	}
	if read("scontrol") != "" {
		t.Error("requeued without a signal")
	}
	// SIGTERM to the batch shell: netrun gets it, the job is requeued.
	cmd, out = start("200")
	deadline := time.Now().Add(10 * time.Second)
	for read("args") == "" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit %v after SIGTERM, want 0\n%s", err, out)
	}
	if read("term") != "term" || read("scontrol") != "requeue 42" || !strings.Contains(out.String(), "got SIGTERM: requeueing job 42") {
		t.Errorf("term %q scontrol %q\n%s", read("term"), read("scontrol"), out)
	}
}
