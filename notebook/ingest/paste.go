package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
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
	return run(lim.budget(ctx), pasteName, parsePaste, data)
}

// parsePaste is the parser behind Paste.
func parsePaste(b *budget.Budget, _ string, data []byte) (Draft, error) {
	s, warnings, err := decodeText(pasteName, data)
	if err != nil {
		return Draft{}, err
	}
	u, rest := leadingURL(s)
	d, err := plainDraft(b, rest)
	if err != nil {
		return Draft{}, err
	}
	if d.Text == "" {
		return Draft{}, fmt.Errorf("import %s: %w", pasteName, ErrNoText)
	}
	d.Warnings = append(warnings, d.Warnings...)
	if u != "" {
		d.URL = u
	}
	d.Source = data
	d.MediaType = "text/plain"
	return d, nil
}

// leadingURL returns the web address on the first non-blank line of s and
// the text after that line, or "" and s unchanged when that line is not a
// web address.
func leadingURL(s string) (u, rest string) {
	rest = s
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if strings.TrimSpace(line) == "" {
			rest = after
			continue
		}
		if u, ok := urlLine(line); ok {
			return u, after
		}
		break
	}
	return "", s
}
