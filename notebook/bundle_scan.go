package notebook

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

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
	// The buffer is no larger than what the scanner may read: sniffing a
	// file for the bundle marker (every file of a folder import) reads
	// 512 bytes and must not allocate 64 KB.
	size := 64 << 10
	if lim.Total > 0 && lim.Total < int64(size) {
		size = int(lim.Total)
	}
	return &bundleScanner{r: bufio.NewReaderSize(&limitReader{r: r, max: lim.Total}, size), lim: lim}
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
