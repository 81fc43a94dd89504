package notebook

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/glossnotes/gloss/notebook/anchor"
	"github.com/glossnotes/gloss/notebook/reuse"
)

// Text reuse (the same passage in other articles: wire copy, press
// releases, recycled quotes) is a derived index (see derived.go and package
// reuse), the store cache "reuse-index", kept current by every change: a
// new article shows its shared passages at once, a deleted one leaves the
// clusters. Muted passages are a setting the user chose ("reuse.muted"),
// applied to the index, never stored in it.

// reuseState is the reuse index with its clusters, computed once per state.
type reuseState struct {
	ix *reuse.Index

	mu       sync.Mutex
	clusters []reuse.Cluster
	valid    bool
}

// clustersOf returns the clusters, computing them after a change.
func (r *reuseState) clustersOf() []reuse.Cluster {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.valid {
		r.clusters, r.valid = r.ix.Clusters(), true
	}
	return r.clusters
}

func (r *reuseState) invalidate() {
	r.mu.Lock()
	r.valid, r.clusters = false, nil
	r.mu.Unlock()
}

// settingMuted names the setting that lists the muted passage keys.
const settingMuted = "reuse.muted"

type reuseKind struct{}

var _ indexKind[*reuseState] = reuseKind{}

func (reuseKind) cacheName() string  { return "reuse-index" }
func (reuseKind) cacheMagic() string { return "gloss-reuse-cache 1" }

func (reuseKind) build(n *Notebook) (*reuseState, uint64, error) {
	ix := reuse.New(reuse.Options{})
	var gen uint64
	var muted []string
	err := n.view(func(tx Tx) error {
		_, gen = tx.Generation()
		var err error
		if muted, err = mutedKeys(tx); err != nil {
			return err
		}
		return putTexts(tx, ix)
	})
	if err != nil {
		return nil, 0, err
	}
	ix.Mute(muted...)
	return &reuseState{ix: ix}, gen, nil
}

func (reuseKind) apply(n *Notebook, r *reuseState, c Change) error {
	if len(c.Articles) == 0 && !c.Settings {
		return nil
	}
	err := n.view(func(tx Tx) error {
		for _, id := range c.Articles {
			body, err := tx.Body(id)
			if errors.Is(err, ErrNotFound) {
				r.ix.Delete(id)
				continue
			} else if err != nil {
				return err
			}
			if err := r.ix.Put(id, body.Text); err != nil {
				return err
			}
		}
		if c.Settings {
			muted, err := mutedKeys(tx)
			if err != nil {
				return err
			}
			r.ix.Unmute(r.ix.Options().Muted...)
			r.ix.Mute(muted...)
		}
		return nil
	})
	r.invalidate()
	return err
}

func (reuseKind) write(r *reuseState, w io.Writer) error {
	_, err := r.ix.WriteTo(w)
	return err
}

func (reuseKind) read(n *Notebook, rd io.Reader) (*reuseState, error) {
	ix, err := reuse.Read(rd)
	if err != nil {
		return nil, err
	}
	var muted []string
	if err := n.view(func(tx Tx) error {
		muted, err = mutedKeys(tx)
		return err
	}); err != nil {
		return nil, err
	}
	ix.Mute(muted...)
	return &reuseState{ix: ix}, nil
}

// putTexts puts every article's text into ix.
func putTexts(tx Tx, ix *reuse.Index) error {
	return tx.ForEachArticle(func(a Article) error {
		body, err := tx.Body(a.ID)
		if err != nil {
			return err
		}
		return ix.Put(a.ID, body.Text)
	})
}

// mutedKeys reads the muted passage keys.
func mutedKeys(tx Tx) ([]string, error) {
	v, ok, err := tx.Setting(settingMuted)
	if err != nil || !ok {
		return nil, err
	}
	var keys []string
	if err := json.Unmarshal(v, &keys); err != nil {
		return nil, nil // a damaged setting mutes nothing
	}
	return keys, nil
}

// ReusePassage is a passage of an article that other articles of the
// notebook also carry, verbatim or lightly edited. Offsets are code points.
type ReusePassage struct {
	Start  int          `json:"start"`
	End    int          `json:"end"`
	Key    string       `json:"key"` // the passage's cluster, for muting
	Others []ReuseMatch `json:"others"`
}

// ReuseMatch is another article carrying a passage, where, and how
// similar its copy is.
type ReuseMatch struct {
	ArticleID  string  `json:"article_id"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Similarity float64 `json:"similarity"`
	Published  string  `json:"published,omitempty"`
	Outlet     string  `json:"outlet,omitempty"`
	Title      string  `json:"title"`
}

// reuseIndex returns the reuse index, for a query with at least minWords
// words in common: the notebook's index when minWords is its own (0 means
// the default, 20), else a one-off index with that threshold (built from
// every text: seconds on a large notebook).
func (n *Notebook) reuseIndex(minWords int) (*reuseState, error) {
	r, err := n.reuse.get(n)
	if err != nil || minWords == 0 || minWords == r.ix.Options().MinWords {
		return r, err
	}
	if minWords > r.ix.Options().MinWords {
		return r, nil // the caller keeps the passages long enough
	}
	ix := reuse.New(reuse.Options{MinWords: minWords, Muted: r.ix.Options().Muted})
	err = n.view(func(tx Tx) error { return putTexts(tx, ix) })
	if err != nil {
		return nil, err
	}
	return &reuseState{ix: ix}, nil
}

// Reuse lists the passages of an article that other articles also carry,
// in text order, each with its other carriers, earliest published first.
// minWords (0: the default, 20) is the least number of words in common.
func (n *Notebook) Reuse(articleID string, minWords int) ([]ReusePassage, error) {
	if minWords < 0 || minWords > 10000 {
		return nil, invalidf("minimum words %d: want 5 to 10000", minWords)
	}
	if minWords > 0 && minWords < 5 {
		return nil, invalidf("minimum words %d: want at least 5", minWords)
	}
	r, err := n.reuseIndex(minWords)
	if err != nil {
		return nil, err
	}
	if _, err := n.Article(articleID); err != nil {
		return nil, err
	}
	ps := r.ix.Passages(articleID)
	out := make([]ReusePassage, 0, len(ps))
	err = n.view(func(tx Tx) error {
		var text string
		var offs *anchor.Offsets
		if minWords > r.ix.Options().MinWords {
			body, err := tx.Body(articleID)
			if err != nil {
				return err
			}
			text, offs = body.Text, anchor.NewOffsets(body.Text)
		}
		meta := articleMeta{}
		for _, p := range ps {
			if text != "" {
				from, to := offs.Byte(p.Start), offs.Byte(p.End)
				if from >= to || reuse.CountWords(text[from:to]) < minWords {
					continue
				}
			}
			rp := ReusePassage{Start: p.Start, End: p.End, Key: p.Key}
			for _, m := range p.Others {
				a, ok, err := meta.get(tx, m.DocID)
				if err != nil {
					return err
				}
				if ok {
					rp.Others = append(rp.Others, reuseMatchOf(a, m))
				}
			}
			if len(rp.Others) == 0 {
				continue
			}
			slices.SortStableFunc(rp.Others, func(x, y ReuseMatch) int { return comparePublished(x.Published, y.Published, x.ArticleID, y.ArticleID) })
			out = append(out, rp)
		}
		return nil
	})
	return out, err
}

// articleMeta caches the article metadata read in one transaction, so
// that an article named by many passages is read once.
type articleMeta map[string]Article

// get returns article id's metadata; ok is false when the article is gone
// (deleted since the reuse index was built).
func (m articleMeta) get(tx Tx, id string) (a Article, ok bool, err error) {
	if a, ok := m[id]; ok {
		return a, true, nil
	}
	a, err = tx.Article(id)
	if errors.Is(err, ErrNotFound) {
		return a, false, nil
	} else if err != nil {
		return a, false, err
	}
	m[id] = a
	return a, true, nil
}

// reuseMatchOf is m, a span of article a, with a's metadata.
func reuseMatchOf(a Article, m reuse.Match) ReuseMatch {
	return ReuseMatch{ArticleID: m.DocID, Start: m.Start, End: m.End, Similarity: m.Similarity,
		Published: a.Published.String(), Outlet: a.Outlet, Title: a.Title}
}

// comparePublished orders by publication date (unknown last), then ID.
func comparePublished(a, b, idA, idB string) int {
	switch {
	case a == b:
		return strings.Compare(idA, idB)
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

// ReuseMember is one carrier of a reused passage.
type ReuseMember struct {
	ArticleID string `json:"article_id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Published string `json:"published,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title"`
}

// ReuseCluster is one passage carried by several articles, with its
// earliest-published carrier.
type ReuseCluster struct {
	Key      string        `json:"key"`
	Members  []ReuseMember `json:"members"`
	Earliest ReuseMember   `json:"earliest"`
}

// ReuseClusters lists every passage carried by several articles of the
// notebook. The clusters are computed once per notebook state.
func (n *Notebook) ReuseClusters() ([]ReuseCluster, error) {
	r, err := n.reuse.get(n)
	if err != nil {
		return nil, err
	}
	clusters := r.clustersOf()
	var out []ReuseCluster
	err = n.view(func(tx Tx) error {
		meta := articleMeta{}
		published := func(id string) time.Time { return meta[id].Published.Time() }
		for _, c := range clusters {
			rc := ReuseCluster{Key: c.Key}
			for _, m := range c.Members {
				a, ok, err := meta.get(tx, m.DocID)
				if err != nil {
					return err
				}
				if ok {
					rc.Members = append(rc.Members, memberOf(a, m))
				}
			}
			if len(rc.Members) < 2 {
				continue
			}
			if first, ok := reuse.Earliest(c, published); ok {
				rc.Earliest = memberOf(meta[first.DocID], first)
			}
			out = append(out, rc)
		}
		return nil
	})
	return out, err
}

func memberOf(a Article, s reuse.Span) ReuseMember {
	return ReuseMember{ArticleID: a.ID, Start: s.Start, End: s.End, Published: a.Published.String(), Outlet: a.Outlet, Title: a.Title}
}

// ReuseSource is one independent source of a theme's highlights: the
// articles that carry the same text, and its earliest carrier.
type ReuseSource struct {
	Origin      ReuseMember `json:"origin"`
	Articles    []string    `json:"articles"`
	Annotations []string    `json:"annotations"`
	Passages    []string    `json:"passages,omitempty"` // cluster keys
}

// ReuseSources groups the highlights under a tag (see ListOptions.Tag:
// on the highlight or its article, children included) into independent
// sources once reused passages are grouped: highlights of one reused
// passage, in whichever articles, are one source, traced to its earliest
// carrier; other highlights count once per article.
func (n *Notebook) ReuseSources(tag string) ([]ReuseSource, error) {
	clean, err := CleanTag(tag)
	if err != nil {
		return nil, err
	}
	r, err := n.reuse.get(n)
	if err != nil {
		return nil, err
	}
	clusters := r.clustersOf()
	var spans []reuse.Span
	var annIDs []string
	meta := map[string]Article{}
	err = n.view(func(tx Tx) error {
		arts, anns, err := tx.TaggedWith(TagKey(clean))
		if err != nil {
			return err
		}
		ids := map[string]bool{}
		for _, id := range anns {
			ids[id] = true
		}
		for _, id := range arts {
			as, err := tx.AnnotationsOf(id)
			if err != nil {
				return err
			}
			for _, an := range as {
				ids[an.ID] = true
			}
		}
		for _, id := range slices.Sorted(maps.Keys(ids)) {
			an, err := tx.Annotation(id)
			if err != nil {
				return err
			}
			if an.Status == Orphaned {
				continue
			}
			if _, ok := meta[an.ArticleID]; !ok {
				a, err := tx.Article(an.ArticleID)
				if err != nil {
					return err
				}
				meta[an.ArticleID] = a
			}
			spans = append(spans, reuse.Span{DocID: an.ArticleID, Start: an.Start, End: an.End})
			annIDs = append(annIDs, id)
		}
		for _, c := range clusters {
			for _, m := range c.Members {
				if _, ok := meta[m.DocID]; !ok {
					if a, err := tx.Article(m.DocID); err == nil {
						meta[m.DocID] = a
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	published := func(id string) time.Time { return meta[id].Published.Time() }
	var out []ReuseSource
	for _, s := range reuse.Sources(spans, clusters, published) {
		rs := ReuseSource{Articles: s.Docs, Passages: s.Keys,
			Origin: ReuseMember{ArticleID: s.Origin, Published: meta[s.Origin].Published.String(), Outlet: meta[s.Origin].Outlet, Title: meta[s.Origin].Title}}
		for _, sp := range s.Spans {
			for i, x := range spans {
				if x == sp {
					rs.Annotations = append(rs.Annotations, annIDs[i])
					break
				}
			}
		}
		out = append(out, rs)
	}
	return out, nil
}

// AlsoIn returns the other articles that carry the passage an annotation
// highlights (a passage of its article that overlaps it), for the card's
// "also in 3 articles". It is nil when the reuse index is not built yet,
// so that showing a card never waits for a build.
func (n *Notebook) AlsoIn(an Annotation) []string {
	s := &n.reuse
	s.mu.Lock()
	r, ok := s.value, s.have
	s.mu.Unlock()
	if !ok || an.Status == Orphaned {
		return nil
	}
	seen := map[string]bool{}
	for _, p := range r.ix.Passages(an.ArticleID) {
		if p.Start < an.End && an.Start < p.End {
			for _, m := range p.Others {
				seen[m.DocID] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// WarmReuse builds the reuse index now (the desktop app calls it in the
// background).
func (n *Notebook) WarmReuse() error {
	_, err := n.reuse.get(n)
	return err
}

// MuteReuse mutes (or unmutes) a reused passage by its key, everywhere: a
// stored setting, kept across rebuilds of the index.
func (n *Notebook) MuteReuse(key string, mute bool) error {
	if key == "" || len(key) > 64 {
		return invalidf("passage key %q", key)
	}
	return n.update(func(tx Tx, c *Change) error {
		keys, err := mutedKeys(tx)
		if err != nil {
			return err
		}
		keys = slices.DeleteFunc(keys, func(k string) bool { return k == key })
		if mute {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		v, err := json.Marshal(keys)
		if err != nil {
			return err
		}
		c.Settings = true
		return tx.PutSetting(settingMuted, v)
	})
}
