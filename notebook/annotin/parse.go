package annotin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"
	"unicode/utf8"
)

// sniffHead is how much of an input Parse and Sniff look at to tell the
// formats apart.
const sniffHead = 64 << 10

var (
	w3cMarker  = regexp.MustCompile(`"@context"|anno\.jsonld|"type"\s*:\s*"(?:Annotation|AnnotationCollection|AnnotationPage)"`)
	hypoMarker = regexp.MustCompile(`"(?:rows|uri)"\s*:|"user"\s*:\s*"acct:|hypothes\.is`)
)

// Sniff tells the format of an input from its first bytes (a few KB are
// enough): JSON with the W3C context or annotation types is W3C, JSON
// with Hypothesis's rows, uri or acct: users is Hypothesis, and CSV whose
// header has Highlight and a title column is Readwise. It is cheap and
// reads no further than head.
func Sniff(head []byte) (Kind, bool) {
	head = bytes.TrimPrefix(head, utf8BOM)
	if len(head) > sniffHead {
		head = head[:sniffHead]
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 {
		return "", false
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		switch {
		case w3cMarker.Match(head):
			return W3C, true
		case hypoMarker.Match(head):
			return Hypothesis, true
		}
		return "", false
	}
	line := trimmed
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	if _, err := readwiseColumns(splitHeader(line)); err == nil {
		return Readwise, true
	}
	return "", false
}

// Parse reads annotations from r, telling the format by content (Sniff),
// within limits. name is the input's name for error messages (a file
// name). Errors are *ParseError values.
func Parse(r io.Reader, name string, limits Limits) (Kind, []Record, error) {
	p, err := newParser(r, name, "", limits)
	if err != nil {
		return "", nil, err
	}
	kind, ok := p.jsonKind()
	if !ok {
		kind, ok = Sniff(p.data)
	}
	if !ok {
		return "", nil, p.fail(0, "", fmt.Errorf("not a Hypothesis or W3C annotation export nor a Readwise CSV"))
	}
	p.kind = kind
	recs, err := p.parse()
	return kind, recs, err
}

// jsonKind tells Hypothesis from W3C JSON by its structure (the keys of
// the top object, or of the first element of a top array), which text
// inside a note cannot fake as it can fool Sniff's look at the bytes.
func (p *parser) jsonKind() (Kind, bool) {
	all := jsonValue{raw: p.data}
	first := all.firstByte()
	if first != '{' && first != '[' {
		return "", false
	}
	if p.checkJSON() != nil {
		return "", false
	}
	obj := all
	if first == '[' {
		var el *jsonValue
		p.elements(all, func(_ int, v jsonValue) error {
			el = &v
			return errStop
		})
		if el == nil || el.firstByte() != '{' {
			return "", false
		}
		obj = *el
	}
	keys, err := p.fields(obj, func(string) bool { return true })
	if err != nil {
		return "", false
	}
	has := func(k string) bool { _, ok := keys[k]; return ok }
	switch {
	case has("rows") || has("annotations") || has("uri") || has("user") && has("target") && has("document"):
		return Hypothesis, true
	case has("@context") || has("first") || has("items") || has("type") && has("target") || has("motivation"):
		return W3C, true
	}
	return "", false
}

// errStop ends a walk early.
var errStop = errors.New("stop")

// ParseAs reads annotations from r in the given format (for a caller that
// knows it, or to override sniffing).
func ParseAs(r io.Reader, name string, kind Kind, limits Limits) ([]Record, error) {
	p, err := newParser(r, name, kind, limits)
	if err != nil {
		return nil, err
	}
	return p.parse()
}

// parser holds one input being read.
type parser struct {
	name     string
	kind     Kind
	lim      Limits
	data     []byte
	deadline time.Time
	recs     []Record
	checked  bool // the JSON passed checkDepth and validJSON
}

// checkJSON runs the depth and syntax checks once.
func (p *parser) checkJSON() error {
	if p.checked {
		return nil
	}
	if off, err := checkDepth(p.data, p.lim.MaxDepth); err != nil {
		return p.failAt(0, int64(off), "", err)
	}
	if err := p.validJSON(); err != nil {
		return err
	}
	p.checked = true
	return nil
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// newParser reads the whole input, at most lim.MaxBytes, and checks that
// it is UTF-8.
func newParser(r io.Reader, name string, kind Kind, lim Limits) (*parser, error) {
	lim = lim.withDefaults()
	p := &parser{name: name, kind: kind, lim: lim, deadline: time.Now().Add(lim.Timeout)}
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, p.fail(0, "", fmt.Errorf("read: %w", err))
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, p.fail(0, "", limitErr("larger than %s", sizeString(lim.MaxBytes)))
	}
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		return nil, p.fail(0, "", fmt.Errorf("the file is UTF-16; save it as UTF-8"))
	}
	bom := 0
	if bytes.HasPrefix(data, utf8BOM) {
		bom = len(utf8BOM)
	}
	if !utf8.Valid(data[bom:]) {
		off := bom + invalidUTF8(data[bom:])
		line, col := lineCol(data, off)
		return nil, &ParseError{Name: name, Kind: kind, Line: line, Column: col, Err: fmt.Errorf("invalid UTF-8 at byte %d", off)}
	}
	data = data[bom:]
	p.data = data
	return p, nil
}

func (p *parser) parse() ([]Record, error) {
	switch p.kind {
	case Hypothesis:
		return p.recs, p.parseHypothesis()
	case W3C:
		return p.recs, p.parseW3C()
	case Readwise:
		return p.recs, p.parseReadwise()
	}
	return nil, p.fail(0, "", fmt.Errorf("format %q: want hypothesis, w3c or readwise", p.kind))
}

// fail makes a *ParseError for record rec (0: none).
func (p *parser) fail(rec int, field string, err error) *ParseError {
	return &ParseError{Name: p.name, Kind: p.kind, Record: rec, Field: field, Err: err}
}

// failAt makes a *ParseError at a byte offset of the input.
func (p *parser) failAt(rec int, off int64, field string, err error) *ParseError {
	e := p.fail(rec, field, err)
	if off >= 0 && off <= int64(len(p.data)) {
		e.Line, e.Column = lineCol(p.data, int(off))
	}
	return e
}

// add appends a record after checking the limits.
func (p *parser) add(rec Record) error {
	if len(p.recs) >= p.lim.MaxRecords {
		return limitErr("more than %d annotations", p.lim.MaxRecords)
	}
	if time.Now().After(p.deadline) {
		return limitErr("reading took longer than %s", p.lim.Timeout)
	}
	if len(rec.Tags) > p.lim.MaxTags || len(rec.ArticleTags) > p.lim.MaxTags {
		return limitErr("more than %d tags", p.lim.MaxTags)
	}
	for _, f := range []struct{ name, v string }{
		{"id", rec.SourceID}, {"url", rec.URL}, {"title", rec.Title}, {"author", rec.Author},
		{"quote", rec.Quote}, {"prefix", rec.Prefix}, {"suffix", rec.Suffix}, {"note", rec.Note}, {"user", rec.User},
	} {
		if len(f.v) > p.lim.MaxField {
			return limitErr("%s is %s, more than %s", f.name, sizeString(int64(len(f.v))), sizeString(int64(p.lim.MaxField)))
		}
	}
	for _, t := range append(rec.Tags[:len(rec.Tags):len(rec.Tags)], rec.ArticleTags...) {
		if len(t) > p.lim.MaxField {
			return limitErr("a tag is %s, more than %s", sizeString(int64(len(t))), sizeString(int64(p.lim.MaxField)))
		}
	}
	p.recs = append(p.recs, rec)
	return nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineCol returns the 1-based line and byte column of offset off.
func lineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	return line, off - (bytes.LastIndexByte(b[:off], '\n') + 1) + 1
}
