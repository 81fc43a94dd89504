//go:build !unix

package ingest

import (
	"io"
	"os"
)

// OpenRegular opens a file for reading and refuses it unless it is a
// regular one.
func OpenRegular(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
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
