package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/glossnotes/gloss/internal/atomicfile"
	"github.com/glossnotes/gloss/notebook"
)

// The files a notebook keeps beside itself, all named after it: derived
// caches (NAME.CACHE, e.g. NAME.search-index), the damage marker
// (NAME.damaged), migration backups (NAME.schemaN-DATE.bak) and the
// temporary files of atomic writes (.NAME…tmp…). The notebook service
// reaches them only through the methods below, so it does no file I/O of
// its own and a store without a path (a test double) needs none.

// cachePath is the file of the cache called name.
func (s *DB) cachePath(name string) (string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("cache name %q: %w", name, notebook.ErrInvalid)
	}
	return s.path + "." + name, nil
}

// OpenCache opens the derived cache called name (e.g. "search-index") kept
// beside the notebook, or returns an error wrapping notebook.ErrNotFound
// when there is none.
func (s *DB) OpenCache(name string) (io.ReadCloser, error) {
	p, err := s.cachePath(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("cache %s: %w", p, notebook.ErrNotFound)
	}
	return f, err
}

// WriteCache replaces the cache called name with what fill writes,
// atomically and with the notebook's file mode (0600). A read-only
// notebook writes no cache.
func (s *DB) WriteCache(name string, fill func(io.Writer) error) error {
	if s.readOnly {
		return fmt.Errorf("notebook %s: opened read-only, cache %s not written", s.path, name)
	}
	p, err := s.cachePath(name)
	if err != nil {
		return err
	}
	return atomicfile.Write(p, 0o600, fill)
}

// Owns reports whether path names one of the notebook's own files — the
// notebook itself (through any link), its caches, damage marker, migration
// backups or a temporary file of theirs — so that an export or a backup
// never overwrites one of them.
func (s *DB) Owns(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	self, err := filepath.Abs(s.path)
	if err != nil {
		return false
	}
	// The same file by another name: a symbolic or hard link.
	if a, err := os.Stat(abs); err == nil {
		if b, err := os.Stat(self); err == nil && os.SameFile(a, b) {
			return true
		}
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	if real, err := filepath.EvalSymlinks(self); err == nil {
		self = real
	}
	if filepath.Dir(abs) != filepath.Dir(self) {
		return false
	}
	name, base := filepath.Base(abs), filepath.Base(self)
	return name == base || strings.HasPrefix(name, base+".") || strings.HasPrefix(name, "."+base+".")
}
