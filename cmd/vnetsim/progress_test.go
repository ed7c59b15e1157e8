package main

import (
	"bytes"
	"os"
	"testing"
)

func TestProgress(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if p := newProgress(w, "matrix", 10); p.w != nil {
		t.Error("a pipe is taken for a terminal")
	}
	if p := newProgress(&bytes.Buffer{}, "matrix", 10); p.w != nil {
		t.Error("a buffer is taken for a terminal")
	}

	var buf bytes.Buffer
	p := &progress{w: &buf, what: "matrix", all: 4}
	p.step()
	p.step() // within the interval: not drawn again
	if got, want := buf.String(), "\rmatrix: 1 of 4 (25%)"; got != want {
		t.Errorf("after two steps %q, want %q", got, want)
	}
	p.done()
	if got, want := buf.String(), "\rmatrix: 1 of 4 (25%)\r\033[K"; got != want {
		t.Errorf("done: %q, want %q", got, want)
	}
}
