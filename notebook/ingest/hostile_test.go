package ingest

// Regression tests for issue 13: hostile files must be refused (or read
// within limits) quickly, with a message that says what is wrong.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/html"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

// within fails t when fn does not return in d; a hang then costs the test
// d, not the whole run.
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not return within %v", d)
	}
}

func TestBytes_pdfCrafted(t *testing.T) {
	// The crafting itself: a sound document reads.
	d, err := Bytes("ok.pdf", testkit.PDFOnePage(testkit.PDFHello))
	if err != nil || !strings.Contains(d.Text, "Hello from a small crafted") {
		t.Fatalf("Bytes = %q, %v", d.Text, err)
	}
}

func TestBytes_pdfHostile(t *testing.T) {
	deepArray := strings.Repeat("[", 2000) + "(Hello)" + strings.Repeat("]", 2000)
	tests := []struct {
		name string
		data []byte
		msg  []string // all must be in the message
	}{
		{"pagetree-loop.pdf", testkit.PDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", // lists itself
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			testkit.PDFStream(testkit.PDFHello), testkit.PDFHelvetica,
		), []string{"damaged PDF", "page tree", "loops"}},
		{"content-nesting.pdf", testkit.PDFOnePage("BT /F1 12 Tf 72 700 Td " + deepArray + " TJ ET"),
			[]string{"damaged PDF", "nested more than 32 levels"}},
		{"object-nesting.pdf", testkit.PDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Junk "+deepArray+" >>",
			testkit.PDFStream(testkit.PDFHello), testkit.PDFHelvetica,
		), []string{"damaged PDF", "nesting"}},
		{"unclosed-array.pdf", testkit.PDFOnePage("BT /F1 12 Tf 72 700 Td [(Hello"), []string{"damaged PDF", "not closed"}},
	}
	t.Run("parent-loop.pdf", func(t *testing.T) {
		// A page that is its own parent and has no resources: the library
		// looks for inherited resources up the Parent links forever.
		data := testkit.PDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
			testkit.PDFStream(testkit.PDFHello))
		var d Draft
		var err error
		within(t, 10*time.Second, func() { d, err = Bytes("parent-loop.pdf", data) })
		if err != nil || !strings.Contains(d.Text, "Hello from") {
			t.Errorf("Bytes = %q, %v", d.Text, err)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			within(t, 10*time.Second, func() { _, err = Bytes(tt.name, tt.data) })
			if err == nil {
				t.Fatal("no error")
			}
			for _, m := range append(tt.msg, tt.name) {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q should say %q", err, m)
				}
			}
			if strings.Contains(err.Error(), "scanned") {
				t.Errorf("error %q blames a missing text layer", err)
			}
		})
	}
}

// TestBytes_pdfFlatTree reads a document whose 2,000 pages hang from one
// node: the library's Page(i) walks the tree from the root for every page,
// the square of the page count in reads.
func TestBytes_pdfFlatTree(t *testing.T) {
	const n = 2000
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", testkit.PDFHelvetica}
	var kids strings.Builder
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", 4+2*i)
		// Lines that differ from page to page in their words, so that none
		// is taken for a running header.
		var content strings.Builder
		content.WriteString("BT /F1 12 Tf 72 700 Td 14 TL ")
		for j := range 5 {
			fmt.Fprintf(&content, "(Line %s of page %s tells of the harbour works.) ' ", testkit.Letters(j), testkit.Letters(i))
		}
		content.WriteString("ET")
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", 5+2*i),
			testkit.PDFStream(content.String()))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	var d Draft
	var err error
	// No time limit of the budget's own: the race detector's slowness must
	// not refuse the file; within still fails a quadratic walk.
	within(t, 20*time.Second, func() {
		d, err = BytesContext(context.Background(), "flat.pdf", testkit.PDF(objs...), Limits{Memory: DefaultLimits.Memory})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "Line c of page "+testkit.Letters(n-1)) {
		t.Errorf("the last page is missing: %q", d.Text[max(0, len(d.Text)-300):])
	}
}

func TestBytes_htmlNesting(t *testing.T) {
	article := "<p>" + strings.Repeat("The council met on Tuesday to discuss the harbour. ", 10) + "</p>"
	tests := []struct {
		name string
		page string
	}{
		{"divs-100k.html", strings.Repeat("<div>", 100_000) + article + strings.Repeat("</div>", 100_000)},
		{"divs-20k.html", strings.Repeat("<div>", 20_000) + article + strings.Repeat("</div>", 20_000)},
		{"unclosed-div-span.html", strings.Repeat("<div><span>", 100_000) + article},
		{"tables-20k.html", strings.Repeat("<table><tr><td>", 20_000) + article + strings.Repeat("</td></tr></table>", 20_000)},
		{"spans-in-divs.html", strings.Repeat("<span><div></span>", 10_000) + article},
		// In a select, a style element is markup, not raw text: what looks
		// like its text is parsed once the select ends.
		{"style-in-select.html", "<select><style></select>" + strings.Repeat("<div>", 20_000) + article + "</style>"},
		{"svg-title.html", "<svg><title>" + strings.Repeat("<div>", 20_000) + article},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			// A hang guard, not a speed measurement (the race detector and a
			// busy machine slow it down): these took minutes before.
			within(t, 20*time.Second, func() { _, err = Bytes(tt.name, []byte(tt.page)) })
			if err == nil || !errors.Is(err, html.ErrTooDeep) || !strings.Contains(err.Error(), tt.name) {
				t.Fatalf("err = %v, want a refusal for nesting naming the file", err)
			}
		})
	}
}

// TestBytes_htmlFormattingAmplification: a thousand distinct unclosed <b>
// elements are re-created by the parser in every block after them, so 40
// KB of markup would become millions of nodes.
func TestBytes_htmlFormattingAmplification(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><div>")
	for i := range 1000 {
		fmt.Fprintf(&b, "<b id=%d>", i)
	}
	b.WriteString("</div>")
	b.WriteString(strings.Repeat("<div>x</div>", 5000))
	var err error
	within(t, 10*time.Second, func() { _, err = Bytes("amplified.html", []byte(b.String())) })
	if !errors.Is(err, html.ErrTooComplex) && !errors.Is(err, ErrNoText) {
		t.Fatalf("err = %v", err)
	}
}

// TestBytes_htmlDeepButReadable: a page nested deeper than browsers build
// trees (but within the limit) is flattened and read, not refused.
func TestBytes_htmlDeepButReadable(t *testing.T) {
	words := strings.Repeat("The council met on Tuesday to discuss the harbour and its future. ", 6)
	page := "<html><head><title>Deep page</title></head><body>" + strings.Repeat("<div>", 1500) +
		"<p>" + words + "</p><p>" + words + "</p>" + strings.Repeat("</div>", 1500) + "</body></html>"
	var d Draft
	var err error
	within(t, 10*time.Second, func() { d, err = Bytes("deep.html", []byte(page)) })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(d.Text, "The council met") != 12 {
		t.Errorf("text lost in flattening: %q", d.Text)
	}
}

func TestBytes_markdownHostile(t *testing.T) {
	var nested strings.Builder
	for i := range 2000 {
		nested.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	table := "# Wide\n\nSome text before the table.\n\n|" + strings.Repeat("a|", 4000) + "\n|" + strings.Repeat("-|", 4000) + "\n" +
		strings.Repeat("|"+strings.Repeat("b|", 10)+"\n", 4000)
	t.Run("nested lists", func(t *testing.T) {
		var err error
		within(t, 10*time.Second, func() { _, err = Bytes("nested.md", []byte("# Lists\n\n"+nested.String())) })
		if err == nil || !strings.Contains(err.Error(), "nested more than 64 levels") || !strings.Contains(err.Error(), "nested.md") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("wide table", func(t *testing.T) {
		var d Draft
		var err error
		within(t, 10*time.Second, func() { d, err = Bytes("wide.md", []byte(table)) })
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(d.Warnings, "\n"), "tables were read as plain text") {
			t.Errorf("warnings %q", d.Warnings)
		}
		if !strings.Contains(d.Text, "Some text before the table.") {
			t.Errorf("text %q", d.Text[:min(len(d.Text), 200)])
		}
	})
	t.Run("emphasis delimiters", func(t *testing.T) {
		// goldmark's delimiter processing grows faster than their number:
		// 4 MB of them took 16 s, and it cannot be stopped.
		src := "# Stars\n\n" + strings.Repeat("*_", 1_000_000) + "a" + strings.Repeat("_*", 1_000_000) + "\n"
		var d Draft
		var err error
		within(t, 10*time.Second, func() { d, err = Bytes("stars.md", []byte(src)) })
		if err != nil || !strings.Contains(strings.Join(d.Warnings, "\n"), "read as plain text") {
			t.Errorf("err %v, warnings %q", err, d.Warnings)
		}
	})
	t.Run("100,000 tags", func(t *testing.T) {
		var fm strings.Builder
		fm.WriteString("---\ntitle: Tagged\ntags:\n")
		for i := range 100_000 {
			fmt.Fprintf(&fm, "  - t%d\n", i)
		}
		fm.WriteString("---\n\nBody text of the note.\n")
		var d Draft
		var err error
		within(t, 10*time.Second, func() { d, err = Bytes("tags.md", []byte(fm.String())) })
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Tags) != 0 || !strings.Contains(strings.Join(d.Warnings, "\n"), "front matter ignored: it is larger than 64 KB") {
			t.Errorf("%d tags, warnings %q", len(d.Tags), d.Warnings)
		}
	})
	t.Run("200 tags", func(t *testing.T) {
		var fm strings.Builder
		fm.WriteString("---\ntitle: Tagged\ntags:\n")
		for i := range 200 {
			fmt.Fprintf(&fm, "  - t%d\n", i)
		}
		fm.WriteString("---\n\nBody text of the note.\n")
		d, err := Bytes("tags.md", []byte(fm.String()))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Tags) != maxTags || d.Tags[0] != "t0" || !strings.Contains(strings.Join(d.Warnings, "\n"), "only the first 100 of 200 tags") {
			t.Errorf("%d tags, warnings %q", len(d.Tags), d.Warnings)
		}
	})
}

func TestBytes_epubAllChapters(t *testing.T) {
	const n = 6000
	var manifest, spine strings.Builder
	entries := []testkit.EPUBEntry{{Name: "mimetype", Body: "application/epub+zip"}, {Name: "META-INF/container.xml", Body: testkit.EPUBContainer}, {Name: "OEBPS/content.opf"}}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&manifest, `<item id="c%d" href="c%d.xhtml" media-type="application/xhtml+xml"/>`, i, i)
		fmt.Fprintf(&spine, `<itemref idref="c%d"/>`, i)
		entries = append(entries, testkit.EPUBEntry{Name: fmt.Sprintf("OEBPS/c%d.xhtml", i), Body: fmt.Sprintf("<html><body><p>Chapter %d tells its part of the story.</p></body></html>", i)})
	}
	entries[2].Body = `<package><metadata><title>Long</title></metadata><manifest>` + manifest.String() + `</manifest><spine>` + spine.String() + `</spine></package>`
	d, err := Bytes("long.epub", testkit.EPUB(t, entries...))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(d.Text, "tells its part"); got != n {
		t.Errorf("%d chapters read, want %d (warnings %q)", got, n, d.Warnings)
	}
	if !strings.HasSuffix(d.Text, "Chapter 6000 tells its part of the story.") {
		t.Errorf("the last chapter is missing")
	}
}

func TestBytes_epubLyingSize(t *testing.T) {
	_, err := Bytes("lying.epub", testkit.EPUBLyingBomb(t))
	if err == nil || errors.Is(err, ErrNoText) {
		t.Fatalf("err = %v, want a damaged archive", err)
	}
	for _, m := range []string{"lying.epub", "the archive is damaged", "OEBPS/c.xhtml", "size header"} {
		if !strings.Contains(err.Error(), m) {
			t.Errorf("error %q should say %q", err, m)
		}
	}
}

func TestBytesContext_limits(t *testing.T) {
	big := []byte(strings.Repeat("A line of ordinary prose that goes on for a while.\n", 100_000)) // 5 MB
	_, err := BytesContext(context.Background(), "big.txt", big, Limits{Memory: 4 << 20})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "big.txt: would need more than 4 MB of memory") {
		t.Errorf("memory: err = %v", err)
	}
	_, err = BytesContext(context.Background(), "big.txt", big, Limits{Time: time.Nanosecond})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "big.txt: took longer than 0 ms") {
		t.Errorf("time: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = BytesContext(ctx, "big.txt", big, DefaultLimits)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	if _, err := BytesContext(context.Background(), "big.txt", big, DefaultLimits); err != nil {
		t.Errorf("within the default limits: %v", err)
	}
}

func TestText_tooLarge(t *testing.T) {
	_, err := Text("edit", make([]byte, MaxFileSize+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v", err)
	}
}

// TestBytes_fieldsAreOneCleanLine: every importer's metadata comes out as
// one line without control or bidirectional override characters.
func TestBytes_fieldsAreOneCleanLine(t *testing.T) {
	body := strings.Repeat("The council met on Tuesday to discuss the harbour and its future. ", 6)
	tests := []struct {
		name string
		data []byte
	}{
		{"front.md", []byte("---\ntitle: |\n  First line\n  second\u202e line\nauthor: \"Jane\\tDoe\\u0007\"\nsite: \"Daily\\nNews\"\nurl: \"https://example.com/a\\u0085\"\nlang: \"en\\u2066\"\ntags: [\"a\\nb\", \"\\u202dc\"]\n---\n\n" + body + "\n")},
		{"page.html", []byte("<html lang=en><head><title>Head\u202eline\u0085 of\x01 the day</title><meta name=author content=\"Jane\u2067 Doe\"></head><body><article><p>" + body + "</p></article></body></html>")},
		{"book.epub", testkit.EPUB(t, testkit.EPUBEntry{Name: "mimetype", Body: "application/epub+zip"}, testkit.EPUBEntry{Name: "META-INF/container.xml", Body: testkit.EPUBContainer},
			testkit.EPUBEntry{Name: "OEBPS/content.opf", Body: "<package><metadata><title>Two\nline\u202e title</title><creator>Jane\u0085\tDoe</creator></metadata><manifest><item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"c\"/></spine></package>"},
			testkit.EPUBEntry{Name: "OEBPS/c.xhtml", Body: "<html><body><p>" + body + "</p></body></html>"})},
		{"info.pdf", testkit.PDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			testkit.PDFStream(testkit.PDFHello), testkit.PDFHelvetica)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Bytes(tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			fields := append([]string{d.Title, d.Byline, d.Outlet, d.URL, d.Language}, d.Tags...)
			fields = append(fields, d.Warnings...)
			for _, f := range fields {
				if f != CleanField(f) {
					t.Errorf("field %q is not clean", f)
				}
			}
			if d.Title == "" {
				t.Errorf("no title")
			}
		})
	}
	d, _ := Bytes("front.md", tests[0].data)
	if d.Title != "First line second line" || d.Byline != "Jane Doe" || d.Outlet != "Daily News" || d.URL != "https://example.com/a" ||
		d.Language != "en" || strings.Join(d.Tags, ",") != "a b,c" {
		t.Errorf("front matter fields = %q %q %q %q %q %q", d.Title, d.Byline, d.Outlet, d.URL, d.Language, d.Tags)
	}
}

func TestCleanField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain title", "Plain title"},
		{"  padded\t", "padded"},
		{"two\nlines", "two lines"},
		{"crlf\r\nand\u2028separators\u2029too", "crlf and separators too"},
		{"bell\x07 and del\x7f and c1\u0085\u009b", "bell and del and c1"},
		{"over\u202eride and \u2066isolate\u2069", "override and isolate"},
		{"marks \u200f\u200e stay", "marks \u200f\u200e stay"},
		{"bom\ufeff", "bom"},
		{"many    spaces\u00a0and\u3000kinds", "many spaces and kinds"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"", ""},
		{"\x00\x01", ""},
	}
	for _, tt := range tests {
		if got := CleanField(tt.in); got != tt.want {
			t.Errorf("CleanField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
