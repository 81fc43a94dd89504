package notebook

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/annotin"
)

// PendingAnnotation is an annotation imported from another tool (gloss
// import of a Hypothesis, W3C or Readwise export) whose article is not in
// the notebook yet. It is kept as the source gave it and attaches itself,
// in the same transaction, when an article with the same normalised URL
// (or, failing a URL, the same title) is added.
type PendingAnnotation struct {
	ID string `json:"id"`
	// Source is the format (hypothesis, w3c, readwise) and SourceID the
	// annotation's ID there; File is the file it was imported from.
	Source   string    `json:"source"`
	SourceID string    `json:"source_id"`
	File     string    `json:"file,omitempty"`
	Imported time.Time `json:"imported"`
	// URL, Title and Author name the document as the source does.
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	Author string `json:"author,omitempty"`
	// Quote with its context; Start and End are the source's position of
	// the quote (a hint; HasPos says whether there is one).
	Quote   string    `json:"quote,omitempty"`
	Prefix  string    `json:"prefix,omitempty"`
	Suffix  string    `json:"suffix,omitempty"`
	Start   int       `json:"start,omitempty"`
	End     int       `json:"end,omitempty"`
	HasPos  bool      `json:"has_pos,omitempty"`
	Note    string    `json:"note,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
	Color   Color     `json:"color"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	User    string    `json:"user,omitempty"`
}

// PendingGroup is the pending annotations of one document, as `gloss
// pending` and the app list them: grouped by normalised URL (or by title
// for a source without a URL).
type PendingGroup struct {
	URL         string              `json:"url,omitempty"`
	Title       string              `json:"title,omitempty"`
	Annotations []PendingAnnotation `json:"annotations"`
}

// Match key kinds (the first byte of a key).
const (
	matchURL   = "u"
	matchTitle = "t"
)

// MatchKeys are the keys under which an article and an imported
// annotation find each other: "u" and a hash of the URL normalised with
// annotin.NormalizeURL (http and https, "www.", a trailing slash, tracking
// parameters and AMP variants ignored), and "t" and a hash of the title
// with its white space collapsed. Either is left out when empty (or, for
// the URL, not a web address). The store indexes articles and pending
// annotations under them; the keys are 33 bytes whatever the input.
func MatchKeys(url, title string) []string {
	var out []string
	if k := urlMatchKey(url); k != "" {
		out = append(out, k)
	}
	if k := titleMatchKey(title); k != "" {
		out = append(out, k)
	}
	return out
}

// urlMatchKey is the URL key of MatchKeys, or "".
func urlMatchKey(url string) string {
	n := annotin.NormalizeURL(url)
	if !strings.HasPrefix(n, "https://") {
		return ""
	}
	return matchURL + shortHash(n)
}

// titleMatchKey is the title key of MatchKeys, or "".
func titleMatchKey(title string) string {
	t := strings.Join(strings.Fields(title), " ")
	if t == "" {
		return ""
	}
	return matchTitle + shortHash(t)
}

// shortHash is 128 bits of SHA-256, hex encoded.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

// SourceKey is the key under which an imported record is remembered (see
// Tx.ImportedSource): the format and a hash of the record's ID there.
func SourceKey(source, sourceID string) string {
	return source + ":" + shortHash(sourceID)
}

// Pending lists the pending annotations grouped by document (normalised
// URL, else title), the groups in URL order, each group's annotations in
// import order.
func (n *Notebook) Pending() ([]PendingGroup, error) {
	groups := map[string]*PendingGroup{}
	err := n.view(func(tx Tx) error {
		return tx.ForEachPending(func(p PendingAnnotation) error {
			key := annotin.NormalizeURL(p.URL)
			if key == "" {
				key = "\x00" + strings.Join(strings.Fields(p.Title), " ")
			}
			g := groups[key]
			if g == nil {
				g = &PendingGroup{URL: p.URL, Title: p.Title}
				groups[key] = g
			}
			if g.Title == "" {
				g.Title = p.Title
			}
			g.Annotations = append(g.Annotations, p)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]PendingGroup, len(keys))
	for i, k := range keys {
		out[i] = *groups[k]
	}
	return out, nil
}

// DeletePending discards pending annotations for good (they were never
// in the notebook, so there is no trash for them); importing their file
// again does not bring them back, as for any imported record. All or none:
// an unknown ID changes nothing.
func (n *Notebook) DeletePending(ids ...string) (int, error) {
	if len(ids) == 0 {
		return 0, invalidf("no pending annotation named")
	}
	done := 0
	err := n.update(func(tx Tx, c *Change) error {
		done = 0
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			if _, err := tx.PendingAnnotation(id); err != nil {
				return err
			}
			if err := tx.DeletePending(id); err != nil {
				return err
			}
			c.Pending = true
			done++
		}
		return nil
	})
	return done, err
}
