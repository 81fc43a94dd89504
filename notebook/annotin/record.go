package annotin

import (
	"strings"
	"time"
)

// Kind is a source format of annotations.
type Kind string

// The formats Parse recognises.
const (
	Hypothesis Kind = "hypothesis" // Hypothesis API JSON
	W3C        Kind = "w3c"        // W3C Web Annotation JSON-LD
	Readwise   Kind = "readwise"   // Readwise CSV export
)

// Kinds lists the formats, for help texts.
var Kinds = []Kind{Hypothesis, W3C, Readwise}

// Record is one imported annotation, in no tool's terms.
type Record struct {
	// Source is the format the record came from; SourceID is its ID there
	// (for Readwise, which has none, a hash of the book title, the
	// highlight, its location and time). Together they identify the
	// record across re-imports.
	Source   Kind
	SourceID string
	// URL, Title and Author describe the annotated document as the source
	// names it. URL is as written; use NormalizeURL to match it. A W3C
	// export of an article without a URL has urn:gloss:article:ID here
	// (see ArticleURNID).
	URL, Title, Author string
	// Quote is the highlighted text, with up to a few dozen characters of
	// context on each side. Quote is empty for a note on the whole
	// document (a Hypothesis page note).
	Quote, Prefix, Suffix string
	// Start and End are the source's position of the quote when HasPos is
	// set: code points in the W3C model (and in Gloss's export), UTF-16
	// units of the page's text in Hypothesis. A hint only: the source's
	// text is rarely the same as the article's.
	Start, End int
	HasPos     bool
	// Note is the annotation's note, Markdown (or plain text).
	Note string
	// Tags are the annotation's tags; ArticleTags are tags the source puts
	// on the whole document (Readwise's "Document tags").
	Tags        []string
	ArticleTags []string
	// Color is one of Gloss's eight colour names (see Colors), or "" when
	// the source has no colour or one Gloss cannot map.
	Color string
	// Created and Updated are zero when unknown.
	Created, Updated time.Time
	// User is the author of the annotation as the source names it
	// ("alice@hypothes.is"), or "".
	User string
}

// Colors are Gloss's highlight colour names, as package notebook spells
// them (this package cannot import it).
var Colors = []string{"yellow", "red", "green", "blue", "purple", "magenta", "orange", "gray"}

// colorAliases maps other tools' colour names to Gloss's.
var colorAliases = map[string]string{
	"pink": "magenta", "grey": "gray", "violet": "purple", "cyan": "blue", "teal": "green",
}

// MapColor returns the Gloss colour for a source's colour name
// ("Yellow", "pink" → "magenta"), or "" when there is none.
func MapColor(c string) string {
	c = strings.ToLower(strings.TrimSpace(c))
	for _, g := range Colors {
		if c == g {
			return g
		}
	}
	return colorAliases[c]
}

// articleURN is the prefix of the target of a Gloss article without a URL
// (export.ArticleURN).
const articleURN = "urn:gloss:article:"

// annotationURN is the prefix of a Gloss annotation's ID in a W3C export
// (export.AnnotationURN).
const annotationURN = "urn:gloss:annotation:"

// ArticleURNID returns the Gloss article ID from a record URL of the form
// urn:gloss:article:ID (what Gloss's W3C export writes for an article that
// has no URL).
func ArticleURNID(u string) (id string, ok bool) {
	if id, ok = strings.CutPrefix(u, articleURN); !ok || id == "" {
		return "", false
	}
	return id, true
}

// AnnotationURNID returns the Gloss annotation ID from a SourceID of the
// form urn:gloss:annotation:ID (an annotation exported by Gloss).
func AnnotationURNID(sourceID string) (id string, ok bool) {
	if id, ok = strings.CutPrefix(sourceID, annotationURN); !ok || id == "" {
		return "", false
	}
	return id, true
}
