package storage

import (
	"encoding/binary"
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
)

type boltMeta struct {
	pageSize uint32
	pgid     uint64
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
	return boltMeta{pageSize: le.Uint32(m[8:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, nil
}

// validateFile checks, without opening the database, that an existing file
// is a bbolt file whose newest valid meta page does not point past the end
// of the file. bbolt itself would fault reading a truncated file through its
// memory map; checking first lets us report the damage instead.
func validateFile(f *os.File, size int64) error {
	buf := make([]byte, pageHeaderSize+metaSize)
	if n, err := f.ReadAt(buf, 0); err != nil && err != io.EOF {
		return fmt.Errorf("read header: %w", err)
	} else if n < len(buf) {
		return fmt.Errorf("file too short for a notebook header (%d bytes)", size)
	}
	m0, err0 := parseMeta(buf)
	pageSize := int64(os.Getpagesize())
	if err0 == nil {
		pageSize = int64(m0.pageSize)
	}
	if pageSize < 512 || pageSize > 1<<20 {
		return fmt.Errorf("implausible page size %d", pageSize)
	}
	buf1 := make([]byte, pageHeaderSize+metaSize)
	var m1 boltMeta
	err1 := fmt.Errorf("second header missing")
	if n, _ := f.ReadAt(buf1, pageSize); n == len(buf1) {
		m1, err1 = parseMeta(buf1)
	}
	var best boltMeta
	switch {
	case err0 == nil && err1 == nil:
		best = m0
		if m1.txid > m0.txid {
			best = m1
		}
	case err0 == nil:
		best = m0
	case err1 == nil:
		best = m1
	default:
		return err0
	}
	if need := int64(best.pgid) * int64(best.pageSize); need > size {
		return fmt.Errorf("file is truncated: %d bytes, but its header needs %d", size, need)
	}
	return nil
}
