package ingest

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/internal/testutil"
)

// paragraphs splits Draft.Text into its paragraphs.
func paragraphs(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}

// kindOf returns the kind of paragraph i of d.
func kindOf(d Draft, i int) BlockKind {
	if d.Kinds == nil {
		return Body
	}
	return d.Kinds[i]
}

// checkShape fails t unless d.Text and d.Kinds have the shape Draft
// promises: valid UTF-8, no CR, one blank line between paragraphs, no
// leading or trailing blank line, one kind per paragraph.
func checkShape(t testing.TB, d Draft) {
	t.Helper()
	if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) || !utf8.ValidString(d.Byline) {
		t.Errorf("invalid UTF-8 in draft: %q / %q", d.Title, d.Text)
	}
	if strings.Contains(d.Text, "\n\n\n") || strings.Contains(d.Text, "\r") {
		t.Errorf("text has more than one blank line or a CR: %q", d.Text)
	}
	if strings.HasPrefix(d.Text, "\n") || strings.HasSuffix(d.Text, "\n") {
		t.Errorf("text starts or ends with a line break: %q", d.Text)
	}
	if d.Kinds != nil && len(d.Kinds) != len(paragraphs(d.Text)) {
		t.Errorf("%d kinds for %d paragraphs", len(d.Kinds), len(paragraphs(d.Text)))
	}
}

func TestFile_sample(t *testing.T) {
	src := testutil.Sample(t)
	d, err := File(testutil.SamplePath(t))
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, d)
	if want := testutil.SampleTitle; d.Title != want {
		t.Errorf("Title = %q, want %q", d.Title, want)
	}
	if want := testutil.SampleByline; d.Byline != want {
		t.Errorf("Byline = %q, want %q", d.Byline, want)
	}
	if want := time.Date(2024, time.March, 14, 0, 0, 0, 0, time.UTC); !d.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", d.Published, want)
	}
	if d.MediaType != "text/plain" || !bytes.Equal(d.Source, src) {
		t.Errorf("MediaType %q, Source %d bytes; want text/plain and the file's %d bytes", d.MediaType, len(d.Source), len(src))
	}
	if len(d.Warnings) != 0 {
		t.Errorf("Warnings = %q", d.Warnings)
	}
	if strings.Contains(d.Text, "Skip to") {
		t.Error("the navigation lines are still in the text")
	}
	paras := paragraphs(d.Text)
	for _, meta := range []string{d.Title, d.Byline, testutil.SampleDate} {
		if slices.ContainsFunc(paras, func(p string) bool { return strings.Contains(p, meta) }) {
			t.Errorf("header line %q is still in the text", meta)
		}
	}

	// Every paragraph of prose in the file is a paragraph of the text,
	// unchanged (no-break spaces included); captions lose their credit and
	// the alt text before them (the indented lines) is gone.
	srcParas := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n\n")
	captions, prose := 0, 0
	for _, sp := range srcParas {
		lines := strings.Split(strings.Trim(sp, "\n"), "\n")
		last := lines[len(lines)-1]
		if i := strings.Index(last, "Image:"); i >= 0 {
			captions++
			want := strings.TrimSpace(last[:i])
			j := slices.Index(paras, want)
			if j < 0 || kindOf(d, j) != Caption {
				t.Errorf("caption %q missing or not a Caption (index %d)", want, j)
			}
			for _, alt := range lines[:len(lines)-1] {
				if strings.Contains(d.Text, strings.TrimSpace(alt)) {
					t.Errorf("alt text %q kept", alt)
				}
			}
			continue
		}
		p := strings.TrimSpace(sp)
		if len(strings.Fields(p)) >= 20 {
			prose++
			if !slices.Contains(paras, strings.TrimRight(p, " \u00a0")) {
				t.Errorf("paragraph not kept verbatim: %.60q…", p)
			}
		}
	}
	if captions != 3 || prose < 20 {
		t.Fatalf("the sample changed: %d captions, %d prose paragraphs", captions, prose)
	}
	// Navigation, title and byline+date paragraphs are the only ones removed.
	if got, want := len(paras), len(srcParas)-3; got != want {
		t.Errorf("%d paragraphs, want %d (one per paragraph of the file but the header)", got, want)
	}
	for _, h := range []string{"Grain, fuel and fertilizer", "Ties that go back decades"} {
		if j := slices.Index(paras, h); j < 0 || kindOf(d, j) != Heading {
			t.Errorf("%q is not a Heading paragraph (index %d)", h, j)
		}
	}
	headings := 0
	for i := range paras {
		if kindOf(d, i) == Heading {
			headings++
		}
	}
	if headings != 3 {
		t.Errorf("%d headings, want 3", headings)
	}
	if !strings.Contains(d.Text, "Moscow\u00a0and Ouagadougou") {
		t.Error("no-break space inside a sentence was not kept")
	}
}

func TestPlainDraft(t *testing.T) {
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
		kinds  []BlockKind
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
			kinds: []BlockKind{Body, Item, Item, Item, Item},
		},
		{
			name: "headings need prose after them",
			in: "Talks resume in the capital\n\n" + prose + "\n\nA new chapter\n\n" + prose2 + "\n\nWhat comes next?\n\n" + prose +
				"\n\nRelated video title\n\nAnother short line\n\nEnding line",
			title: "Talks resume in the capital",
			paras: []string{prose, "A new chapter", prose2, "What comes next?", prose, "Related video title", "Another short line", "Ending line"},
			kinds: []BlockKind{Body, Heading, Body, Body, Body, Body, Body, Body},
		},
		{
			name: "captions with credits",
			in: "Talks resume in the capital\n\n" + prose + "\n\n A photo of two men shaking hands\nThe ministers met in the capitalPhoto: Jane Doe/AP\n\n" +
				"Crowds in the street\nPicture: Reuters\n\nImage: AFP\n\n" + prose2,
			title: "Talks resume in the capital",
			paras: []string{prose, "The ministers met in the capital", "Crowds in the street", prose2},
			kinds: []BlockKind{Body, Caption, Caption, Body},
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
			d, _ := plainDraft(nil, tt.in)
			checkShape(t, d)
			if d.Title != tt.title || d.Byline != tt.byline || !d.Published.Equal(tt.date) || d.URL != tt.url {
				t.Errorf("got title %q, byline %q, date %v, url %q;\nwant title %q, byline %q, date %v, url %q",
					d.Title, d.Byline, d.Published, d.URL, tt.title, tt.byline, tt.date, tt.url)
			}
			if got := paragraphs(d.Text); !slices.Equal(got, tt.paras) {
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

func TestParseText_errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"only clutter", []byte("Skip to content\n\nShare\n\nAdvertisement\n"), ErrNoText},
		{"only a title", []byte("Just a headline\n"), ErrNoText},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), ErrBinary},
		{"mixed UTF-8 and Latin-1", []byte("café au lait\n\ncaf\xe9 au lait"), ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseText(nil, "a.txt", tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "a.txt") {
				t.Errorf("parseText error = %v, want %v naming a.txt", err, tt.want)
			}
		})
	}
}

func TestParseText_crlf(t *testing.T) {
	d, err := parseText(nil, "a.txt", []byte("Talks resume in the capital\r\n\r\nBy Jane Doe\r\n\r\nFirst line\r\nsecond line.\r\n\r\n\r\n\r\nNext paragraph.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, d)
	if d.Title != "Talks resume in the capital" || d.Byline != "Jane Doe" || d.Text != "First line second line.\n\nNext paragraph." {
		t.Errorf("got %q, %q, %q", d.Title, d.Byline, d.Text)
	}
}

// article builds a synthetic saved-page article of about words words.
func article(words int) []byte {
	vocab := strings.Fields("the minister said that talks on security and trade would continue in the capital " +
		"after a visit which officials described as a success for both countries despite criticism from abroad")
	var b strings.Builder
	b.WriteString("1. Skip to content\n2. Skip to main menu\n\nMinisters agree to deepen security cooperation\n\nBy Jane Doe\nFebruary 8, 2023\n\n")
	for i, n := 0, 0; n < words; i++ {
		if i > 0 && i%4 == 0 {
			b.WriteString("A new section heading\n\n")
		}
		for j := range 45 {
			w := vocab[(i*7+j*3)%len(vocab)]
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if j < 44 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(".\n\n")
		n += 45
	}
	b.WriteString("Edited by: John Roe\n")
	return []byte(b.String())
}

func BenchmarkText(b *testing.B) {
	data := article(500)
	if n := len(strings.Fields(string(data))); n < 480 || n > 600 {
		b.Fatalf("synthetic article has %d words", n)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Bytes("a.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkText_sample(b *testing.B) {
	data := testutil.Sample(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Bytes("a.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add(testutil.Sample(f))
	f.Add(article(100))
	f.Add([]byte("Title\r\n\r\nBy Jane Doe | 8 Feb 2023\r\n\r\n- a\n- b\n\n caption alt\nCaptionImage: X\n"))
	f.Add([]byte("https://example.com/x\n\n\n\nText\u2029more\fend\x01"))
	f.Add([]byte("\xff\xfeH\x00i\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, parse := range []func([]byte) (Draft, error){
			func(b []byte) (Draft, error) { return Bytes("f.txt", b) },
			Paste,
		} {
			d, err := parse(data)
			if err != nil {
				if d.Text != "" {
					t.Errorf("error %v with text", err)
				}
				continue
			}
			checkShape(t, d)
			if d.Text == "" {
				t.Error("no error but empty text")
			}
		}
	})
}
