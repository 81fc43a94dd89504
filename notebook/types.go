// Package notebook holds Gloss's domain types (articles, annotations, tags)
// and the Notebook service, whose methods are every user operation. Both the
// desktop app and the CLI are thin front ends over it.
//
// The service persists through the Store interface defined here; package
// storage implements it on a bbolt file.
package notebook

import (
	"time"

	"github.com/glossnotes/gloss/notebook/ingest"
)

// Article is one imported document.
//
// The metadata lives apart from the text (Body) so that listing articles
// never reads their bodies.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Byline    string    `json:"byline"`
	Outlet    string    `json:"outlet"`
	URL       string    `json:"url"`
	Published Date      `json:"published"`
	Added     time.Time `json:"added"`
	Updated   time.Time `json:"updated"`
	Language  string    `json:"language"`
	Tags      []string  `json:"tags"`
	Note      string    `json:"note"` // the researcher's summary, Markdown
	// Creator is who imported the article ("Name <email>"), in a notebook
	// shared with others; empty when unknown.
	Creator string `json:"creator,omitempty"`
	// CiteKey is the article's citation key (e.g. mugabi2023russia): unique
	// in the notebook and never changed behind the user's back.
	CiteKey   string `json:"citekey,omitempty"`
	TextHash  string `json:"text_hash"`
	MediaType string `json:"media_type"`
	Version   int    `json:"version"` // 1 for the text as imported, +1 per edit
	Chars     int    `json:"chars"`   // length of the text in code points
}

// ArticleSummary is an article as listed: its stored record and the number
// of live (not trashed) annotations on it, which is counted when read and
// never stored. In JSON the count sits beside the article's own fields.
type ArticleSummary struct {
	Article
	Annotations int `json:"annotations"`
}

// Body is an article's text, stored apart from its metadata.
type Body struct {
	Text  string             `json:"text"`
	Kinds []ingest.BlockKind `json:"kinds,omitempty"`
}

// Source is the original bytes an article was imported from.
type Source struct {
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Data      []byte `json:"data"`
}

// Color is one of the eight highlight colours.
type Color string

// The highlight palette. Yellow is the default.
const (
	Yellow  Color = "yellow"
	Red     Color = "red"
	Green   Color = "green"
	Blue    Color = "blue"
	Purple  Color = "purple"
	Magenta Color = "magenta"
	Orange  Color = "orange"
	Gray    Color = "gray"
)

// Colors lists the palette in its display order.
var Colors = []Color{Yellow, Red, Green, Blue, Purple, Magenta, Orange, Gray}

// PrintColors are the palette's strong tones, as hex values, for pictures
// and pages Gloss writes (timelines, the HTML export's borders).
var PrintColors = map[Color]string{
	Yellow: "#f2d600", Red: "#e53935", Green: "#43a047", Blue: "#1e88e5",
	Purple: "#7e57c2", Magenta: "#d81b60", Orange: "#fb8c00", Gray: "#757575",
}

// Status says how an annotation is attached to its article's current text.
type Status string

// Annotation statuses.
const (
	Anchored Status = "anchored" // the quote is where it was
	Moved    Status = "moved"    // re-attached elsewhere or with small changes
	Orphaned Status = "orphaned" // could not be re-attached; kept, never dropped
)

// Annotation is a highlight (with optional note and tags) on an article.
//
// Start and End count Unicode code points in the article's text, as the W3C
// Web Annotation TextPositionSelector does.
type Annotation struct {
	ID        string   `json:"id"`
	ArticleID string   `json:"article_id"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Quote     string   `json:"quote"`
	Prefix    string   `json:"prefix"`
	Suffix    string   `json:"suffix"`
	Color     Color    `json:"color"`
	Note      string   `json:"note"`
	Tags      []string `json:"tags"`
	Status    Status   `json:"status"`
	// Creator is who made the annotation ("Name <email>"); empty when
	// unknown.
	Creator string    `json:"creator,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// History lists earlier anchors (before a move or a manual re-attach),
	// oldest first.
	History []AnchorChange `json:"history,omitempty"`
	// UserEvent is the event date the user set by hand; nil when Gloss's
	// own reading of the passage applies (see Notebook.Event).
	UserEvent *UserEvent `json:"user_event,omitempty"`
}

// UserEvent is an event date set by hand on an annotation: it replaces the
// date Gloss reads in the passage and is never overwritten by it. Cleared
// means the user said the passage tells of no date.
type UserEvent struct {
	Start     string    `json:"start,omitempty"` // YYYY-MM-DD, first day
	End       string    `json:"end,omitempty"`   // YYYY-MM-DD, last day
	Precision string    `json:"precision,omitempty"`
	Cleared   bool      `json:"cleared,omitempty"`
	Set       time.Time `json:"set"`
}

// TagCount is one line of the tag list: a tag and how many articles and
// annotations carry it or one of its children.
type TagCount struct {
	Name        string `json:"name"`
	Color       Color  `json:"color,omitempty"`
	Articles    int    `json:"articles"`
	Annotations int    `json:"annotations"`
}

// Tag is a tag's own record (its first spelling and optional colour).
type Tag struct {
	Name  string `json:"name"`
	Color Color  `json:"color,omitempty"`
}

// TrashEntry is an article (with its annotations) or a single annotation
// that was deleted and can be restored.
type TrashEntry struct {
	ID          string       `json:"id"` // the deleted item's ID
	Kind        string       `json:"kind"`
	Deleted     time.Time    `json:"deleted"`
	Title       string       `json:"title"` // article title, for listings
	Article     *Article     `json:"article,omitempty"`
	Body        *Body        `json:"body,omitempty"`
	Source      *Source      `json:"source,omitempty"`
	Versions    []Version    `json:"versions,omitempty"`
	Annotations []Annotation `json:"annotations,omitempty"`
}

// Trash entry kinds.
const (
	TrashArticle    = "article"
	TrashAnnotation = "annotation"
)
