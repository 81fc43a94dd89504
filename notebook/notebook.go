package notebook

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/glossnotes/gloss/notebook/search"
	"github.com/oklog/ulid/v2"
)

// Notebook is the service behind every user operation. Each method runs in
// exactly one store transaction. A Notebook is safe for concurrent use.
type Notebook struct {
	store Store
	now   func() time.Time

	idMu    sync.Mutex
	entropy *ulid.MonotonicEntropy

	watchMu  sync.Mutex
	watchers []func(Change)

	identityMu sync.Mutex
	identity   string

	search      derived[*search.Index]
	searchExtra searchState
	events      derived[*events]
	reuse       derived[*reuseState]
}

// Change describes what one committed operation changed, for observers such
// as the search index and the desktop app.
type Change struct {
	Articles    []string // IDs of articles added, edited or deleted
	Annotations []string // IDs of annotations added, edited or deleted
	Tags        bool     // tag records or tag assignments changed
	Settings    bool     // a notebook setting changed (e.g. muted reuse)
	Pending     bool     // pending annotations were added, attached or dropped
	Trash       bool     // trash entries were purged (Delete and Restore report their items)

	// gen is the generation the change committed (see Tx.Generation), so
	// that derived indexes know which state they reflect.
	gen uint64
}

// empty reports whether the change touched nothing a watcher shows.
func (c Change) empty() bool {
	return len(c.Articles) == 0 && len(c.Annotations) == 0 && !c.Tags && !c.Settings && !c.Pending && !c.Trash
}

// New returns a Notebook over an open store.
func New(store Store) *Notebook {
	return &Notebook{
		search:  derived[*search.Index]{kind: searchKind{}},
		events:  derived[*events]{kind: eventsKind{}},
		reuse:   derived[*reuseState]{kind: reuseKind{}},
		store:   store,
		now:     func() time.Time { return time.Now().UTC() },
		entropy: ulid.Monotonic(rand.Reader, 0),
	}
}

// SetIdentity names the person using the notebook ("Name <email>"), as the
// front end finds it (Gloss's own setting, else Git's user.name and
// user.email): it is recorded as the creator of the articles they import
// and the annotations they make, so a notebook shared through sync shows
// who made what. Control characters are removed; an empty name records no
// creator.
func (n *Notebook) SetIdentity(name string) {
	clean, err := cleanLine("the identity", name)
	if err != nil {
		clean = ""
	}
	n.identityMu.Lock()
	n.identity = clean
	n.identityMu.Unlock()
}

// Identity returns the name SetIdentity gave, or "".
func (n *Notebook) Identity() string {
	n.identityMu.Lock()
	defer n.identityMu.Unlock()
	return n.identity
}

// Path is the notebook file's location.
func (n *Notebook) Path() string { return n.store.Path() }

// Close saves the search index for the next run (when it changed) and
// closes the underlying store.
func (n *Notebook) Close() error {
	n.saveIndexes()
	return n.store.Close()
}

// onChange hands a committed change to every derived index.
func (n *Notebook) onChange(c Change) {
	n.search.onChange(n, c)
	n.events.onChange(n, c)
	n.reuse.onChange(n, c)
}

// saveIndexes saves the derived indexes that took changes.
func (n *Notebook) saveIndexes() {
	n.search.save(n)
	n.events.save(n)
	n.reuse.save(n)
}

// Watch registers fn to be called after every committed change, on the
// goroutine that made it.
func (n *Notebook) Watch(fn func(Change)) {
	n.watchMu.Lock()
	defer n.watchMu.Unlock()
	n.watchers = append(n.watchers, fn)
}

func (n *Notebook) notify(c Change) {
	n.watchMu.Lock()
	ws := slices.Clone(n.watchers)
	n.watchMu.Unlock()
	for _, w := range ws {
		w(c)
	}
}

// newID returns a new ULID: unique, and sortable by creation time.
func (n *Notebook) newID() string {
	n.idMu.Lock()
	defer n.idMu.Unlock()
	return ulid.MustNew(ulid.Timestamp(n.now()), n.entropy).String()
}

// hashText is the SHA-256 of an article's text, hex encoded.
func hashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// Check verifies the notebook file and its indexes; see Store.Check.
func (n *Notebook) Check() ([]string, error) { return n.store.Check() }

// update runs fn in one read-write transaction and notifies watchers of the
// change it reports once committed.
//
// Every committed update, even one that changed nothing a watcher shows,
// reaches the derived indexes with its generation: the store advances the
// generation by one at each commit, and an index saved beside the notebook
// is stamped with the last generation it has seen every change up to.
func (n *Notebook) update(fn func(tx Tx, c *Change) error) error {
	var c Change
	err := n.store.Update(func(tx Tx) error {
		c = Change{}
		_, before := tx.Generation()
		c.gen = before + 1
		if err := fn(tx, &c); err != nil {
			return err
		}
		return journalChange(tx, &c) // see sync_journal.go
	})
	if err != nil {
		return err
	}
	n.onChange(c)
	if !c.empty() {
		n.notify(c)
	}
	return nil
}

// view runs fn in one read-only transaction.
func (n *Notebook) view(fn func(tx Tx) error) error { return n.store.View(fn) }

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Backup writes a consistent copy of the notebook (taken in one read
// transaction) to w and returns its size. The caller owns the file; see
// CheckOutput.
func (n *Notebook) Backup(w io.Writer) (int64, error) {
	size, err := n.store.Backup(w)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	return size, nil
}

// ErrOwnFile: an output path names one of the notebook's own files.
var ErrOwnFile = errors.New("it is the notebook's own file")

// CheckOutput refuses an output path (an export, a backup) that is the
// notebook itself — through a symbolic or hard link too — or one of the
// files kept beside it (search index, backups, damage marker), so that no
// export can overwrite the notebook.
func (n *Notebook) CheckOutput(path string) error {
	if n.store.Owns(path) {
		return fmt.Errorf("refusing to write %s: %w (%s); choose another file", path, ErrOwnFile, n.store.Path())
	}
	return nil
}
