package html

import (
	"slices"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"

	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse_Fixtures(t *testing.T) {
	tests := []struct {
		file                       string
		title, byline, outlet, url string
		published                  time.Time
		lang                       string
		warnings                   int
		kinds                      []draft.Kind // kinds that must occur
		contains, absent           []string
		minF1                      float64 // 0.96 when zero
	}{
		{
			file:      "news-jsonld.html",
			title:     "Lakeland approves plan to rebuild northern rail line",
			byline:    "Amina Dlamini, Peter Holm",
			outlet:    "The Northern Courier",
			url:       "https://courier.example/africa/lakeland-rail-line-2023",
			published: time.Date(2023, 2, 8, 8, 41, 0, 0, time.UTC),
			lang:      "en-GB",
			kinds:     []draft.Kind{draft.Heading, draft.Quote, draft.Item, draft.Caption},
			contains:  []string{"Workers inspect the damaged Selby bridge", "no penalty if the line opens late"},
			absent: []string{"cookies", "Share this article", "Related articles", "worst reporting", "Photo: Maria Okafor",
				"Advertisement", "All rights reserved", "newsletter", "Lakeland approves plan"},
		},
		{
			file:      "blog-opengraph.html",
			title:     "Five questions about urban beekeeping",
			byline:    "Lena Hartmann",
			outlet:    "Rooftop Notes",
			url:       "https://rooftopnotes.example/2021/06/urban-beekeeping/",
			published: time.Date(2021, 6, 14, 7, 30, 12, 0, time.UTC),
			lang:      "en-US",
			kinds:     []draft.Kind{draft.Heading},
			absent:    []string{"Skip to content", "Recent Posts", "Share this", "Lovely post", "Leave a Reply", "Proudly powered", "Posted on"},
		},
		{
			// Furniture without class names, as current outlets set it:
			// a kicker, byline and timestamp lines, a credit of name and
			// agency, a sign-up box, gallery chrome with a caption
			// repeated per slide, teasers in capitals, "On Site:" and
			// section links, the reporter's contact lines.
			file:      "news-furniture.html",
			title:     "Ferry operator cuts winter crossings to the outer islands",
			byline:    "Ines Varga",
			outlet:    "The Harbour Wire",
			published: time.Date(2025, 11, 4, 7, 15, 0, 0, time.UTC),
			lang:      "en-US",
			kinds:     []draft.Kind{draft.Caption},
			contains:  []string{"The morning ferry leaves", "Passengers wait on the quay"},
			absent: []string{"BUSINESS", "By Ines Varga", "7:15 AM", "Harbour Wire file", "Breaking News Emails", "breaking news alerts",
				"SUBSCRIBE", "Image 1 of 3", "Caption", "Close", "POLITICS", "Council approves", "Rovers sign", "On Harbourwire.example",
				"ivarga@", "@inesvarga", "More Business News", "All rights reserved"},
		},
		{
			file:      "plain-cp1252.html",
			title:     "Hall roof to be repaired",
			byline:    "Tom Ellis",
			outlet:    "Lower Marsh Parish News",
			published: time.Date(2019, 3, 30, 0, 0, 0, 0, time.UTC),
			contains:  []string{"£8,400", "summer fête", "St Mary’s school", "£312 towards the fund – the largest"},
			absent:    []string{"Back to news", "Contact", "last updated"},
		},
		{
			file:      "malformed.html",
			title:     "Storm breaches Brill harbour wall",
			byline:    "Ruth Kemp",
			outlet:    "Coast Gazette",
			published: time.Date(2022, 11, 20, 0, 0, 0, 0, time.UTC),
			warnings:  1,
			contains:  []string{"No one was injured"},
			// A stray </div> moves the last paragraph out of the article's
			// container, and the extractor keeps only the container.
			minF1: 0.75,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := fixture(t, tt.file)
			d, err := Parse(nil, tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			testkit.CheckTrimmed(t, d.Text, d.Kinds)
			for _, c := range []struct{ name, got, want string }{
				{"Title", d.Title, tt.title}, {"Byline", d.Byline, tt.byline}, {"Outlet", d.Outlet, tt.outlet},
				{"URL", d.URL, tt.url},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
				}
			}
			if tt.lang != "" && d.Language != tt.lang {
				t.Errorf("Language = %q, want %q", d.Language, tt.lang)
			}
			if !d.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", d.Published, tt.published)
			}
			if len(d.Warnings) != tt.warnings {
				t.Errorf("Warnings = %q, want %d", d.Warnings, tt.warnings)
			}
			for _, k := range tt.kinds {
				found := false
				for _, got := range d.Kinds {
					found = found || got == k
				}
				if !found {
					t.Errorf("no %v paragraph in kinds %v", k, d.Kinds)
				}
			}
			for _, s := range tt.contains {
				if !strings.Contains(d.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(d.Text, s) {
					t.Errorf("text has %q", s)
				}
			}
			golden := string(fixture(t, strings.TrimSuffix(tt.file, ".html")+".body.txt"))
			minF1 := tt.minF1
			if minF1 == 0 {
				minF1 = 0.96
			}
			if f1 := testkit.WordF1(d.Text, golden); f1 < minF1 {
				t.Errorf("body F1 = %.3f, want ≥ %.2f\n%s", f1, minF1, d.Text)
			}
		})
	}
}

// TestParseHTML_CaptionsAndKinds checks the paragraph kinds of a page in
// detail: headings, quotes, list items, captions without their credit.
func TestParse_CaptionsAndKinds(t *testing.T) {
	d, err := Parse(nil, "news.html", fixture(t, "news-jsonld.html"))
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(d.Text, "\n\n")
	want := map[string]draft.Kind{
		"Workers inspect the damaged Selby bridge, one of two crossings lost in the 2009 floods": draft.Caption,
		"Who pays for the new line?": draft.Heading,
		"an interest rate above what neighbouring countries pay for similar loans":                                                        draft.Item,
		"We have waited fifteen years for this decision. Every season without the railway costs our farmers a fortune in transport fees.": draft.Quote,
	}
	for i, p := range paras {
		if k, ok := want[p]; ok {
			if d.Kinds[i] != k {
				t.Errorf("paragraph %q is %v, want %v", p, d.Kinds[i], k)
			}
			delete(want, p)
		}
	}
	for p := range want {
		t.Errorf("paragraph %q missing", p)
	}
}

// TestParseHTML_sampleArticle imports the sample article laid out as
// a news page (the saved text's long paragraphs as the article, its short
// lines as menus around it) and measures the body against it.
func TestParse_sampleArticle(t *testing.T) {
	raw := testutil.Sample(t)
	var body, chrome []string
	for _, p := range strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n") {
		p = strings.TrimSpace(p)
		if len(strings.Fields(p)) >= 15 {
			body = append(body, p)
		} else if p != "" {
			chrome = append(chrome, p)
		}
	}
	if len(body) < 5 {
		t.Fatalf("sample has %d long paragraphs", len(body))
	}
	var page strings.Builder
	page.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Russia pledges drones and grain to Burkina Faso – Meridian – 03/14/2024</title>
<meta property="og:site_name" content="Meridian"><meta name="author" content="Amara Lindqvist"><meta property="article:published_time" content="2024-03-14T09:40:00Z"></head><body><nav><ul>`)
	for _, c := range chrome {
		page.WriteString("<li><a href=\"#\">" + escapeTest(c) + "</a></li>")
	}
	page.WriteString(`</ul></nav><article><h1>Russia pledges drones and grain to Burkina Faso</h1>`)
	for _, p := range body {
		page.WriteString("<p>" + escapeTest(p) + "</p>\n")
	}
	page.WriteString(`</article><footer><a href="#">Imprint</a> <a href="#">Privacy</a> <a href="#">Accessibility</a></footer></body></html>`)
	d, err := Parse(nil, "meridian.html", []byte(page.String()))
	if err != nil {
		t.Fatal(err)
	}
	testkit.CheckTrimmed(t, d.Text, d.Kinds)
	if d.Title != testutil.SampleTitle || d.Outlet != "Meridian" || d.Byline != "Amara Lindqvist" {
		t.Errorf("metadata = %q / %q / %q", d.Title, d.Outlet, d.Byline)
	}
	if f1 := testkit.WordF1(d.Text, strings.Join(body, "\n\n")); f1 < 0.96 {
		t.Errorf("body F1 = %.3f, want ≥ 0.96", f1)
	}
}

func escapeTest(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestParse_Refusals(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 200)...)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"image.html", png, draft.ErrBinary},
		{"empty.html", []byte(" \n\t "), draft.ErrEmpty},
		{"menu.html", []byte(`<html><body><nav><a href="/">Home</a> <a href="/b">Blog</a></nav></body></html>`), draft.ErrNoText},
		{"huge.html", make([]byte, draft.MaxFileSize+1), draft.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(nil, tt.name, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %q does not name the file", err)
			}
			if d.Text != "" {
				t.Errorf("a refused file gave a draft: %+v", d)
			}
		})
	}
}

// TestParseHTML_strayNUL: browsers skip a stray NUL byte in a page; the
// import does too, with a warning, while a page of NULs stays binary.
func TestParse_strayNUL(t *testing.T) {
	page := fixture(t, "news-jsonld.html")
	i := bytes.Index(page, []byte("<p>"))
	if i < 0 {
		t.Fatal("fixture has no paragraph")
	}
	withNUL := append(append(append([]byte{}, page[:i]...), 0), page[i:]...)
	d, err := Parse(nil, "news.html", withNUL)
	if err != nil {
		t.Fatalf("a stray NUL refused the page: %v", err)
	}
	if strings.ContainsRune(d.Text, 0) || !slices.ContainsFunc(d.Warnings, func(w string) bool { return strings.Contains(w, "NUL") }) {
		t.Errorf("NUL in text or no warning: %q", d.Warnings)
	}
	if _, err := Parse(nil, "nuls.html", bytes.Repeat([]byte("<p>\x00\x00\x00"), 200)); !errors.Is(err, draft.ErrBinary) {
		t.Errorf("a page of NULs: %v, want ErrBinary", err)
	}
}
