package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar: simulated time, percent done
// and speed (simulated seconds per wall-clock second). It redraws at most
// every interval.
type progress struct {
	w        io.Writer
	dt       float64
	start    time.Time
	last     time.Time
	interval time.Duration
	drawn    bool
	// status, if set, describes the step being simulated (the data
	// sample of a data population), shown after the bar.
	status func(step int) string
}

func newProgress(w io.Writer, dt float64) *progress {
	now := time.Now()
	return &progress{w: w, dt: dt, start: now, last: now, interval: 100 * time.Millisecond}
}

// update is the Sim's Progress callback.
func (p *progress) update(done, total int) {
	now := time.Now()
	if done < total && now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	p.draw(done, total, now.Sub(p.start))
}

func (p *progress) draw(done, total int, elapsed time.Duration) {
	const width = 30
	frac := 1.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	filled := int(frac * width)
	simMs := float64(done) * p.dt
	speed := ""
	if elapsed > 0 {
		speed = fmt.Sprintf("  %.3gx real time", simMs/1000/elapsed.Seconds())
	}
	if p.status != nil && done > 0 {
		speed += "  " + p.status(done-1)
	}
	fmt.Fprintf(p.w, "\r[%s%s] %s / %s ms %3.0f%%%s\x1b[K",
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled),
		num(simMs), num(float64(total)*p.dt), 100*frac, speed)
	p.drawn = true
}

// finish ends the progress line.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
