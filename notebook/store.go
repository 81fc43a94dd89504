package notebook

import (
	"errors"
	"io"
	"time"
)

// Errors returned by stores and the service; test with errors.Is.
var (
	// ErrNotFound: no record with that ID.
	ErrNotFound = errors.New("not found")
	// ErrLocked: another process holds the notebook file open.
	ErrLocked = errors.New("open in another Gloss process")
	// ErrNewerSchema: the file was written by a newer Gloss.
	ErrNewerSchema = errors.New("written by a newer version of Gloss")
	// ErrNotNotebook: the file is not a Gloss notebook, or is damaged.
	ErrNotNotebook = errors.New("not a Gloss notebook or damaged")
	// ErrInvalid: the request itself is wrong (bad colour, empty tag, offsets
	// outside the text, …).
	ErrInvalid = errors.New("invalid")
	// ErrDamaged: the notebook file is damaged (a page or record cannot be
	// read); writes are refused until it is salvaged.
	ErrDamaged = errors.New("damaged (run gloss check)")
	// ErrNoNotebook: a read-only open found no notebook at the path (read
	// commands never create one).
	ErrNoNotebook = errors.New("no notebook here")
)

// Store persists a notebook. Every user operation runs inside exactly one
// Update (or View) call, so it is applied completely or not at all.
type Store interface {
	// View runs fn in a read-only transaction.
	View(fn func(Tx) error) error
	// Update runs fn in a read-write transaction, committed when fn returns
	// nil and rolled back otherwise.
	Update(fn func(Tx) error) error
	// Backup writes a consistent copy of the whole store to w.
	Backup(w io.Writer) (int64, error)
	// Check verifies the file and its indexes and returns the problems found.
	Check() ([]string, error)
	// Path is the file the store lives in.
	Path() string
	// OpenCache opens a derived cache kept with the store (e.g. the search
	// index), or returns an error wrapping ErrNotFound when there is none.
	OpenCache(name string) (io.ReadCloser, error)
	// WriteCache replaces a derived cache with what fill writes.
	WriteCache(name string, fill func(io.Writer) error) error
	// Owns reports whether path is one of the store's own files (the
	// notebook, its caches, backups and markers), through any link, so
	// that nothing the user exports or backs up overwrites one of them.
	Owns(path string) bool
	// Close releases the file.
	Close() error
}

// Tx is one transaction on a Store. Secondary indexes (text hash, URL,
// article→annotations, tag→items) are maintained by the store inside the
// Put and Delete methods, so the service never touches them directly.
type Tx interface {
	// Article returns an article's metadata, or ErrNotFound.
	Article(id string) (Article, error)
	// ForEachArticle calls fn for every article's metadata, in ID order,
	// without reading bodies or sources.
	ForEachArticle(fn func(Article) error) error
	// PutArticle inserts or replaces an article's metadata.
	PutArticle(a Article) error
	// DeleteArticle removes an article's metadata, body, source and versions
	// (not its annotations: delete those first).
	DeleteArticle(id string) error
	// Body returns an article's current text.
	Body(id string) (Body, error)
	// PutBody stores an article's current text.
	PutBody(id string, b Body) error
	// Source returns an article's original bytes.
	Source(id string) (Source, error)
	// PutSource stores an article's original bytes.
	PutSource(id string, s Source) error
	// ArticleByHash returns the ID of the article whose text has this hash.
	ArticleByHash(hash string) (string, bool, error)
	// ArticleByURL returns the ID of the article with this URL.
	ArticleByURL(url string) (string, bool, error)

	// Versions returns an article's previous texts, oldest first.
	Versions(articleID string) ([]Version, error)
	// PutVersion stores a previous text of an article.
	PutVersion(articleID string, v Version) error

	// Annotation returns one annotation, or ErrNotFound.
	Annotation(id string) (Annotation, error)
	// AnnotationsOf returns the annotations of one article, in ID order.
	AnnotationsOf(articleID string) ([]Annotation, error)
	// AnnotationCounts returns the number of annotations of every article
	// that has any, reading only the article→annotations index.
	AnnotationCounts() (map[string]int, error)
	// ForEachAnnotation calls fn for every annotation, in ID order.
	ForEachAnnotation(fn func(Annotation) error) error
	// PutAnnotation inserts or replaces an annotation.
	PutAnnotation(a Annotation) error
	// DeleteAnnotation removes an annotation.
	DeleteAnnotation(id string) error

	// Tag returns a tag's own record by its case-insensitive key.
	Tag(key string) (Tag, bool, error)
	// ForEachTag calls fn for every tag record, ordered by key.
	ForEachTag(fn func(Tag) error) error
	// PutTag stores a tag record under its key (TagKey of its name).
	PutTag(t Tag) error
	// DeleteTag removes a tag record.
	DeleteTag(key string) error
	// TaggedWith returns the IDs of articles and annotations carrying the
	// tag with this key or one of its children (read from the tag index).
	TaggedWith(key string) (articles, annotations []string, err error)
	// ForEachTagged calls fn for every entry of the tag index: a tag key and
	// an article (isArticle) or annotation ID.
	ForEachTagged(fn func(key string, isArticle bool, id string) error) error

	// PutTrash stores a trash entry under its item ID.
	PutTrash(e TrashEntry) error
	// Trash returns one trash entry, or ErrNotFound.
	Trash(id string) (TrashEntry, error)
	// ForEachTrash calls fn for every trash entry.
	ForEachTrash(fn func(TrashEntry) error) error
	// DeleteTrash removes a trash entry.
	DeleteTrash(id string) error

	// Setting returns a small notebook-wide setting that the user chose
	// (muted reuse passages, sync state): a stored record, not derived
	// state. ok is false when it was never set.
	Setting(name string) (value []byte, ok bool, err error)
	// PutSetting stores a setting; a nil value removes it.
	PutSetting(name string, value []byte) error

	// Generation identifies the committed state the transaction sees: a
	// random ID of the notebook file and a counter that every committed
	// Update increases by exactly one. Caches derived from the notebook (the search
	// index) are valid while both match.
	Generation() (uid string, gen uint64)

	// IDsWithPrefix returns up to limit IDs of articles, annotations and
	// trash entries that start with prefix, in key order.
	IDsWithPrefix(prefix string, limit int) ([]string, error)

	// ArticleByCiteKey returns the ID of the article with this citation
	// key, compared without case (the index PutArticle keeps).
	ArticleByCiteKey(key string) (string, bool, error)
	// CiteKeysWithPrefix returns the citation keys in use that start with
	// prefix, compared without case, lower-cased.
	CiteKeysWithPrefix(prefix string) ([]string, error)
	// ArticlesByMatch returns the IDs of the articles under a match key
	// (see MatchKeys: a normalised URL or an exact title), in ID order.
	ArticlesByMatch(key string) ([]string, error)

	// PutPending inserts or replaces a pending annotation (one imported
	// before its article), indexing it under its MatchKeys.
	PutPending(p PendingAnnotation) error
	// PendingAnnotation returns one pending annotation, or ErrNotFound.
	PendingAnnotation(id string) (PendingAnnotation, error)
	// DeletePending removes a pending annotation and its index entries.
	DeletePending(id string) error
	// ForEachPending calls fn for every pending annotation, in ID order.
	ForEachPending(fn func(PendingAnnotation) error) error
	// PendingByMatch returns the IDs of the pending annotations under a
	// match key, in ID order.
	PendingByMatch(key string) ([]string, error)

	// ImportedSource returns the ID of the annotation (or pending
	// annotation) an imported source record became, by its SourceKey;
	// the entry outlives the annotation, so that importing the same file
	// again changes nothing.
	ImportedSource(key string) (string, bool, error)
	// PutImportedSource remembers that a source record was imported.
	PutImportedSource(key, id string) error
}

// Version is an earlier text of an article, kept when the text is edited or
// re-imported.
type Version struct {
	Number   int       `json:"number"`
	Saved    time.Time `json:"saved"` // when the version was replaced (whole seconds)
	TextHash string    `json:"text_hash"`
	Body     Body      `json:"body"`
	Reason   string    `json:"reason"` // "edit" or "reimport"
}
