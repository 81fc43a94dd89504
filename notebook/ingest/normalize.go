package ingest

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
//   - C0 control characters other than tab and line breaks, and DEL, are
//     removed (they cannot be displayed and would only confuse anchoring).
//   - Paragraphs are separated by exactly one blank line; there are no
//     leading or trailing blank lines.

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
)

// block is one paragraph of extracted text with its kind. Parsers collect
// blocks and turn them into Draft.Text and Draft.Kinds with joinBlocks.
type block struct {
	text string
	kind BlockKind
}

// joinBlocks turns blocks into a Draft's Text and Kinds. Each block's text
// is normalised with normalizeText and any blank lines inside it are
// collapsed to a single line break, so that every block stays exactly one
// paragraph; empty blocks are dropped. Kinds is nil when every paragraph is
// Body.
func joinBlocks(blocks []block) (text string, kinds []BlockKind) {
	var sb strings.Builder
	kinds = make([]BlockKind, 0, len(blocks))
	allBody := true
	for _, b := range blocks {
		t := oneParagraph(normalizeText(b.text))
		if t == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(t)
		kinds = append(kinds, b.kind)
		if b.kind != Body {
			allBody = false
		}
	}
	if allBody {
		kinds = nil
	}
	return sb.String(), kinds
}

// paragraphsToText joins paragraphs into text in Draft.Text form: each
// paragraph is normalised with normalizeText, blank lines inside a paragraph
// are collapsed to one line break, empty paragraphs are dropped, and the rest
// are separated by one blank line. Use joinBlocks when paragraph kinds matter.
func paragraphsToText(paras []string) string {
	blocks := make([]block, len(paras))
	for i, p := range paras {
		blocks[i] = block{text: p}
	}
	text, _ := joinBlocks(blocks)
	return text
}

// oneParagraph collapses blank lines inside already normalised text to a
// single line break.
func oneParagraph(s string) string {
	for strings.Contains(s, "\n\n") {
		s = strings.ReplaceAll(s, "\n\n", "\n")
	}
	return s
}

// normalizeText applies the package's normalisation rules (see the top of
// normalize.go) to text that is already valid UTF-8: line breaks become LF,
// trailing white space is cut from each line, control characters are
// removed, runs of blank lines become one blank line, and leading and
// trailing blank lines are dropped. Leading indentation and white space
// inside lines are kept. Invalid UTF-8 sequences, should any remain, are
// replaced by U+FFFD so that the result is always valid UTF-8.
func normalizeText(s string) string {
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
// characters other than tab and replaces invalid UTF-8 with U+FFFD.
func cleanLine(line string) string {
	clean := utf8.ValidString(line)
	for k := 0; clean && k < len(line); k++ {
		if c := line[k]; (c < 0x20 && c != '\t') || c == 0x7f {
			clean = false
		}
	}
	if !clean {
		var sb strings.Builder
		for _, r := range line { // invalid bytes come out as U+FFFD
			if (r < 0x20 && r != '\t') || r == 0x7f {
				continue
			}
			sb.WriteRune(r)
		}
		line = sb.String()
	}
	return strings.TrimRightFunc(line, unicode.IsSpace)
}

// decodeText checks that data is text and returns it as a string ready for
// normalizeText. It refuses empty input (ErrEmpty), binary data such as
// images or archives (ErrBinary) and invalid UTF-8 (ErrInvalidUTF8, with the
// byte offset and line), each error naming the file. A UTF-8 byte order mark
// is removed and UTF-16 with a byte order mark is decoded to UTF-8.
func decodeText(name string, data []byte) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", fmt.Errorf("import %s: %w", name, ErrEmpty)
	}
	if isUTF16(data) {
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", fmt.Errorf("import %s: decoding UTF-16: %w", name, err)
		}
		data = out
		if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
			return "", fmt.Errorf("import %s: %w", name, ErrEmpty)
		}
	}
	if err := checkBinary(name, data); err != nil {
		return "", err
	}
	if err := checkUTF8(name, data); err != nil {
		return "", err
	}
	return string(bytes.TrimPrefix(data, utf8BOM)), nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// isUTF16 reports whether data starts with a UTF-16 byte order mark.
func isUTF16(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

// checkBinary returns an error wrapping ErrBinary when data is not text: it
// contains a NUL byte, starts like a known binary format (PNG, JPEG, PDF, ZIP
// and the other signatures net/http.DetectContentType knows), or more than
// one byte in ten of its first 4 KiB is a control character other than
// white space. The error names the file and, when known, the detected type.
// Importers of binary formats (PDF, EPUB) must not call it on their input.
func checkBinary(name string, data []byte) error {
	head := data[:min(len(data), 4096)]
	// DetectContentType recognises the signatures of common binary formats;
	// "application/octet-stream" only means it saw a control byte, which the
	// checks below judge more leniently.
	if ct := http.DetectContentType(head); !strings.HasPrefix(ct, "text/") && ct != "application/octet-stream" {
		ct, _, _ = strings.Cut(ct, ";")
		return fmt.Errorf("import %s: %w (it looks like %s)", name, ErrBinary, ct)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("import %s: %w (NUL byte at offset %d)", name, ErrBinary, i)
	}
	controls := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f {
			controls++
		}
	}
	if controls*10 > len(head) {
		return fmt.Errorf("import %s: %w (%d control characters in the first %d bytes)", name, ErrBinary, controls, len(head))
	}
	return nil
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
		name, ErrInvalidUTF8, off, line)
}
