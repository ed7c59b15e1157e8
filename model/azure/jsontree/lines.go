// Package jsontree parses JSON into a tree that keeps where each value
// starts, and turns byte offsets into file:line:column without rescanning
// the file for every message.
package jsontree

import (
	"fmt"
	"sort"
)

// Lines maps byte offsets of one file to lines and columns. It is built once
// per file (one pass over the bytes); each lookup is a binary search.
type Lines struct {
	name  string
	size  int
	start []int // byte offset of the start of each line
}

// NewLines indexes data, which is called name in messages.
func NewLines(name string, data []byte) *Lines {
	l := &Lines{name: name, size: len(data), start: []int{0}}
	for i, c := range data {
		if c == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

// Name is the file's name as messages show it.
func (l *Lines) Name() string { return l.name }

// LineCol is the 1-based line and column (in bytes) of offset off.
func (l *Lines) LineCol(off int) (int, int) {
	off = max(0, min(off, l.size))
	i := sort.Search(len(l.start), func(i int) bool { return l.start[i] > off }) - 1
	return i + 1, off - l.start[i] + 1
}

// Pos is "FILE:LINE:COL" of offset off.
func (l *Lines) Pos(off int) string {
	line, col := l.LineCol(off)
	return fmt.Sprintf("%s:%d:%d", l.name, line, col)
}

// Errorf is an error at offset off.
func (l *Lines) Errorf(off int, format string, args ...any) error {
	return fmt.Errorf("%s: %s", l.Pos(off), fmt.Sprintf(format, args...))
}
