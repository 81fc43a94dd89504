package ingest

import (
	"bytes"
	"fmt"
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
	// Navigation, title and byline+date paragraphs are removed, and the
	// tail after the last paragraph of prose: a related video's title and
	// the editing credit.
	if got, want := len(paras), len(srcParas)-5; got != want {
		t.Errorf("%d paragraphs, want %d (one per paragraph of the file but the header and the tail)", got, want)
	}
	for _, tail := range []string{"Sahel - Life under the blockade", "Edited by: Nadia Ferreira"} {
		if strings.Contains(d.Text, tail) {
			t.Errorf("the tail %q is kept", tail)
		}
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

func BenchmarkMarkdown(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("---\ntitle: Ministers agree\nauthor: Jane Doe\ndate: 2023-02-08\n---\n# Ministers agree\n\n")
	for i := range 12 {
		if i%4 == 3 {
			sb.WriteString("## A section\n\n")
		}
		sb.WriteString(strings.Repeat("The minister *said* that talks on [security](https://example.com) and trade would continue. ", 4))
		sb.WriteString("\n\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Bytes("a.md", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkText_whitespace imports texts that are mostly white space
// through Text (an edit), Paste and a .txt file, at three sizes up to
// near the size limit: the time per byte must stay the same as the size
// grows (issue 13 reported 64 MB taking 89 s, 8 MB 2 s).
func BenchmarkText_whitespace(b *testing.B) {
	for _, size := range []int{4 << 20, 16 << 20, 48 << 20} {
		data := []byte("A title\n\nThe first paragraph of the note.\n" + strings.Repeat(" \t\n\r\n \u00a0\n", size/9) + "The end.\n")
		for _, imp := range []struct {
			name string
			fn   func([]byte) error
		}{
			{"Text", func(d []byte) error { _, err := Text("edit", d); return err }},
			{"Paste", func(d []byte) error { _, err := Paste(d); return err }},
			{"txt", func(d []byte) error { _, err := Bytes("a.txt", d); return err }},
		} {
			b.Run(fmt.Sprintf("%s/%dMB", imp.name, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if err := imp.fn(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
