package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's on-disk meta page, as documented by its source: a 16-byte page
// header, then magic, version, page size, flags (4 bytes each), the root
// bucket (root page, sequence), the freelist page, the high-water page id,
// the transaction id and an FNV-64a checksum of the preceding 56 bytes.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64
	noFreelist     = ^uint64(0) // bbolt's PgidNoFreelist
	minPageSize    = 512
	maxPageSize    = 1 << 20
)

// boltMeta is one decoded meta page.
type boltMeta struct {
	pageSize uint32
	root     uint64 // root page of the root bucket
	freelist uint64 // freelist page, or noFreelist
	pgid     uint64 // high-water mark: pages 0 … pgid-1 are in use or free
	txid     uint64
}

// parseMeta decodes and verifies one meta page starting at buf[0].
func parseMeta(buf []byte) (boltMeta, error) {
	if len(buf) < pageHeaderSize+metaSize {
		return boltMeta{}, fmt.Errorf("file too short for a notebook header")
	}
	m := buf[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic {
		return boltMeta{}, fmt.Errorf("no notebook header (bad magic number)")
	}
	if v := le.Uint32(m[4:]); v != boltVersion {
		return boltMeta{}, fmt.Errorf("unsupported file format version %d", v)
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, fmt.Errorf("header checksum mismatch")
	}
	return boltMeta{
		pageSize: le.Uint32(m[8:]),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pgid:     le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, nil
}

// headers are a file's two meta pages as read, and the one bbolt uses: the
// valid one with the higher transaction id.
type headers struct {
	meta     [2]boltMeta
	err      [2]error // why meta[i] is not valid
	use      int      // index of the meta page in use
	pageSize int64
	// truncated says the file ends before the pages its header counts
	// (only when read leniently).
	truncated string
}

// current is the meta page bbolt reads the file through.
func (h *headers) current() boltMeta { return h.meta[h.use] }

// readHeaders reads and verifies both meta pages of a file of the given
// size. It fails when neither is valid or, unless lenient, when the file
// is shorter than the valid header says; the error describes the file, not
// the read.
func readHeaders(r io.ReaderAt, size int64, lenient bool) (*headers, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if n, err := r.ReadAt(buf, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read header: %w", err)
	} else if n < len(buf) {
		return nil, fmt.Errorf("file too short for a notebook header (%d bytes)", size)
	}
	h := &headers{}
	h.meta[0], h.err[0] = parseMeta(buf)
	pageSize := int64(os.Getpagesize())
	if h.err[0] == nil {
		pageSize = int64(h.meta[0].pageSize)
	}
	if pageSize < minPageSize || pageSize > maxPageSize {
		return nil, fmt.Errorf("implausible page size %d", pageSize)
	}
	h.err[1] = fmt.Errorf("second header missing")
	if n, _ := r.ReadAt(buf, pageSize); n == len(buf) {
		h.meta[1], h.err[1] = parseMeta(buf)
	}
	if h.err[1] == nil && h.err[0] != nil && int64(h.meta[1].pageSize) != pageSize {
		// The first header is gone and the second one was found where the
		// default page size puts it: it must say the same page size.
		h.err[1] = fmt.Errorf("header page size %d does not match its position", h.meta[1].pageSize)
	}
	switch {
	case h.err[0] == nil && h.err[1] == nil:
		if h.meta[1].txid > h.meta[0].txid {
			h.use = 1
		}
	case h.err[0] == nil:
		h.use = 0
	case h.err[1] == nil:
		h.use = 1
	default:
		return nil, h.err[0]
	}
	h.pageSize = pageSize
	m := h.current()
	if m.pgid < 2 {
		return nil, fmt.Errorf("header: implausible page count %d", m.pgid)
	}
	if m.pgid > uint64(size/pageSize) {
		h.truncated = fmt.Sprintf("file is truncated: %d bytes, but its header needs %d pages of %d bytes", size, m.pgid, pageSize)
		if !lenient {
			return nil, errors.New(h.truncated)
		}
	}
	return h, nil
}

// validateFile checks, without opening the database, that an existing file
// is a bbolt file whose newest valid meta page does not point past the end
// of the file. bbolt itself would fault reading a truncated file through its
// memory map; checking first lets us report the damage instead.
func validateFile(f *os.File, size int64) error {
	_, err := readHeaders(f, size, false)
	return err
}
