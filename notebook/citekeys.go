package notebook

import (
	"fmt"
	"strings"

	"github.com/glossnotes/gloss/notebook/cite"
)

// Citation keys.
//
// Every article has a citation key (Article.CiteKey, e.g.
// "lindqvist2023russia"), unique in the notebook compared without case as
// BibTeX compares them. It is made when the article is added (from the
// first author, the year and the first significant title word, see
// cite.KeyBase; "…a", "…b" on collision) and then never changes on its
// own: editing the byline, title or date keeps it, so that a paper citing
// it keeps working. The user changes it with SetArticle (ArticleUpdate.
// CiteKey). An article restored from the trash keeps its key unless
// another article took it meanwhile, and then gets a new one.

// CiteKeyBase is the key an article's metadata suggests before it is made
// unique (cite.KeyBase of its byline, outlet, title and year).
func CiteKeyBase(a Article) string {
	year := 0
	if !a.Published.IsZero() {
		year = a.Published.Time().Year()
	}
	return cite.KeyBase(a.Byline, a.Outlet, a.Title, year)
}

// AssignCiteKeys returns a citation key for each article, unique among
// them without case: an article's own key when it is valid and not taken
// by an article before it, else one made from its metadata. It is how a
// notebook written before keys were stored gets them (the storage
// migration).
func AssignCiteKeys(arts []Article) []string {
	keys := make([]string, len(arts))
	var set cite.KeySet
	for i, a := range arts {
		if cite.ValidKey(a.CiteKey) && set.Add(a.CiteKey) {
			keys[i] = a.CiteKey
		}
	}
	for i, a := range arts {
		if keys[i] == "" {
			keys[i] = set.Unique(CiteKeyBase(a))
		}
	}
	return keys
}

// assignCiteKey keeps a's key when it is valid and no other article has
// it, and otherwise gives a a new key made from its metadata and unique in
// the notebook. own, when not "", is a key the index still holds for a
// itself (one being replaced), which a may get again. For many articles in
// one transaction use a CiteKeys instead.
func assignCiteKey(tx Tx, a *Article, own string) error {
	return (&CiteKeys{tx: tx, own: strings.ToLower(own)}).Ensure(a)
}

// CiteKeys hands out citation keys to the articles stored in one
// transaction (an import of many files, a bundle merge, a salvage). It
// reads each key base's existing keys from the index once and remembers
// what it gave out or kept, so that two thousand articles with the same base
// ("anon2024report") cost two thousand keys, not two thousand index scans
// and four million tries. It assumes that each article is stored right after
// Ensure and that the transaction stores no other keys while it is in use.
type CiteKeys struct {
	tx     Tx
	own    string // a key of the article being re-keyed, free for it
	set    cite.KeySet
	loaded map[string]bool // bases whose keys in the index are in set
}

// NewCiteKeys returns a key allocator for the articles stored in tx.
func NewCiteKeys(tx Tx) *CiteKeys { return &CiteKeys{tx: tx} }

// Ensure keeps a's key when it is valid and no other article has it, and
// otherwise gives a a new key made from its metadata and unique in the
// notebook (see assignCiteKey).
func (k *CiteKeys) Ensure(a *Article) error {
	if cite.ValidKey(a.CiteKey) {
		// The index is the truth for a kept key: callers store each
		// article right after Ensure, in the same transaction.
		id, ok, err := k.tx.ArticleByCiteKey(a.CiteKey)
		if err != nil {
			return err
		}
		if !ok || id == a.ID {
			k.set.Add(a.CiteKey)
			return nil
		}
	}
	base := CiteKeyBase(*a)
	if lb := strings.ToLower(base); !k.loaded[lb] {
		used, err := k.tx.CiteKeysWithPrefix(base)
		if err != nil {
			return err
		}
		for _, u := range used {
			if u != k.own {
				k.set.Add(u)
			}
		}
		if k.loaded == nil {
			k.loaded = map[string]bool{}
		}
		k.loaded[lb] = true
	}
	a.CiteKey = k.set.Unique(base)
	return nil
}

// checkCiteKey validates a key the user gives an article: a valid key that
// no other article has.
func checkCiteKey(tx Tx, id, key string) error {
	if !cite.ValidKey(key) {
		return invalidf("citation key %q: want 1 to %d ASCII letters, digits and _ (with - : . + / inside), starting with a letter, digit or _", quoteShortKey(key), cite.MaxKeyLen)
	}
	other, ok, err := tx.ArticleByCiteKey(key)
	if err != nil {
		return err
	}
	if ok && other != id {
		return invalidf("citation key %q already belongs to article %s", key, other)
	}
	return nil
}

// quoteShortKey cuts a rejected key for the message.
func quoteShortKey(key string) string {
	if len(key) > 60 {
		return key[:60] + "…"
	}
	return key
}

// ArticleByCiteKey returns the article with this citation key (compared
// without case), or ErrNotFound.
func (n *Notebook) ArticleByCiteKey(key string) (Article, error) {
	var a Article
	err := n.view(func(tx Tx) error {
		id, ok, err := tx.ArticleByCiteKey(key)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("no article has the citation key %q: %w", quoteShortKey(key), ErrNotFound)
		}
		a, err = tx.Article(id)
		return err
	})
	return a, err
}

// EnsureCiteKey gives an article about to be stored a citation key unique
// in the notebook, keeping its own when it is valid and free: for code
// that writes articles outside the service's methods (merging a bundle,
// salvaging a damaged file).
func EnsureCiteKey(tx Tx, a *Article) error { return assignCiteKey(tx, a, "") }
