// Package storage implements notebook.Store on a single bbolt file.
//
// Layout: one bucket per entity (articles, bodies, sources, versions,
// annotations, tags, trash), secondary-index buckets (text hash → article,
// URL → article, article → annotations, tag → items) and a meta bucket that
// holds the schema version. Values are a one-byte encoding version followed
// by JSON. Article bodies and sources live apart from article metadata, so
// listing articles never reads their text.
package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/glossnotes/gloss/internal/atomicfile"
	"github.com/glossnotes/gloss/notebook"
)

// LockTimeout is how long Open waits for another process to release the
// notebook before reporting it as locked.
const LockTimeout = 1 * time.Second

// Bucket names.
var (
	bMeta        = []byte("meta")
	bArticles    = []byte("articles")
	bBodies      = []byte("bodies")
	bSources     = []byte("sources")
	bVersions    = []byte("versions")
	bAnnotations = []byte("annotations")
	bTags        = []byte("tags")
	bTrash       = []byte("trash")
	bIdxHash     = []byte("idx_hash")
	bIdxURL      = []byte("idx_url")
	bIdxArtAnn   = []byte("idx_article_annotations")
	bIdxTag      = []byte("idx_tag")
)

var (
	keySchema     = []byte("schema")
	keyUID        = []byte("uid")        // random ID of this notebook file
	keyGeneration = []byte("generation") // committed updates so far
)

// DB is a notebook stored in one bbolt file. It implements notebook.Store.
type DB struct {
	db   *bolt.DB
	path string
}

var _ notebook.Store = (*DB)(nil)

// Open opens the notebook file at path, creating it (mode 0600, parent
// directories 0700) when it does not exist. It refuses, without modifying
// the file, a file that is not a notebook or is damaged (ErrNotNotebook), a
// file from a newer Gloss (ErrNewerSchema) and a file held by another
// process (ErrLocked, after LockTimeout). An older schema is migrated after
// a backup copy is written next to the file.
func Open(path string) (*DB, error) {
	s, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("notebook %s: %w", path, err)
	}
	return s, nil
}

func open(path string) (s *DB, err error) {
	// A damaged file can make bbolt fault on its memory map; turn such a
	// fault into an error instead of a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if s != nil {
				s.db.Close()
			}
			s, err = nil, fmt.Errorf("%w: %v", notebook.ErrNotNotebook, r)
		}
	}()

	isNew := false
	switch st, err := os.Stat(path); {
	case errors.Is(err, os.ErrNotExist):
		isNew = true
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, fmt.Errorf("%w: it is a directory", notebook.ErrNotNotebook)
	case st.Size() == 0:
		isNew = true
	default:
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		verr := validateFile(f, st.Size())
		f.Close()
		if verr != nil {
			return nil, fmt.Errorf("%w: %v", notebook.ErrNotNotebook, verr)
		}
	}

	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, notebook.ErrLocked
		}
		if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) || errors.Is(err, bolterrors.ErrChecksum) {
			return nil, fmt.Errorf("%w: %v", notebook.ErrNotNotebook, err)
		}
		return nil, err
	}
	s = &DB{db: db, path: path}
	if err := s.prepare(isNew); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// prepare checks the schema version and creates or migrates the buckets.
func (s *DB) prepare(isNew bool) error {
	version := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta == nil {
			empty := true
			tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty || !isNew {
				return fmt.Errorf("%w: no Gloss meta bucket", notebook.ErrNotNotebook)
			}
			return nil
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil {
			return fmt.Errorf("%w: bad schema version %q", notebook.ErrNotNotebook, meta.Get(keySchema))
		}
		version = v
		return nil
	})
	if err != nil {
		return err
	}
	return s.migrate(version)
}

// Path returns the notebook file's path.
func (s *DB) Path() string { return s.path }

// Close closes the file.
func (s *DB) Close() error { return s.db.Close() }

// View runs fn in a read-only transaction.
func (s *DB) View(fn func(notebook.Tx) error) error {
	return s.db.View(func(tx *bolt.Tx) error { return fn(&txn{tx: tx}) })
}

// Update runs fn in one read-write transaction and, when fn succeeds,
// advances the notebook's generation counter in the same transaction.
func (s *DB) Update(fn func(notebook.Tx) error) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := fn(&txn{tx: tx}); err != nil {
			return err
		}
		_, gen := (&txn{tx: tx}).Generation()
		return tx.Bucket(bMeta).Put(keyGeneration, strconv.AppendUint(nil, gen+1, 10))
	})
}

// Backup writes a consistent copy of the file, taken inside one read
// transaction, to w.
func (s *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// copyFile writes a consistent copy of the notebook to dst (mode 0600),
// atomically.
func (s *DB) copyFile(dst string) error {
	return atomicfile.Write(dst, 0o600, func(w io.Writer) error {
		_, err := s.Backup(w)
		return err
	})
}
