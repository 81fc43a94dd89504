// Package mhtml imports single-file web archives (.mhtml, .mht).
package mhtml

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/html"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// maxParts bounds the number of MIME parts looked at before the page.
const maxParts = 10_000

// Parse imports a single-file web archive (Chrome's and Edge's "Save
// as MHTML", Internet Explorer's .mht): the page's HTML part goes through
// the HTML importer, and the archive's own address fills in the URL when
// the page names none. (Package ingest keeps the whole archive as the
// source.)
func Parse(b *budget.Budget, name string, data []byte) (draft.Article, error) {
	if len(data) > draft.MaxFileSize {
		return draft.Article{}, draft.TooLarge(name, int64(len(data)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrEmpty)
	}
	if err := text.CheckBinary(name, data); err != nil {
		return draft.Article{}, err
	}
	page, contentType, location, err := findPage(b, data)
	if err != nil {
		return draft.Article{}, fmt.Errorf("import %s: not a readable MHTML archive: %w", name, err)
	}
	d, err := html.ParsePage(b, name, page, contentType, location)
	if err != nil {
		return draft.Article{}, err
	}
	return d, nil
}

// findPage finds the HTML page in an MHTML archive and returns its
// decoded bytes, its Content-Type (with the charset) and its address.
func findPage(b *budget.Budget, data []byte) (page []byte, contentType, location string, err error) {
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, "", "", err
	}
	location = strings.TrimSpace(msg.Header.Get("Snapshot-Content-Location"))
	if location == "" {
		location = strings.TrimSpace(msg.Header.Get("Content-Location"))
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, "", "", fmt.Errorf("Content-Type: %w", err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		// A one-part archive: the message body is the page itself.
		body, err := decode(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
		return body, msg.Header.Get("Content-Type"), location, err
	}
	boundary := params["boundary"]
	if boundary == "" {
		return nil, "", "", errors.New("multipart archive without a boundary")
	}
	start := strings.Trim(params["start"], "<>")
	mr := multipart.NewReader(msg.Body, boundary)
	var first []byte
	var firstType, firstLoc string
	for i := 0; i < maxParts; i++ {
		if err := b.Step(); err != nil {
			return nil, "", "", err
		}
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if first != nil {
				break // a damaged tail after the page does not matter
			}
			return nil, "", "", err
		}
		ct := part.Header.Get("Content-Type")
		pmt, _, _ := mime.ParseMediaType(ct)
		if pmt != "text/html" && pmt != "application/xhtml+xml" {
			continue
		}
		body, err := decode(part, part.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, "", "", err
		}
		loc := strings.TrimSpace(part.Header.Get("Content-Location"))
		id := strings.Trim(part.Header.Get("Content-ID"), "<> ")
		if (start != "" && id == start) || (location != "" && loc == location) {
			return body, ct, firstNonEmpty(location, loc), nil
		}
		if first == nil {
			first, firstType, firstLoc = body, ct, loc
			if start == "" && location == "" {
				break // the first HTML part is the page
			}
		}
	}
	if first == nil {
		return nil, "", "", errors.New("no HTML page in the archive")
	}
	return first, firstType, firstNonEmpty(location, firstLoc), nil
}

// decode reads a part body in its transfer encoding.
func decode(r io.Reader, encoding string) ([]byte, error) {
	lim := io.LimitReader(r, draft.MaxFileSize+1)
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return io.ReadAll(base64.NewDecoder(base64.StdEncoding, noSpace{lim}))
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(lim))
	default:
		return io.ReadAll(lim)
	}
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// noSpace drops the line breaks and spaces of base64 text.
type noSpace struct{ r io.Reader }

// Read reads from the underlying reader, dropping white space.
func (n noSpace) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
