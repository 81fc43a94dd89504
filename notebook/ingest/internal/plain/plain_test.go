package plain

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

func TestParse(t *testing.T) {
	feb8 := time.Date(2023, time.February, 8, 0, 0, 0, 0, time.UTC)
	prose := "The minister arrived in the capital on Wednesday for two days of talks with the interim government about security and trade."
	prose2 := "Officials said the visit would be followed by a second round of negotiations later in the year, once the details were settled."
	tests := []struct {
		name   string
		in     string
		title  string
		byline string
		date   time.Time
		url    string
		paras  []string
		kinds  []draft.Kind
	}{
		{
			name: "By line and day-month-year with clutter",
			in: "Skip to content\nSkip to main menu\n\nShare\n\nThe Headline of the Story\n\nBy Jane Doe\n8 February 2023\n\n" +
				"We use cookies to improve your experience on our site.\nAccept all cookies\n\n" + prose + "\n\nAdvertisement\n\n" + prose2 + "\n\nShare\n",
			title: "The Headline of the Story", byline: "Jane Doe", date: feb8,
			paras: []string{prose, prose2},
		},
		{
			name:  "abbreviated month and two authors",
			in:    "A Headline About Trade Talks\n\nBy Jane Doe and John de la Roe\nFeb. 8, 2023\n\n" + prose,
			title: "A Headline About Trade Talks", byline: "Jane Doe and John de la Roe", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "ISO date before the title",
			in:    "2023-02-08\n\nTalks resume in the capital\n\n" + prose,
			title: "Talks resume in the capital", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "labelled European date",
			in:    "Talks resume in the capital\nPublished 08.02.2023 10:15\n\n" + prose,
			title: "Talks resume in the capital", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "ambiguous numeric date is kept as text, not guessed",
			in:    "Talks resume in the capital\n\nPublished 08/02/2023\n\n" + prose,
			title: "Talks resume in the capital",
			paras: []string{"Published 08/02/2023", prose},
		},
		{
			name:  "names and date on one line, update date second",
			in:    "Talks resume in the capital\n\nJane Doe | Feb 8, 2023\nUpdated February 9, 2023\n\n" + prose,
			title: "Talks resume in the capital", byline: "Jane Doe", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "update date alone is used",
			in:    "Talks resume in the capital\n\nLast updated: 8 Feb 2023\n\n" + prose,
			title: "Talks resume in the capital", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "names without By next to the date",
			in:    "Talks resume in the capital\n\nAnn-Marie O'Neil, Staff Writer\nWednesday, February 8, 2023\n\n" + prose,
			title: "Talks resume in the capital", byline: "Ann-Marie O'Neil, Staff Writer", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "names not next to a date are not a byline",
			in:    "Talks resume in the capital\n\nJane Doe\n\n" + prose,
			title: "Talks resume in the capital",
			paras: []string{"Jane Doe", prose},
		},
		{
			name:  "section label above the title",
			in:    "Africa\n\nTalks resume in the capital\nBy Jane Doe\n\n" + prose,
			title: "Talks resume in the capital", byline: "Jane Doe",
			paras: []string{"Africa", prose},
		},
		{
			name:  "source URL in the header",
			in:    "Source: https://example.com/news/talks-resume\n\nTalks resume in the capital\n\n" + prose,
			title: "Talks resume in the capital", url: "https://example.com/news/talks-resume",
			paras: []string{prose},
		},
		{
			name:  "prose only: no title",
			in:    prose + "\n\n" + prose2,
			paras: []string{prose, prose2},
		},
		{
			name:  "title, byline and date in one paragraph",
			in:    "Talks resume in the capital\nBy Jane Doe\nFeb 8, 2023\n\n" + prose,
			title: "Talks resume in the capital", byline: "Jane Doe", date: feb8,
			paras: []string{prose},
		},
		{
			name:  "short hard-wrapped opening paragraph is not a header",
			in:    "The minister arrived\nin the capital.\n\n" + prose,
			paras: []string{"The minister arrived in the capital.", prose},
		},
		{
			name:  "hard-wrapped paragraph is unwrapped",
			in:    "Talks resume in the capital\n\nThe minister arrived in the capital\non Wednesday for two days of talks\nwith the interim government.",
			title: "Talks resume in the capital",
			paras: []string{"The minister arrived in the capital on Wednesday for two days of talks with the interim government."},
		},
		{
			name:  "lists",
			in:    "Talks resume in the capital\n\n" + prose + "\n\n- first point\n- second point that wraps\n  onto a second line\n\n1. one\n2) two",
			title: "Talks resume in the capital",
			paras: []string{prose, "first point", "second point that wraps onto a second line", "1. one", "2) two"},
			kinds: []draft.Kind{draft.Body, draft.Item, draft.Item, draft.Item, draft.Item},
		},
		{
			name: "headings need prose after them",
			in: "Talks resume in the capital\n\n" + prose + "\n\nA new chapter\n\n" + prose2 + "\n\nWhat comes next?\n\n" + prose +
				"\n\nRelated video title\n\nAnother short line\n\nEnding line",
			title: "Talks resume in the capital",
			// The short lines after the last prose are the tail (dropped).
			paras: []string{prose, "A new chapter", prose2, "What comes next?", prose},
			kinds: []draft.Kind{draft.Body, draft.Heading, draft.Body, draft.Body, draft.Body},
		},
		{
			name: "captions with credits",
			in: "Talks resume in the capital\n\n" + prose + "\n\n A photo of two men shaking hands\nThe ministers met in the capitalPhoto: Jane Doe/AP\n\n" +
				"Crowds in the street\nPicture: Reuters\n\nImage: AFP\n\n" + prose2,
			title: "Talks resume in the capital",
			paras: []string{prose, "The ministers met in the capital", "Crowds in the street", prose2},
			kinds: []draft.Kind{draft.Body, draft.Caption, draft.Caption, draft.Body},
		},
		{
			name:  "clutter words inside sentences are kept",
			in:    "Talks resume in the capital\n\nShare prices rose after the visit, and advertisement revenue fell.\n\nBy 2030, the two countries hope to double trade.\n\n" + prose,
			title: "Talks resume in the capital",
			paras: []string{"Share prices rose after the visit, and advertisement revenue fell.", "By 2030, the two countries hope to double trade.", prose},
		},
		{
			name:  "numbered navigation and reading time",
			in:    "  1. Skip to content\n  2. Jump to navigation\n\nTalks resume in the capital\n\n4 min read\n\n" + prose,
			title: "Talks resume in the capital",
			paras: []string{prose},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := Parse(nil, tt.in)
			testkit.CheckText(t, d.Text, d.Kinds)
			if d.Title != tt.title || d.Byline != tt.byline || !d.Published.Equal(tt.date) || d.URL != tt.url {
				t.Errorf("got title %q, byline %q, date %v, url %q;\nwant title %q, byline %q, date %v, url %q",
					d.Title, d.Byline, d.Published, d.URL, tt.title, tt.byline, tt.date, tt.url)
			}
			if got := testkit.Paragraphs(d.Text); !slices.Equal(got, tt.paras) {
				t.Errorf("paragraphs:\n got %q\nwant %q", got, tt.paras)
			}
			if !slices.Equal(d.Kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v", d.Kinds, tt.kinds)
			}
			if gotWarn := slices.Contains(d.Warnings, "no title found"); gotWarn != (tt.title == "") {
				t.Errorf("warnings = %q", d.Warnings)
			}
		})
	}
}

func TestIsClutter(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Skip to content", true},
		{"3. Skip to more DW sites", true},
		{"Share", true},
		{"- Share on Facebook", true},
		{"ADVERTISEMENT", true},
		{"Advertisement - Scroll to continue", true},
		{"Accept all cookies", true},
		{"This site uses cookies to give you the best experience.", true},
		{"5 min read", true},
		{"You have 2 free articles left this month", true},
		{"Share prices fell.", false},
		{"Skip to the end: it was over.", false},
		{"Advertisement revenue fell sharply last year.", false},
		{"The cookie law was passed in 2011, and sites that use cookies must ask.", false},
		{"Stronger economic ties", false},
	}
	for _, tt := range tests {
		if got := isClutter(tt.line); got != tt.want {
			t.Errorf("isClutter(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestLooksLikeNames(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Isaac Mugabi (with Reuters and AP)", true},
		{"Jane Doe", true},
		{"Jane Doe, John Roe & Ann-Marie O'Neil", true},
		{"Ludwig van Beethoven", true},
		{"Émilie Côté", true},
		{"Russia vows to boost military cooperation with Mali", false},
		{"Stronger Economic Ties For The Sahel Region Now", false},
		{"van Beethoven", false},
		{"February 8, 2023", false},
		{"Jane Doe.", false},
		{"Edited by: Jane Doe", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := looksLikeNames(tt.s); got != tt.want {
			t.Errorf("looksLikeNames(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestParseFile_errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, draft.ErrEmpty},
		{"only clutter", []byte("Skip to content\n\nShare\n\nAdvertisement\n"), draft.ErrNoText},
		{"only a title", []byte("Just a headline\n"), draft.ErrNoText},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), draft.ErrBinary},
		{"mixed UTF-8 and Latin-1", []byte("café au lait\n\ncaf\xe9 au lait"), draft.ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile(nil, "a.txt", tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "a.txt") {
				t.Errorf("parseText error = %v, want %v naming a.txt", err, tt.want)
			}
		})
	}
}

func TestParseFile_crlf(t *testing.T) {
	d, err := ParseFile(nil, "a.txt", []byte("Talks resume in the capital\r\n\r\nBy Jane Doe\r\n\r\nFirst line\r\nsecond line.\r\n\r\n\r\n\r\nNext paragraph.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	testkit.CheckText(t, d.Text, d.Kinds)
	if d.Title != "Talks resume in the capital" || d.Byline != "Jane Doe" || d.Text != "First line second line.\n\nNext paragraph." {
		t.Errorf("got %q, %q, %q", d.Title, d.Byline, d.Text)
	}
}
