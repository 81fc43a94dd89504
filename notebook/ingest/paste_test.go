package ingest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPaste(t *testing.T) {
	prose := "The minister arrived in the capital on Wednesday for two days of talks with the interim government about security and trade."
	tests := []struct {
		name  string
		in    string
		url   string
		title string
		date  time.Time
		paras []string
	}{
		{
			name:  "URL first line then an article",
			in:    "https://example.com/news/talks?id=7\nTalks resume in the capital\n\nBy Jane Doe\n8 February 2023\n\n" + prose,
			url:   "https://example.com/news/talks?id=7",
			title: "Talks resume in the capital",
			date:  time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC),
			paras: []string{prose},
		},
		{
			name:  "URL in angle brackets after blank lines, body on the next line",
			in:    "\n\n  <http://example.org/a>\r\n" + prose + "\r\n",
			url:   "http://example.org/a",
			paras: []string{prose},
		},
		{
			name:  "labelled URL",
			in:    "Source: https://example.com/a\n\n" + prose,
			url:   "https://example.com/a",
			paras: []string{prose},
		},
		{
			name:  "no URL",
			in:    "Talks resume in the capital\n\n" + prose,
			title: "Talks resume in the capital",
			paras: []string{prose},
		},
		{
			name:  "a URL inside the first line is text",
			in:    "See https://example.com/a for details about the talks, which resumed in the capital on Wednesday after a long pause between the two sides.",
			paras: []string{"See https://example.com/a for details about the talks, which resumed in the capital on Wednesday after a long pause between the two sides."},
		},
		{
			name:  "an address without a host is text",
			in:    "https://\n\n" + prose,
			paras: []string{"https://", prose},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Paste([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkShape(t, d)
			if d.URL != tt.url || d.Title != tt.title || !d.Published.Equal(tt.date) {
				t.Errorf("got url %q, title %q, date %v; want %q, %q, %v", d.URL, d.Title, d.Published, tt.url, tt.title, tt.date)
			}
			if got := paragraphs(d.Text); !slices.Equal(got, tt.paras) {
				t.Errorf("paragraphs:\n got %q\nwant %q", got, tt.paras)
			}
			if d.MediaType != "text/plain" || string(d.Source) != tt.in {
				t.Errorf("MediaType %q, Source %q", d.MediaType, d.Source)
			}
		})
	}
}

func TestPaste_errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte("\n \n"), ErrEmpty},
		{"URL only", []byte("https://example.com/a\n"), ErrNoText},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00"), ErrBinary},
		{"invalid UTF-8", []byte("abcé\x80"), ErrInvalidUTF8},
		{"too large", make([]byte, MaxFileSize+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Paste(tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "pasted text") {
				t.Errorf("Paste error = %v, want %v naming the pasted text", err, tt.want)
			}
		})
	}
}
