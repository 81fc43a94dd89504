package notebook

import (
	"bufio"
	"compress/gzip"
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
