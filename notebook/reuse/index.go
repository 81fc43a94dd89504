package reuse

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
)

// Options are the thresholds of an Index. The zero value of a field means
// its default.
type Options struct {
	// MinWords is the least number of words a passage must have in common
	// with another document, after alignment (default 20, at least 5).
	// In scripts written without spaces a word is one character.
	MinWords int
	// MaxGap is the longest run of words, in either text, that a passage
	// may have unmatched inside it (a sentence added, dropped or
	// rewritten) and still be one passage (default 30, at most 1000).
	MaxGap int
	// MinSimilarity is the least similarity, 2·matched/(words of both
	// spans), of a reported passage (default 0.5).
	MinSimilarity float64
	// CommonDocs: a five-word sequence found in more than this many
	// documents is a stock phrase or boilerplate, never the seed of a
	// passage (default 50, at least 2). It may still be part of a
	// passage found from other seeds.
	CommonDocs int
	// MaxWords is the most words indexed of one document; the rest of a
	// longer text is ignored (default and maximum 1<<22).
	MaxWords int
	// Muted are keys of muted passage clusters (see Index.Mute).
	Muted []string
}

const (
	defaultMinWords   = 20
	defaultMaxGap     = 40
	defaultMinSim     = 0.5
	defaultCommonDocs = 50
	maxMaxWords       = 1 << 22
	maxMinWords       = 10000
	maxMaxGap         = 1000
)

// MaxIDBytes is the longest document ID Put accepts.
const MaxIDBytes = 1024

// withDefaults returns the options with defaults filled in and values
// clamped to their ranges.
func (o Options) withDefaults() Options {
	if o.MinWords <= 0 {
		o.MinWords = defaultMinWords
	}
	o.MinWords = min(max(o.MinWords, gramLen), maxMinWords)
	if o.MaxGap <= 0 {
		o.MaxGap = defaultMaxGap
	}
	o.MaxGap = min(o.MaxGap, maxMaxGap)
	if o.MinSimilarity <= 0 || math.IsNaN(o.MinSimilarity) {
		o.MinSimilarity = defaultMinSim
	}
	o.MinSimilarity = min(o.MinSimilarity, 1)
	if o.CommonDocs <= 0 {
		o.CommonDocs = defaultCommonDocs
	}
	o.CommonDocs = max(o.CommonDocs, 2)
	if o.MaxWords <= 0 || o.MaxWords > maxMaxWords {
		o.MaxWords = maxMaxWords
	}
	o.Muted = nil
	return o
}

// minSeeds is the least number of distinct shared fingerprints (not stock
// phrases) of a pair of documents with a passage, and of seeds in the
// passage's chain. A passage of MinWords words with one word in five
// changed still shares about a third of its 5-grams, so MinWords/4 loses
// almost nothing, while pairs that share a few 5-grams by chance (most
// candidate pairs) are never aligned.
func (o *Options) minSeeds() int { return max(3, o.MinWords/4) }

// Index is the text-reuse index of a set of documents; make one with New
// or Read. It is safe for concurrent use: reads (Passages, Clusters,
// WriteTo) run in parallel, changes (Put, Delete, Mute) one at a time.
type Index struct {
	mu    sync.RWMutex
	opt   Options
	byID  map[string]*document
	slots []*document // by slot; nil for a free slot
	free  []uint32
	post  postings
	muted map[uint64]bool
}

// ErrMaxDocs is returned by Put when the index holds as many documents as
// it can (2^24).
var ErrMaxDocs = errors.New("reuse index is full")

// New returns an empty index with the given options (see Options for the
// defaults).
func New(opt Options) *Index {
	ix := &Index{
		opt:   opt.withDefaults(),
		byID:  map[string]*document{},
		post:  newPostings(),
		muted: map[uint64]bool{},
	}
	_ = ix.Mute(opt.Muted...) // malformed keys are ignored, as documented on Mute
	return ix
}

// Options returns the index's options, defaults filled in, with the muted
// keys.
func (ix *Index) Options() Options {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	o := ix.opt
	o.Muted = ix.mutedLocked()
	return o
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// Put adds the document docID with the given text, replacing any document
// with that ID. Only the first Options.MaxWords words are indexed. The
// text is tokenised before the index is locked, so Puts from several
// goroutines run in parallel; the fingerprints are merged into the index
// at the next read. Put fails only for an empty ID, an ID longer than
// MaxIDBytes, or a full index.
func (ix *Index) Put(docID, text string) error {
	if docID == "" || len(docID) > MaxIDBytes {
		return fmt.Errorf("reuse: put %.40q: document ID must have 1 to %d bytes", docID, MaxIDBytes)
	}
	d := tokenize(docID, text, ix.opt.MaxWords)
	g := grams(nil, d.words)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if old := ix.byID[docID]; old != nil {
		ix.deleteLocked(old)
	}
	if len(ix.free) > 0 {
		d.slot = ix.free[len(ix.free)-1]
		ix.free = ix.free[:len(ix.free)-1]
		ix.slots[d.slot] = d
	} else {
		if len(ix.slots) >= maxSlots {
			return fmt.Errorf("reuse: put %q: %w", docID, ErrMaxDocs)
		}
		d.slot = uint32(len(ix.slots))
		ix.slots = append(ix.slots, d)
	}
	ix.byID[docID] = d
	for i := range g {
		g[i] = entry(g[i], d.slot)
	}
	ix.post.add(g)
	return nil
}

// Delete removes the document docID; it is not an error if there is none.
func (ix *Index) Delete(docID string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if d := ix.byID[docID]; d != nil {
		ix.deleteLocked(d)
	}
}

func (ix *Index) deleteLocked(d *document) {
	g := grams(nil, d.words)
	for i := range g {
		g[i] = entry(g[i], d.slot)
	}
	slices.Sort(g)
	g = slices.Compact(g)
	ix.post.remove(g, d.slot)
	delete(ix.byID, d.id)
	ix.slots[d.slot] = nil
	ix.free = append(ix.free, d.slot)
}

// rlock read-locks the index after merging any pending fingerprints.
func (ix *Index) rlock() {
	for {
		ix.mu.RLock()
		if !ix.post.dirty() {
			return
		}
		ix.mu.RUnlock()
		ix.mu.Lock()
		ix.post.flush()
		ix.mu.Unlock()
	}
}

// Mute hides the passage clusters with the given keys (Passage.Key,
// Cluster.Key) from Passages and Clusters. A key names a fingerprint of
// the passage's text, so muting stays in force when documents are added
// or removed, and hides every passage that is aligned with a span holding
// that fingerprint (see the package doc). Muting is not saved by WriteTo:
// it is the caller's record. A malformed key is skipped and reported in
// the error; the others are muted.
func (ix *Index) Mute(keys ...string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var bad []string
	for _, k := range keys {
		v, err := parseKey(k)
		if err != nil {
			bad = append(bad, k)
			continue
		}
		ix.muted[v] = true
	}
	if len(bad) > 0 {
		return fmt.Errorf("reuse: mute: malformed keys %q", bad)
	}
	return nil
}

// Unmute shows again the clusters with the given keys.
func (ix *Index) Unmute(keys ...string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, k := range keys {
		if v, err := parseKey(k); err == nil {
			delete(ix.muted, v)
		}
	}
}

func (ix *Index) mutedLocked() []string {
	var out []string
	for k := range ix.muted {
		out = append(out, formatKey(k))
	}
	slices.Sort(out)
	return out
}

// formatKey and parseKey convert a fingerprint to and from its key: 16
// lower-case hex digits.
func formatKey(g uint64) string {
	s := strconv.FormatUint(g, 16)
	for len(s) < 16 {
		s = "0" + s
	}
	return s
}

func parseKey(k string) (uint64, error) {
	if len(k) != 16 {
		return 0, fmt.Errorf("reuse: key %q: want 16 hex digits", k)
	}
	v, err := strconv.ParseUint(k, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("reuse: key %q: %w", k, err)
	}
	return v, nil
}
