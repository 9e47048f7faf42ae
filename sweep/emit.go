package sweep

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/synapticflow/synapticflow-go/dsl"
)

// SlurmFile and K8sFile are the names of the files EmitSlurm and EmitK8s
// write in the sweep directory (by netrun sweep -emit).
const (
	SlurmFile = "sweep.sbatch"
	K8sFile   = "sweep.k8s.yaml"
)

// SlurmOptions are the resources and settings of a Slurm job array.
type SlurmOptions struct {
	// JobName is the job's name (default: the sweep directory's name).
	JobName string
	// ArrayLimit is the number of tasks at a time (--array=0-N%M; 0: no
	// limit).
	ArrayLimit int
	// CPUs is the number of CPUs per task (the runs' workers).
	CPUs int
	// Mem, Time, Partition and Account are sbatch's --mem, --time,
	// --partition and --account ("" leaves them out).
	Mem, Time, Partition, Account string
	// Extra are more #SBATCH options, as written ("--qos=short").
	Extra []string
	// Netrun is the path of the netrun the tasks run.
	Netrun string
	// CheckpointEvery, if not "", makes each task run with
	// -checkpoint-every (if its netrun has the flag), so that a task
	// requeued after SIGTERM resumes its run where it stopped.
	CheckpointEvery string
}

var slurmTemplate = template.Must(template.New("sbatch").Parse(`#!/bin/bash
# A Slurm job array of the sweep planned in {{.Plan}}: {{.Runs}}, one
# per array task; task I runs run I (netrun sweep -run-index I) into
# {{.Dir}}/NAME. Written by netrun sweep -emit slurm: submit it with
#   sbatch {{.Script}}
# and gather the results with netrun collect {{.Dir}}.
#SBATCH --job-name={{.JobName}}
#SBATCH --array=0-{{.Last}}{{if .Limit}}%{{.Limit}}{{end}}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task={{.CPUs}}
{{- range .Opts}}
#SBATCH {{.}}
{{- end}}
#SBATCH --output={{.Dir}}/logs/slurm-%A_%a.out
#SBATCH --open-mode=append
#SBATCH --signal=B:TERM@60
#SBATCH --requeue
set -u
netrun={{.Netrun}}
args=(sweep -plan {{.PlanQ}} -out {{.DirQ}} -run-index "$SLURM_ARRAY_TASK_ID" -j 1)
{{- if .Checkpoint}}
# Runs checkpoint every {{.Checkpoint}} ms of simulated time, if this netrun
# can; a run that left a checkpoint resumes from it.
if "$netrun" run -h 2>&1 | grep -q -- -checkpoint-every; then
  args+=(-checkpoint-every {{.Checkpoint}})
fi
{{- end}}
# At the time limit (or a preemption) Slurm sends SIGTERM to this script
# 60 s before the kill (--signal=B:TERM@60). It passes it on to netrun,
# whose run stops after a whole step and writes its outputs{{if .Checkpoint}} and a
# checkpoint{{end}}, then requeues the task (--requeue), which runs the
# run again{{if .Checkpoint}}, resuming from the checkpoint{{end}}. A run that is complete is skipped.
stopped=0
on_term() {
  stopped=1
  kill -TERM "$pid" 2>/dev/null
}
trap on_term TERM
"$netrun" "${args[@]}" &
pid=$!
wait "$pid"
code=$?
while kill -0 "$pid" 2>/dev/null; do
  wait "$pid"
  code=$?
done
if [ "$stopped" = 1 ]; then
  echo "netrun sweep: task $SLURM_ARRAY_TASK_ID got SIGTERM: requeueing job $SLURM_JOB_ID"
  scontrol requeue "$SLURM_JOB_ID"
  exit 0
fi
exit "$code"
`))

// EmitSlurm writes the sbatch script of a job array that runs the plan's
// runs into dir (an absolute path, where the plan is, as
// dir/sweep.json), one run per task.
func EmitSlurm(w io.Writer, p *Plan, dir string, o SlurmOptions) error {
	if len(p.Runs) == 0 {
		return errors.New("the sweep has no runs")
	}
	if o.Netrun == "" {
		return errors.New("the path of netrun is unknown")
	}
	name := o.JobName
	if name == "" {
		name = filepath.Base(dir)
	}
	var opts []string
	for _, kv := range [][2]string{{"mem", o.Mem}, {"time", o.Time}, {"partition", o.Partition}, {"account", o.Account}} {
		if kv[1] != "" {
			opts = append(opts, "--"+kv[0]+"="+kv[1])
		}
	}
	for _, x := range o.Extra {
		if strings.ContainsAny(x, "\n\r") {
			return fmt.Errorf("an sbatch option on more than one line: %q", x)
		}
		opts = append(opts, x)
	}
	for _, x := range append([]string{name, dir, o.Mem, o.Time, o.Partition, o.Account}, opts...) {
		if strings.ContainsAny(x, "\n\r") {
			return fmt.Errorf("a newline in %q", x)
		}
	}
	if o.CheckpointEvery != "" {
		if _, err := strconv.ParseFloat(o.CheckpointEvery, 64); err != nil {
			return fmt.Errorf("checkpoint period %q: %v", o.CheckpointEvery, err)
		}
	}
	limit := o.ArrayLimit
	if limit >= len(p.Runs) {
		limit = 0
	}
	runs := fmt.Sprintf("%d runs", len(p.Runs))
	if len(p.Runs) == 1 {
		runs = "1 run"
	}
	return slurmTemplate.Execute(w, map[string]any{
		"Plan": filepath.Join(dir, PlanFile), "PlanQ": ShellQuote(filepath.Join(dir, PlanFile)),
		"Dir": dir, "DirQ": ShellQuote(dir), "Script": ShellQuote(filepath.Join(dir, SlurmFile)),
		"Runs": runs, "JobName": strings.ReplaceAll(name, " ", "_"), "Last": len(p.Runs) - 1, "Limit": limit,
		"CPUs": max(1, o.CPUs), "Opts": opts, "Netrun": ShellQuote(o.Netrun), "Checkpoint": o.CheckpointEvery,
	})
}

// K8sOptions are the settings of a Kubernetes Indexed Job.
type K8sOptions struct {
	// Name is the Job's name (default: netrun-NAME of the sweep).
	Name string
	// Namespace, if not "", is the namespace of the Job and ConfigMap.
	Namespace string
	// Image is the container image holding netrun (required).
	Image string
	// Netrun is netrun's path in the image (default "netrun").
	Netrun string
	// Claim is the PersistentVolumeClaim the results go to, mounted at
	// /results; the sweep's directory is /results/NAME.
	Claim string
	// Parallelism is the number of pods at a time (0: all).
	Parallelism int
	// CPUs and Mem are the resources of each pod (Mem as "4Gi"; "" for
	// none).
	CPUs int
	Mem  string
	// CheckpointEvery, if not "", makes the runs checkpoint (see
	// SlurmOptions).
	CheckpointEvery string
}

// Paths in the pods.
const (
	k8sNetworkDir = "/network"
	k8sResultsDir = "/results"
)

type k8sMeta struct {
	Name      string            `yaml:"name"`
	Namespace string            `yaml:"namespace,omitempty"`
	Labels    map[string]string `yaml:"labels,omitempty"`
}

type k8sConfigMap struct {
	APIVersion string            `yaml:"apiVersion"`
	Kind       string            `yaml:"kind"`
	Metadata   k8sMeta           `yaml:"metadata"`
	Data       map[string]string `yaml:"data"`
}

type k8sJob struct {
	APIVersion string     `yaml:"apiVersion"`
	Kind       string     `yaml:"kind"`
	Metadata   k8sMeta    `yaml:"metadata"`
	Spec       k8sJobSpec `yaml:"spec"`
}

type k8sJobSpec struct {
	CompletionMode       string         `yaml:"completionMode"`
	Completions          int            `yaml:"completions"`
	Parallelism          int            `yaml:"parallelism"`
	BackoffLimitPerIndex int            `yaml:"backoffLimitPerIndex"`
	Template             k8sPodTemplate `yaml:"template"`
}

type k8sPodTemplate struct {
	Metadata k8sMeta    `yaml:"metadata"`
	Spec     k8sPodSpec `yaml:"spec"`
}

type k8sPodSpec struct {
	RestartPolicy                 string         `yaml:"restartPolicy"`
	TerminationGracePeriodSeconds int            `yaml:"terminationGracePeriodSeconds"`
	Containers                    []k8sContainer `yaml:"containers"`
	Volumes                       []k8sVolume    `yaml:"volumes"`
}

type k8sContainer struct {
	Name         string        `yaml:"name"`
	Image        string        `yaml:"image"`
	Command      []string      `yaml:"command"`
	Args         []string      `yaml:"args"`
	Resources    k8sResources  `yaml:"resources"`
	VolumeMounts []k8sVolMount `yaml:"volumeMounts"`
}

type k8sResources struct {
	Requests map[string]string `yaml:"requests,omitempty"`
	Limits   map[string]string `yaml:"limits,omitempty"`
}

type k8sVolMount struct {
	Name      string `yaml:"name"`
	MountPath string `yaml:"mountPath"`
	ReadOnly  bool   `yaml:"readOnly,omitempty"`
}

type k8sVolume struct {
	Name                  string            `yaml:"name"`
	ConfigMap             map[string]string `yaml:"configMap,omitempty"`
	PersistentVolumeClaim map[string]string `yaml:"persistentVolumeClaim,omitempty"`
}

// dnsLabel makes s a DNS-1123 label of at most n characters.
func dnsLabel(s string, n int) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	if len(out) > n {
		out = strings.TrimRight(out[:n], "-")
	}
	if out == "" {
		out = "sweep"
	}
	return out
}

// EmitK8s writes a Kubernetes manifest that runs the plan: a ConfigMap
// holding the network's .hcl files and the plan (mounted at /network),
// and an Indexed Job of one pod per run (completionMode: Indexed, the
// run from JOB_COMPLETION_INDEX) writing into the volume claim o.Claim,
// mounted at /results. The plan must come from a network file or
// directory of .hcl files that the ConfigMap can carry (under 1 MiB, no
// -var-file).
func EmitK8s(w io.Writer, p *Plan, o K8sOptions) error {
	if len(p.Runs) == 0 {
		return errors.New("the sweep has no runs")
	}
	if o.Image == "" {
		return errors.New("the container image is not given")
	}
	if o.Claim == "" {
		return errors.New("the volume claim of the results is not given")
	}
	if _, ok := flagValue(p.RunArgs, "var-file"); ok {
		return errors.New("a Kubernetes job does not get the -var-file files: give the variables with -var")
	}
	name := o.Name
	if name == "" {
		name = "netrun-" + dnsLabel(strings.TrimSuffix(filepath.Base(p.Network), ".hcl"), 40)
	}
	name = dnsLabel(name, 52) // room for the ConfigMap's suffix and pods' index
	netrun := o.Netrun
	if netrun == "" {
		netrun = "netrun"
	}
	files, err := dsl.SourceFiles(p.Network, false)
	if err != nil {
		return err
	}
	data := make(map[string]string)
	size := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		base := filepath.Base(f)
		if base == PlanFile {
			return fmt.Errorf("a network file named %s clashes with the plan", base)
		}
		if _, dup := data[base]; dup {
			return fmt.Errorf("two network files named %s", base)
		}
		data[base] = string(b)
		size += len(b)
	}
	// The plan in the pods reads the network from the ConfigMap.
	pod := *p
	if info, err := os.Stat(p.Network); err == nil && info.IsDir() {
		pod.Network = k8sNetworkDir
	} else {
		pod.Network = k8sNetworkDir + "/" + filepath.Base(files[0])
	}
	pb, err := pod.encode()
	if err != nil {
		return err
	}
	data[PlanFile] = string(pb)
	size += len(pb)
	if size > 1<<20-4096 {
		return fmt.Errorf("the network files and the plan take %d bytes, more than a ConfigMap holds (1 MiB)", size)
	}
	out := k8sResultsDir + "/" + name
	args := []string{"sweep", "-plan", k8sNetworkDir + "/" + PlanFile, "-out", out, "-run-index", "$(JOB_COMPLETION_INDEX)", "-j", "1"}
	if o.CheckpointEvery != "" {
		args = append(args, "-checkpoint-every", o.CheckpointEvery)
	}
	res := k8sResources{Requests: map[string]string{"cpu": strconv.Itoa(max(1, o.CPUs))}}
	if o.Mem != "" {
		res.Requests["memory"] = o.Mem
		res.Limits = map[string]string{"memory": o.Mem}
	}
	par := o.Parallelism
	if par <= 0 || par > len(p.Runs) {
		par = len(p.Runs)
	}
	labels := map[string]string{"app.kubernetes.io/name": "netrun-sweep", "app.kubernetes.io/instance": name}
	cm := k8sConfigMap{APIVersion: "v1", Kind: "ConfigMap",
		Metadata: k8sMeta{Name: name + "-network", Namespace: o.Namespace, Labels: labels}, Data: data}
	job := k8sJob{APIVersion: "batch/v1", Kind: "Job", Metadata: k8sMeta{Name: name, Namespace: o.Namespace, Labels: labels},
		Spec: k8sJobSpec{
			CompletionMode: "Indexed", Completions: len(p.Runs), Parallelism: par, BackoffLimitPerIndex: 3,
			Template: k8sPodTemplate{Metadata: k8sMeta{Labels: labels}, Spec: k8sPodSpec{
				RestartPolicy: "Never", TerminationGracePeriodSeconds: 60,
				Containers: []k8sContainer{{
					Name: "netrun", Image: o.Image, Command: []string{netrun}, Args: args, Resources: res,
					VolumeMounts: []k8sVolMount{{Name: "network", MountPath: k8sNetworkDir, ReadOnly: true}, {Name: "results", MountPath: k8sResultsDir}},
				}},
				Volumes: []k8sVolume{
					{Name: "network", ConfigMap: map[string]string{"name": name + "-network"}},
					{Name: "results", PersistentVolumeClaim: map[string]string{"claimName": o.Claim}},
				},
			}},
		}}
	fmt.Fprintf(w, "# A Kubernetes Indexed Job of the sweep of %s: %d runs, pod I runs run I\n", filepath.Base(p.Network), len(p.Runs))
	fmt.Fprintf(w, "# (JOB_COMPLETION_INDEX) into the volume claim %s at %s.\n", o.Claim, out)
	fmt.Fprintf(w, "# Written by netrun sweep -emit k8s: kubectl apply -f %s\n", K8sFile)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(cm); err != nil {
		return err
	}
	if err := enc.Encode(job); err != nil {
		return err
	}
	return enc.Close()
}
