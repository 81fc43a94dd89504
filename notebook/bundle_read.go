package notebook

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Reading a bundle is done by bundleScanner, a small scanner for the
// bundle's outer structure (the top-level object and its arrays), which
// hands each record's raw JSON to encoding/json once the record is
// complete and known to be within the limits.
//
// Why not json.Decoder (or another library) on the whole stream:
// json.Decoder buffers a whole value before decoding it, so one article
// with a 1 GB text is read into memory (several times over) before any
// check can run, and it rescans leading white space on every refill of its
// buffer, so 64 MB of spaces take minutes. The jsontext decoder of
// go-json-experiment, goccy/go-json, segmentio/encoding and sonic also read
// a value whole and offer no bound on one value's size. The scanner below
// enforces the limits while it reads, byte by byte where it must: a string
// longer than any field may be is refused as soon as it is, white space
// outside strings is dropped rather than buffered, nesting is bounded, and
// the decompressed stream as a whole is bounded (MaxBundleBytes).

// Limits on reading a bundle, checked while reading, so that a bundle which
// exceeds one is refused after reading at most that much (see also the
// per-field limits in validate.go, checked on each record).
const (
	// MaxBundleBytes bounds a bundle, decompressed. The whole merge is one
	// transaction, whose pages stay in memory until it commits.
	MaxBundleBytes = 2 << 30
	// MaxBundleRecordBytes bounds one record (an article with its text,
	// source, versions and annotations; a tag; a trash entry) as JSON,
	// not counting white space between tokens: a text of MaxTextBytes,
	// its source of MaxSourceBytes (in base64) and two earlier versions
	// of the same size fit.
	MaxBundleRecordBytes = 256 << 20
	// maxBundleDepth bounds the nesting of arrays and objects inside a
	// record (a valid one nests five deep).
	maxBundleDepth = 16
)

// bundleLimits are the limits one read applies; tests lower them.
type bundleLimits struct {
	Total  int64 // the decompressed bundle, in bytes
	Record int   // one record, in bytes of JSON without white space
	// String bounds one JSON string in a record, counted as its JSON text
	// less one byte per backslash escape: the longest string a valid
	// bundle holds is an article source (MaxSourceBytes) in base64.
	String int
	Depth  int // nesting inside a record
}

// defaultBundleLimits are the limits MergeBundle applies.
var defaultBundleLimits = bundleLimits{
	Total:  MaxBundleBytes,
	Record: MaxBundleRecordBytes,
	String: base64Len(MaxSourceBytes) + 1024,
	Depth:  maxBundleDepth,
}

// base64Len is the length of n bytes in standard base64 (as encoding/json
// writes []byte).
func base64Len(n int) int { return (n + 2) / 3 * 4 }

// errTooLarge says the decompressed bundle exceeds bundleLimits.Total.
type errTooLarge struct{ limit int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("the bundle is larger than %d bytes uncompressed (the limit)", e.limit)
}

// limitReader reads at most max bytes from r and fails with errTooLarge
// when r holds more (unlike io.LimitReader, which would make an oversized
// bundle look truncated).
type limitReader struct {
	r      io.Reader
	n, max int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.max {
		var one [1]byte
		k, err := l.r.Read(one[:])
		if k > 0 {
			return 0, errTooLarge{l.max}
		}
		return 0, err
	}
	if rest := l.max - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	return k, err
}

// decompress returns r, decompressed when it starts with the gzip magic
// number.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrInvalid, err)
		}
		return zr, nil
	}
	return br, nil
}

// bundleScanner reads a bundle's outer structure. off is the offset in the
// decompressed stream of the next byte to read; every error it returns
// names an offset.
type bundleScanner struct {
	r   *bufio.Reader
	off int64
	lim bundleLimits
	buf []byte // the current record, reused
}

func newBundleScanner(r io.Reader, lim bundleLimits) *bundleScanner {
	return &bundleScanner{r: bufio.NewReaderSize(&limitReader{r: r, max: lim.Total}, 64<<10), lim: lim}
}

// syntaxError is a bundle that cannot be read: what is wrong, and at
// which offset of the decompressed stream. It is an ErrInvalid.
type syntaxError struct {
	off int64
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("byte %d: %s", e.off, e.msg) }

// Is makes a syntaxError match ErrInvalid.
func (e *syntaxError) Is(target error) bool { return target == ErrInvalid }

// syntaxf is a malformed-bundle error at offset off.
func syntaxf(off int64, format string, args ...any) error {
	return &syntaxError{off, fmt.Sprintf(format, args...)}
}

// readErr turns a read error at offset off into a bundle error.
func readErr(off int64, err error) error {
	var tl errTooLarge
	switch {
	case errors.As(err, &tl):
		return &syntaxError{off, tl.Error()}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return syntaxf(off, "the bundle ends early (truncated?)")
	}
	return syntaxf(off, "%v", err)
}

// grow makes room for n more bytes in s.buf, doubling its capacity (append
// grows large slices by a quarter, which copies a long text many times).
func (s *bundleScanner) grow(n int) {
	if len(s.buf)+n <= cap(s.buf) {
		return
	}
	c := max(2*cap(s.buf), len(s.buf)+n, 4096)
	buf := make([]byte, len(s.buf), c)
	copy(buf, s.buf)
	s.buf = buf
}

func (s *bundleScanner) readByte() (byte, error) {
	c, err := s.r.ReadByte()
	if err != nil {
		return 0, readErr(s.off, err)
	}
	s.off++
	return c, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace discards JSON white space up to the next other byte (or the
// end of the input), a buffer at a time.
func (s *bundleScanner) skipSpace() {
	for {
		if _, err := s.r.Peek(1); err != nil {
			return // the next read reports it
		}
		buf, _ := s.r.Peek(s.r.Buffered())
		i := 0
		for i < len(buf) && isSpace(buf[i]) {
			i++
		}
		s.r.Discard(i)
		s.off += int64(i)
		if i < len(buf) {
			return
		}
	}
}

// next returns the next byte that is not JSON white space.
func (s *bundleScanner) next() (byte, error) {
	s.skipSpace()
	return s.readByte()
}

// expect reads the next non-space byte and requires it to be want.
func (s *bundleScanner) expect(want byte, what string) error {
	c, err := s.next()
	if err != nil {
		return err
	}
	if c != want {
		return syntaxf(s.off-1, "want %s, found %q", what, c)
	}
	return nil
}

// key reads an object key (a short string, at most 64 bytes) and the
// colon after it; the opening quote is already read.
func (s *bundleScanner) key() (string, error) {
	start := s.off - 1
	s.buf = append(s.buf[:0], '"')
	if err := s.str(64); err != nil {
		return "", err
	}
	var k string
	if err := json.Unmarshal(s.buf, &k); err != nil {
		return "", syntaxf(start, "bad key: %v", err)
	}
	return k, s.expect(':', "':' after a key")
}

// str appends the rest of a JSON string (after its opening quote, which
// is in s.buf) to s.buf, refusing one longer than max (see
// bundleLimits.String) as soon as it is.
func (s *bundleScanner) str(max int) error {
	start := s.off - 1
	size := 0    // bytes so far, less one per backslash escape
	slashes := 0 // backslashes just before the current byte
	for {
		chunk, err := s.r.ReadSlice('"')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			s.off += int64(len(chunk))
			return readErr(s.off, err)
		}
		s.off += int64(len(chunk))
		body := chunk
		closed := err == nil
		if closed {
			body = chunk[:len(chunk)-1]
		}
		for _, c := range body {
			if c < 0x20 {
				return syntaxf(start, "control character %#x inside a string", c)
			}
			if c == '\\' {
				slashes++
				if slashes%2 == 1 {
					size--
				}
			} else {
				slashes = 0
			}
		}
		size += len(chunk)
		if size > max {
			return syntaxf(start, "a string longer than %d bytes (the limit for any field)", max)
		}
		if len(s.buf)+len(chunk) > s.lim.Record {
			return syntaxf(start, "the record is longer than %d bytes (the limit)", s.lim.Record)
		}
		s.grow(len(chunk))
		s.buf = append(s.buf, chunk...)
		if closed {
			if slashes%2 == 0 {
				return nil
			}
			// The quote was escaped: part of the string.
			slashes = 0
		}
	}
}

// value reads one complete JSON value (its first byte c already read)
// into s.buf, without the white space between tokens, checking the record
// limits. It checks brackets and strings, not the grammar in full:
// encoding/json does that when the record is decoded.
func (s *bundleScanner) value(c byte) error {
	start := s.off - 1
	s.buf = s.buf[:0]
	var stack []byte // closing brackets expected
	space := false   // white space was dropped before c
	for {
		if space && !isSpace(c) {
			// Keep one space between two scalars ("1 2" must not become
			// "12"); other white space is dropped.
			if n := len(s.buf); n > 0 && isScalarByte(s.buf[n-1]) && isScalarByte(c) {
				s.buf = append(s.buf, ' ')
			}
			space = false
		}
		switch {
		case c == '{' || c == '[':
			if len(stack) >= s.lim.Depth {
				return syntaxf(s.off-1, "nested more than %d levels deep", s.lim.Depth)
			}
			stack = append(stack, c+2) // '}' is '{'+2, ']' is '['+2
			s.buf = append(s.buf, c)
		case c == '}' || c == ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return syntaxf(s.off-1, "unexpected %q", c)
			}
			stack = stack[:len(stack)-1]
			s.buf = append(s.buf, c)
		case c == '"':
			s.buf = append(s.buf, c)
			if err := s.str(s.lim.String); err != nil {
				return err
			}
		case isSpace(c):
			space = true
			s.skipSpace()
		case c == ',' || c == ':' || c == '-' || c == '+' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			s.buf = append(s.buf, c)
		default:
			return syntaxf(s.off-1, "unexpected %q", c)
		}
		if len(s.buf) > s.lim.Record {
			return syntaxf(start, "the record is longer than %d bytes (the limit)", s.lim.Record)
		}
		if len(stack) == 0 && !isScalarByte(c) {
			return nil
		}
		if len(stack) == 0 {
			// A number or literal at the top ends before the next
			// delimiter.
			next, err := s.r.Peek(1)
			if err != nil || !isScalarByte(next[0]) {
				return nil
			}
		}
		var err error
		if c, err = s.readByte(); err != nil {
			return err
		}
	}
}

// isScalarByte reports whether c can be part of a number or literal.
func isScalarByte(c byte) bool {
	return c == '-' || c == '+' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// header reads the opening brace and the "gloss_bundle" key, and returns
// the format version as written.
func (s *bundleScanner) header() (string, error) {
	if c, err := s.next(); err != nil || c != '{' {
		return "", errNotBundle
	}
	if c, err := s.next(); err != nil || c != '"' {
		return "", errNotBundle
	}
	if k, err := s.key(); err != nil || k != bundleMarker {
		return "", errNotBundle
	}
	c, err := s.next()
	if err != nil {
		return "", err
	}
	saved := s.lim
	s.lim.Record, s.lim.String, s.lim.Depth = 64, 64, 1
	err = s.value(c)
	s.lim = saved
	if err != nil {
		return "", fmt.Errorf("%w: bundle format version: %v", ErrInvalid, err)
	}
	return string(s.buf), nil
}

// checkVersion reads the format version as written in a bundle.
func checkVersion(raw string) error {
	v, err := strconv.ParseInt(raw, 10, 64)
	switch {
	case err != nil || v < 1:
		return fmt.Errorf("%w: bundle format version %s is not supported (this Gloss reads version %d)", ErrInvalid, raw, BundleVersion)
	case v > BundleVersion:
		return fmt.Errorf("bundle format version %d: %w (this Gloss reads version %d; update Gloss)", v, ErrNewerSchema, BundleVersion)
	}
	return nil
}

// nextKey reads the separator before the next top-level key and the key;
// it returns "" at the end of the bundle, after checking that nothing but
// white space follows the closing brace.
func (s *bundleScanner) nextKey() (string, error) {
	c, err := s.next()
	if err != nil {
		return "", err
	}
	switch c {
	case '}':
		return "", s.end()
	case ',':
	default:
		return "", syntaxf(s.off-1, "want ',' or '}' after a top-level field, found %q", c)
	}
	if err := s.expect('"', "a key"); err != nil {
		return "", err
	}
	return s.key()
}

// end checks that only white space follows the bundle.
func (s *bundleScanner) end() error {
	s.skipSpace()
	_, err := s.r.ReadByte()
	switch {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return readErr(s.off, err)
	}
	return syntaxf(s.off, "data after the end of the bundle")
}

// skip reads and discards one value (a field this Gloss does not know),
// within the record limits.
func (s *bundleScanner) skip() error {
	c, err := s.next()
	if err != nil {
		return err
	}
	return s.value(c)
}

// array reads a top-level array of records, calling fn with each record's
// number (from 1), offset and raw JSON (valid until fn returns). An error
// inside a record names the record.
func (s *bundleScanner) array(section string, fn func(num int, off int64, raw []byte) error) error {
	if err := s.expect('[', "a list"); err != nil {
		return err
	}
	for num := 1; ; num++ {
		c, err := s.next()
		if err != nil {
			return err
		}
		if c == ']' && num == 1 {
			return nil
		}
		if num > 1 {
			switch c {
			case ']':
				return nil
			case ',':
				if c, err = s.next(); err != nil {
					return err
				}
			default:
				return syntaxf(s.off-1, "want ',' or ']' after record #%d, found %q", num-1, c)
			}
		}
		off := s.off - 1
		if c != '{' {
			return syntaxf(off, "record #%d is not an object", num)
		}
		if err := s.value(c); err != nil {
			return &BundleError{Section: section, Record: num, Offset: off, Err: err}
		}
		if err := fn(num, off, s.buf); err != nil {
			return err
		}
		if cap(s.buf) > 1<<20 {
			s.buf = nil // do not keep a large record's buffer
		}
	}
}

// sniffBundle reports whether r starts like a bundle: white space, then
// '{' and the "gloss_bundle" key. It reads at most a few hundred bytes.
func sniffBundle(r io.Reader) bool {
	s := newBundleScanner(io.LimitReader(r, 512), bundleLimits{Total: 512, Record: 64, String: 64, Depth: 1})
	if c, err := s.next(); err != nil || c != '{' {
		return false
	}
	if c, err := s.next(); err != nil || c != '"' {
		return false
	}
	k, err := s.key()
	return err == nil && k == bundleMarker
}

// errNotBundle says the input is not a Gloss bundle.
var errNotBundle = fmt.Errorf("%w: not a Gloss bundle (no %q marker)", ErrInvalid, bundleMarker)
