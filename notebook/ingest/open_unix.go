//go:build unix

package ingest

import (
	"io"
	"os"
	"syscall"
)

// OpenRegular opens a file for reading without blocking, even when it has
// become a named pipe since it was looked at, and refuses it unless the
// opened file is a regular one.
func OpenRegular(path string) (io.ReadCloser, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := NotRegular(fi.Mode()); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
