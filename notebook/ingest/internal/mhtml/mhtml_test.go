package mhtml

import (
	"bytes"
	"errors"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

// build wraps a page in an MHTML archive the way Chrome saves one:
// the page quoted-printable, followed by a stylesheet and an image part.
func build(t testing.TB, page []byte, charset string) []byte {
	t.Helper()
	var qp bytes.Buffer
	w := quotedprintable.NewWriter(&qp)
	if _, err := w.Write(page); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var b strings.Builder
	b.WriteString("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://saved.example/page\r\nSubject: =?utf-8?Q?A_page?=\r\nDate: Tue, 7 Mar 2023 10:00:00 -0000\r\nMIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc123----\"\r\n\r\n\r\n")
	b.WriteString("------MultipartBoundary--abc123----\r\nContent-Type: text/html; charset=" + charset + "\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://saved.example/page\r\n\r\n")
	b.WriteString(qp.String()) // the writer already ends lines with CRLF
	b.WriteString("\r\n------MultipartBoundary--abc123----\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: cid:css-1@mhtml.blink\r\n\r\nbody {margin: 0}\r\n")
	b.WriteString("------MultipartBoundary--abc123----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://saved.example/a.png\r\n\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n")
	b.WriteString("------MultipartBoundary--abc123------\r\n")
	return []byte(b.String())
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, fixture, charset string
		wantTitle, wantURL     string
		contains               string
	}{
		{"news.mhtml", "news-jsonld.html", "utf-8", "Lakeland approves plan to rebuild northern rail line",
			"https://courier.example/africa/lakeland-rail-line-2023", "Who pays for the new line?"},
		{"parish.mht", "plain-cp1252.html", "windows-1252", "Hall roof to be repaired",
			"https://saved.example/page", "£8,400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := build(t, htmlFixture(t, tt.fixture), tt.charset)
			d, err := Parse(nil, tt.name, data)
			if err != nil {
				t.Fatal(err)
			}
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
			if d.Title != tt.wantTitle || d.URL != tt.wantURL {
				t.Errorf("Title, URL = %q, %q; want %q, %q", d.Title, d.URL, tt.wantTitle, tt.wantURL)
			}
			if !strings.Contains(d.Text, tt.contains) || strings.Contains(d.Text, "margin") {
				t.Errorf("text lacks %q or has the stylesheet:\n%s", tt.contains, d.Text)
			}
		})
	}
}

func TestParse_refusals(t *testing.T) {
	noHTML := bytes.Replace(build(t, []byte("<p>x</p>"), "utf-8"), []byte("Content-Type: text/html"), []byte("Content-Type: text/plain"), 1)
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"nohtml.mhtml", noHTML, nil, "no HTML page"},
		{"garbage.mht", []byte("just some words, no headers at all"), nil, "MHTML"},
		{"nav.mhtml", build(t, []byte(`<html><body><nav><a href="/">Home</a></nav></body></html>`), "utf-8"), draft.ErrNoText, ""},
		{"binary.mhtml", []byte("\x00\x01\x02PK\x03\x04"), draft.ErrBinary, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(nil, tt.name, tt.data)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q should name the file and say %q", err, tt.msg)
			}
		})
	}
}

// FuzzParseMHTML checks that any archive gives a valid draft or an error,
// never a panic.
func FuzzParseMHTML(f *testing.F) {
	f.Add(build(f, htmlFixture(f, "news-jsonld.html"), "utf-8"))
	f.Add([]byte("Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPGh0bWw+\r\n--x--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := Parse(nil, "fuzz.mhtml", data); err == nil {
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
		}
	})
}

// htmlFixture reads a page of the HTML importer's test data.
func htmlFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "html", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
