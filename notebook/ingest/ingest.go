package ingest

import (
	"bytes"
	"net/http"

	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentinel errors returned (wrapped, with the file name) by File, Bytes and
// Paste. Test for them with errors.Is.
var (
	// ErrEmpty means the input has no content, or only white space.
	ErrEmpty = errors.New("file is empty")
	// ErrBinary means the input is binary data, not text.
	ErrBinary = errors.New("file is binary, not text")
	// ErrTooLarge means the input is larger than MaxFileSize.
	ErrTooLarge = errors.New("file is too large")
	// ErrUnsupported means the file type is not one Gloss can import.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrInvalidUTF8 means a text file is not valid UTF-8. Gloss refuses such
	// files rather than replacing bytes with U+FFFD, so nothing is lost
	// silently; the message gives the byte offset of the first bad sequence.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrNoText means the document was read but no article text was found
	// in it.
	ErrNoText = errors.New("no article text found")
)

// openFile opens a file for File; tests replace it to prove that oversized
// files are refused without being opened.
var openFile = func(path string) (io.ReadCloser, error) { return os.Open(path) }

// File reads and parses one file, choosing the format by its extension. A
// file with an unknown extension is imported as plain text when its content
// is text, and refused with ErrUnsupported otherwise.
//
// The size is checked with os.Stat before the file is opened: a file larger
// than MaxFileSize is refused with ErrTooLarge (naming the file and the
// limit) without being read, and at most MaxFileSize+1 bytes are ever read,
// so a file that grows while it is read is refused too.
func File(path string) (Draft, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: %w", path, err)
	}
	if fi.IsDir() {
		return Draft{}, fmt.Errorf("import %s: is a directory", path)
	}
	if fi.Size() > MaxFileSize {
		return Draft{}, tooLarge(path, fi.Size())
	}
	f, err := openFile(path)
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: %w", path, err)
	}
	return Bytes(path, data)
}

// Bytes parses in-memory data as if it came from a file with this name: the
// format is chosen by the name's extension exactly as File does, and name
// appears in every error message.
func Bytes(name string, data []byte) (Draft, error) {
	if len(data) > MaxFileSize {
		return Draft{}, tooLarge(name, int64(len(data)))
	}
	f, ok := formatFor(name)
	if !ok || f.mediaType == "text/plain" || f.mediaType == "text/markdown" {
		// A PDF or EPUB saved under a text name (or none) is read as what
		// it is: those signatures are long and binary, so prose never
		// starts with them.
		if g, found := containerFormat(data); found {
			d, err := g.parse(name, data)
			if err == nil {
				d.Warnings = append(d.Warnings, fmt.Sprintf("the file's content is %s, not text; it was imported as such", g.mediaType))
			}
			return d, err
		}
	}
	if ok {
		return f.parse(name, data)
	}
	return sniff(name, data)
}

// containerFormat recognises the binary document formats Gloss parses by
// their full signatures: "%PDF-1.x" and a ZIP archive whose first entry
// declares the EPUB media type.
func containerFormat(data []byte) (format, bool) {
	var mediaType string
	switch {
	case len(data) >= 8 && bytes.HasPrefix(data, []byte("%PDF-")) && isDigit(data[5]) && data[6] == '.' && isDigit(data[7]):
		mediaType = "application/pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data[:min(len(data), 128)], []byte("mimetypeapplication/epub+zip")):
		mediaType = "application/epub+zip"
	default:
		return format{}, false
	}
	for _, f := range formats {
		if f.mediaType == mediaType {
			return f, true
		}
	}
	return format{}, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// sniff imports data of an unknown file type as an HTML page when it is
// one, as plain text when it is text, and refuses it with ErrUnsupported
// (or ErrEmpty) otherwise.
func sniff(name string, data []byte) (Draft, error) {
	if strings.HasPrefix(http.DetectContentType(data[:min(len(data), 512)]), "text/html") {
		if h, ok := formatFor(".html"); ok {
			return h.parse(name, data)
		}
	}
	txt, ok := formatFor(".txt")
	if !ok {
		return Draft{}, fmt.Errorf("import %s: %w", name, ErrUnsupported)
	}
	if _, _, err := decodeText(name, data); err != nil {
		if errors.Is(err, ErrEmpty) {
			return Draft{}, err
		}
		// err reads "import NAME: reason"; keep the reason, name the file once.
		reason := strings.TrimPrefix(err.Error(), "import "+name+": ")
		return Draft{}, fmt.Errorf("import %s: %w: %s", name, ErrUnsupported, reason)
	}
	return txt.parse(name, data)
}

// tooLarge returns the ErrTooLarge error for a file of size bytes.
func tooLarge(name string, size int64) error {
	return fmt.Errorf("import %s: %w: %s, the limit is %d MB", name, ErrTooLarge, formatSize(size), MaxFileSize>>20)
}

// formatSize renders a byte count for a message, e.g. "61.3 MB".
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
