package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
)

// maxTreeDepth bounds the depth of a bucket's page tree. bbolt's trees are
// a few levels deep; a deeper one is damaged (or a loop).
const maxTreeDepth = 40

// walkResult is what a walk of the file's page structure found.
type walkResult struct {
	problems []Problem
	// unreadable names the buckets whose page tree is damaged, with the
	// first problem found in it. bbolt must not walk them: it would panic,
	// fault or loop. The key "" stands for the root of the file.
	unreadable map[string]string
	// lost lists the key ranges of the subtrees a walk could not read, per
	// bucket (Salvage looks for their records in unreferenced pages).
	lost map[string][]keyRange
	// freeOK says the free-page list was read and is consistent with the
	// pages in use.
	freeOK bool
	// reached and free are bitsets over the file's pages.
	reached, free bitset
	// buckets lists the top-level buckets found in the root bucket.
	buckets map[string]bool
	// rootOK says the root bucket (the list of buckets) was read.
	rootOK bool
}

// damaged reports whether the walk found any problem.
func (w *walkResult) damaged() bool { return len(w.problems) > 0 }

// keyRange is the half-open range [lo, hi) of keys a lost subtree held; a
// nil bound is open.
type keyRange struct{ lo, hi []byte }

func (r keyRange) contains(k []byte) bool {
	return (r.lo == nil || bytes.Compare(k, r.lo) >= 0) && (r.hi == nil || bytes.Compare(k, r.hi) < 0)
}

// bitset is a set of page ids.
type bitset []uint64

func newBitset(n uint64) bitset { return make(bitset, (n+63)/64) }

func (b bitset) has(i uint64) bool { return i/64 < uint64(len(b)) && b[i/64]&(1<<(i%64)) != 0 }

// set adds page i; ids past the set's size (pages beyond the file) are
// ignored.
func (b bitset) set(i uint64) {
	if i/64 < uint64(len(b)) {
		b[i/64] |= 1 << (i % 64)
	}
}

func (b bitset) setRange(i, n uint64) {
	for j := i; j < i+n && j/64 < uint64(len(b)); j++ {
		b.set(j)
	}
}

func (b bitset) anyIn(i, n uint64) bool {
	for j := i; j < i+n && j/64 < uint64(len(b)); j++ {
		if b.has(j) {
			return true
		}
	}
	return false
}

// recordFunc receives one record of a bucket during a full walk. key and
// value are only valid during the call.
type recordFunc func(bucket string, key, value []byte)

// walkMode says how much of the file a walk reads.
type walkMode int

const (
	// walkBranches reads the headers, the list of buckets, every branch
	// page and the free-page list, but not the leaf pages below the
	// branches (bbolt's trees are balanced, so the walk knows which
	// children are leaves): it finds what could make bbolt loop or walk
	// out of the file, at the cost of about one page in a hundred. Every
	// open runs it.
	walkBranches walkMode = iota
	// walkPages also reads the header and element table of every leaf
	// page, and checks that the pages in use and the free pages cover the
	// file: the structure is then safe to write to. It runs before the
	// first write of a read-write notebook.
	walkPages
	// walkRecords reads every page whole and passes every record to the
	// walk's recordFunc (Check, Salvage).
	walkRecords
)

// walker walks a file's page trees from the meta page in use.
type walker struct {
	f         *rawFile
	mode      walkMode
	full      bool       // mode == walkRecords
	onRecord  recordFunc // with full: called for every record
	res       *walkResult
	leafDepth int // depth of the leaves of the tree being walked, -1 until known
}

// walkFile checks the page structure of f: both headers, the root bucket
// and every bucket tree below it (each page read once, no loops, every
// element inside its page, keys in order, page types as expected, leaves
// all at one depth), and the free-page list (valid, and disjoint from the
// pages in use, which together with it cover the file); mode says how much
// of it is read.
func walkFile(f *rawFile, mode walkMode, onRecord recordFunc) *walkResult {
	w := &walker{f: f, mode: mode, full: mode == walkRecords, onRecord: onRecord, res: &walkResult{
		unreadable: map[string]string{},
		lost:       map[string][]keyRange{},
		buckets:    map[string]bool{},
		reached:    newBitset(f.meta.pgid),
		free:       newBitset(f.meta.pgid),
	}}
	err := protectFaults(func() {
		w.headers()
		w.res.reached.setRange(0, 2)
		w.freelist()
		w.rootBucket()
		if mode != walkBranches {
			w.coverage()
		}
	})
	if err != nil {
		w.problem("file", err.Error(), false)
		w.res.unreadable[""] = "file: " + err.Error()
	}
	return w.res
}

// protectFaults runs fn, turning a memory fault while reading the file's
// map (the file shrank under us) into an error. Other panics are bugs and
// are raised again.
func protectFaults(fn func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if isMemoryFault(r) {
				err = fmt.Errorf("the file changed while it was read (%v)", r)
				return
			}
			panic(r)
		}
	}()
	fn()
	return nil
}

func (w *walker) problem(record, what string, salvageable bool) {
	w.res.problems = append(w.res.problems, Problem{Record: record, What: what, Salvageable: salvageable})
}

// headers reports a meta page that is not valid: bbolt silently falls back
// to the other one, which may be one transaction older.
func (w *walker) headers() {
	h := w.f.hdr
	for i, err := range h.err {
		if err != nil {
			w.problem(fmt.Sprintf("header page %d", i), fmt.Sprintf("%v; the notebook is read through the other header (transaction %d), so the last change made before the damage may have been lost", err, h.current().txid), true)
		}
	}
	if h.truncated != "" {
		w.problem("file", h.truncated+"; the missing pages' records are lost", false)
	}
}

// freelist reads the free-page list and marks its pages.
func (w *walker) freelist() {
	id := w.f.meta.freelist
	if id == noFreelist {
		w.problem("free-page list", "the file has no free-page list", true)
		return
	}
	if id < 2 {
		w.problem("free-page list", fmt.Sprintf("the header points it at page %d", id), true)
		return
	}
	ids, p, err := w.f.freelistIDs(id)
	if p != nil {
		w.res.reached.setRange(id, uint64(p.overflow)+1)
	}
	if err != nil {
		w.problem("free-page list", err.Error()+"; new writes could overwrite records", true)
		return
	}
	ok := true
	for _, fid := range ids {
		switch {
		case fid < 2 || fid >= w.f.meta.pgid:
			w.problem("free-page list", fmt.Sprintf("lists page %d, outside the file's pages", fid), true)
			ok = false
		case w.res.free.has(fid):
			w.problem("free-page list", fmt.Sprintf("lists page %d twice", fid), true)
			ok = false
		case fid >= id && fid <= id+uint64(p.overflow):
			w.problem("free-page list", fmt.Sprintf("lists its own page %d as free", fid), true)
			ok = false
		default:
			w.res.free.set(fid)
		}
		if len(w.res.problems) > maxProblems {
			return
		}
	}
	w.res.freeOK = ok
}

// rootBucket walks the root bucket, whose records are the notebook's
// buckets.
func (w *walker) rootBucket() {
	w.leafDepth = -1
	w.tree("", w.f.meta.root, nil, nil, 0)
	_, bad := w.res.unreadable[""]
	w.res.rootOK = !bad
}

// bucketAt walks one top-level bucket given its value in the root bucket.
func (w *walker) bucketAt(name string, value []byte) {
	if len(value) < bucketHeaderSize {
		w.unreadable(name, textRecord("bucket "+name), "its header is cut short", keyRange{})
		return
	}
	root := binary.LittleEndian.Uint64(value)
	if root != 0 {
		outer := w.leafDepth
		w.leafDepth = -1
		w.tree(name, root, nil, nil, 0)
		w.leafDepth = outer
		return
	}
	p, err := inlinePage(value)
	if err == nil {
		w.leaf(name, textRecord("bucket "+name+" (stored inline)"), p, nil, nil)
		return
	}
	w.unreadable(name, textRecord("bucket "+name), err.Error(), keyRange{})
}

// unreadable records that part of a bucket cannot be read.
func (w *walker) unreadable(bucket string, rec fmt.Stringer, what string, lost keyRange) {
	record := rec.String()
	w.problem(record, what+" (records stored there cannot be read; salvage copies everything else)", false)
	if _, ok := w.res.unreadable[bucket]; !ok {
		w.res.unreadable[bucket] = fmt.Sprintf("%s: %s", record, what)
	}
	w.res.lost[bucket] = append(w.res.lost[bucket], keyRange{bytes.Clone(lost.lo), bytes.Clone(lost.hi)})
}

// tree walks the subtree rooted at page id, whose keys must lie in [lo, hi)
// (slices of the pages above, valid while the file is open).
func (w *walker) tree(bucket string, id uint64, lo, hi []byte, depth int) {
	rec := lazyRecord{bucket, id}
	lost := keyRange{lo, hi}
	if len(w.res.problems) > maxProblems {
		return
	}
	if depth > maxTreeDepth {
		w.unreadable(bucket, rec, "the page tree is too deep (a loop?)", lost)
		return
	}
	if id < 2 {
		w.unreadable(bucket, rec, "a branch points at a header page", lost)
		return
	}
	if w.res.free.has(id) {
		w.unreadable(bucket, rec, "is in use but also listed as free (it may hold old records, and a write could overwrite it)", lost)
		return
	}
	if w.res.reached.has(id) {
		w.unreadable(bucket, rec, "is reached twice (crossed or looping branches)", lost)
		return
	}
	w.res.reached.set(id) // referenced, even if it cannot be read
	p, err := w.f.readPage(id, w.full || bucket == "")
	if err == nil && p.flags == branchPageFlag && int64(len(p.buf)) < p.span {
		p, err = w.f.readPage(id, true) // its keys may lie past the element table
	}
	if err != nil {
		w.unreadable(bucket, rec, trimPage(err, id), lost)
		return
	}
	if w.res.reached.anyIn(id+1, uint64(p.overflow)) || w.res.free.anyIn(id+1, uint64(p.overflow)) {
		w.unreadable(bucket, rec, "overlaps pages in use or free", lost)
		return
	}
	w.res.reached.setRange(id, uint64(p.overflow)+1)
	switch {
	case p.flags == branchPageFlag && depth == w.leafDepth, p.flags == leafPageFlag && w.leafDepth >= 0 && depth != w.leafDepth:
		w.unreadable(bucket, rec, "the page tree is not balanced (a branch points at the wrong page)", lost)
	case p.flags == branchPageFlag:
		w.branch(bucket, p, lo, hi, depth)
	case p.flags == leafPageFlag:
		w.leafDepth = depth
		w.leaf(bucket, rec, p, lo, hi)
	default:
		w.unreadable(bucket, rec, fmt.Sprintf("is not a branch or leaf page (flags %#x)", p.flags), lost)
	}
}

func (w *walker) branch(bucket string, p *rawPage, lo, hi []byte, depth int) {
	rec := lazyRecord{bucket, p.id}
	elems, err := p.elements()
	if err == nil {
		err = checkKeys(elems, lo, hi, true)
	}
	if err != nil {
		w.unreadable(bucket, rec, trimPage(err, p.id), keyRange{lo, hi})
		return
	}
	for i, e := range elems {
		clo, chi := e.key, hi
		if i == 0 {
			clo = lo // bbolt keeps a branch's first key, but lookups below it go there too
		}
		if i+1 < len(elems) {
			chi = elems[i+1].key
		}
		if w.mode == walkBranches && bucket != "" && w.leafDepth == depth+1 {
			w.leafRef(bucket, e.child, clo, chi)
			continue
		}
		w.tree(bucket, e.child, clo, chi, depth+1)
	}
}

// leafRef takes note of a leaf page without reading it (walkBranches): it
// must be a page of the file, not a header, not free, and not reached
// before.
func (w *walker) leafRef(bucket string, id uint64, lo, hi []byte) {
	why := ""
	switch {
	case id < 2:
		why = "a branch points at a header page"
	case id >= w.f.meta.pgid:
		why = fmt.Sprintf("beyond the last page in use (%d)", w.f.meta.pgid-1)
	case w.res.free.has(id):
		why = "is in use but also listed as free (it may hold old records, and a write could overwrite it)"
	case w.res.reached.has(id):
		why = "is reached twice (crossed or looping branches)"
	default:
		w.res.reached.set(id)
		return
	}
	w.unreadable(bucket, lazyRecord{bucket, id}, why, keyRange{lo, hi})
}

func (w *walker) leaf(bucket string, rec fmt.Stringer, p *rawPage, lo, hi []byte) {
	elems, err := p.elements()
	var bad *badElements
	if errors.As(err, &bad) && w.full && bucket != "" {
		// Keep what the page still holds; the rest of the page is lost.
		w.unreadable(bucket, rec, trimPage(err, p.id), keyRange{lo, hi})
		elems, err = bad.sound, nil
		if checkKeys(elems, lo, hi, false) != nil {
			return
		}
	} else if err == nil && (w.full || bucket == "") {
		err = checkKeys(elems, lo, hi, false)
	}
	if err != nil {
		w.unreadable(bucket, rec, trimPage(err, p.id), keyRange{lo, hi})
		return
	}
	for _, e := range elems {
		if bucket == "" {
			w.rootElem(e)
			continue
		}
		if e.flags&bucketLeafFlag != 0 {
			w.problem(fmt.Sprintf("%s key %q", bucketLabel(bucket), e.key), "is marked as a nested bucket (a damaged record)", false)
			w.res.lost[bucket] = append(w.res.lost[bucket], keyRange{bytes.Clone(e.key), append(bytes.Clone(e.key), 0)})
			continue
		}
		if w.full && w.onRecord != nil {
			w.onRecord(bucket, e.key, e.value)
		}
	}
}

// rootElem handles one record of the root bucket: a top-level bucket.
func (w *walker) rootElem(e rawElem) {
	name := string(e.key)
	w.res.buckets[name] = true
	if e.flags&bucketLeafFlag == 0 {
		w.problem(fmt.Sprintf("root key %q", e.key), "is not a bucket", false)
		return
	}
	if e.value == nil {
		w.unreadable(name, textRecord("bucket "+name), "its header cannot be read", keyRange{})
		return
	}
	w.bucketAt(name, e.value)
}

// checkKeys verifies that a page's keys are present, strictly ascending and
// inside [lo, hi) (with branch, the first key may be below lo: bbolt keeps
// the key a child had when it was split).
func checkKeys(elems []rawElem, lo, hi []byte, branch bool) error {
	for i, e := range elems {
		if e.key == nil {
			continue // beyond what was read (a quick walk)
		}
		if i > 0 && elems[i-1].key != nil && bytes.Compare(elems[i-1].key, e.key) >= 0 {
			return fmt.Errorf("keys out of order at element %d", i)
		}
		if lo != nil && bytes.Compare(e.key, lo) < 0 && !(branch && i == 0) {
			return fmt.Errorf("key %q is below the range its parent gives (%q…)", e.key, lo)
		}
		if hi != nil && bytes.Compare(e.key, hi) >= 0 {
			return fmt.Errorf("key %q is above the range its parent gives (…%q)", e.key, hi)
		}
	}
	return nil
}

// coverage reports pages that are neither in use nor free: they belong to
// a part of a tree that could not be read, or the free-page list is wrong.
func (w *walker) coverage() {
	if !w.res.freeOK {
		return
	}
	var stray []uint64
	for id := uint64(2); id < w.f.meta.pgid; id++ {
		if !w.res.reached.has(id) && !w.res.free.has(id) {
			stray = append(stray, id)
		}
	}
	if len(stray) == 0 {
		return
	}
	salvage := len(w.res.lost) > 0
	w.problem("file", fmt.Sprintf("%d pages are neither in use nor free (%s)", len(stray), pageList(stray)), salvage)
}

// pageList shows up to ten page ids.
func pageList(ids []uint64) string {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var b bytes.Buffer
	b.WriteString("pages ")
	for i, id := range ids {
		if i == 10 {
			fmt.Fprintf(&b, " …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}

// lazyRecord names a page of a bucket in a problem, formatted only when a
// problem is reported.
type lazyRecord struct {
	bucket string
	id     uint64
}

func (r lazyRecord) String() string { return pageRecord(r.bucket, r.id) }

// textRecord names a record in a problem.
type textRecord string

func (r textRecord) String() string { return string(r) }

// pageRecord names a page of a bucket in a problem.
func pageRecord(bucket string, id uint64) string {
	if bucket == "" {
		return fmt.Sprintf("page %d (list of buckets)", id)
	}
	return fmt.Sprintf("page %d (bucket %s)", id, bucket)
}

// bucketLabel names a bucket in a problem.
func bucketLabel(bucket string) string { return "bucket " + bucket }

// trimPage drops the "page N: " prefix of an error about page id, which
// the problem's record already names.
func trimPage(err error, id uint64) string {
	return strings.TrimPrefix(err.Error(), fmt.Sprintf("page %d: ", id))
}
