// Package readlimit reads the inputs a user names on the command line or in
// a dialog — a replacement text, a note, an export template, standard input
// — with a size limit enforced while reading: a file that is larger (or a
// device such as /dev/zero that never ends) is refused after limit+1 bytes,
// never read whole into memory.
package readlimit

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrTooLarge is wrapped by the error for an input over its limit.
var ErrTooLarge = errors.New("too large")

// File reads the file at path ("-" is stdin) as what ("the note", "the
// template"), refusing more than limit bytes. Errors name path.
func File(path string, stdin io.Reader, limit int64, what string) ([]byte, error) {
	if path == "-" {
		return Reader(stdin, "standard input", limit, what)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("read %s %s: is a directory", what, path)
	}
	return Reader(f, path, limit, what)
}

// Reader reads r (called name in errors) as what, refusing more than limit
// bytes.
func Reader(r io.Reader, name string, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", what, name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("read %s %s: %w: more than %s (the limit)", what, name, ErrTooLarge, Size(limit))
	}
	return data, nil
}

// Size renders a limit for a message: "50 MB", "1 MB", "64 KB".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
