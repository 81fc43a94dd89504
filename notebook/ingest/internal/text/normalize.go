// Package text is the text handling every importer shares: decoding,
// refusal of binary or malformed input, the normalisation that gives an
// article's text its shape, joining paragraphs, and the rule for control
// characters.
package text

// Shared text handling for every importer: decoding, refusal of binary or
// malformed input, and the normalisation that gives Draft.Text its shape.
//
// The rules, in one place:
//   - Input must be UTF-8. A UTF-8 byte order mark is dropped; UTF-16 with a
//     byte order mark is decoded. Any other invalid byte sequence is refused
//     with ErrInvalidUTF8 naming the byte offset and line (we refuse rather
//     than repair with U+FFFD so that no character is silently lost: the
//     user re-saves the file as UTF-8 and imports it again).
//   - CRLF and lone CR become LF; U+0085 (NEL), U+2028 (line separator) and
//     vertical tab become LF; form feed and U+2029 (paragraph separator)
//     become a blank line.
//   - Trailing white space (unicode.IsSpace, which includes U+00A0) is cut
//     from every line; white space inside a line, including U+00A0, is kept
//     exactly as it was, because highlights are matched against this text.
//   - C0 control characters other than tab and line breaks, DEL and the C1
//     controls (U+0080–U+009F) are removed (they cannot be displayed and
//     would only confuse anchoring); IsControl is the rule, shared with
//     ingest.CleanField, which also removes tabs, line breaks and bidirectional
//     controls from metadata fields.
//   - Paragraphs are separated by exactly one blank line; there are no
//     leading or trailing blank lines.

import (
	"golang.org/x/text/encoding/charmap"

	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Join turns blocks into an article's Text and Kinds. Each block's text is
// normalised with Normalize and any blank lines inside it are collapsed to
// a single line break, so that every block stays exactly one paragraph;
// empty blocks are dropped. Kinds is nil when every paragraph is Body.
func Join(blocks []draft.Block) (text string, kinds []draft.Kind) {
	var sb strings.Builder
	kinds = make([]draft.Kind, 0, len(blocks))
	allBody := true
	for _, b := range blocks {
		t := oneParagraph(Normalize(b.Text))
		if t == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(t)
		kinds = append(kinds, b.Kind)
		if b.Kind != draft.Body {
			allBody = false
		}
	}
	if allBody {
		kinds = nil
	}
	return sb.String(), kinds
}

// oneParagraph collapses blank lines inside already normalised text to a
// single line break, in one pass.
func oneParagraph(s string) string {
	if !strings.Contains(s, "\n\n") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && len(b) > 0 && b[len(b)-1] == '\n' {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// Normalize applies the package's normalisation rules (see the top of
// normalize.go) to text that is already valid UTF-8: line breaks become LF,
// trailing white space is cut from each line, control characters are
// removed, runs of blank lines become one blank line, and leading and
// trailing blank lines are dropped. Leading indentation and white space
// inside lines are kept. Invalid UTF-8 sequences, should any remain, are
// replaced by U+FFFD so that the result is always valid UTF-8.
func Normalize(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	var sb strings.Builder
	sb.Grow(len(s))
	pending := 0 // line breaks since the last non-blank line written
	for i := 0; i <= len(s); {
		end, breaks, width := nextBreak(s, i)
		if line := cleanLine(s[i:end]); line != "" {
			if sb.Len() > 0 {
				sb.WriteString("\n\n"[:min(pending, 2)])
			}
			sb.WriteString(line)
			pending = 0
		}
		pending += breaks
		i = end + width
		if width == 0 {
			break
		}
	}
	return sb.String()
}

// nextBreak finds the first line break in s at or after i and returns its
// offset, how many line breaks it counts for (2 for a paragraph break such
// as form feed) and its length in bytes; at the end of s it returns len(s),
// 0, 0.
func nextBreak(s string, i int) (end, breaks, width int) {
	for k := i; k < len(s); k++ {
		switch c := s[k]; c {
		case '\n', '\v':
			return k, 1, 1
		case '\r':
			if k+1 < len(s) && s[k+1] == '\n' {
				return k, 1, 2
			}
			return k, 1, 1
		case '\f':
			return k, 2, 1
		case 0xC2: // U+0085 NEL
			if k+1 < len(s) && s[k+1] == 0x85 {
				return k, 1, 2
			}
		case 0xE2: // U+2028 line separator, U+2029 paragraph separator
			if k+2 < len(s) && s[k+1] == 0x80 && (s[k+2] == 0xA8 || s[k+2] == 0xA9) {
				return k, 1 + int(s[k+2]-0xA8), 3
			}
		}
	}
	return len(s), 0, 0
}

// cleanLine cuts trailing white space from one line, drops control
// characters other than tab (IsControl) and replaces invalid UTF-8 with
// U+FFFD.
func cleanLine(line string) string {
	clean := utf8.ValidString(line)
	for k := 0; clean && k < len(line); k++ {
		switch c := line[k]; {
		case (c < 0x20 && c != '\t') || c == 0x7f:
			clean = false
		case c == 0xC2 && k+1 < len(line) && line[k+1] <= 0x9F: // U+0080–U+009F
			clean = false
		}
	}
	if !clean {
		var sb strings.Builder
		for _, r := range line { // invalid bytes come out as U+FFFD
			if IsControl(r) && r != '\t' {
				continue
			}
			sb.WriteRune(r)
		}
		line = sb.String()
	}
	return strings.TrimRightFunc(line, unicode.IsSpace)
}

// Decode checks that data is text and returns it as a string ready for
// Normalize, with any warning about how it was decoded. Whether data is
// text is decided from its content alone, never from a file signature (an
// article may well start with "BMW", "GIF8" or "PK"): it refuses empty input
// (ErrEmpty), data with NUL bytes or many control characters (ErrBinary,
// naming the format it resembles when it resembles one), and mixed or broken
// UTF-8 (ErrInvalidUTF8, with the byte offset and line), each error naming
// the file. A UTF-8 byte order mark is removed, UTF-16 with a byte order
// mark is decoded, and a file with no UTF-8 multi-byte sequence at all is
// read as Windows-1252 (the superset of Latin-1 that Western European text
// editors save), with a warning.
func Decode(name string, data []byte) (string, []string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, fmt.Errorf("import %s: %w", name, draft.ErrEmpty)
	}
	if isUTF16(data) {
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", nil, fmt.Errorf("import %s: decoding UTF-16: %w", name, err)
		}
		data = out
		if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
			return "", nil, fmt.Errorf("import %s: %w", name, draft.ErrEmpty)
		}
	}
	if err := CheckBinary(name, data); err != nil {
		return "", nil, err
	}
	if !utf8.Valid(data) && !hasUTF8Sequence(data) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err == nil && utf8.Valid(out) {
			return string(out), []string{"the file is not UTF-8; it was read as Windows-1252 (Latin-1): check accented letters"}, nil
		}
	}
	if err := checkUTF8(name, data); err != nil {
		return "", nil, err
	}
	return string(bytes.TrimPrefix(data, utf8BOM)), nil, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// isUTF16 reports whether data starts with a UTF-16 byte order mark.
func isUTF16(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

// hasUTF8Sequence reports whether data holds at least one valid UTF-8
// multi-byte sequence. Text in a single-byte charset almost never does
// (é as 0xE9 followed by a letter is not one), so data with invalid bytes
// and no such sequence is single-byte text, while data with both is UTF-8
// that is damaged or mixed with another charset.
func hasUTF8Sequence(data []byte) bool {
	for len(data) > 0 {
		i := 0
		for i < len(data) && data[i] < utf8.RuneSelf {
			i++
		}
		data = data[i:]
		if len(data) == 0 {
			return false
		}
		r, size := utf8.DecodeRune(data)
		if r != utf8.RuneError || size > 1 {
			return true
		}
		data = data[1:]
	}
	return false
}

// maxControlShare is the share of control characters (other than white
// space) in the first 4 KiB above which data is binary, as one in ten.
const maxControlShare = 10

// CheckBinary returns an error wrapping ErrBinary when data is not text: it
// contains a NUL byte, or more than one byte in ten of its first 4 KiB is a
// control character other than white space. The decision rests on the
// content only; a file signature merely names, in the error, the format the
// data resembles ("it looks like image/png"), so prose that happens to begin
// like a signature ("BMW cash…", "GIF8…", "MZ…") is text. The error names
// the file. Importers of binary formats (PDF, EPUB) must not call it on
// their input.
func CheckBinary(name string, data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return binaryError(name, data, fmt.Sprintf("NUL byte at offset %d", i))
	}
	head := data[:min(len(data), 4096)]
	if n := countControls(head); n*maxControlShare > len(head) {
		return binaryError(name, data, fmt.Sprintf("%d control characters in the first %d bytes", n, len(head)))
	}
	return nil
}

// countControls counts the bytes of b that are control characters other
// than white space.
func countControls(b []byte) int {
	n := 0
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f {
			n++
		}
	}
	return n
}

// binaryError is CheckBinary's error: why the data is binary, and the
// format its first bytes resemble when net/http knows the signature.
func binaryError(name string, data []byte, why string) error {
	ct := http.DetectContentType(data[:min(len(data), 512)])
	ct, _, _ = strings.Cut(ct, ";")
	if strings.HasPrefix(ct, "text/") || ct == "application/octet-stream" {
		return fmt.Errorf("import %s: %w (%s)", name, draft.ErrBinary, why)
	}
	return fmt.Errorf("import %s: %w (it looks like %s: %s)", name, draft.ErrBinary, ct, why)
}

// checkUTF8 returns an error wrapping ErrInvalidUTF8 that names the file, the
// byte offset and the line of the first invalid sequence, or nil when data
// is valid UTF-8.
func checkUTF8(name string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	off := 0
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	return fmt.Errorf("import %s: %w at byte offset %d (line %d); save the file as UTF-8 and import it again",
		name, draft.ErrInvalidUTF8, off, line)
}
