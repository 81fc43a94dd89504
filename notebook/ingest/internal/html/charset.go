package html

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// charsetScan is how far into a page a <meta charset> declaration is
// looked for. The HTML standard says 1024 bytes, but saved pages often carry
// long heads (inline scripts, comments) before the declaration, and browsers
// look further, so we do too.
const charsetScan = 16 << 10

// metaCharset finds charset declarations in <meta charset="…"> and
// <meta http-equiv="Content-Type" content="text/html; charset=…">, and the
// XML declaration's encoding attribute (XHTML).
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([^"'\s/>;]+)|<\?xml[^>]*?encoding\s*=\s*["']([^"']+)`)

// Decoded is a page converted to UTF-8.
type Decoded struct {
	Text     string // the page as valid UTF-8
	Encoding string // canonical name of the encoding used
	Warnings []string
}

// Decode converts the bytes of an HTML page to UTF-8. The encoding is
// taken, in order, from a byte-order mark, from contentType (the charset
// parameter of a MIME header, may be empty), from a <meta> declaration, and
// otherwise guessed (UTF-8 when the bytes are valid UTF-8, else
// windows-1252, which is what browsers assume for unlabelled Western pages).
// An unknown or wrong declaration is not an error: the page is decoded as
// well as possible and a warning says so.
func Decode(data []byte, contentType string) Decoded {
	var out Decoded
	if enc, name, ok := bomEncoding(data); ok {
		out.Encoding = name
		out.Text = decodeWith(enc, data, &out.Warnings)
		return out
	}

	label := ""
	if contentType != "" {
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
			label = strings.Trim(strings.TrimSpace(contentType[i+len("charset="):]), `"';`)
		}
	}
	if label == "" {
		head := data
		if len(head) > charsetScan {
			head = head[:charsetScan]
		}
		if m := metaCharset.FindSubmatch(head); m != nil {
			label = string(m[1])
			if label == "" {
				label = string(m[2])
			}
		}
	}

	valid := utf8.Valid(data)
	if label != "" {
		enc, err := htmlindex.Get(label)
		switch {
		case err != nil:
			out.Warnings = append(out.Warnings, fmt.Sprintf("unknown character set %q declared; guessed the encoding", label))
		case enc == unicode.UTF8 && valid:
			out.Encoding = "utf-8"
			out.Text = string(data)
			return out
		case enc == unicode.UTF8 && !valid:
			// A page labelled UTF-8 whose bytes are not is almost always an
			// old Western page re-labelled by a server or editor.
			out.Warnings = append(out.Warnings, fmt.Sprintf("declared %q but the bytes are not valid UTF-8; read as windows-1252", label))
		case enc != unicode.UTF8 && valid && multibyteRunes(data, 3) >= 3:
			// Text in a legacy encoding is almost never valid UTF-8 by
			// accident once it has a few non-ASCII characters: this is a
			// page saved as UTF-8 that kept its original declaration.
			out.Warnings = append(out.Warnings, fmt.Sprintf("declared %q but the bytes are UTF-8; read as UTF-8", label))
		case isUTF16(enc):
			// Without a byte-order mark a UTF-16 label on an ASCII-compatible
			// page (the declaration was readable) is wrong, as browsers agree.
			out.Warnings = append(out.Warnings, fmt.Sprintf("declared %q in an ASCII-compatible page; ignored", label))
		default:
			name, _ := htmlindex.Name(enc)
			out.Encoding = name
			out.Text = decodeWith(enc, data, &out.Warnings)
			return out
		}
	}
	if valid {
		out.Encoding = "utf-8"
		out.Text = string(data)
		return out
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" || enc == unicode.UTF8 || isUTF16(enc) {
		enc, name = charmapWindows1252(), "windows-1252"
	}
	out.Encoding = name
	out.Text = decodeWith(enc, data, &out.Warnings)
	return out
}

// multibyteRunes counts the characters of valid UTF-8 data that take
// more than one byte, stopping at limit.
func multibyteRunes(data []byte, limit int) int {
	n := 0
	for i := 0; i < len(data) && n < limit; i++ {
		if data[i] >= 0xC2 && data[i] <= 0xF4 {
			n++
		}
	}
	return n
}

// bomEncoding reports the encoding given by a byte-order mark.
func bomEncoding(data []byte) (encoding.Encoding, string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8BOM, "utf-8", true
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", true
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", true
	}
	return nil, "", false
}

// isUTF16 reports whether enc is one of the UTF-16 encodings.
func isUTF16(enc encoding.Encoding) bool {
	name, _ := htmlindex.Name(enc)
	return strings.HasPrefix(name, "utf-16")
}

// charmapWindows1252 returns the windows-1252 encoding (the WHATWG meaning
// of "iso-8859-1" and "latin1" too).
func charmapWindows1252() encoding.Encoding {
	enc, _ := htmlindex.Get("windows-1252")
	return enc
}

// decodeWith decodes data with enc, replacing undecodable bytes with
// U+FFFD (noted in warnings) so the result is always valid UTF-8.
func decodeWith(enc encoding.Encoding, data []byte, warnings *[]string) string {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		*warnings = append(*warnings, fmt.Sprintf("some bytes could not be decoded: %v", err))
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	if !utf8.Valid(out) {
		*warnings = append(*warnings, "some bytes could not be decoded and were replaced")
		return strings.ToValidUTF8(string(out), "\uFFFD")
	}
	return string(out)
}
