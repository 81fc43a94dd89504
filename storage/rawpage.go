package storage

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// This file reads a bbolt file's pages directly, with ReadAt and without
// bbolt or a memory map, checking every size and offset against the page
// and the file before using it. Check and Salvage read damaged files this
// way: bbolt trusts its pages and panics, faults or loops on damaged ones.
//
// Page layout (bbolt's internal/common): a 16-byte header (id uint64,
// flags uint16, count uint16, overflow uint32), then count elements of 16
// bytes. A branch element is (pos, ksize uint32, child pgid uint64), a leaf
// element (flags, pos, ksize, vsize uint32); pos counts from the element's
// own first byte, and a leaf value follows its key. A page spans overflow+1
// pages of the file.

// Page flags and the bucket flag of a leaf element.
const (
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	elementSize      = 16
	bucketHeaderSize = 16
)

// rawFile is a bbolt file read without bbolt.
type rawFile struct {
	src      pageSource
	size     int64
	pageSize int64
	hdr      *headers
	meta     boltMeta // the meta page in use
	unmap    func() error
}

// pageSource reads byte ranges of the file. The bytes returned may alias a
// read-only memory map of the file: they are valid until the rawFile is
// closed, and reading them faults (a panic, with debug.SetPanicOnFault)
// only if the file shrinks meanwhile, which the lock held by every reader
// prevents among Gloss processes.
type pageSource interface {
	read(off, n int64) ([]byte, error)
}

// readerSource reads with ReadAt into new buffers.
type readerSource struct{ r io.ReaderAt }

func (s readerSource) read(off, n int64) ([]byte, error) {
	b := make([]byte, n)
	_, err := s.r.ReadAt(b, off)
	return b, err
}

// mapSource reads from a memory map of the file.
type mapSource []byte

func (s mapSource) read(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off+n > int64(len(s)) {
		return nil, io.ErrUnexpectedEOF
	}
	return s[off : off+n : off+n], nil
}

// newRawFile reads the headers of a file of the given size. With lenient,
// a truncated file is accepted: the pages it lacks read as missing.
func newRawFile(r io.ReaderAt, size int64, lenient bool) (*rawFile, error) {
	return openRawFile(r, size, lenient, false)
}

// mapRawFile is newRawFile for a walk that reads most pages: when r is an
// *os.File, the file is memory-mapped where the system allows (no system
// call and no copy per page); close releases the map. A walk of a few
// pages (walkBranches) is quicker with ReadAt.
func mapRawFile(r io.ReaderAt, size int64, lenient bool) (*rawFile, error) {
	return openRawFile(r, size, lenient, true)
}

func openRawFile(r io.ReaderAt, size int64, lenient, useMap bool) (*rawFile, error) {
	h, err := readHeaders(r, size, lenient)
	if err != nil {
		return nil, err
	}
	f := &rawFile{src: readerSource{r}, size: size, pageSize: h.pageSize, hdr: h, meta: h.current()}
	if n := uint64(size / h.pageSize); f.meta.pgid > n {
		f.meta.pgid = n // the bitsets of a walk are sized by it
	}
	if osf, ok := r.(*os.File); ok && useMap {
		if data, unmap, err := mapFile(osf, size); err == nil {
			f.src, f.unmap = mapSource(data), unmap
		}
	}
	return f, nil
}

// close releases the memory map, if any. Bytes read before are invalid
// afterwards.
func (f *rawFile) close() {
	if f.unmap != nil {
		f.unmap()
		f.unmap = nil
		f.src = nil
	}
}

// rawPage is one page (with its overflow pages) as read.
type rawPage struct {
	id       uint64
	flags    uint16
	count    int
	overflow uint32
	span     int64  // bytes the page spans: (overflow+1) × page size
	buf      []byte // the first len(buf) bytes of the span
}

// pageError is a problem with one page of the file.
type pageError struct {
	id  uint64
	msg string
}

func (e *pageError) Error() string { return fmt.Sprintf("page %d: %s", e.id, e.msg) }

func pageErrorf(id uint64, format string, args ...any) error {
	return &pageError{id: id, msg: fmt.Sprintf(format, args...)}
}

// readPage reads page id. With full it reads the whole span (overflow
// pages included), else only as much as the element table needs. It checks
// that the page lies below the high-water mark and inside the file, and
// that it identifies itself as id.
func (f *rawFile) readPage(id uint64, full bool) (*rawPage, error) {
	if id >= f.meta.pgid {
		return nil, pageErrorf(id, "beyond the last page in use (%d)", f.meta.pgid-1)
	}
	off := int64(id) * f.pageSize
	if off+f.pageSize > f.size {
		return nil, pageErrorf(id, "beyond the end of the file")
	}
	first, err := f.src.read(off, f.pageSize)
	if err != nil {
		return nil, pageErrorf(id, "cannot be read: %v", err)
	}
	le := binary.LittleEndian
	p := &rawPage{
		id:       le.Uint64(first[0:]),
		flags:    le.Uint16(first[8:]),
		count:    int(le.Uint16(first[10:])),
		overflow: le.Uint32(first[12:]),
		buf:      first,
	}
	if p.id != id {
		return nil, pageErrorf(id, "identifies itself as page %d (overwritten or zeroed)", p.id)
	}
	if last := id + uint64(p.overflow); last >= f.meta.pgid || last < id {
		return nil, pageErrorf(id, "its %d overflow pages run past the last page in use", p.overflow)
	}
	p.span = int64(p.overflow+1) * f.pageSize
	need := p.span
	if !full {
		need = min(p.span, pageHeaderSize+int64(p.count)*elementSize)
	}
	if need > int64(len(first)) {
		if off+need > f.size {
			return nil, pageErrorf(id, "its overflow pages run past the end of the file")
		}
		if p.buf, err = f.src.read(off, need); err != nil {
			return nil, pageErrorf(id, "overflow pages cannot be read: %v", err)
		}
	}
	return p, nil
}

// rawElem is one element of a branch or leaf page. Key and value are set
// only when the page was read in full (or, for branches, when they lie in
// what was read).
type rawElem struct {
	flags uint32 // leaf elements: bucketLeafFlag for a nested bucket
	child uint64 // branch elements: the child page
	key   []byte
	value []byte
}

// elements decodes the page's element table, checking that every key and
// value lies inside the page's span. Keys and values are returned when they
// lie inside what was read. An element that points outside the page makes
// it fail with a *badElements error, which still carries the elements
// that are sound (a salvage keeps them).
func (p *rawPage) elements() ([]rawElem, error) {
	leaf := p.flags == leafPageFlag
	if !leaf && p.flags != branchPageFlag {
		return nil, pageErrorf(p.id, "is not a branch or leaf page (flags %#x)", p.flags)
	}
	if p.count == 0 && !leaf {
		return nil, pageErrorf(p.id, "branch page with no elements")
	}
	table := int64(pageHeaderSize + p.count*elementSize)
	if table > p.span || table > int64(len(p.buf)) {
		return nil, pageErrorf(p.id, "%d elements do not fit in the page", p.count)
	}
	le := binary.LittleEndian
	out := make([]rawElem, 0, p.count)
	var bad *badElements
	for i := 0; i < p.count; i++ {
		at := int64(pageHeaderSize + i*elementSize)
		e := p.buf[at : at+elementSize]
		var el rawElem
		var pos, ksize, vsize int64
		if leaf {
			el.flags = le.Uint32(e[0:])
			pos, ksize, vsize = int64(le.Uint32(e[4:])), int64(le.Uint32(e[8:])), int64(le.Uint32(e[12:]))
		} else {
			pos, ksize = int64(le.Uint32(e[0:])), int64(le.Uint32(e[4:]))
			el.child = le.Uint64(e[8:])
		}
		start := at + pos
		if pos < elementSize*int64(p.count-i) || start+ksize+vsize > p.span {
			if bad == nil {
				bad = &badElements{err: pageErrorf(p.id, "element %d points outside the page (offset %d, %d+%d bytes)", i, pos, ksize, vsize)}
			}
			bad.n++
			continue
		}
		if start+ksize <= int64(len(p.buf)) {
			el.key = p.buf[start : start+ksize]
		}
		if start+ksize+vsize <= int64(len(p.buf)) {
			el.value = p.buf[start+ksize : start+ksize+vsize]
		}
		out = append(out, el)
	}
	if bad != nil {
		bad.sound = out
		return nil, bad
	}
	return out, nil
}

// badElements is a page with elements that point outside it.
type badElements struct {
	err   error
	n     int       // elements that point outside the page
	sound []rawElem // the others
}

func (e *badElements) Error() string {
	if e.n > 1 {
		return fmt.Sprintf("%v, and %d more", e.err, e.n-1)
	}
	return e.err.Error()
}

func (e *badElements) Unwrap() error { return e.err }

// inlinePage decodes the leaf page stored inline in a bucket's value (after
// its 16-byte header), as bbolt stores small buckets.
func inlinePage(value []byte) (*rawPage, error) {
	if len(value) < bucketHeaderSize+pageHeaderSize {
		return nil, fmt.Errorf("inline bucket too short (%d bytes)", len(value))
	}
	b := value[bucketHeaderSize:]
	le := binary.LittleEndian
	p := &rawPage{
		flags:    le.Uint16(b[8:]),
		count:    int(le.Uint16(b[10:])),
		overflow: le.Uint32(b[12:]),
		span:     int64(len(b)),
		buf:      b,
	}
	if p.flags != leafPageFlag {
		return nil, fmt.Errorf("inline bucket is not a leaf page (flags %#x)", p.flags)
	}
	return p, nil
}

// freelistIDs reads the freelist page and returns the free page ids.
func (f *rawFile) freelistIDs(id uint64) ([]uint64, *rawPage, error) {
	p, err := f.readPage(id, true)
	if err != nil {
		return nil, nil, err
	}
	if p.flags != freelistPageFlag {
		return nil, p, pageErrorf(id, "the free-page list is not a freelist page (flags %#x)", p.flags)
	}
	le := binary.LittleEndian
	start, count := int64(pageHeaderSize), int64(p.count)
	if p.count == 0xFFFF {
		if int64(len(p.buf)) < pageHeaderSize+8 {
			return nil, p, pageErrorf(id, "free-page list too short")
		}
		c := le.Uint64(p.buf[pageHeaderSize:])
		if c > uint64(p.span/8) {
			return nil, p, pageErrorf(id, "free-page list claims %d entries, more than fit", c)
		}
		start, count = pageHeaderSize+8, int64(c)
	}
	if start+count*8 > int64(len(p.buf)) {
		return nil, p, pageErrorf(id, "free-page list claims %d entries, more than fit", count)
	}
	ids := make([]uint64, count)
	for i := range ids {
		ids[i] = le.Uint64(p.buf[start+int64(i)*8:])
	}
	return ids, p, nil
}
