package app

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook/timeline"
)

// benchTimelineItems is n dated items over 1990–2025 in 12 lanes: most
// are days, some months, years and open periods, as a large notebook's
// timeline has; most have a publication date a few days to years later.
func benchTimelineItems(n int) []timeline.Item {
	rng := rand.New(rand.NewPCG(18, 2025))
	base := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	colors := []string{"yellow", "red", "green", "blue", "purple", "magenta", "orange", "gray"}
	items := make([]timeline.Item, n)
	for i := range items {
		// Events cluster in recent years, as news highlights do.
		days := int(float64(35*365) * (1 - rng.Float64()*rng.Float64()))
		s := base.AddDate(0, 0, days)
		it := timeline.Item{ID: fmt.Sprintf("A%06d", i), ArticleID: fmt.Sprintf("R%05d", i/10),
			Quote: "A passage of an article that tells of something that happened on a given day.",
			Lane:  fmt.Sprintf("Theme %02d", rng.IntN(12)), Color: colors[rng.IntN(len(colors))],
			Title: "An article's title", Outlet: "An outlet", Evidence: "on a given day"}
		switch p := rng.IntN(100); {
		case p < 70:
			it.Start, it.End, it.Precision = s, s, "day"
		case p < 90:
			s = time.Date(s.Year(), s.Month(), 1, 0, 0, 0, 0, time.UTC)
			it.Start, it.End, it.Precision = s, s.AddDate(0, 1, -1), "month"
		case p < 97:
			s = time.Date(s.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			it.Start, it.End, it.Precision = s, s.AddDate(1, 0, -1), "year"
		default:
			it.Start, it.Precision = s, "open"
		}
		if rng.IntN(10) > 0 {
			it.Published, it.PubKnown = it.Start.AddDate(0, 0, rng.IntN(900)), true
		}
		items[i] = it
	}
	timeline.Sort(items)
	return items
}

// BenchmarkTimelineZoom measures one zoom step of the Timeline view with
// 100,000 dated highlights on a 1440×900 window: the viewport's marks
// (culled to the window, merged per cell and row) and the canvas objects
// for them, as the Fyne goroutine does after a Ctrl+scroll, a + or a −.
// The steps go from the whole span (decades) in to days and back out,
// around the middle of the data. "ms/step" is the mean, "ms/max" the
// slowest step; "marks/step" the marks drawn. The baseline "naive"
// draws every item as its own object at every step (no culling, no
// merging), reusing the objects.
func BenchmarkTimelineZoom(b *testing.B) {
	const n = 100_000
	items := benchTimelineItems(n)
	d := newTLData(items, nil)
	a := test.NewTempApp(b)
	installTheme(a, themeLight)
	w := a.NewWindow("bench")
	defer w.Close()
	c := newTimelineCanvas()
	w.SetContent(c)
	w.Resize(fyne.NewSize(1440, 900))
	c.setData(d, true)
	fit := c.view
	// The zoom factors of a sweep: in by 1.25 (a Ctrl+scroll notch) until
	// a day is tlMaxDayPx wide, then out again.
	steps := 0
	for v := fit; 1/v.dpp < tlMaxDayPx; v = d.zoom(v, 1.25, c.plotW()/2, c.plotW()) {
		steps++
	}
	b.Run("culled", func(b *testing.B) {
		var worst time.Duration
		marks, k := 0, 0
		c.view = fit
		for b.Loop() {
			f := 1.25
			if (k/steps)%2 == 1 {
				f = 1 / 1.25
			}
			k++
			t := time.Now()
			c.zoomAt(f, c.plotW()/2)
			worst = max(worst, time.Since(t))
			marks += len(c.built.marks)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/step")
		b.ReportMetric(float64(worst.Microseconds())/1000, "ms/max")
		b.ReportMetric(float64(marks)/float64(b.N), "marks/step")
	})
	b.Run("naive", func(b *testing.B) {
		rects := make([]*canvas.Rectangle, n)
		for i := range rects {
			rects[i] = canvas.NewRectangle(nil)
		}
		pal := map[string]color.Color{}
		for _, name := range articleview.Palette {
			pal[name] = articleview.HighlightColor(name, theme.VariantLight)
		}
		var worst time.Duration
		v, k := fit, 0
		pw := c.plotW()
		for b.Loop() {
			f := 1.25
			if (k/steps)%2 == 1 {
				f = 1 / 1.25
			}
			k++
			t := time.Now()
			v = d.zoom(v, f, pw/2, pw)
			for i := range n {
				x0, x1 := v.x(d.start[i]), v.x(d.end[i])
				r := rects[i]
				r.FillColor = pal[items[i].Color]
				r.Move(fyne.NewPos(tlGutter+float32(x0), tlAxisH+float32(d.rowY[d.row[i]])))
				r.Resize(fyne.NewSize(float32(max(x1-x0, tlMarkH)), tlMarkH))
			}
			worst = max(worst, time.Since(t))
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/step")
		b.ReportMetric(float64(worst.Microseconds())/1000, "ms/max")
		b.ReportMetric(n, "marks/step")
	})
}

// BenchmarkTimelineLoad measures preparing 100,000 dated highlights for
// drawing (day numbers, lanes, rows), done once per load off the Fyne
// goroutine.
func BenchmarkTimelineLoad(b *testing.B) {
	items := benchTimelineItems(100_000)
	for b.Loop() {
		newTLData(items, nil)
	}
}
