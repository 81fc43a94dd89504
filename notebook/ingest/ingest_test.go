package ingest

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
		{"unknown extension, invalid UTF-8", write("f.dat", []byte("caf\xe9 au lait")), "", ErrUnsupported, "invalid UTF-8"},
		{"png named .txt", write("g.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00")), "", ErrBinary, "image/png"},
		{"NUL bytes", write("h.txt", []byte("text\x00\x00\x00more")), "", ErrBinary, "NUL byte at offset 4"},
		{"empty", write("i.txt", nil), "", ErrEmpty, ""},
		{"empty, unknown extension", write("j.dat", nil), "", ErrEmpty, ""},
		{"invalid UTF-8", write("k.txt", []byte("Title\n\nna\xefve text")), "", ErrInvalidUTF8, "byte offset 9 (line 3)"},
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
