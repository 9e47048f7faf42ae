package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestEmitSlurm(t *testing.T) {
	p := plan(t, "g=3,4,5", "nu=1,2") // 12 runs
	var b strings.Builder
	o := SlurmOptions{ArrayLimit: 4, CPUs: 2, Mem: "2G", Time: "10:00", Netrun: "/opt/net run/netrun", Extra: []string{"--qos=short"}}
	if err := EmitSlurm(&b, p, "/scratch/sw", o); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		"#!/bin/bash\n",
		"#SBATCH --array=0-11%4\n",
		"#SBATCH --cpus-per-task=2\n",
		"#SBATCH --mem=2G\n",
		"#SBATCH --time=10:00\n",
		"#SBATCH --qos=short\n",
		"#SBATCH --output=/scratch/sw/logs/slurm-%A_%a.out\n",
		"#SBATCH --signal=B:TERM@60\n",
		"#SBATCH --requeue\n",
		"netrun='/opt/net run/netrun'\n",
		`args=(sweep -plan /scratch/sw/sweep.json -out /scratch/sw -run-index "$SLURM_ARRAY_TASK_ID" -j 1)`,
		`scontrol requeue "$SLURM_JOB_ID"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the script lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "checkpoint-every") {
		t.Error("a script without -checkpoint-every mentions it")
	}
	// Every #SBATCH line comes before the first command (sbatch stops
	// reading them there).
	lines := strings.Split(s, "\n")
	last := slices.IndexFunc(lines, func(l string) bool { return l != "" && !strings.HasPrefix(l, "#") })
	for _, l := range lines[last:] {
		if strings.HasPrefix(l, "#SBATCH") {
			t.Errorf("%q after the first command", l)
		}
	}
	o.CheckpointEvery = "500"
	o.ArrayLimit = 0
	b.Reset()
	if err := EmitSlurm(&b, p, "/scratch/sw", o); err != nil {
		t.Fatal(err)
	}
	s = b.String()
	if !strings.Contains(s, "#SBATCH --array=0-11\n") || !strings.Contains(s, "args+=(-checkpoint-every 500)") ||
		!strings.Contains(s, `"$netrun" run -h 2>&1 | grep -q -- -checkpoint-every`) {
		t.Errorf("with checkpoints:\n%s", s)
	}
	if bash, err := exec.LookPath("bash"); err == nil {
		f := filepath.Join(t.TempDir(), "s.sbatch")
		os.WriteFile(f, []byte(s), 0o644)
		if out, err := exec.Command(bash, "-n", f).CombinedOutput(); err != nil {
			t.Errorf("bash -n: %v\n%s", err, out)
		}
	}
	if err := EmitSlurm(&b, p, "/x", SlurmOptions{Netrun: "n", Extra: []string{"--a\n--b"}}); err == nil {
		t.Error("an option with a newline: no error")
	}
}

func TestEmitK8s(t *testing.T) {
	n := network(t)
	p, err := Expand(n, &Spec{Grid: grid(t, "g=3,4,5"), Seeds: []uint64{1, 2}}, nil, []string{"-workers", "2"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	o := K8sOptions{Image: "ghcr.io/x/netrun:1", Claim: "results", Parallelism: 3, CPUs: 2, Mem: "1Gi", Namespace: "sim"}
	if err := EmitK8s(&b, p, o); err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(&b)
	var docs []map[string]any
	for {
		var d map[string]any
		if err := dec.Decode(&d); err != nil {
			break
		}
		docs = append(docs, d)
	}
	if len(docs) != 2 {
		t.Fatalf("%d YAML documents, want a ConfigMap and a Job", len(docs))
	}
	cm, job := docs[0], docs[1]
	get := func(m any, path ...any) any {
		for _, k := range path {
			switch x := m.(type) {
			case map[string]any:
				m = x[k.(string)]
			case []any:
				m = x[k.(int)]
			default:
				t.Fatalf("%v: not a map or list at %v", path, k)
			}
		}
		return m
	}
	if cm["kind"] != "ConfigMap" || job["kind"] != "Job" || job["apiVersion"] != "batch/v1" {
		t.Errorf("kinds %v %v", cm["kind"], job["kind"])
	}
	src, _ := os.ReadFile(filepath.Join("testdata", "net.hcl"))
	if get(cm, "data", "net.hcl") != string(src) {
		t.Error("the ConfigMap does not hold the network file as it is")
	}
	var pod Plan
	if err := json.Unmarshal([]byte(get(cm, "data", PlanFile).(string)), &pod); err != nil || pod.Network != "/network/net.hcl" || len(pod.Runs) != 6 {
		t.Errorf("the plan in the ConfigMap: %v %+v", err, pod)
	}
	for _, tc := range []struct {
		path []any
		want any
	}{
		{[]any{"metadata", "name"}, "netrun-net"},
		{[]any{"metadata", "namespace"}, "sim"},
		{[]any{"spec", "completionMode"}, "Indexed"},
		{[]any{"spec", "completions"}, 6},
		{[]any{"spec", "parallelism"}, 3},
		{[]any{"spec", "template", "spec", "restartPolicy"}, "Never"},
		{[]any{"spec", "template", "spec", "containers", 0, "image"}, "ghcr.io/x/netrun:1"},
		{[]any{"spec", "template", "spec", "containers", 0, "resources", "requests", "cpu"}, "2"},
		{[]any{"spec", "template", "spec", "containers", 0, "resources", "limits", "memory"}, "1Gi"},
		{[]any{"spec", "template", "spec", "containers", 0, "volumeMounts", 1, "mountPath"}, "/results"},
		{[]any{"spec", "template", "spec", "volumes", 0, "configMap", "name"}, "netrun-net-network"},
		{[]any{"spec", "template", "spec", "volumes", 1, "persistentVolumeClaim", "claimName"}, "results"},
	} {
		if got := get(job, tc.path...); got != tc.want {
			t.Errorf("%v = %v, want %v", tc.path, got, tc.want)
		}
	}
	var args []string
	for _, a := range get(job, "spec", "template", "spec", "containers", 0, "args").([]any) {
		args = append(args, a.(string))
	}
	want := []string{"sweep", "-plan", "/network/sweep.json", "-out", "/results/netrun-net", "-run-index", "$(JOB_COMPLETION_INDEX)", "-j", "1"}
	if !slices.Equal(args, want) {
		t.Errorf("args %q, want %q", args, want)
	}
	for _, bad := range []K8sOptions{{Claim: "c"}, {Image: "i"}} {
		if err := EmitK8s(&b, p, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	p.RunArgs = append(p.RunArgs, "-var-file", "/x.tfvars")
	if err := EmitK8s(&b, p, o); err == nil || !strings.Contains(err.Error(), "-var-file") {
		t.Errorf("-var-file: %v", err)
	}
}

func TestDNSLabel(t *testing.T) {
	for in, want := range map[string]string{"netrun-My Net_v2": "netrun-my-net-v2", "--a--b--": "a-b", "": "sweep", strings.Repeat("x", 70): strings.Repeat("x", 52)} {
		if got := dnsLabel(in, 52); got != want {
			t.Errorf("dnsLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFigures(t *testing.T) {
	p := plan(t, "g=3,4", "nu=1,2")
	dir := t.TempDir()
	WritePlan(dir, p)
	Execute(context.Background(), p, dir, Options{Jobs: 1, Run: (&fakeRun{}).run})
	tab, err := Collect(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tab.LinePlot(&b, "pop.p.spikes", "g"); err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(&b); err != nil || img.Bounds().Dx() < 100 {
		t.Errorf("line plot: %v", err)
	}
	b.Reset()
	if err := tab.HeatMap(&b, "pop.p.spikes", "g", "nu"); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(&b); err != nil {
		t.Errorf("heat map: %v", err)
	}
	for _, err := range []error{
		tab.LinePlot(&b, "nope", "g"),
		tab.LinePlot(&b, "pop.p.spikes", "zz"),
		tab.HeatMap(&b, "pop.p.spikes", "g", "g"),
		tab.HeatMap(&b, "pop.p.spikes", "g", "zz"),
	} {
		if err == nil {
			t.Error("a figure of an unknown column or variable: no error")
		}
	}
	if got := FigureName("pop.exc.rate_hz", "g", "nu"); got != "fig_pop.exc.rate_hz_g_nu.png" {
		t.Errorf("FigureName = %q", got)
	}
}

// A network of several files: the ConfigMap holds them all, and the plan
// in the pods reads the directory.
func TestEmitK8sDirectory(t *testing.T) {
	n, diags := ReadNetwork(filepath.Join("testdata", "netdir"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p, err := Expand(n, &Spec{Grid: grid(t, "g=1,2")}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := EmitK8s(&b, p, K8sOptions{Image: "i", Claim: "c"}); err != nil {
		t.Fatal(err)
	}
	var cm struct {
		Data map[string]string `yaml:"data"`
	}
	if err := yaml.NewDecoder(&b).Decode(&cm); err != nil {
		t.Fatal(err)
	}
	var pod Plan
	if err := json.Unmarshal([]byte(cm.Data[PlanFile]), &pod); err != nil || pod.Network != "/network" {
		t.Errorf("plan network %q, %v", pod.Network, err)
	}
	if cm.Data["a.hcl"] == "" || cm.Data["b.hcl"] == "" || len(cm.Data) != 3 {
		t.Errorf("ConfigMap keys: %d", len(cm.Data))
	}
}
