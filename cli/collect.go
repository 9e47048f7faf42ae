package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/synapticflow/synapticflow-go/sweep"
)

const collectHelp = `
Collect reads the sweep in DIR (made by netrun sweep: DIR/sweep.json and a
directory per run) and writes

  runs.csv    a row per run: index, name, the swept variables, seed,
              status (complete, incomplete or missing), then the run's
              summary statistics: steps, duration_ms, synaptic_events,
              pop.POP.{n, spikes, rate_hz, rate_mean_hz, rate_std_hz,
              silent_fraction, isi_cv, fano_factor, synchrony_chi, ...},
              syn.SYN.{synapses, events, weights_mean, ...}; an undefined
              statistic is an empty cell
  runs.json   the same as JSON: variables, columns, and the runs with
              their settings and stats
  fig_STAT_X.png     the mean of statistic STAT (over seeds) against the
                     swept variable X, a line per setting of the other
                     variables, error bars of one standard deviation
  fig_STAT_X_Y.png   a heat map of the mean of STAT over X and Y

The statistic is -stat (default: the first population's rate_hz), X and
Y are -x and -y (default: the first two swept variables). Timings (the
fields ending in _seconds or _per_second) and the worker count are left
out, so that the table of a sweep is the same wherever its runs ran.`

func collectCmd(ctx context.Context, e *env, args []string) int {
	fs := e.newFlagSet("collect", "DIR [flags]", collectHelp)
	var statName, x, y string
	var noFigures bool
	fs.StringVar(&statName, "stat", "", "the `column` the figures draw (default: the first pop.*.rate_hz)")
	fs.StringVar(&x, "x", "", "the swept `variable` of the figures' x axis (default: the first)")
	fs.StringVar(&y, "y", "", "the swept `variable` of the heat map's y axis (default: the second)")
	fs.BoolVar(&noFigures, "no-figures", false, "write the table only")
	pos, code, ok := e.parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(e.stderr, "%s: want one sweep DIR, have %d arguments\nRun '%s -h' for usage.\n", fs.Name(), len(pos), fs.Name())
		return ExitUsage
	}
	dir := pos[0]
	t, err := sweep.Collect(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s collect: %v\n", e.name, err)
		return ExitConfig
	}
	for _, w := range []struct {
		name  string
		write func(io.Writer) error
	}{{"runs.csv", t.WriteCSV}, {"runs.json", t.WriteJSON}} {
		if err := writeFileAtomic(filepath.Join(dir, w.name), 0o644, w.write); err != nil {
			fmt.Fprintf(e.stderr, "%s collect: %v\n", e.name, err)
			return ExitConfig
		}
	}
	counts := map[string]int{}
	for _, r := range t.Rows {
		counts[r.Status]++
	}
	fmt.Fprintf(e.stdout, "Wrote %s and runs.json: %s (%d complete, %d incomplete, %d missing), %d statistics.\n",
		filepath.Join(dir, "runs.csv"), plural(len(t.Rows), "run"), counts[sweep.StatusComplete], counts[sweep.StatusIncomplete],
		counts[sweep.StatusMissing], len(t.Columns))
	if noFigures {
		return ExitOK
	}
	explicit := statName != "" || x != "" || y != ""
	if statName == "" {
		for _, c := range t.Columns {
			if strings.HasPrefix(c, "pop.") && strings.HasSuffix(c, ".rate_hz") {
				statName = c
				break
			}
		}
	}
	if x == "" && len(t.Variables) > 0 {
		x = t.Variables[0]
	}
	if y == "" && len(t.Variables) > 1 && t.Variables[1] != x {
		y = t.Variables[1]
	}
	if statName == "" || x == "" {
		if explicit {
			fmt.Fprintf(e.stderr, "%s collect: no figure: give -stat and -x (a swept variable)\n", e.name)
			return ExitUsage
		}
		return ExitOK // nothing to draw: a sweep of seeds only, or no rates
	}
	var drawn []string
	var failures []string
	draw := func(name string, f func(io.Writer) error) {
		path := filepath.Join(dir, name)
		if err := writeFileAtomic(path, 0o644, f); err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", name, err))
			return
		}
		drawn = append(drawn, name)
	}
	draw(sweep.FigureName(statName, x), func(w io.Writer) error { return t.LinePlot(w, statName, x) })
	if y != "" {
		draw(sweep.FigureName(statName, x, y), func(w io.Writer) error { return t.HeatMap(w, statName, x, y) })
	}
	if len(drawn) > 0 {
		fmt.Fprintf(e.stdout, "Figures: %s.\n", strings.Join(drawn, ", "))
	}
	for _, f := range failures {
		fmt.Fprintf(e.stderr, "%s collect: no figure %s\n", e.name, f)
	}
	if len(failures) > 0 && explicit {
		return ExitConfig
	}
	return ExitOK
}
