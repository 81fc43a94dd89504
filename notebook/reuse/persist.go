package reuse

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// The saved form of an index, written by WriteTo and read by Read, holds
// the options and every document's word hashes and offsets; the postings
// are rebuilt from them when it is read (one sort), so loading skips only
// the tokenising. Muted keys are not saved: they are the caller's records.
//
//	"GLOSSREUSE" uvarint(version)
//	options: uvarint MinWords, MaxGap, CommonDocs, MaxWords; MinSimilarity as 8-byte IEEE 754 LE
//	uvarint(number of documents)
//	per document: uvarint(len(id)) id uvarint(len(payload)) payload crc32c(id, payload) as 4 bytes LE
//	payload: uvarint(n) n × word hash (4 bytes LE) n × (uvarint(start − end of previous word) length byte)
//
// Everything read is checked against limits before it is used, and memory
// grows only with the data actually read, so a damaged or hostile file
// gives an error, never a panic, a hang or a huge allocation.

const (
	persistMagic  = "GLOSSREUSE"
	formatVersion = 1
)

// ErrFormat is returned (wrapped) by Read for data that is not a reuse
// index in the current format, or is damaged.
var ErrFormat = errors.New("not a Gloss reuse index in the current format")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteTo writes the index in its saved form (see Read). It implements
// io.WriterTo.
func (ix *Index) WriteTo(w io.Writer) (int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	var buf []byte
	buf = append(buf, persistMagic...)
	buf = binary.AppendUvarint(buf, formatVersion)
	o := ix.opt
	for _, v := range []int{o.MinWords, o.MaxGap, o.CommonDocs, o.MaxWords} {
		buf = binary.AppendUvarint(buf, uint64(v))
	}
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(o.MinSimilarity))
	buf = binary.AppendUvarint(buf, uint64(len(ix.byID)))
	if _, err := bw.Write(buf); err != nil {
		return cw.n, fmt.Errorf("write reuse index: %w", err)
	}
	var payload []byte
	for _, d := range ix.slots {
		if d == nil {
			continue
		}
		payload = binary.AppendUvarint(payload[:0], uint64(len(d.words)))
		for _, h := range d.words {
			payload = binary.LittleEndian.AppendUint32(payload, h)
		}
		end := uint32(0)
		for i, s := range d.starts {
			payload = binary.AppendUvarint(payload, uint64(s-end))
			payload = append(payload, d.lens[i])
			end = s + uint32(d.lens[i])
		}
		buf = binary.AppendUvarint(buf[:0], uint64(len(d.id)))
		buf = append(buf, d.id...)
		buf = binary.AppendUvarint(buf, uint64(len(payload)))
		crc := crc32.Update(crc32.Checksum([]byte(d.id), castagnoli), castagnoli, payload)
		if _, err := bw.Write(buf); err != nil {
			return cw.n, fmt.Errorf("write reuse index: %w", err)
		}
		if _, err := bw.Write(payload); err != nil {
			return cw.n, fmt.Errorf("write reuse index: %w", err)
		}
		if _, err := bw.Write(binary.LittleEndian.AppendUint32(buf[:0], crc)); err != nil {
			return cw.n, fmt.Errorf("write reuse index: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("write reuse index: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Read reads an index in the form WriteTo writes. It returns an error
// wrapping ErrFormat for data that is not such an index, is of another
// format version, is damaged or exceeds the limits (2^24 documents, each
// with an ID of at most MaxIDBytes bytes and at most Options.MaxWords
// words), and the reader's error if reading fails.
func Read(r io.Reader) (*Index, error) {
	er := &errReader{r: r}
	br := bufio.NewReaderSize(er, 1<<16)
	fail := func(format string, args ...any) (*Index, error) {
		return nil, fmt.Errorf("read reuse index: %s: %w", fmt.Sprintf(format, args...), ErrFormat)
	}
	ioFail := func(what string, err error) (*Index, error) {
		if er.err != nil {
			return nil, fmt.Errorf("read reuse index: %s: %w", what, er.err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fail("%s: data ends early", what)
		}
		return fail("%s: %v", what, err)
	}
	magic := make([]byte, len(persistMagic))
	if _, err := io.ReadFull(br, magic); err != nil {
		return ioFail("header", err)
	}
	if string(magic) != persistMagic {
		return fail("bad magic %q", magic)
	}
	version, err := binary.ReadUvarint(br)
	if err != nil {
		return ioFail("version", err)
	}
	if version != formatVersion {
		return fail("format version %d, this Gloss reads version %d", version, formatVersion)
	}
	var vals [4]uint64
	for i := range vals {
		if vals[i], err = binary.ReadUvarint(br); err != nil {
			return ioFail("options", err)
		}
	}
	var f [8]byte
	if _, err := io.ReadFull(br, f[:]); err != nil {
		return ioFail("options", err)
	}
	opt := Options{MinWords: int(min(vals[0], 1<<31)), MaxGap: int(min(vals[1], 1<<31)), CommonDocs: int(min(vals[2], 1<<31)),
		MaxWords: int(min(vals[3], 1<<31)), MinSimilarity: math.Float64frombits(binary.LittleEndian.Uint64(f[:]))}
	if opt.MinWords < gramLen || opt.MinWords > maxMinWords || opt.MaxGap < 1 || opt.MaxGap > maxMaxGap ||
		opt.CommonDocs < 2 || opt.CommonDocs > 1<<30 || opt.MaxWords < 1 || opt.MaxWords > maxMaxWords ||
		!(opt.MinSimilarity > 0 && opt.MinSimilarity <= 1) {
		return fail("options out of range: %+v", opt)
	}
	ndocs, err := binary.ReadUvarint(br)
	if err != nil {
		return ioFail("document count", err)
	}
	if ndocs > maxSlots {
		return fail("%d documents, at most %d", ndocs, maxSlots)
	}
	ix := New(opt)
	maxPayload := int64(binary.MaxVarintLen64 + 10*opt.MaxWords)
	var payload bytes.Buffer
	for k := uint64(0); k < ndocs; k++ {
		idLen, err := binary.ReadUvarint(br)
		if err != nil {
			return ioFail(fmt.Sprintf("document %d", k), err)
		}
		if idLen == 0 || idLen > MaxIDBytes {
			return fail("document %d: ID of %d bytes", k, idLen)
		}
		id := make([]byte, idLen)
		if _, err := io.ReadFull(br, id); err != nil {
			return ioFail(fmt.Sprintf("document %d", k), err)
		}
		if ix.byID[string(id)] != nil {
			return fail("document %q twice", id)
		}
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return ioFail(fmt.Sprintf("document %q", id), err)
		}
		if int64(n) > maxPayload || n > math.MaxInt64 {
			return fail("document %q: %d bytes, at most %d", id, n, maxPayload)
		}
		payload.Reset()
		if _, err := io.CopyN(&payload, br, int64(n)); err != nil {
			return ioFail(fmt.Sprintf("document %q", id), err)
		}
		var sum [4]byte
		if _, err := io.ReadFull(br, sum[:]); err != nil {
			return ioFail(fmt.Sprintf("document %q", id), err)
		}
		p := payload.Bytes()
		if crc := crc32.Update(crc32.Checksum(id, castagnoli), castagnoli, p); crc != binary.LittleEndian.Uint32(sum[:]) {
			return fail("document %q: checksum mismatch", id)
		}
		d, err := decodeDoc(string(id), p, opt.MaxWords)
		if err != nil {
			return fail("document %q: %v", id, err)
		}
		d.slot = uint32(len(ix.slots))
		ix.slots = append(ix.slots, d)
		ix.byID[d.id] = d
		g := grams(nil, d.words)
		for i := range g {
			g[i] = entry(g[i], d.slot)
		}
		ix.post.add(g)
	}
	ix.post.flush()
	return ix, nil
}

// errReader remembers the first error of its reader other than io.EOF,
// which tells a failing reader from damaged data.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// decodeDoc parses a document's payload.
func decodeDoc(id string, p []byte, maxWords int) (*document, error) {
	n, k := binary.Uvarint(p)
	if k <= 0 {
		return nil, errors.New("bad word count")
	}
	p = p[k:]
	if n > uint64(maxWords) || n*4 > uint64(len(p)) {
		return nil, fmt.Errorf("%d words do not fit", n)
	}
	d := &document{id: id, words: make([]uint32, n), starts: make([]uint32, n), lens: make([]uint8, n)}
	for i := range d.words {
		d.words[i] = binary.LittleEndian.Uint32(p[4*i:])
	}
	p = p[4*n:]
	end := uint64(0)
	for i := range d.starts {
		delta, k := binary.Uvarint(p)
		if k <= 0 || k >= len(p) {
			return nil, fmt.Errorf("word %d: bad offset", i)
		}
		l := p[k]
		p = p[k+1:]
		start := end + delta
		if delta > maxOffset || start+uint64(l) > maxOffset || l == 0 {
			return nil, fmt.Errorf("word %d: offset %d+%d out of range", i, start, l)
		}
		d.starts[i], d.lens[i] = uint32(start), l
		end = start + uint64(l)
	}
	if len(p) != 0 {
		return nil, fmt.Errorf("%d bytes after the last word", len(p))
	}
	return d, nil
}
