package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar on a terminal; on anything else
// (a pipe, a file, a test buffer) it stays silent.
type progress struct {
	w     io.Writer
	total int
	n     int
	last  time.Time
}

// newProgress returns a bar for total steps, or a silent one when w is not
// a terminal or there are too few steps to be worth it.
func newProgress(w io.Writer, total int) *progress {
	if total < 2 || !isTerminal(w) {
		return &progress{total: total}
	}
	return &progress{w: w, total: total}
}

func (p *progress) step() {
	p.n++
	if p.w == nil || time.Since(p.last) < 50*time.Millisecond && p.n < p.total {
		return
	}
	p.last = time.Now()
	const width = 30
	filled := width * p.n / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.n, p.total)
}

func (p *progress) done() {
	if p.w != nil {
		fmt.Fprintln(p.w)
	}
}
