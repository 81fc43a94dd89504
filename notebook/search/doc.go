// Package search is Gloss's fuzzy full-text engine. It knows documents
// (annotations and articles) and their fields, not notebook types: the
// notebook package turns its articles and annotations into Docs, keeps the
// Index up to date with Put, Delete or Apply, and calls Search on every
// keystroke.
//
// Every indexed field is normalised (NFKC, case and diacritics folded,
// dashes and apostrophes unified) and split into words. Each distinct word
// is kept once in a vocabulary with a posting list of the documents and
// fields it occurs in; a compact forward list per document keeps the word
// order and character offsets, for phrases, proximity and match ranges.
//
// A query term matches vocabulary words, best first: exactly, as a prefix
// ("lav" finds "Lavrov"), with a bounded typo (Damerau–Levenshtein 1 for
// terms of 5+ letters, 2 for 9+: "Lavrow", "Wagenr"), or as an abbreviation
// (a subsequence of one word, scored by github.com/sahilm/fuzzy: "wgnr"
// finds "Wagner"). Matching is per word, so a short query never matches a
// passage only because its letters are scattered across it.
package search

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind says whether a Doc is an annotation or an article.
type Kind uint8

// Document kinds.
const (
	KindAnnotation Kind = iota
	KindArticle
)

// String returns "annotation" or "article".
func (k Kind) String() string {
	switch k {
	case KindAnnotation:
		return "annotation"
	case KindArticle:
		return "article"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Field names an indexed field of a Doc.
type Field uint8

// Indexed fields. FieldByline covers both the byline and the outlet.
const (
	FieldNote Field = iota
	FieldQuote
	FieldTags
	FieldTitle
	FieldByline
	FieldBody
	numFields
)

var fieldNames = [numFields]string{"note", "quote", "tags", "title", "byline", "body"}

// String returns the field's name: "note", "quote", "tags", "title",
// "byline" or "body".
func (f Field) String() string {
	if f < numFields {
		return fieldNames[f]
	}
	return "field(" + strconv.Itoa(int(f)) + ")"
}

// fieldWeight says how much a match in each field counts: the researcher's
// own words and highlights rank above an article's body.
var fieldWeight = [numFields]float64{
	FieldNote:   1.0,
	FieldQuote:  0.9,
	FieldTags:   0.95,
	FieldTitle:  0.85,
	FieldByline: 0.6,
	FieldBody:   0.5,
}

// Doc is one searchable document: an annotation or an article.
//
// Annotations are searched in their Note, Quote and Tags; they carry their
// article's Title, Byline and Outlet only for the in:, by: and outlet:
// filters. Articles are searched in their Note, Tags, Title, Byline, Outlet
// and Body.
type Doc struct {
	ID, ArticleID string
	Kind          Kind
	Note          string
	Quote         string // annotations only
	Title         string
	Byline        string
	Outlet        string
	Body          string // articles only
	// Tags are full tag paths such as "Sahel/Mali"; tag:Sahel matches
	// "Sahel" and every "Sahel/…" below it.
	Tags      []string
	Color     string
	Creator   string // who made the annotation or imported the article (creator:)
	Orphan    bool
	Published time.Time // the article's publication date; zero if unknown
	Updated   time.Time // the last change; the final tie-breaker in ranking
}

// MaxFieldBytes bounds the text of one field that is indexed and searched:
// a longer field (the body of a whole book, or of a 50 MB text) is indexed
// up to its first MaxFieldBytes (about 300,000 words), cut at a character
// boundary, so that no single document makes every search slow.
const MaxFieldBytes = 2 << 20

// FieldText returns the text of field f of d that is indexed and that match
// ranges refer to, or "" when d has no such field: at most MaxFieldBytes
// of it. Tags are joined with ", "; FieldByline is the byline and the
// outlet joined with " · ".
func FieldText(d Doc, f Field) string {
	return capField(fieldText(d, f))
}

// capField cuts s to at most MaxFieldBytes at a character boundary.
func capField(s string) string {
	if len(s) <= MaxFieldBytes {
		return s
	}
	cut := MaxFieldBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func fieldText(d Doc, f Field) string {
	switch f {
	case FieldNote:
		return d.Note
	case FieldTags:
		return strings.Join(d.Tags, ", ")
	}
	if d.Kind == KindAnnotation {
		if f == FieldQuote {
			return d.Quote
		}
		return ""
	}
	switch f {
	case FieldTitle:
		return d.Title
	case FieldByline:
		switch {
		case d.Byline == "":
			return d.Outlet
		case d.Outlet == "":
			return d.Byline
		}
		return d.Byline + " · " + d.Outlet
	case FieldBody:
		return d.Body
	}
	return ""
}

// Range is a matched span of a field's text, in code points (Unicode
// characters, not bytes): text[Start:End] as runes.
type Range struct{ Start, End int }

// Match lists the matched spans in one field of a hit.
type Match struct {
	Field  Field
	Ranges []Range
}

// Hit is one search result.
type Hit struct {
	ID, ArticleID string
	Kind          Kind
	// Score orders the hits (higher is better); it is only meaningful
	// relative to other hits of the same search.
	Score   float64
	Matches []Match // by field, in Field order; empty for filter-only queries
}
