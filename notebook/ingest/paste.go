package ingest

import (
	"context"
	"fmt"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/plain"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// pasteName stands for the file name in messages about pasted text.
const pasteName = "pasted text"

// Paste parses pasted text, from standard input ("gloss import -") or the
// clipboard ("paste as new article"): it is read as plain text, with the
// same title, byline, date, clutter and paragraph detection as a .txt file.
// When the first non-blank line is a web address ("https://…", "<https://…>"
// or "Source: https://…"), it becomes Draft.URL and is left out of the text.
// Errors name the input "pasted text".
func Paste(data []byte) (Draft, error) {
	return PasteContext(context.Background(), data, DefaultLimits)
}

// PasteContext is Paste within limits: the parse stops when ctx is done or
// a limit is passed.
func PasteContext(ctx context.Context, data []byte, lim Limits) (Draft, error) {
	if len(data) > MaxFileSize {
		return Draft{}, tooLarge(pasteName, int64(len(data)))
	}
	return run(lim.budget(ctx), pasteName, parsePaste, "text/plain", data)
}

// parsePaste is the parser behind Paste.
func parsePaste(b *budget.Budget, _ string, data []byte) (draft.Article, error) {
	s, warnings, err := text.Decode(pasteName, data)
	if err != nil {
		return draft.Article{}, err
	}
	u, rest := plain.LeadingURL(s)
	d, err := plain.Parse(b, rest)
	if err != nil {
		return draft.Article{}, err
	}
	if d.Text == "" {
		return draft.Article{}, fmt.Errorf("import %s: %w", pasteName, ErrNoText)
	}
	d.Warnings = append(warnings, d.Warnings...)
	if u != "" {
		d.URL = u
	}
	return d, nil
}
