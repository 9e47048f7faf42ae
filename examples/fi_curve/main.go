// Command fi_curve draws the f-I curves of examples/fi_curve/fi_curve.hcl:
// it loads and runs the network with the Go API (package dsl), reads the
// spike count of every neuron from the spike monitors, and plots firing
// rate against input current with package figures.
//
//	go run ./examples/fi_curve [-out DIR] [FILE]
//
// It writes DIR/fi_curve.png (default out/fi_curve) and prints the rates.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/synapticflow/synapticflow-go/dsl"
	"github.com/synapticflow/synapticflow-go/figures"
	"github.com/synapticflow/synapticflow-go/graph"
	"github.com/synapticflow/synapticflow-go/neurons"
)

func main() {
	out := flag.String("out", filepath.Join("out", "fi_curve"), "output `directory`")
	flag.Parse()
	path := filepath.Join("examples", "fi_curve", "fi_curve.hcl")
	if flag.NArg() > 0 {
		path = flag.Arg(0)
	}
	if _, err := run(context.Background(), path, *out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fi_curve:", err)
		os.Exit(1)
	}
}

// curves are f-I curves: Rates[i][j] is the rate (Hz) of the neuron of
// population Labels[i] that receives current Currents[j].
type curves struct {
	Currents []float64
	Rates    [][]float64
	Labels   []string
}

// run simulates the network at path, writes out/fi_curve.png and prints
// the table of rates to w.
func run(ctx context.Context, path, out string, w io.Writer) (*curves, error) {
	net, diags := dsl.Load(path, dsl.Options{})
	if diags.HasErrors() {
		dsl.WriteDiagnostics(os.Stderr, diags, net.Files, false)
		return nil, errors.New("the network has errors")
	}
	sim, diags := net.Compile()
	if diags.HasErrors() {
		dsl.WriteDiagnostics(os.Stderr, diags, net.Files, false)
		return nil, errors.New("the network has errors")
	}
	if err := sim.Run(ctx, net.Simulation.Duration); err != nil {
		return nil, err
	}
	seconds := sim.Time() / 1000
	c := &curves{}
	for _, m := range net.Monitors {
		if m.Spikes == nil {
			continue
		}
		cur, err := currents(net, m.Target)
		if err != nil {
			return nil, err
		}
		if c.Currents == nil {
			c.Currents = cur
		} else if !slices.Equal(c.Currents, cur) {
			return nil, fmt.Errorf("population %q has other currents than the first", m.Target.Name)
		}
		rates := make([]float64, len(cur))
		for i, n := range m.Spikes.Count() {
			rates[i] = float64(n) / seconds
		}
		c.Rates = append(c.Rates, rates)
		label := m.Target.Name
		if kind := m.Target.Model.Kind(); kind != label {
			label += " (" + kind + ")"
		}
		c.Labels = append(c.Labels, label)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	if err := figures.FICurve(filepath.Join(out, "fi_curve.png"), "f-I curves", c.Currents, c.Rates, c.Labels); err != nil {
		return nil, err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "current\t")
	for _, l := range c.Labels {
		fmt.Fprintf(tw, "%s Hz\t", l)
	}
	fmt.Fprintln(tw)
	for j, x := range c.Currents {
		fmt.Fprintf(tw, "%.3g\t", x)
		for i := range c.Labels {
			fmt.Fprintf(tw, "%.1f\t", c.Rates[i][j])
		}
		fmt.Fprintln(tw)
	}
	return c, tw.Flush()
}

// currents returns the constant current of each neuron of p: the sum of
// the current stimuli that target it.
func currents(net *dsl.Network, p *neurons.Population) ([]float64, error) {
	out := make([]float64, p.Len())
	found := false
	for _, st := range net.Stimuli() {
		c, ok := st.(*graph.Current)
		if !ok || c.Pop != p {
			continue
		}
		found = true
		for i := range out {
			if len(c.Amp) == 1 {
				out[i] += c.Amp[0]
			} else {
				out[i] += c.Amp[i]
			}
		}
	}
	if !found {
		return nil, fmt.Errorf("population %q has no current stimulus", p.Name)
	}
	return out, nil
}
