package ingest

import (
	"path/filepath"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/epub"
	"github.com/glossnotes/gloss/notebook/ingest/internal/html"
	"github.com/glossnotes/gloss/notebook/ingest/internal/markdown"
	"github.com/glossnotes/gloss/notebook/ingest/internal/mhtml"
	"github.com/glossnotes/gloss/notebook/ingest/internal/pdf"
	"github.com/glossnotes/gloss/notebook/ingest/internal/plain"
)

// parser turns the bytes of one document into an article within the
// budget b. name is the file name (or "-" for standard input) and is used
// in error messages only.
type parser func(b *budget.Budget, name string, data []byte) (draft.Article, error)

// format describes one supported input format.
type format struct {
	mediaType string
	exts      []string // lower case, with the leading dot
	parse     parser
}

// formats are the formats Gloss imports, each with its importer in an
// internal package.
var formats = []format{
	{"application/epub+zip", []string{".epub"}, epub.Parse},
	{"text/html", []string{".html", ".htm", ".xhtml", ".shtml"}, html.Parse},
	{"text/markdown", []string{".md", ".markdown", ".mdown", ".mkd"}, markdown.Parse},
	{"multipart/related", []string{".mhtml", ".mht"}, mhtml.Parse},
	{"application/pdf", []string{".pdf"}, pdf.Parse},
	{"text/plain", []string{".txt", ".text"}, plain.ParseFile},
}

// formatFor returns the format for a file name by its extension.
func formatFor(name string) (format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range formats {
		for _, e := range f.exts {
			if e == ext {
				return f, true
			}
		}
	}
	return format{}, false
}

// mediaTypeOf returns the media type of a file of format f named name: the
// format's, but application/xhtml+xml for an .xhtml page.
func mediaTypeOf(f format, name string) string {
	if f.mediaType == "text/html" && strings.EqualFold(filepath.Ext(name), ".xhtml") {
		return "application/xhtml+xml"
	}
	return f.mediaType
}

// Extensions lists every file extension the importers accept, e.g. for a
// file dialog filter or to pick files out of a folder.
func Extensions() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.exts...)
	}
	return out
}
