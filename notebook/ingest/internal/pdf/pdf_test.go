package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"github.com/go-pdf/fpdf"
	lpdf "github.com/ledongthuc/pdf"
)

// reportParas is the body of the generated test report.
var reportParas = []draft.Block{
	{Kind: draft.Heading, Text: "Summary"},
	{Kind: draft.Body, Text: "The year was the first full year of operation since the northern line reopened to freight. Traffic grew faster than forecast, and the authority finished the year with a small operating surplus for the first time in its history."},
	{Kind: draft.Body, Text: "Freight volumes reached four million tonnes, against a forecast of three and a half million. Most of the growth came from grain and fertiliser, which together made up nearly two thirds of everything carried on the line."},
	{Kind: draft.Heading, Text: "Infrastructure"},
	{Kind: draft.Body, Text: "Maintenance spending rose by a quarter as the authority replaced sleepers on the oldest sections of track. Two bridges over the Ebby river were strengthened to carry heavier wagons, and the signalling between Selby and Marrow was modernised."},
	{Kind: draft.Body, Text: "The authority expects to complete the remaining infrastructure works within two years, subject to the approval of its borrowing plan by the ministry of finance and the regional development banks that hold most of its debt."},
	{Kind: draft.Item, Text: "Passenger services are planned to start in the second half of next year."},
	{Kind: draft.Item, Text: "Three new stations will open along the coastal section."},
	{Kind: draft.Heading, Text: "Outlook"},
	{Kind: draft.Body, Text: "Demand for freight transport is likely to keep growing as the new port terminal opens. The board has asked management to prepare a plan for doubling the track on the busiest section between Marrow and the junction at Kessel."},
	{Kind: draft.Body, Text: "Risks remain: weather damage to the embankments, delays in the delivery of new locomotives, and the exchange rate, since most of the authority's loans are denominated in foreign currency while its revenue is not."},
}

// testReport generates a three-page, two-column report with a running header
// and footer, page numbers, headings set larger than the body, bulleted
// items, and words hyphenated at line breaks.
func testReport(t testing.TB, withInfo bool) []byte {
	t.Helper()
	doc := fpdf.New("P", "pt", "A4", "")
	if withInfo {
		doc.SetTitle("Annual Report 2022", true)
		doc.SetAuthor("Lakeland Rail Authority", true)
		doc.SetCreationDate(time.Date(2023, 3, 31, 12, 0, 0, 0, time.UTC))
	}
	doc.SetAutoPageBreak(false, 0)
	tr := doc.UnicodeTranslatorFromDescriptor("") // UTF-8 to the core fonts' cp1252
	const (
		top, bottom = 90.0, 260.0 // short columns, so the report runs to three pages
		colW, gap   = 230.0, 35.0
		left        = 50.0
	)
	page, col, y := 0, 0, 0.0
	newPage := func() {
		doc.AddPage()
		page++
		doc.SetFont("Helvetica", "", 8)
		doc.Text(left, 40, "Lakeland Rail Authority - Annual Report 2022")
		doc.Text(left, 815, fmt.Sprintf("Page %d", page))
		col, y = 0, top
	}
	newPage()
	doc.SetFont("Helvetica", "B", 24)
	doc.Text(left, y, "Annual Report 2022")
	y += 40
	next := func(lead float64) {
		y += lead
		if y > bottom {
			if col == 0 {
				col, y = 1, top
			} else {
				newPage()
			}
		}
	}
	for _, p := range reportParas {
		size, style, width, indent := 10.0, "", colW, 0.0
		switch p.Kind {
		case draft.Heading:
			size, style = 14, "B"
			next(8)
		case draft.Item:
			indent = 12
		}
		doc.SetFont("Helvetica", style, size)
		words := strings.Fields(p.Text)
		line := ""
		if p.Kind == draft.Item {
			line = tr("•")
		}
		emit := func(s string) {
			doc.Text(left+float64(col)*(colW+gap)+indent*boolFloat(!strings.HasPrefix(s, tr("•"))), y, s)
			next(size * 1.25)
		}
		for _, w := range words {
			cand := strings.TrimSpace(line + " " + w)
			if doc.GetStringWidth(cand) <= width-indent {
				line = cand
				continue
			}
			// Hyphenate long words at the line break, as typesetters do.
			if len(w) >= 9 {
				head := w[:len(w)/2] + "-"
				if withHead := strings.TrimSpace(line + " " + head); doc.GetStringWidth(withHead) <= width-indent {
					emit(withHead)
					line = w[len(w)/2:]
					continue
				}
			}
			emit(line)
			line = w
		}
		emit(line)
		next(size * 0.6) // paragraph spacing
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestParse_Report(t *testing.T) {
	for _, withInfo := range []bool{true, false} {
		t.Run(fmt.Sprintf("info=%v", withInfo), func(t *testing.T) {
			data := testReport(t, withInfo)
			d, err := Parse(nil, "report.pdf", data)
			if err != nil {
				t.Fatal(err)
			}
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
			if d.Title != "Annual Report 2022" {
				t.Errorf("Title = %q", d.Title)
			}
			if withInfo && (d.Byline != "Lakeland Rail Authority" || !d.Published.Equal(time.Date(2023, 3, 31, 12, 0, 0, 0, time.UTC))) {
				t.Errorf("Byline, Published = %q, %v", d.Byline, d.Published)
			}
			want, wantKinds := text.Join(reportParas)
			if d.Text != want {
				t.Errorf("text differs (F1 %.3f)\ngot:\n%s\n\nwant:\n%s", testkit.WordF1(d.Text, want), d.Text, want)
			}
			if fmt.Sprint(d.Kinds) != fmt.Sprint(wantKinds) {
				t.Errorf("kinds = %v\nwant    %v", d.Kinds, wantKinds)
			}
			for _, junk := range []string{"Page 1", "Page 2", "Annual Report 2022 Lakeland", "Lakeland Rail Authority - Annual"} {
				if strings.Contains(d.Text, junk) {
					t.Errorf("text has running header/footer %q", junk)
				}
			}
		})
	}
}

// TestParsePDF_LibreOffice reads a report as LibreOffice exports it: two
// columns, subset TrueType fonts with ToUnicode maps, words hyphenated by
// the typesetter, a running header and a page-kindNumber footer, bold headings
// only a little larger than the text.
func TestParse_LibreOffice(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report-libreoffice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "report-libreoffice.body.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(nil, "report-libreoffice.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	testkit.CheckTrimmed(t, d.Text, d.Kinds)
	if d.Title != "Regional Review 2023" || d.Byline != "Northern Research Unit" {
		t.Errorf("Title, Byline = %q, %q", d.Title, d.Byline)
	}
	want := strings.TrimSpace(string(golden))
	if d.Text != want {
		t.Errorf("text differs (F1 %.3f):\n%s", testkit.WordF1(d.Text, want), d.Text)
	}
	headings := 0
	for _, k := range d.Kinds {
		if k == draft.Heading {
			headings++
		}
	}
	if headings != 8 {
		t.Errorf("%d headings, want 8 (kinds %v)", headings, d.Kinds)
	}
	for _, junk := range []string{"Page 1", "Page 2", "Northern Research Unit ·"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text has %q", junk)
		}
	}
}

// TestParsePDF_Type0 reads a PDF whose text is set in an embedded
// TrueType font with two-byte codes (Type0, Identity-H) and an identity
// ToUnicode range, as fpdf writes UTF-8 fonts: accented Latin, Greek,
// Cyrillic and typographic quotes must come through.
func TestParse_Type0(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "unicode-type0.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(nil, "unicode-type0.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	testkit.CheckTrimmed(t, d.Text, d.Kinds)
	want := "Die Bürgermeisterin erklärte am Dienstag, dass die Straße über den Fluss bis Ende des Jahres erneuert wird. " +
		"Ελληνικά και русский текст: «Привет, мир» — and “curly quotes” with a café. The second sentence of this paragraph " +
		"continues long enough to wrap over several lines of the page so that line joining is tested too.\n\n" +
		"A second paragraph follows after a gap, with a few more words to read."
	if d.Text != want {
		t.Errorf("text = %q\nwant   %q", d.Text, want)
	}
	if d.Title != "Ünïcödé Report" {
		t.Errorf("Title = %q", d.Title)
	}
}

func TestReadToUnicode_ranges(t *testing.T) {
	m := &toUnicode{chars: map[int]string{0x41: "fi"}, ranges: []codeRange{
		{lo: 0, hi: 0xFFFF, dst: []uint16{0}},
		{lo: 0x10, hi: 0x12, list: []string{"a", "b", "c"}},
	}}
	for code, want := range map[int]string{0x0395: "Ε", 0x41: "fi", 0x20AC: "€"} {
		if got, ok := m.lookup(code); !ok || got != want {
			t.Errorf("lookup(%#x) = %q, %v; want %q", code, got, ok, want)
		}
	}
	var none *toUnicode
	if _, ok := none.lookup(1); ok {
		t.Errorf("nil map found a code")
	}
}

func TestParse_Refusals(t *testing.T) {
	scanned := fpdf.New("P", "pt", "A4", "")
	scanned.AddPage()
	scanned.SetFillColor(120, 120, 120)
	scanned.Rect(50, 50, 400, 600, "F") // a page that is all picture
	var scan bytes.Buffer
	if err := scanned.Output(&scan); err != nil {
		t.Fatal(err)
	}

	locked := fpdf.New("P", "pt", "A4", "")
	locked.SetProtection(fpdf.CnProtectPrint, "user-secret", "owner-secret")
	locked.AddPage()
	locked.SetFont("Helvetica", "", 12)
	locked.Text(50, 100, "Confidential text that needs a password.")
	var lock bytes.Buffer
	if err := locked.Output(&lock); err != nil {
		t.Fatal(err)
	}

	report := testReport(t, true)
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"scan.pdf", scan.Bytes(), draft.ErrNoText, "no text layer (scanned PDF?)"},
		{"locked.pdf", lock.Bytes(), draft.ErrUnsupported, "encrypted"},
		{"truncated.pdf", report[:len(report)/2], nil, "PDF"},
		{"garbage.pdf", []byte("%PDF-1.7\n" + strings.Repeat("garbage ", 100)), nil, "PDF"},
		{"notpdf.pdf", []byte("<html>not a pdf</html>"), nil, "not a PDF"},
		{"empty.pdf", nil, draft.ErrEmpty, ""},
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

func TestAppendLine(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"the govern-", "ment said", "the government said"},
		{"the Anglo-", "Saxon kings", "the Anglo- Saxon kings"},
		{"pages 10-", "12 show", "pages 10- 12 show"},
		{"end.", "Next", "end. Next"},
	}
	for _, tt := range tests {
		b := []byte(tt.a)
		appendLine(&b, tt.b)
		if string(b) != tt.want {
			t.Errorf("appendLine(%q, %q) = %q, want %q", tt.a, tt.b, b, tt.want)
		}
	}
}

func TestInfoDate(t *testing.T) {
	got, ok := infoDate("D:20230208120000+01'00'")
	if !ok || !got.Equal(time.Date(2023, 2, 8, 11, 0, 0, 0, time.UTC)) {
		t.Errorf("infoDate = %v, %v", got, ok)
	}
	if _, ok := infoDate("yesterday"); ok {
		t.Errorf("infoDate accepted junk")
	}
}

// FuzzParsePDF checks that any input gives a valid draft or an error, never
// a panic, in bounded time.
func FuzzParsePDF(f *testing.F) {
	f.Add(testReport(f, true))
	f.Add([]byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		d, err := Parse(nil, "fuzz.pdf", data)
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("took %v", el)
		}
		if err == nil {
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
		}
	})
}

// FuzzPDFContent runs the content-stream interpreter over any bytes: it
// must return, without a panic, with glyphs or an error.
func FuzzPDFContent(f *testing.F) {
	f.Add([]byte(testkit.PDFHello))
	f.Add([]byte("BT /F1 12 Tf 14 TL (a\\) b) ' [(x) -250 <41 42> 3 (y)] TJ 1 0 0 1 5 5 Tm T* ET q 1 0 0 1 0 0 cm Q"))
	f.Add([]byte("BI /W 2 /H 2 /BPC 8 ID \x00\x01EI\x02 EI Q << /A [1 [2 [3]]] >> BDC %comment\n EMC"))
	f.Add([]byte("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[(deep)]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] TJ"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := newInterp(nil, lpdf.Value{}, 1000)
		in.fonts["F1"] = &fontMetrics{name: "Helvetica", widths: map[int]float64{}, dw: 500, text: map[int]string{}}
		_ = in.run(bytes.NewReader(data))
		if len(in.glyphs) > 1000 {
			t.Errorf("%d glyphs, more than allowed", len(in.glyphs))
		}
	})
}

// TestParse_xrefLoop: a cross-reference section whose /Prev points at
// itself makes the library read it again and again; the file is refused
// as damaged, quickly, without waiting for the time limit.
func TestParse_xrefLoop(t *testing.T) {
	data := string(testkit.PDFOnePage(testkit.PDFHello))
	i := strings.LastIndex(data, "startxref\n")
	xref := strings.TrimSpace(strings.Split(data[i+len("startxref\n"):], "\n")[0])
	looping := strings.Replace(data, "trailer\n<< /Size", "trailer\n<< /Prev "+xref+" /Size", 1)
	done := make(chan error, 1)
	go func() {
		_, err := Parse(budget.New(context.Background(), time.Minute, 0), "loop.pdf", []byte(looping))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "loop.pdf: damaged PDF") || !strings.Contains(err.Error(), "refer to each other in a loop") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Parse did not return within 30 s")
	}
}
