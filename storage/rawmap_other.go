//go:build !unix

package storage

import (
	"errors"
	"os"
)

// mapFile is not used on this system: pages are read with ReadAt.
func mapFile(f *os.File, size int64) ([]byte, func() error, error) {
	return nil, nil, errors.ErrUnsupported
}
