package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress counts work done on a terminal's standard error, at most a few
// times a second, and erases itself when done. When standard error is not
// a terminal (a file, a pipe, CI) it writes nothing: logs get no noise.
type progress struct {
	w          io.Writer // nil: silent
	what       string
	count, all int
	last       time.Time
}

func newProgress(stderr io.Writer, what string, all int) *progress {
	p := &progress{what: what, all: all}
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		p.w = f
	}
	return p
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func (p *progress) step() {
	p.count++
	if p.w == nil || time.Since(p.last) < 250*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r%s: %d of %d (%d%%)", p.what, p.count, p.all, p.count*100/max(p.all, 1))
}

func (p *progress) done() {
	if p.w != nil && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
