package dsl_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/internal/fuzzguard"
)

// attributeNet is the network FuzzAttribute writes one fuzzed attribute
// into: %[1]s is the block holding it, chosen from attributeSlots.
const attributeNet = `simulation {
  dt       = 0.1
  duration = 5
}

variable "v" {
  default = [1, 2, 3]
}

locals {
  l = [-50, -51]
}

population "a" {
  model = "lif"
  n     = 3
}

population "b" {
  model = "poisson"
  n     = 2
  rate  = 20
}

%[1]s
`

// attributeSlots are the places FuzzAttribute puts the fuzzed
// expression: %[1]s is the attribute, %[2]s the expression.
var attributeSlots = []struct{ block, attrs string }{
	{"population \"p\" {\n  model = \"lif\"\n  n     = 3\n  %[1]s = %[2]s\n}", "v_init threshold tau_m refrac_length R lower_bound rest_pot is_inhibitory learning sum_input lateral_inhibition k_winners wta_window count for_each spike_trace tau_s"},
	{"population \"p\" {\n  model = \"lif\"\n  %[1]s = %[2]s\n}", "n shape model"},
	{"population \"p\" {\n  model = \"aelif\"\n  n     = 2\n  %[1]s = %[2]s\n}", "a0 b delta_t theta_rh tau_w"},
	{"population \"p\" {\n  model = \"poisson\"\n  n     = 2\n  %[1]s = %[2]s\n}", "rate rate_schedule"},
	{"population \"p\" {\n  model = \"spike_generator\"\n  n     = 2\n  %[1]s = %[2]s\n}", "spike_times"},
	{"population \"p\" {\n  model  = \"data\"\n  source = \"image.png\"\n  %[1]s = %[2]s\n}", "encoder source labels stacked normalize filter filter_size rate"},
	{"synapse \"s\" {\n  from = population.b\n  to   = population.a\n  %[1]s = %[2]s\n}", "connect p k autapses weight w_min w_max norm delay kernel tau e_rev save_weights pre post from to"},
	{"synapse \"s\" {\n  from    = population.a\n  to      = population.a\n  connect = \"list\"\n  pre     = [0, 1]\n  post    = [1, 2]\n  %[1]s = %[2]s\n}", "weight delay pre post"},
	{"synapse \"s\" {\n  from    = population.a\n  to      = population.a\n  connect = \"conv2d\"\n  %[1]s = %[2]s\n}", "kernel_size stride padding dilation channels_out weight pool"},
	{"synapse \"s\" {\n  from = population.b\n  to   = population.a\n  learning \"stdp\" {\n    %[1]s = %[2]s\n  }\n}", "lr bound w_min w_max weight_decay norm norm_every learning tau_pre tau_post"},
	{"synapse \"s\" {\n  from = population.b\n  to   = population.a\n  learning %[2]s {\n    %[1]s = 1\n  }\n}", "lr"},
	{"stimulus \"i\" {\n  target = population.a\n  %[1]s = %[2]s\n}", "current steps target indices"},
	{"monitor \"m\" {\n  target = population.a\n  %[1]s = %[2]s\n}", "variables every every_ms indices target"},
	{"monitor \"m\" {\n  %[1]s = %[2]s\n}", "target"},
	{"reward \"r\" {\n  %[1]s = %[2]s\n}", "schedule amount window"},
	{"simulation {\n  %[1]s = %[2]s\n}", "dt duration seed workers tau_d"},
	{"variable \"w\" {\n  %[1]s = %[2]s\n}\n\npopulation \"p\" {\n  model     = \"lif\"\n  n         = 2\n  threshold = var.w\n}", "default description"},
	{"locals {\n  %[1]s = %[2]s\n}\n\npopulation \"p\" {\n  model     = \"lif\"\n  n         = 2\n  threshold = local.x\n}", "x"},
}

// attributeSource returns the network with the fuzzed expression at slot.
func attributeSource(slot int, expr string) string {
	var names []string
	for _, s := range attributeSlots {
		for _, a := range strings.Fields(s.attrs) {
			names = append(names, s.block+"\x00"+a)
		}
	}
	block, attr, _ := strings.Cut(names[slot%len(names)], "\x00")
	return fmt.Sprintf(attributeNet, fmt.Sprintf(block, attr, expr))
}

// attributeSeeds are expressions of every kind a value can take.
var attributeSeeds = []string{
	"1", "-50", "0", "2.5", "[1, 2, 3]", "[-50, -52]", `"lif"`, `"random"`, "true",
	"uniform(0, 1)", "normal(-60, 2)", "clip(normal(0, 1), 0, 1)", `load("w.npy")`, `load("w.csv")`,
	"population.a", "population.b", "var.v", "local.l", "null", "range(3)", "{ a = 1 }",
	"[{ start = 1, stop = 2, amplitude = 1 }]", "[[1, 2], [3]]", `["s", "v"]`, `"stdp"`,
	"[for i in range(3) : i * 2]", "floor(2.7)", "-1e308", "1e400",
}

// FuzzAttribute puts an arbitrary expression into one attribute of a
// small valid network (every attribute of every block kind, by slot):
// the mutations of a value that FuzzLoad's byte-level ones rarely reach
// (a distribution-like object, a list where a number goes). Load and
// Compile must return diagnostics, never panic or hang, and a network
// that compiles must run 50 steps (or stop at a fault) without either.
func FuzzAttribute(f *testing.F) {
	slots := 0
	for _, s := range attributeSlots {
		slots += len(strings.Fields(s.attrs))
	}
	for slot := range slots {
		f.Add(uint8(slot), attributeSeeds[slot%len(attributeSeeds)])
		f.Add(uint8(slot), attributeSeeds[(slot*7+3)%len(attributeSeeds)])
	}
	dir := fuzzDataDir(f)
	path := filepath.Join(dir, "net.hcl")
	f.Fuzz(func(t *testing.T, slot uint8, expr string) {
		src := attributeSource(int(slot), expr)
		if reason := fuzzguard.SkipSource([]byte(src)); reason != "" {
			t.Skip(reason)
		}
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
		fuzzguard.Guard(t, 20*time.Second, func() error {
			net, diags := dsl.Load(path, dsl.Options{})
			if net == nil {
				return errors.New("Load returned a nil network")
			}
			if err := fuzzCheckDiagnostics(diags, net.Files); err != nil {
				return err
			}
			if diags.HasErrors() || fuzzguard.RunBounds.TooLarge(net) != "" {
				return nil
			}
			sim, diags := net.Compile()
			if err := fuzzCheckDiagnostics(diags, net.Files); err != nil || sim == nil {
				return err
			}
			// The run path: at most 50 steps; a fault is an error, not a
			// panic.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := sim.Run(ctx, min(net.Simulation.Duration, 50*net.Simulation.Dt))
			if ctx.Err() != nil {
				return fmt.Errorf("a run of at most 50 steps still running after 10 s: %v", err)
			}
			return nil
		})
	})
}

// TestAttributeSlotsLoad checks that FuzzAttribute's network is valid
// with a plain value in the slots that take a number, so that the fuzzer
// starts from networks that load.
func TestAttributeSlotsLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "net.hcl")
	for _, slot := range []int{0, 1, 2} { // v_init, threshold, tau_m of "p"
		src := attributeSource(slot, "-55")
		if slot == 2 {
			src = attributeSource(slot, "10")
		}
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
		net, diags := dsl.Load(path, dsl.Options{})
		require.False(t, diags.HasErrors(), "%s\n%v", src, diags)
		_, diags = net.Compile()
		require.False(t, diags.HasErrors(), "%s\n%v", src, diags)
	}
}
