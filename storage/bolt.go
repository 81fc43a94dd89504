// Package storage implements notebook.Store on a single bbolt file.
//
// Layout: one bucket per entity (articles, bodies, sources, versions,
// annotations, tags, trash), secondary-index buckets (text hash → article,
// URL → article, article → annotations, tag → items) and a meta bucket that
// holds the schema version. Values are a one-byte encoding version followed
// by JSON. Article bodies and sources live apart from article metadata, so
// listing articles never reads their text.
//
// # Damaged files
//
// bbolt trusts the pages it reads: on a damaged file it panics ("page
// expected to be 370, but self identifies as 0"), faults on its memory map,
// or loops on a branch that points back up its tree. This package therefore
// never lets bbolt walk a tree it has not checked, and never lets a write
// touch a file known to be damaged:
//
//   - Every open first opens the file read-only (bbolt's shared lock) and,
//     under that lock, walks its headers, list of buckets, branch pages and
//     free-page list with its own reader (walk.go, rawpage.go: no bbolt,
//     every offset checked, every page reached once, bounded depth). That
//     is what could make bbolt loop or walk out of the file, or panic while
//     loading the free-page list at a read-write open. bbolt's trees are
//     balanced, so the leaves are known without reading them: the walk
//     reads about one page in sixty. Only then is a read-write handle
//     opened in its place.
//   - Before the first write of a read-write handle, the rest of the page
//     structure is walked — every leaf's header and element table, and the
//     free-page list against the pages in use, which together must cover
//     the file — so that no write lands in a damaged file (a free-page list
//     listing a page in use makes bbolt overwrite it). Reads never wait for
//     it: damage in a leaf page can only make bbolt panic or fault, which
//     the guard below turns into an error.
//   - Buckets whose branch pages are damaged are never read through bbolt:
//     a transaction that touches one fails with a DamagedError.
//   - Every View, Update and Backup runs under a guard that turns panics
//     raised in bbolt and memory faults (debug.SetPanicOnFault, set on the
//     calling goroutine) into a DamagedError; a record that does not decode
//     is one too. Writes begin, commit and roll back their bbolt
//     transaction themselves (not bbolt.DB.Update, whose rollback after a
//     panic re-reads the free-page list from the damaged file, panics
//     again and leaves the writer lock held), so a later call never hangs.
//   - Damage known to a process — found at open, before the first write,
//     by Check, or met by a transaction — is recorded in a marker file
//     beside the notebook (PATH.damaged, see marker.go), which later
//     processes read at open. While damage is known, Update and Backup
//     refuse (ErrDamaged); reads go on where the pages allow. Only a check
//     that finds nothing removes the marker; Salvage copies what can be
//     read into a new notebook (with a new notebook ID, which a marker left
//     beside the old path does not match).
//   - Check and Salvage read the file with the same reader, never through
//     bbolt, so they work on files bbolt cannot read at all.
//
// Costs, on a notebook of 10,000 articles and 100,000 annotations (180 MB,
// 40,000 pages; see bench_test.go): the walk at open reads about 700 pages,
// the walk before the first write all 40,000 page headers (through a
// memory map), about as much as bbolt's own Tx.Check; the figures are in
// the report of issue 13 and in BenchmarkOpen, BenchmarkWalkPages and
// BenchmarkBoltTxCheck.
//
// Why not bbolt's own checker: Tx.Check runs in a goroutine of its own,
// where a memory fault cannot be recovered and a page loop recurses
// without bound (this is how `gloss check` died with SIGSEGV), and bbolt's
// page-level tools (surgeon, xray) are internal packages. The page format
// is small and documented in bbolt's source; rawpage.go reads it.
package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
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

// Errors of this package; test with errors.Is.
var (
	// ErrReadOnly: a write on a notebook opened with OpenReadOnly.
	ErrReadOnly = errors.New("opened read-only; this command cannot change it")
	// ErrNeedsMigration: OpenReadOnly found a file of an older schema,
	// which only a read-write open upgrades.
	ErrNeedsMigration = errors.New("written by an older Gloss and must be upgraded first")
)

// DB is a notebook stored in one bbolt file. It implements notebook.Store.
type DB struct {
	db       *bolt.DB
	path     string
	readOnly bool // opened with OpenReadOnly
	rw       bool // the bbolt handle is read-write (false for a damaged file)

	// unsafe names the buckets bbolt must not walk ("" = the whole file),
	// with why; set at open, read-only afterwards.
	unsafe map[string]string

	// wmu serialises write transactions and Check's reading of the file.
	wmu sync.Mutex
	// verified says the whole page structure was walked (guarded by wmu).
	verified bool

	mu     sync.Mutex
	damage string // first known damage, "" when none is known
	stuck  bool   // a failed write transaction could not be closed
	uid    string
}

var _ notebook.Store = (*DB)(nil)

// Open opens the notebook file at path for reading and writing, creating it
// (mode 0600, parent directories 0700) when it does not exist or is empty.
// It refuses, without modifying the file, a file that is not a notebook or
// whose headers are unreadable (ErrNotNotebook), a file from a newer Gloss
// (ErrNewerSchema) and a file held by another process (ErrLocked, after
// LockTimeout). An older schema is migrated after a backup copy is written
// next to the file.
//
// A damaged notebook opens (so that it can be read, checked and salvaged),
// but its writes are refused with a DamagedError; Damage says why.
func Open(path string) (*DB, error) { return open(path, false) }

// OpenReadOnly opens an existing notebook for reading only, under bbolt's
// shared lock, so that it works on a file the user may not write (mode
// 0400) and never creates or changes the notebook. It refuses a missing or
// empty file (notebook.ErrNoNotebook), a file that would need migration
// (ErrNeedsMigration), and what Open refuses. Its Update fails with
// ErrReadOnly.
func OpenReadOnly(path string) (*DB, error) { return open(path, true) }

func open(path string, readOnly bool) (*DB, error) {
	// The notebook is known by its absolute path (DB.Path): the files kept
	// beside it (search index, sync working copy, backups) and the app's
	// per-notebook preferences must not depend on the working directory,
	// and git runs inside the working copy.
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return nil, &noNotebookError{path, "does not exist"}
		}
		return create(path)
	case err != nil:
		return nil, &fileError{path, err}
	case st.IsDir():
		return nil, &fileError{path, fmt.Errorf("%w: it is a directory", notebook.ErrNotNotebook)}
	case !st.Mode().IsRegular():
		return nil, &fileError{path, fmt.Errorf("%w: not a regular file", notebook.ErrNotNotebook)}
	case st.Size() == 0:
		if readOnly {
			return nil, &noNotebookError{path, "is an empty file"}
		}
		return create(path)
	}
	s, err := openExisting(path, readOnly)
	if err != nil {
		return nil, &fileError{path, err}
	}
	return s, nil
}

// create makes a new notebook at path.
func create(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, &fileError{path, err}
	}
	db, err := openBolt(path, false)
	if err != nil {
		return nil, &fileError{path, err}
	}
	s := &DB{db: db, path: path, rw: true, verified: true}
	if err := s.prepare(true); err != nil {
		db.Close()
		return nil, &fileError{path, err}
	}
	return s, nil
}

// openExisting opens an existing, non-empty file. It is opened read-only
// first (bbolt's shared lock; bbolt reads only the headers) and, under that
// lock, its headers, list of buckets, branch pages and free-page list are
// walked (walkBranches), so that bbolt is never let into a damaged tree. A
// read-write handle is then opened in its place if the file is sound — bbolt
// loads the free-page list at a read-write open, and panics on a damaged
// one, and a panic inside bbolt.Open leaves the file mapped and locked until
// the process ends. The rest of the structure is walked before the first
// write (see verify).
func openExisting(path string, readOnly bool) (*DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := validateFile(f, st.Size()); err != nil {
		return nil, fmt.Errorf("%w: %v", notebook.ErrNotNotebook, err)
	}
	db, err := openBolt(path, true)
	if err != nil {
		return nil, err
	}
	// Under the shared lock no process writes: the file is stable.
	raw, err := newRawFile(f, st.Size(), false)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: %v", notebook.ErrNotNotebook, err)
	}
	walk := walkFile(raw, walkBranches, nil)
	raw.close()
	s := &DB{db: db, path: path, readOnly: readOnly, unsafe: walk.unreadable}
	version, uid, err := s.readMeta()
	if err != nil {
		db.Close()
		return nil, err
	}
	s.uid = uid
	if version > SchemaVersion() {
		db.Close()
		return nil, fmt.Errorf("%w: schema %d, this Gloss reads up to %d; update Gloss to open it", notebook.ErrNewerSchema, version, SchemaVersion())
	}
	if walk.damaged() {
		s.noteProblems(walk.problems)
	} else {
		s.damage = knownDamage(path, uid)
	}
	if s.damage == "" && version == 0 {
		db.Close()
		return nil, fmt.Errorf("%w: no Gloss meta bucket", notebook.ErrNotNotebook)
	}
	if readOnly {
		if s.damage == "" && version < SchemaVersion() {
			db.Close()
			return nil, fmt.Errorf("%w (schema %d, now %d): open it once with a command that writes, or in the Gloss app", ErrNeedsMigration, version, SchemaVersion())
		}
		return s, nil
	}
	if s.damage != "" {
		return s, nil // reads only: Update reports the damage
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	if s.db, err = openBolt(path, false); err != nil {
		return nil, err
	}
	s.rw = true
	if err := s.migrate(version); err != nil && !errors.Is(err, notebook.ErrDamaged) {
		s.db.Close()
		return nil, err
	}
	return s, nil // a migration refused for damage leaves the notebook readable
}

// verify walks the whole page structure (walkPages) before the first
// write of a read-write handle, so that no write lands in a damaged file
// (a free-page list that lists a page in use would make bbolt overwrite
// it). Called with wmu held.
func (s *DB) verify() error {
	if s.verified {
		return nil
	}
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("notebook %s: %w", s.path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("notebook %s: %w", s.path, err)
	}
	raw, err := mapRawFile(f, st.Size(), false)
	if err != nil {
		return s.markDamaged(err.Error())
	}
	walk := walkFile(raw, walkPages, nil)
	raw.close()
	if walk.damaged() {
		s.noteProblems(walk.problems)
		return &DamagedError{Path: s.path, What: s.Damage()}
	}
	s.verified = true
	return nil
}

// noteProblems records problems found in the file as known damage (the
// first one is the reason) and lists them all in the marker.
func (s *DB) noteProblems(ps []Problem) {
	s.mu.Lock()
	if s.damage == "" {
		s.damage = ps[0].Record + ": " + ps[0].What
	}
	uid := s.uid
	s.mu.Unlock()
	writeMarker(s.path, uid, problemLines(ps))
}

// openBolt opens the file with bbolt (read-only: shared lock, no free-page
// list loaded), turning a panic or fault inside bbolt into an error. The
// file bbolt had opened is closed then, but if bbolt had already mapped it,
// the map keeps the file (and its lock) until the process ends: callers
// walk the file before a read-write open so that bbolt does not panic.
func openBolt(path string, readOnly bool) (db *bolt.DB, err error) {
	var opened *os.File
	opts := &bolt.Options{
		Timeout:  LockTimeout,
		ReadOnly: readOnly,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			opened = f
			return f, err
		},
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if opened != nil {
				opened.Close()
			}
			db, err = nil, fmt.Errorf("%w: bbolt cannot open it (%v)", notebook.ErrNotNotebook, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, opts)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, notebook.ErrLocked
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return nil, fmt.Errorf("%w: %v", notebook.ErrNotNotebook, err)
	}
	return nil, err
}

// readMeta reads the schema version and the notebook UID. A file with no
// meta bucket has version 0; a meta bucket that cannot be read counts as
// damage (version 0, no error).
func (s *DB) readMeta() (version int, uid string, err error) {
	if s.unreadable(string(bMeta)) != "" {
		return 0, "", nil
	}
	var notNotebook error
	verr := s.guarded(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bMeta)
			if meta == nil {
				return nil
			}
			raw := meta.Get(keySchema)
			v, err := strconv.Atoi(string(raw))
			if err != nil {
				notNotebook = fmt.Errorf("%w: bad schema version %q", notebook.ErrNotNotebook, raw)
				return nil
			}
			version, uid = v, string(meta.Get(keyUID))
			return nil
		})
	})
	if verr != nil {
		return 0, "", nil // damage: the walk has reported it, or Check will
	}
	return version, uid, notNotebook
}

// guarded runs fn under the guard.
func (s *DB) guarded(fn func() error) (err error) {
	defer s.guard(&err)()
	return fn()
}

// prepare creates the buckets of a new file, or migrates an old one.
func (s *DB) prepare(isNew bool) error {
	version, uid, err := s.readMeta()
	if err != nil {
		return err
	}
	if version == 0 && !isNew {
		return fmt.Errorf("%w: no Gloss meta bucket", notebook.ErrNotNotebook)
	}
	s.uid = uid
	if err := s.migrate(version); err != nil {
		return err
	}
	_, s.uid, err = s.readMeta()
	return err
}

// Path returns the notebook file's absolute path.
func (s *DB) Path() string { return s.path }

// Close closes the file. After a write transaction that could not be
// closed (see Update), bbolt's lock cannot be released: Close then leaves
// the file to be released when the process exits, and says so.
func (s *DB) Close() error {
	s.mu.Lock()
	stuck := s.stuck
	s.mu.Unlock()
	if stuck {
		return fmt.Errorf("notebook %s: a failed write could not be undone; the file is released when Gloss exits", s.path)
	}
	return s.db.Close()
}

// View runs fn in a read-only transaction. Damage met on the way is
// returned as a DamagedError (never a panic).
func (s *DB) View(fn func(notebook.Tx) error) (err error) {
	if why := s.unreadable(""); why != "" {
		return &DamagedError{Path: s.path, What: why}
	}
	defer s.guard(&err)()
	return s.db.View(func(tx *bolt.Tx) error { return fn(&txn{tx: tx, s: s}) })
}

// Update runs fn in one read-write transaction and, when fn succeeds,
// advances the notebook's generation counter in the same transaction. It
// refuses when the notebook was opened read-only (ErrReadOnly) or is known
// to be damaged (a DamagedError), and does not commit when damage is met
// during fn.
func (s *DB) Update(fn func(notebook.Tx) error) error {
	return s.update(func(tx *bolt.Tx) error {
		t := &txn{tx: tx, s: s}
		if err := fn(t); err != nil {
			return err
		}
		if d := s.Damage(); d != "" {
			return &DamagedError{Path: s.path, What: d}
		}
		_, gen := t.Generation()
		return t.bucket(bMeta).Put(keyGeneration, strconv.AppendUint(nil, gen+1, 10))
	})
}

// writeRefusal says why a write cannot run now, or nil.
func (s *DB) writeRefusal() error {
	if s.readOnly {
		return &fileError{s.path, ErrReadOnly}
	}
	s.mu.Lock()
	damage, stuck := s.damage, s.stuck
	s.mu.Unlock()
	switch {
	case damage != "":
		return &DamagedError{Path: s.path, What: damage + "; writes are refused until it is salvaged"}
	case stuck:
		return &DamagedError{Path: s.path, What: "a failed write could not be undone; reopen the notebook"}
	case !s.rw:
		return &fileError{s.path, ErrReadOnly}
	}
	return nil
}

// update runs fn in a bbolt write transaction that it begins, commits and
// rolls back itself (not with bbolt.DB.Update, whose rollback after a panic
// re-reads the free-page list from the file and can panic again, leaving
// the writer lock held). After a panic the transaction is rolled back
// without reading the file; if even that fails, the DB is marked stuck and
// refuses further writes instead of hanging on the lock.
func (s *DB) update(fn func(*bolt.Tx) error) (err error) {
	if err := s.writeRefusal(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.writeRefusal(); err != nil {
		return err
	}
	if err := s.verify(); err != nil {
		return err
	}
	defer s.guard(&err)()
	tx, err := s.db.Begin(true)
	if err != nil {
		return fmt.Errorf("notebook %s: %w", s.path, err)
	}
	defer s.rollback(tx) // a no-op (ErrTxClosed) once committed
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("notebook %s: commit: %w", s.path, err)
	}
	return nil
}

// rollback closes a write transaction without reading the file.
func (s *DB) rollback(tx *bolt.Tx) {
	defer func() {
		if r := recover(); r != nil {
			s.mu.Lock()
			s.stuck = true
			s.mu.Unlock()
		}
	}()
	_ = tx.Rollback()
}

// Backup writes a consistent copy of the file, taken inside one read
// transaction, to w. It refuses a notebook known to be damaged: the copy
// would carry the damage (salvage it instead).
func (s *DB) Backup(w io.Writer) (n int64, err error) {
	if d := s.Damage(); d != "" {
		return 0, &DamagedError{Path: s.path, What: d + "; a backup would copy the damage (salvage the notebook instead)"}
	}
	if why := s.unreadable(""); why != "" {
		return 0, &DamagedError{Path: s.path, What: why}
	}
	defer s.guard(&err)()
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up %s: %w", s.path, err)
	}
	return n, nil
}

// copyFile writes a consistent copy of the notebook to dst (mode 0600),
// atomically.
func (s *DB) copyFile(dst string) error {
	return atomicfile.Write(dst, 0o600, func(w io.Writer) error {
		_, err := s.Backup(w)
		return err
	})
}
