package ingest

import (
	"path/filepath"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
)

// parser turns the bytes of one document into a Draft within the budget b.
// name is the file name (or "-" for standard input) and is used in error
// messages only.
type parser func(b *budget.Budget, name string, data []byte) (Draft, error)

// format describes one supported input format.
type format struct {
	mediaType string
	exts      []string
	parse     parser
}

// formats is filled by register calls in each format's init function.
var formats []format

// register adds a format. Extensions are lower case with the leading dot
// (".html"). It is called from init functions only.
func register(mediaType string, exts []string, parse parser) {
	formats = append(formats, format{mediaType: mediaType, exts: exts, parse: parse})
}

// formatFor returns the registered format for a file name by its extension.
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

// Extensions lists every file extension the importers accept, e.g. for a
// file dialog filter or to pick files out of a folder.
func Extensions() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.exts...)
	}
	return out
}
