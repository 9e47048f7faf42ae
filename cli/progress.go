package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress reports how far a run is: simulated time, percent done, speed
// (simulated seconds per wall-clock second, "x real time"), elapsed wall
// time and the estimated time left. On a terminal it draws a one-line bar,
// redrawn at most every interval; elsewhere (a batch log) it writes a
// line now and then, as Brian2's report='text' does: when both a tenth of
// the run and textInterval of wall time have passed since the last line,
// and a last line at the end if it wrote any, so that a short run writes
// nothing.
type progress struct {
	w        io.Writer
	dt       float64
	start    time.Time
	last     time.Time
	interval time.Duration
	drawn    bool
	// text selects the periodic lines instead of the bar.
	text bool
	// textInterval is the least wall time between two lines of text.
	textInterval time.Duration
	lastDone     int // steps done at the last line of text
	seen, total  int // the last update's arguments
	// now is the clock (time.Now; a fake one in tests).
	now func() time.Time
	// status, if set, describes the step being simulated (the data
	// sample of a data population), shown after the bar.
	status func(step int) string
}

func newProgress(w io.Writer, dt float64) *progress {
	now := time.Now()
	return &progress{w: w, dt: dt, start: now, last: now, interval: 100 * time.Millisecond,
		textInterval: 10 * time.Second, now: time.Now}
}

// newTextProgress returns a progress that writes lines of text, for a
// stderr that is not a terminal.
func newTextProgress(w io.Writer, dt float64) *progress {
	p := newProgress(w, dt)
	p.text = true
	return p
}

// update is the Sim's Progress callback.
func (p *progress) update(done, total int) {
	now := p.now()
	p.seen, p.total = done, total
	if p.text {
		if done >= total {
			// The end, if a line was written before.
			if p.lastDone == 0 || done == p.lastDone {
				return
			}
		} else if now.Sub(p.last) < p.textInterval || 10*(done-p.lastDone) < total {
			// Every tenth of the run, but not more often than textInterval.
			return
		}
		p.last, p.lastDone = now, done
		p.line(done, total, now.Sub(p.start))
		return
	}
	if done < total && now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	p.draw(done, total, now.Sub(p.start))
}

// times returns the speed, elapsed and ETA parts of a report.
func (p *progress) times(done, total int, elapsed time.Duration) string {
	var parts []string
	simMs := float64(done) * p.dt
	if elapsed > 0 {
		parts = append(parts, fmt.Sprintf("%.3gx real time", simMs/1000/elapsed.Seconds()))
	}
	parts = append(parts, "elapsed "+wallTime(elapsed))
	if done > 0 && done < total {
		eta := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
		parts = append(parts, "ETA "+wallTime(eta))
	}
	return strings.Join(parts, "  ")
}

func (p *progress) draw(done, total int, elapsed time.Duration) {
	const width = 30
	frac := 1.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	filled := int(frac * width)
	simMs := float64(done) * p.dt
	extra := "  " + p.times(done, total, elapsed)
	if p.status != nil && done > 0 {
		extra += "  " + p.status(done-1)
	}
	fmt.Fprintf(p.w, "\r[%s%s] %s / %s ms %3.0f%%%s\x1b[K",
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled),
		num(simMs), num(float64(total)*p.dt), 100*frac, extra)
	p.drawn = true
}

// line writes one line of text progress:
//
//	progress: 500 / 1000 ms (50%), 0.05x real time, elapsed 10s, ETA 10s
func (p *progress) line(done, total int, elapsed time.Duration) {
	frac := 1.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	t := strings.ReplaceAll(p.times(done, total, elapsed), "  ", ", ")
	fmt.Fprintf(p.w, "progress: %s / %s ms (%.0f%%), %s\n", num(float64(done)*p.dt), num(float64(total)*p.dt), 100*frac, t)
}

// wallTime formats a wall-clock duration: 0.3s, 12s, 3m05s, 2h01m.
func wallTime(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.0fs", d.Seconds())
	case d < time.Hour:
		d = d.Round(time.Second)
		return fmt.Sprintf("%dm%02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
	default:
		d = d.Round(time.Minute)
		return fmt.Sprintf("%dh%02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
}

// finish ends the progress line; in text, after a run that stopped early
// (interrupted, a fault) and wrote a line, it writes where it stopped.
func (p *progress) finish() {
	if p.drawn && !p.text {
		fmt.Fprintln(p.w)
	}
	if p.text && p.lastDone > 0 && p.seen > p.lastDone && p.seen < p.total {
		p.lastDone = p.seen
		p.line(p.seen, p.total, p.now().Sub(p.start))
	}
}
