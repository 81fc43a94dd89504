package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/glossnotes/gloss/notebook"
)

// cslItem is one entry of CSL-JSON (the CSL 1.0.2 data schema), fields in
// the order written.
type cslItem struct {
	ID             string    `json:"id"`
	CitationKey    string    `json:"citation-key"`
	Type           string    `json:"type"`
	Title          string    `json:"title,omitempty"`
	Author         []cslName `json:"author,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	Accessed       *cslDate  `json:"accessed,omitempty"`
	URL            string    `json:"URL,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	Language       string    `json:"language,omitempty"`
}

// cslName is a person (family, given, suffix) or a literal name.
type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Suffix  string `json:"suffix,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// cslDate is a CSL date: one date of year, month and day.
type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

func cslDateOf(t time.Time) *cslDate {
	if t.IsZero() {
		return nil
	}
	return &cslDate{DateParts: [][]int{{t.Year(), int(t.Month()), t.Day()}}}
}

func cslDayOf(d notebook.Date) *cslDate {
	if d.IsZero() {
		return nil
	}
	return cslDateOf(d.Time())
}

func toCSL(r reference) cslItem {
	it := cslItem{
		ID: r.key, CitationKey: r.key, Type: r.typ, Title: r.title, ContainerTitle: r.container,
		Publisher: r.publisher, Issued: cslDayOf(r.issued), URL: r.url, DOI: r.doi, Language: r.language,
	}
	if !r.accessed.IsZero() {
		it.Accessed = cslDateOf(r.accessed.UTC())
	}
	for _, n := range r.names {
		it.Author = append(it.Author, cslName{Family: n.Family, Given: n.Given, Suffix: n.Suffix, Literal: n.Literal})
	}
	return it
}

// writeCSL writes a CSL-JSON array, one item per article, as it reads
// them.
func writeCSL(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	var streamErr error
	n := 0
	for r := range references(items, opt, &streamErr) {
		buf.Reset()
		if err := enc.Encode(toCSL(r)); err != nil {
			return fmt.Errorf("reference %s: %w", r.key, err)
		}
		sep := ",\n  "
		if n == 0 {
			sep = "[\n  "
		}
		io.WriteString(w, sep)
		if _, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		n++
	}
	if streamErr != nil {
		return streamErr
	}
	if n == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}
