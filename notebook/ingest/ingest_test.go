package ingest

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

const shortArticle = "Talks resume in the capital\n\nBy Jane Doe\n\nThe minister arrived in the capital on Wednesday for two days of talks with the interim government.\n"

func TestFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name      string
		path      string
		mediaType string // on success
		wantErr   error
		msg       string // part of the error message besides the path
	}{
		{"txt", write("a.txt", []byte(shortArticle)), "text/plain", nil, ""},
		{"upper-case extension", write("B.TXT", []byte(shortArticle)), "text/plain", nil, ""},
		{"markdown", write("c.md", []byte("# T\n\nBody.\n")), "text/markdown", nil, ""},
		{"unknown extension, text content", write("d.log", []byte(shortArticle)), "text/plain", nil, ""},
		{"no extension, text content", write("README", []byte(shortArticle)), "text/plain", nil, ""},
		{"unknown extension, binary content", write("e.dat", []byte("\x89PNG\r\n\x1a\n\x00\x00")), "", ErrUnsupported, "image/png"},
		{"unknown extension, broken UTF-8", write("f.dat", []byte("café au lait\n\ncaf\xe9 au lait")), "", ErrUnsupported, "invalid UTF-8"},
		{"unknown extension, Latin-1", write("f1.dat", []byte(strings.ReplaceAll(shortArticle, "e", "\xe9"))), "text/plain", nil, ""},
		{"unknown extension, HTML", write("page.dat", []byte("<!DOCTYPE html><html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>"+strings.Repeat("The delegation met for a second day of talks in the capital. ", 8)+"</p></article></body></html>")), "text/html", nil, ""},
		{"png named .txt", write("g.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00")), "", ErrBinary, "image/png"},
		{"NUL bytes", write("h.txt", []byte("text\x00\x00\x00more")), "", ErrBinary, "NUL byte at offset 4"},
		{"empty", write("i.txt", nil), "", ErrEmpty, ""},
		{"empty, unknown extension", write("j.dat", nil), "", ErrEmpty, ""},
		{"invalid UTF-8", write("k.txt", []byte("Title\n\nnaïve na\xefve text")), "", ErrInvalidUTF8, "byte offset 16 (line 3)"},
		{"missing", filepath.Join(dir, "missing.txt"), "", fs.ErrNotExist, ""},
		{"directory", dir, "", nil, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := File(tt.path)
			if tt.mediaType != "" {
				if err != nil {
					t.Fatal(err)
				}
				if d.MediaType != tt.mediaType || d.Text == "" {
					t.Errorf("MediaType %q, Text %q", d.MediaType, d.Text)
				}
				return
			}
			if err == nil {
				t.Fatalf("File(%s) succeeded, want an error", tt.path)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v is not %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q should name %s and say %q", err, tt.path, tt.msg)
			}
		})
	}
}

// failOpen makes File fail the test if it opens any file.
func failOpen(t *testing.T) {
	old := openFile
	t.Cleanup(func() { openFile = old })
	openFile = func(path string) (io.ReadCloser, error) {
		t.Errorf("File opened %s", path)
		return nil, errors.New("must not be opened")
	}
}

func TestFile_tooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, MaxFileSize+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	failOpen(t)
	_, err := File(p)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "the limit is 50 MB") {
		t.Errorf("error = %v, want ErrTooLarge naming the file and the limit", err)
	}
}

// endless is a reader that never ends, standing for a file that grows while
// it is read.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func (endless) Close() error { return nil }

func TestFile_growing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "growing.txt")
	if err := os.WriteFile(p, []byte("small"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := openFile
	t.Cleanup(func() { openFile = old })
	openFile = func(string) (io.ReadCloser, error) { return endless{}, nil }
	_, err := File(p)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), p) {
		t.Errorf("error = %v, want ErrTooLarge naming the file", err)
	}
}

func TestBytes(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		mediaType  string
		wantErr    error
	}{
		{"txt", "x.txt", []byte(shortArticle), "text/plain", nil},
		{"markdown", "x.markdown", []byte("# T\n\nBody.\n"), "text/markdown", nil},
		{"stdin name sniffs text", "-", []byte(shortArticle), "text/plain", nil},
		{"too large", "x.txt", make([]byte, MaxFileSize+1), "", ErrTooLarge},
		{"unsupported", "x.bin", []byte("PK\x03\x04\x14\x00"), "", ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Bytes(tt.file, tt.data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.file) {
					t.Errorf("error = %v, want %v naming %s", err, tt.wantErr, tt.file)
				}
				return
			}
			if err != nil || d.MediaType != tt.mediaType {
				t.Errorf("Bytes = %q, %v; want media type %q", d.MediaType, err, tt.mediaType)
			}
		})
	}
}

func TestExtensions(t *testing.T) {
	exts := Extensions()
	for _, want := range []string{".txt", ".md", ".markdown"} {
		if !slices.Contains(exts, want) {
			t.Errorf("Extensions() = %q, missing %s", exts, want)
		}
	}
}

// TestBytes_textThatStartsLikeASignature: whether a .txt, a .md or pasted
// text is text is decided from its content, so articles whose first bytes
// happen to match an image, archive or executable signature are imported.
func TestBytes_textThatStartsLikeASignature(t *testing.T) {
	body := "\n\nThe factory will receive new funding over the next five years, the carmaker said on Tuesday in a statement to investors.\n"
	tests := []struct {
		name, title string
		data        []byte
		warn        string // a warning the draft must carry
	}{
		{"BMP signature", "BMW cash to fuel Mini production", nil, ""},
		{"BMX", "BMX track opens in the old quarry", nil, ""},
		{"BMI", "BMI is a poor guide to health, doctors say", nil, ""},
		{"GIF signature", "GIF8 and other odd file names explained", nil, ""},
		{"ZIP signature", "PK Subban signs a one-year deal", nil, ""},
		{"PDF as prose", "%PDF of the budget leaked before the vote", nil, ""},
		{"DOS executable signature", "MZ Kowalski wins the regional election", nil, ""},
		{"JPEG signature in Latin-1", "", []byte("\xff\xd8 marks the start of the file, said the caf\xe9 owner\n\nHe explained the format to the visitors who came to the caf\xe9 that morning with their cameras."), "Windows-1252"},
	}
	for _, tt := range tests {
		data := tt.data
		if data == nil {
			data = []byte(tt.title + body)
		}
		for _, in := range []struct {
			kind  string
			parse func([]byte) (Draft, error)
		}{
			{"txt", func(b []byte) (Draft, error) { return Bytes("story.txt", b) }},
			{"md", func(b []byte) (Draft, error) { return Bytes("story.md", b) }},
			{"no extension", func(b []byte) (Draft, error) { return Bytes("story", b) }},
			{"paste", Paste},
		} {
			t.Run(tt.name+"/"+in.kind, func(t *testing.T) {
				d, err := in.parse(data)
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tt.title != "" && d.Title != tt.title && !strings.Contains(d.Text, tt.title) {
					t.Errorf("title %q, text %q: the first line is lost", d.Title, d.Text)
				}
				if tt.warn != "" && !slices.ContainsFunc(d.Warnings, func(w string) bool { return strings.Contains(w, tt.warn) }) {
					t.Errorf("warnings %q lack %q", d.Warnings, tt.warn)
				}
			})
		}
	}
}

// TestBytes_containerUnderATextName: a real PDF saved as .txt is read as
// a PDF, with a warning, not refused or imported as garbage.
func TestBytes_containerUnderATextName(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join("internal", "pdf", "testdata", "report-libreoffice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Bytes("report.txt", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if d.MediaType != "application/pdf" || !slices.ContainsFunc(d.Warnings, func(w string) bool { return strings.Contains(w, "application/pdf") }) {
		t.Errorf("media type %q, warnings %q", d.MediaType, d.Warnings)
	}
}

// TestFile_HTMLTooLarge checks that a 200 MB page is refused by its size
// before it is read: the file is sparse, so reading it would still be
// noticed as slow, and File must not even open it.
func TestFile_HTMLTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	start := time.Now()
	_, err = File(path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "huge.html") {
		t.Fatalf("err = %v, want ErrTooLarge naming the file", err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("refusal took %v", el)
	}
}

func TestExtensions_HTML(t *testing.T) {
	for _, ext := range []string{".html", ".htm", ".xhtml"} {
		f, ok := formatFor("page" + strings.ToUpper(ext))
		if !ok || f.mediaType != "text/html" {
			t.Errorf("%s not registered as HTML", ext)
		}
	}
}

// TestBytes_sourceAndMediaType: every format's draft keeps the file's
// bytes as its source, with the format's media type.
func TestBytes_sourceAndMediaType(t *testing.T) {
	page := "<html><head><title>Talks</title></head><body><article><p>" + strings.Repeat("The delegation met for a second day of talks in the capital. ", 8) + "</p></article></body></html>"
	book := testkit.EPUB(t, testkit.EPUBEntry{Name: "mimetype", Body: "application/epub+zip"},
		testkit.EPUBEntry{Name: "META-INF/container.xml", Body: testkit.EPUBContainer},
		testkit.EPUBEntry{Name: "OEBPS/content.opf", Body: `<package><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>`},
		testkit.EPUBEntry{Name: "OEBPS/c.xhtml", Body: "<html><body><p>A chapter of the book.</p></body></html>"})
	tests := []struct {
		name, mediaType string
		data            []byte
	}{
		{"a.txt", "text/plain", []byte(shortArticle)},
		{"a.md", "text/markdown", []byte("# T\n\nBody.\n")},
		{"a.html", "text/html", []byte(page)},
		{"a.xhtml", "application/xhtml+xml", []byte(page)},
		{"a.mhtml", "multipart/related", []byte("Content-Type: text/html; charset=utf-8\r\n\r\n" + page)},
		{"a.epub", "application/epub+zip", book},
		{"a.pdf", "application/pdf", testkit.PDFOnePage(testkit.PDFHello)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Bytes(tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if d.MediaType != tt.mediaType || !bytes.Equal(d.Source, tt.data) {
				t.Errorf("MediaType %q, Source %d bytes; want %q and the %d bytes read", d.MediaType, len(d.Source), tt.mediaType, len(tt.data))
			}
		})
	}
	if d, err := Paste([]byte(shortArticle)); err != nil || d.MediaType != "text/plain" || string(d.Source) != shortArticle {
		t.Errorf("Paste: %q, %d bytes, %v", d.MediaType, len(d.Source), err)
	}
}
