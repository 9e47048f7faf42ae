package sweep

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Run statuses in a Table.
const (
	StatusComplete   = "complete"
	StatusIncomplete = "incomplete"
	StatusMissing    = "missing"
)

// notCollected are the summary.json fields a Table leaves out besides
// the timings (timing): the seed (a column of its own), the number of
// workers (which changes no result) and the manifest.
var notCollected = []string{"seed", "workers", "files"}

// timing reports a field of summary.json that measures time or speed
// (wall_seconds, sim_seconds, figures_seconds, ..._per_second): it
// depends on the machine and its load, so two runs of the same sweep
// differ in it.
func timing(name string) bool {
	return strings.HasSuffix(name, "_seconds") || strings.HasSuffix(name, "_per_second")
}

// Row is one run in a Table.
type Row struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	// Settings are the values of the swept variables (JSON).
	Settings map[string]json.RawMessage `json:"settings"`
	Seed     uint64                     `json:"seed"`
	// Status is complete, incomplete (Why says why) or missing.
	Status string `json:"status"`
	Why    string `json:"why,omitempty"`
	// Stats are the run's summary statistics by column name, as JSON
	// numbers or booleans (absent if undefined).
	Stats map[string]json.RawMessage `json:"stats"`

	text map[string]string
}

// Table is the summary statistics of a sweep's runs, a row per run.
type Table struct {
	// Variables are the swept variables.
	Variables []string `json:"variables"`
	// Columns are the statistics' names: steps, duration_ms, ...,
	// pop.NAME.rate_hz, ..., syn.NAME.events, ...
	Columns []string `json:"columns"`
	Rows    []Row    `json:"runs"`
}

// Collect reads the plan and the runs' summaries of the sweep directory
// dir into a Table. A run whose outputs are not complete has its row
// with status incomplete or missing (and the statistics it has).
func Collect(dir string) (*Table, error) {
	p, err := ReadPlan(filepath.Join(dir, PlanFile))
	if err != nil {
		return nil, err
	}
	t := &Table{Variables: p.Variables}
	cols := make(map[string]bool)
	for _, r := range p.Runs {
		row := Row{Index: r.Index, Name: r.Name, Settings: r.Settings, Seed: r.Seed, Status: StatusComplete, Stats: map[string]json.RawMessage{}, text: r.Text}
		rd := filepath.Join(dir, r.Name)
		b, err := os.ReadFile(filepath.Join(rd, SummaryFile))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			row.Status = StatusMissing
		case err != nil:
			return nil, err
		default:
			if ok, why := Complete(rd, r.Seed); !ok {
				row.Status, row.Why = StatusIncomplete, why
			}
			if err := flattenSummary(b, row.Stats); err != nil {
				return nil, fmt.Errorf("%s: %v", filepath.Join(rd, SummaryFile), err)
			}
		}
		for c := range row.Stats {
			cols[c] = true
		}
		t.Rows = append(t.Rows, row)
	}
	for c := range cols {
		t.Columns = append(t.Columns, c)
	}
	slices.SortFunc(t.Columns, compareColumns)
	return t, nil
}

// topColumns are the run-wide columns, first, in this order.
var topColumns = []string{"steps", "dt_ms", "duration_ms", "requested_duration_ms", "synaptic_events", "interrupted", "eval"}

// compareColumns orders the run-wide columns first (topColumns), then
// pop.*, then syn.*, each group by name.
func compareColumns(a, b string) int {
	rank := func(c string) int {
		if i := slices.Index(topColumns, c); i >= 0 {
			return i
		}
		switch {
		case strings.HasPrefix(c, "pop."):
			return len(topColumns)
		case strings.HasPrefix(c, "syn."):
			return len(topColumns) + 1
		}
		return len(topColumns) + 2
	}
	if d := rank(a) - rank(b); d != 0 {
		return d
	}
	return strings.Compare(a, b)
}

// flattenSummary puts the numbers and booleans of a summary.json into
// stats: the run-wide ones by their name, populations.P.X and
// populations.P.statistics.X as pop.P.X, synapses.S.X as syn.S.X and
// synapses.S.weights.X as syn.S.weights_X. Numbers keep their text.
func flattenSummary(b []byte, stats map[string]json.RawMessage) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case json.Number:
			stats[prefix] = json.RawMessage(x.String())
		case bool:
			stats[prefix] = json.RawMessage(fmt.Sprint(x))
		case map[string]any:
			for k, y := range x {
				if timing(k) {
					continue
				}
				name := prefix + "." + k
				switch {
				case prefix == "":
					if slices.Contains(notCollected, k) {
						continue
					}
					name = k
				case strings.Count(prefix, ".") == 1 && (k == "statistics"):
					name = prefix
				case strings.HasPrefix(prefix, "syn.") && strings.Count(prefix, ".") == 1 && k == "weights":
					if w, ok := y.(map[string]any); ok {
						for wk, wv := range w {
							walk(prefix+".weights_"+wk, wv)
						}
					}
					continue
				}
				switch {
				case prefix == "" && k == "populations":
					name = "pop"
				case prefix == "" && k == "synapses":
					name = "syn"
				}
				walk(name, y)
			}
		}
	}
	walk("", m)
	return nil
}

// Text is a setting's value as the table shows it.
func (r *Row) Text(name string) string {
	if t, ok := r.text[name]; ok {
		return t
	}
	return ""
}

// Value returns the number of column c of the row, if it has one.
func (r *Row) Value(c string) (float64, bool) {
	raw, ok := r.Stats[c]
	if !ok {
		return 0, false
	}
	var x float64
	if json.Unmarshal(raw, &x) != nil {
		return 0, false
	}
	return x, true
}

// Setting returns the number a swept variable has in the row, if it is a
// number.
func (r *Row) Setting(v string) (float64, bool) {
	raw, ok := r.Settings[v]
	if !ok {
		return 0, false
	}
	var x float64
	if json.Unmarshal(raw, &x) != nil {
		return 0, false
	}
	return x, true
}

// WriteCSV writes the table as CSV: index, name, the variables, seed,
// status, then the columns; an undefined statistic is an empty cell.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := append([]string{"index", "name"}, t.Variables...)
	head = append(head, "seed", "status")
	if err := cw.Write(append(head, t.Columns...)); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rec := []string{fmt.Sprint(r.Index), r.Name}
		for _, v := range t.Variables {
			rec = append(rec, r.Text(v))
		}
		rec = append(rec, fmt.Sprint(r.Seed), r.Status)
		for _, c := range t.Columns {
			rec = append(rec, string(r.Stats[c]))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the table as JSON (indented, keys sorted).
func (t *Table) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(t)
}
