package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// The persisted form of an index, written by WriteTo and read by
// ReadIndex, is what the index holds, so loading it skips tokenising:
//
//	"GLOSSIX" formatVersion
//	words:   uvarint n, n × string
//	posting: per word, uvarint n, n × uvarint(entry - previous entry)
//	tables:  titles, bylines, outlets, colours, creators, tags: uvarint n, n × string
//	docs:    uvarint n, n × doc (an empty ID marks a free slot)
//
// Strings are uvarint length and bytes. Everything read is checked, so a
// damaged file gives an error, never an index that panics later.

const (
	persistMagic  = "GLOSSIX"
	formatVersion = 2 // 2: creators
)

// ErrIndexFormat is returned (wrapped) by ReadIndex for data that is not an
// index in the current format, or is damaged.
var ErrIndexFormat = errors.New("not a Gloss search index in the current format")

// WriteTo writes the index in its persisted form (see ReadIndex). It
// implements io.WriterTo.
func (ix *Index) WriteTo(w io.Writer) (int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bw := bufio.NewWriterSize(w, 1<<16)
	var n int64
	var buf []byte
	flush := func() error {
		k, err := bw.Write(buf)
		n += int64(k)
		buf = buf[:0]
		return err
	}
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	buf = append(buf, persistMagic...)
	buf = binary.AppendUvarint(buf, formatVersion)
	buf = binary.AppendUvarint(buf, uint64(len(ix.vocab.words)))
	for _, w := range ix.vocab.words {
		str(w)
	}
	for _, list := range ix.vocab.post {
		buf = binary.AppendUvarint(buf, uint64(len(list)))
		prev := uint32(0)
		for _, e := range list {
			buf = binary.AppendUvarint(buf, uint64(e-prev))
			prev = e
		}
		if len(buf) > 1<<16 {
			if err := flush(); err != nil {
				return n, fmt.Errorf("write search index: %w", err)
			}
		}
	}
	for _, m := range []*metaTable{&ix.titles, &ix.bylines, &ix.outlets, &ix.colors, &ix.creators} {
		buf = binary.AppendUvarint(buf, uint64(max(1, len(m.words))))
		str("")
		for i := 1; i < len(m.words); i++ {
			str(m.key(uint32(i)))
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(ix.tags.norm)))
	for i := range ix.tags.norm {
		str(ix.tags.key(uint32(i)))
	}
	buf = binary.AppendUvarint(buf, uint64(len(ix.docs)))
	for i := range ix.docs {
		r := &ix.docs[i]
		str(r.id)
		if r.id != "" {
			str(r.articleID)
			str(string(r.fwd))
			buf = binary.AppendUvarint(buf, uint64(len(r.tags)))
			for _, t := range r.tags {
				buf = binary.AppendUvarint(buf, uint64(t))
			}
			buf = binary.AppendVarint(buf, r.updated)
			buf = binary.AppendVarint(buf, r.published)
			for _, v := range []uint32{r.title, r.byline, r.outlet, r.color, r.creator} {
				buf = binary.AppendUvarint(buf, uint64(v))
			}
			buf = append(buf, byte(r.kind), r.flags)
		}
		if len(buf) > 1<<16 {
			if err := flush(); err != nil {
				return n, fmt.Errorf("write search index: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return n, fmt.Errorf("write search index: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write search index: %w", err)
	}
	return n, nil
}

// ReadIndex loads an index written by WriteTo. Whether it still matches
// the notebook is the caller's business (store it with the notebook's
// change counter, say); data that is not an index, from another format
// version, or damaged gives an error wrapping ErrIndexFormat.
func ReadIndex(r io.Reader) (*Index, error) {
	var size int64 // known for files and readers of bytes: read in one go
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil {
			size = fi.Size()
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("read search index: %w", err)
	}
	ix, err := decodeIndex(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("read search index: %w", err)
	}
	return ix, nil
}

// decoder reads the persisted form; the first error sticks.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", ErrIndexFormat, what, d.off)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b[d.off:])
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += k
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b[d.off:])
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += k
	return v
}

// count reads a count that cannot exceed the bytes left (each item takes
// at least one byte), so damaged counts cannot make huge allocations.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.off) {
		d.fail("count beyond the end")
		return 0
	}
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.b) {
		d.fail("truncated")
		return 0
	}
	d.off++
	return d.b[d.off-1]
}

func decodeIndex(data []byte) (*Index, error) {
	if len(data) < len(persistMagic) || string(data[:len(persistMagic)]) != persistMagic {
		return nil, fmt.Errorf("%w: no %q header", ErrIndexFormat, persistMagic)
	}
	d := &decoder{b: data, off: len(persistMagic)}
	if v := d.uvarint(); d.err == nil && v != formatVersion {
		return nil, fmt.Errorf("%w: format version %d, this Gloss reads %d", ErrIndexFormat, v, formatVersion)
	}
	ix := New()
	nw := d.count()
	for i := 0; i < nw && d.err == nil; i++ {
		w := string(d.bytes())
		if ix.vocab.add(w) != uint32(i) {
			d.fail("repeated word")
		}
	}
	postings := make([][]uint32, nw)
	for i := 0; i < nw && d.err == nil; i++ {
		list := make([]uint32, d.count())
		prev := uint64(0)
		for j := range list {
			e := prev + d.uvarint()
			if j > 0 && e>>fieldBits <= prev>>fieldBits || e > 1<<32-1 || e&fieldMask == 0 {
				d.fail("unsorted or empty posting")
				break
			}
			list[j], prev = uint32(e), e
		}
		postings[i] = list
	}
	for _, m := range []*metaTable{&ix.titles, &ix.bylines, &ix.outlets, &ix.colors, &ix.creators} {
		n := d.count()
		if n == 0 || len(d.bytes()) != 0 {
			d.fail("table without its empty entry")
		}
		for i := 1; i < n && d.err == nil; i++ {
			if m.id(string(d.bytes())) != uint32(i) {
				d.fail("repeated table entry")
			}
		}
	}
	nt := d.count()
	for i := 0; i < nt && d.err == nil; i++ {
		if ix.tags.id(string(d.bytes())) != uint32(i) {
			d.fail("repeated tag")
		}
	}
	nd := d.count()
	if nd > maxSlots {
		d.fail("too many documents")
	}
	ix.docs = make([]docRec, 0, nd+nd/8+16) // room to grow, as in Build
	for i := 0; i < nd && d.err == nil; i++ {
		r := docRec{id: string(d.bytes())}
		if r.id == "" {
			ix.free = append(ix.free, uint32(i))
			ix.docs = append(ix.docs, r)
			continue
		}
		r.articleID = string(d.bytes())
		r.fwd = d.bytes()
		if nt := d.count(); nt > 0 {
			r.tags = make([]uint32, nt)
			for j := range r.tags {
				if r.tags[j] = uint32(d.uvarint()); int(r.tags[j]) >= len(ix.tags.norm) {
					d.fail("unknown tag")
				}
			}
		}
		r.updated, r.published = d.varint(), d.varint()
		for _, v := range []struct {
			p *uint32
			m *metaTable
		}{{&r.title, &ix.titles}, {&r.byline, &ix.bylines}, {&r.outlet, &ix.outlets}, {&r.color, &ix.colors}, {&r.creator, &ix.creators}} {
			if *v.p = uint32(d.uvarint()); *v.p != 0 && int(*v.p) >= len(v.m.words) {
				d.fail("unknown table entry")
			}
		}
		r.kind, r.flags = Kind(d.byte()), d.byte()
		if d.err == nil && !validForward(r.fwd, nw) {
			d.fail("damaged forward list")
		}
		if _, dup := ix.slots[r.id]; dup {
			d.fail("repeated document ID")
		}
		ix.slots[r.id] = uint32(i)
		ix.docs = append(ix.docs, r)
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	for t, list := range postings {
		for _, e := range list {
			if s := postingSlot(e); int(s) >= len(ix.docs) || ix.docs[s].id == "" {
				return nil, fmt.Errorf("%w: word %d posted to an empty slot", ErrIndexFormat, t)
			}
		}
	}
	// The forward lists stay in data: one allocation instead of one per
	// document.
	ix.vocab.post = postings
	ix.live = len(ix.slots)
	return ix, nil
}

// validForward checks that a forward list has numFields well-formed
// fields whose word ids are below nwords and whose offsets stay below 2³¹.
func validForward(fwd []byte, nwords int) bool {
	const limit = 1<<31 - 1
	for f := Field(0); f < numFields; f++ {
		n, k := binary.Uvarint(fwd)
		if k <= 0 || n > uint64(len(fwd)-k) {
			return false
		}
		p := fwd[k : k+int(n)]
		fwd = fwd[k+int(n):]
		end := uint64(0)
		for len(p) > 0 {
			t, k := binary.Uvarint(p)
			if k <= 0 || t >= uint64(nwords) {
				return false
			}
			p = p[k:]
			g, k := binary.Uvarint(p)
			if k <= 0 || g>>1 > limit {
				return false
			}
			p = p[k:]
			length := uint64(255)
			if g&1 == 1 {
				if length, k = binary.Uvarint(p); k <= 0 || length > limit {
					return false
				}
				p = p[k:]
			}
			if end += g>>1 + length; end > limit {
				return false
			}
		}
	}
	return len(fwd) == 0
}
