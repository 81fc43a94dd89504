package articleview

import (
	"github.com/glossnotes/gloss/internal/testutil"

	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/app/articleview/model"
)

// longArticle repeats the sample article's paragraphs to at least 50,000
// words and spreads 1,000 highlights over it.
func longArticle(b *testing.B) (string, []Span) {
	b.Helper()
	raw := testutil.Sample(b)
	var paras []string
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(string(raw), -1) {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	var all []string
	words := 0
	for words < 50000 {
		for _, p := range paras {
			all = append(all, p)
			words += len(strings.Fields(p))
		}
	}
	text := strings.Join(all, "\n\n")
	n := len([]rune(text))
	spans := make([]Span, 1000)
	for i := range spans {
		s := i * n / len(spans)
		spans[i] = Span{ID: "s", Start: s, End: s + 20 + i%200, Color: Palette[i%len(Palette)], HasNote: i%4 == 0}
	}
	return text, spans
}

func benchView(b *testing.B) (*ArticleView, fyne.Window) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(WrapTheme(theme.LightTheme()))
	v := New()
	w := test.NewTempWindow(b, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 700))
	return v, w
}

// BenchmarkArticleView_firstLayout measures showing a 50,000-word article
// with 1,000 highlights at 900 px: segmentation, wrapping with a fresh
// advance cache, and drawing the first screen.
func BenchmarkArticleView_firstLayout(b *testing.B) {
	text, spans := longArticle(b)
	v, _ := benchView(b)
	b.ResetTimer()
	for range b.N {
		v.measurer = nil // a new view starts with an empty advance cache
		v.SetDocument("Title", "Meta", text, nil)
		v.SetSpans(spans)
	}
	b.StopTimer()
	b.ReportMetric(float64(len(v.lay.Lines)), "lines")
	b.ReportMetric(float64(v.page.r.liveObjects()), "objects")
}

// BenchmarkDocument measures only the Unicode analysis of the text.
func BenchmarkDocument(b *testing.B) {
	text, _ := longArticle(b)
	b.ResetTimer()
	for range b.N {
		model.NewDocument(text, nil)
	}
}

// BenchmarkWrap measures only re-wrapping at a new width (warm cache).
func BenchmarkWrap(b *testing.B) {
	text, _ := longArticle(b)
	test.NewTempApp(b)
	doc := model.NewDocument(text, nil)
	m := model.NewMeasurer(measureText)
	metrics := model.Metrics{TextSize: 14, Padding: 8}
	model.NewLayout(m, metrics, 900, doc)
	b.ResetTimer()
	for i := range b.N {
		model.NewLayout(m, metrics, 900-float32(i%2), doc)
	}
}

// BenchmarkArticleView_scrollStep measures one scroll step of 40 px: the
// lines that come into view get text objects, the highlights and selection
// of the visible lines are re-placed.
func BenchmarkArticleView_scrollStep(b *testing.B) {
	text, spans := longArticle(b)
	v, _ := benchView(b)
	v.SetDocument("Title", "Meta", text, nil)
	v.SetSpans(spans)
	v.SetSelection(1000, 200000)
	maxObjects := 0
	y := float32(0)
	b.ResetTimer()
	for range b.N {
		y += 40
		if y > v.lay.Height {
			y = 0
		}
		v.scrollTo(y)
		maxObjects = max(maxObjects, v.page.r.liveObjects())
	}
	b.StopTimer()
	b.ReportMetric(float64(maxObjects), "max-objects")
	b.ReportMetric(float64(len(v.lay.Lines)), "lines")
}
