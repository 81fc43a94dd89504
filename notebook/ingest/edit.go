package ingest

import (
	"fmt"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// Text checks and normalises a replacement text for an article that is
// already in a notebook (an edit, or a cleaner pasted copy): the same
// refusals and normalisation as a .txt import — UTF-8, LF line ends,
// paragraphs separated by one blank line — but no metadata detection and no
// clutter removal, since the researcher wrote or chose every line. name is
// used in error messages. Like every import, a text larger than
// MaxFileSize is refused with ErrTooLarge.
func Text(name string, data []byte) (string, error) {
	if len(data) > MaxFileSize {
		return "", tooLarge(name, int64(len(data)))
	}
	s, _, err := text.Decode(name, data)
	if err != nil {
		return "", err
	}
	s = text.Normalize(s)
	if s == "" {
		return "", fmt.Errorf("import %s: %w", name, ErrEmpty)
	}
	return s, nil
}
