package search

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
)

// Index is the search index of one notebook. It is safe for concurrent
// use: any number of searches run together, and a change (Put, Delete,
// Apply) waits for them and is seen by a search entirely or not at all.
type Index struct {
	mu       sync.RWMutex
	vocab    vocabulary
	docs     []docRec // by slot; a free slot has id ""
	slots    map[string]uint32
	free     []uint32
	live     int
	tags     tagTable
	titles   metaTable
	bylines  metaTable
	outlets  metaTable
	creators metaTable
	colors   metaTable

	// Writer scratch, used under mu's write lock only.
	rec     recorder
	masks   map[uint32]uint8
	oldMask map[uint32]uint8

	scratch sync.Pool // *searchScratch
}

// docRec is what the index keeps of a document: no text, only the forward
// list and what the filters need.
type docRec struct {
	id, articleID string
	fwd           []byte   // see forward.go
	tags          []uint32 // tagTable ids
	updated       int64    // Unix nanoseconds
	published     int64    // days since 1970-01-01, if flagPublished
	title         uint32   // metaTable ids
	byline        uint32
	outlet        uint32
	color         uint32
	creator       uint32
	kind          Kind
	flags         uint8
}

const (
	flagOrphan uint8 = 1 << iota
	flagNote
	flagPublished
)

// metaTable interns short strings (titles, bylines, outlets, colours) with
// their normalised words; id 0 is the empty string.
type metaTable struct {
	ids   map[string]uint32
	keys  []string
	words [][]string
}

func (m *metaTable) id(s string) uint32 {
	if s == "" {
		return 0
	}
	if m.ids == nil {
		m.ids = map[string]uint32{}
		m.keys = []string{""}
		m.words = [][]string{nil}
	}
	if id, ok := m.ids[s]; ok {
		return id
	}
	id := uint32(len(m.words))
	m.ids[s] = id
	m.keys = append(m.keys, s)
	m.words = append(m.words, words(s))
	return id
}

// key returns the string with the given id.
func (m *metaTable) key(id uint32) string { return m.keys[id] }

// tagTable interns tag paths with their normalised form.
type tagTable struct {
	ids  map[string]uint32
	keys []string
	norm []string
}

func (t *tagTable) id(s string) uint32 {
	if t.ids == nil {
		t.ids = map[string]uint32{}
	}
	if id, ok := t.ids[s]; ok {
		return id
	}
	id := uint32(len(t.norm))
	t.ids[s] = id
	t.keys = append(t.keys, s)
	t.norm = append(t.norm, normTag(s))
	return id
}

// key returns the tag path with the given id.
func (t *tagTable) key(id uint32) string { return t.keys[id] }

// New returns an empty index.
func New() *Index {
	return &Index{
		vocab:   newVocabulary(),
		slots:   map[string]uint32{},
		masks:   map[uint32]uint8{},
		oldMask: map[uint32]uint8{},
	}
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Put adds d to the index, replacing the document with the same ID. A Doc
// with an empty ID is ignored.
func (ix *Index) Put(d Doc) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.put(&d)
}

// Delete removes the document with the given ID, if any.
func (ix *Index) Delete(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.delete(id)
}

// Apply deletes the documents with the IDs in del, then puts the documents
// in put, as one change: no search sees part of it.
func (ix *Index) Apply(put []Doc, del []string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range del {
		ix.delete(id)
	}
	for i := range put {
		ix.put(&put[i])
	}
}

func (ix *Index) put(d *Doc) {
	if d.ID == "" {
		return
	}
	slot, exists := ix.slots[d.ID]
	if exists {
		clear(ix.oldMask)
		ix.termMasks(ix.docs[slot].fwd, ix.oldMask)
	} else {
		if n := len(ix.free); n > 0 {
			slot = ix.free[n-1]
			ix.free = ix.free[:n-1]
		} else {
			if len(ix.docs) >= maxSlots {
				return // beyond 67 million documents; memory runs out first
			}
			slot = uint32(len(ix.docs))
			ix.docs = append(ix.docs, docRec{})
		}
		ix.slots[d.ID] = slot
		ix.live++
	}
	rec := ix.record(d)
	rec.fwd = slices.Clone(ix.rec.encode(d, &ix.vocab))
	ix.docs[slot] = rec
	clear(ix.masks)
	for _, t := range ix.rec.touched {
		ix.masks[t] = ix.rec.mask[t]
	}
	ix.rec.reset()
	for t, m := range ix.masks {
		if !exists || ix.oldMask[t] != m {
			ix.vocab.setPosting(t, slot, m)
		}
	}
	if exists {
		for t := range ix.oldMask {
			if _, ok := ix.masks[t]; !ok {
				ix.vocab.setPosting(t, slot, 0)
			}
		}
	}
}

func (ix *Index) delete(id string) {
	slot, ok := ix.slots[id]
	if !ok {
		return
	}
	clear(ix.oldMask)
	ix.termMasks(ix.docs[slot].fwd, ix.oldMask)
	for t := range ix.oldMask {
		ix.vocab.setPosting(t, slot, 0)
	}
	ix.docs[slot] = docRec{}
	delete(ix.slots, id)
	ix.free = append(ix.free, slot)
	ix.live--
}

// termMasks adds to masks the fields each word of a forward list occurs in.
func (ix *Index) termMasks(fwd []byte, masks map[uint32]uint8) {
	for f := Field(0); f < numFields; f++ {
		it := newWordIter(fieldPayload(fwd, f), ix.vocab.rlen)
		for it.next() {
			masks[it.w.term] |= 1 << f
		}
	}
}

// recorder turns documents into forward lists, collecting the fields each
// word occurs in. Its buffers are reused, so it belongs to one goroutine.
type recorder struct {
	tok     tokenizer
	enc     fieldEncoder
	fwd     []byte
	mask    []uint8  // by word id: fields of the current document
	touched []uint32 // word ids with a non-zero mask
}

// encode tokenises d's fields, adding new words to v, and returns d's
// forward list (valid until the next call) with rc.touched and rc.mask
// describing its words. Call rc.reset before the next document.
func (rc *recorder) encode(d *Doc, v *vocabulary) []byte {
	rc.fwd = rc.fwd[:0]
	for f := Field(0); f < numFields; f++ {
		rc.enc.reset()
		bit := uint8(1) << f
		rc.tok.each(FieldText(*d, f), func(w []byte, start, end int) {
			id := v.id(w)
			rc.enc.add(id, start, end, int(v.rlen[id]))
			if int(id) >= len(rc.mask) {
				rc.mask = append(rc.mask, make([]uint8, int(id)+1-len(rc.mask)+len(rc.mask)/2)...)
			}
			if rc.mask[id] == 0 {
				rc.touched = append(rc.touched, id)
			}
			rc.mask[id] |= bit
		})
		rc.fwd = binary.AppendUvarint(rc.fwd, uint64(len(rc.enc.buf)))
		rc.fwd = append(rc.fwd, rc.enc.buf...)
	}
	return rc.fwd
}

// reset clears the masks of the last document.
func (rc *recorder) reset() {
	for _, id := range rc.touched {
		rc.mask[id] = 0
	}
	rc.touched = rc.touched[:0]
}

// record returns d's docRec without its forward list, interning its
// metadata.
func (ix *Index) record(d *Doc) docRec {
	r := docRec{
		id:        d.ID,
		articleID: d.ArticleID,
		kind:      d.Kind,
		title:     ix.titles.id(d.Title),
		byline:    ix.bylines.id(d.Byline),
		outlet:    ix.outlets.id(d.Outlet),
		color:     ix.colors.id(strings.Join(words(d.Color), " ")),
		creator:   ix.creators.id(d.Creator),
	}
	if !d.Updated.IsZero() {
		r.updated = d.Updated.UnixNano()
	}
	if d.Orphan {
		r.flags |= flagOrphan
	}
	if strings.TrimSpace(d.Note) != "" {
		r.flags |= flagNote
	}
	if !d.Published.IsZero() {
		r.flags |= flagPublished
		r.published = dayOf(d.Published)
	}
	if len(d.Tags) > 0 {
		r.tags = make([]uint32, len(d.Tags))
		for i, t := range d.Tags {
			r.tags[i] = ix.tags.id(t)
		}
	}
	return r
}
