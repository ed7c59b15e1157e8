package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Limits of one load (docs/format.md, "Limits"). Topologies come from pull
// requests, so every input is read with a bound: nothing a file says can
// make vnetsim read without end, read outside the project, or hold more
// than these in memory.
const (
	// DefaultMaxInputBytes bounds the bytes one load reads: the file named
	// on the command line, every include each time it is read, scenario
	// topologies and patches, service-tag files.
	DefaultMaxInputBytes = 64 << 20
	// DefaultMaxFiles bounds how many files one load opens (each include
	// counted every time it is read).
	DefaultMaxFiles = 1000
	// aliasBudget bounds how many nodes alias expansion may copy, so that a
	// "billion laughs" document fails fast instead of exhausting memory.
	aliasBudget = 200_000
)

// Options are the limits and permissions of a load. The zero value gives
// the defaults.
type Options struct {
	// IncludeRoots are folders inside which the files a topology or
	// scenario names (include, serviceTags.files, a scenario's topology
	// and patches) may also lie. Without them a file may only name files
	// in the folder of the file the load started from, and below it.
	IncludeRoots []string
	// MaxInputBytes replaces DefaultMaxInputBytes when positive.
	MaxInputBytes int64
	// MaxFiles replaces DefaultMaxFiles when positive.
	MaxFiles int
}

func (o Options) maxInputBytes() int64 {
	if o.MaxInputBytes > 0 {
		return o.MaxInputBytes
	}
	return DefaultMaxInputBytes
}

func (o Options) maxFiles() int {
	if o.MaxFiles > 0 {
		return o.MaxFiles
	}
	return DefaultMaxFiles
}

// inputError is a failure to read an input, with the diagnostic code that
// reports it.
type inputError struct {
	code string
	msg  string
}

func (e *inputError) Error() string { return e.msg }

func refused(format string, args ...any) error {
	return &inputError{"file_refused", fmt.Sprintf(format, args...)}
}

// report adds err as a diagnostic at pos: an inputError with its code,
// anything else as unreadable_file without the path (the position names
// the file or the reference to it).
func (s *Source) reportInput(pos Pos, path string, err error) {
	var ie *inputError
	if errors.As(err, &ie) {
		s.diags.errorf(pos, path, ie.code, "%s", ie.msg)
		return
	}
	s.diags.errorf(pos, path, "unreadable_file", "%s", cleanIOError(err))
}

// input is a file read in full, with its identity when it is a file on
// disk (nil for standard input), used to detect include cycles.
type input struct {
	name string
	data []byte
	id   fs.FileInfo
}

// readArg reads a file the user named: "-" is standard input. Regular
// files and pipes (a FIFO, a shell's <(...)) are read; devices, sockets
// and folders are refused. Opening does not block: a FIFO that no one
// writes to reads as empty.
func (s *Source) readArg(path string) (*input, error) {
	if path == "-" {
		data, err := s.readAll(os.Stdin, "standard input")
		return &input{name: displayName(path), data: data}, err
	}
	if err := s.countFile(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return s.readOpen(f, path, true)
}

// readRef reads a file that the file from (a topology or scenario) names.
// A relative name resolves against the folder of from, and must stay inside
// the folder the load started from or an include root, without a symbolic
// link that leads out of it; an absolute name must lie in an include root.
// Only regular files are read.
func (s *Source) readRef(from, ref string) (*input, error) {
	if ref == "" {
		return nil, refused("an empty file name")
	}
	name := relativeTo(from, ref)
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	dirs := s.roots
	if !filepath.IsAbs(ref) {
		dirs = append([]string{s.base}, s.roots...)
	}
	for _, dir := range dirs {
		rel, err := filepath.Rel(dir, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if err := s.countFile(); err != nil {
			return nil, err
		}
		f, err := openInRoot(dir, rel)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			return nil, err
		} else if err != nil {
			// os.Root refuses a symbolic link that is absolute or leads
			// out of dir, whether the target exists or not.
			return nil, refused("%q is refused: a symbolic link in the way is absolute or leads outside %s", ref, dir)
		}
		return s.readOpen(f, name, false)
	}
	if filepath.IsAbs(ref) {
		return nil, refused("%q is refused: an absolute file name must lie in a folder given with --include-root", ref)
	}
	return nil, refused("%q is refused: it is outside %s, the folder of the file loaded (allow another folder with --include-root)", ref, s.base)
}

// openInRoot opens rel inside dir without following any link out of it.
func openInRoot(dir, rel string) (*os.File, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// readOpen reads an opened file, after checking what kind of file it is:
// regular, or a pipe when pipes is set.
func (s *Source) readOpen(f *os.File, name string, pipes bool) (*input, error) {
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch m := fi.Mode(); {
	case m.IsRegular(), m&fs.ModeNamedPipe != 0 && pipes:
	case m.IsDir():
		return nil, &inputError{"unreadable_file", "cannot read: it is a folder"}
	case pipes:
		return nil, &inputError{"unreadable_file", "cannot read: not a regular file or a pipe"}
	default:
		return nil, &inputError{"unreadable_file", "cannot read: not a regular file"}
	}
	data, err := s.readAll(f, "the file")
	return &input{name: name, data: data, id: fi}, err
}

// countFile charges one file to the budget of files.
func (s *Source) countFile() error {
	if s.opened >= s.opts.maxFiles() {
		s.overBudget = true
		return &inputError{"input_limit", fmt.Sprintf("more than %d files read in one load (each include counts every time it is read)", s.opts.maxFiles())}
	}
	s.opened++
	return nil
}

// readAll reads r to its end, within what the byte budget has left.
func (s *Source) readAll(r io.Reader, what string) ([]byte, error) {
	left := s.opts.maxInputBytes() - s.read
	data, err := io.ReadAll(io.LimitReader(r, left+1))
	s.read += int64(len(data))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > left {
		s.overBudget = true
		return nil, &inputError{"input_limit", fmt.Sprintf("%s is too large: one load reads at most %s, every file counted (includes each time they are read); raise the limit with --max-input-size", what, byteSize(s.opts.maxInputBytes()))}
	}
	return data, nil
}

var byteUnits = []struct {
	size int64
	name string
}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}}

// ParseByteSize reads a size such as "512MiB", "2GiB", "64KiB" or a plain
// number of bytes.
func ParseByteSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range byteUnits {
		if n, ok := strings.CutSuffix(num, u.name); ok {
			num, mult = strings.TrimSpace(n), u.size
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size: give a positive number of bytes, or of KiB, MiB or GiB (512MiB)", s)
	}
	return n * mult, nil
}

// byteSize writes n in the largest binary unit that divides it.
func byteSize(n int64) string {
	for _, u := range byteUnits {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
