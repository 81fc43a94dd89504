package app

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/storage"
)

// benchFixture is the 10,000-article / 100,000-annotation notebook that
// `go test -run '^$' -bench OpenAndList ./cli` leaves in the temp folder.
func benchFixture(b *testing.B) string {
	src := filepath.Join(os.TempDir(), "gloss-bench-10k-100k.db")
	if _, err := os.Stat(src); err != nil {
		b.Skipf("no fixture at %s: run go test -run '^$' -bench OpenAndList ./cli first", src)
	}
	// Work on a copy: the app writes preferences, never the notebook, but
	// the fixture is shared.
	dst := filepath.Join(b.TempDir(), "nb.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	out.Close()
	return dst
}

// BenchmarkOpenWindow measures opening the notebook, building the window
// and showing the first article (the library list loaded in the
// background and the article's text, spans and cards shown), on the
// 10k/100k fixture. The "switch" metric is the mean time to open another
// article afterwards; "maxUI" the longest single piece of work the Fyne
// goroutine did (a queued result or a switch).
func BenchmarkOpenWindow(b *testing.B) {
	path := benchFixture(b)
	a := test.NewTempApp(b)
	installTheme(a, themeLight)
	var maxUI time.Duration
	var switchTotal time.Duration
	switches := 0
	for b.Loop() {
		start := time.Now()
		db, err := storage.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		nb := notebook.New(db)
		w := a.NewWindow("bench")
		h := &harness{nb: nb, win: w}
		h.ui = New(a, w, nb)
		h.ui.post = h.enqueue
		h.ui.prefs.SetBool(prefKey(nb.Path(), prefWelcomed), true)
		w.SetContent(h.ui.Content())
		w.Resize(fyne.NewSize(1280, 800))
		h.ui.lib.reload("")
		// Run the queued UI work, timing each piece, until the first
		// article is shown.
		for h.ui.cur.ID == "" {
			h.ui.jobs.Wait()
			h.mu.Lock()
			q := h.queue
			h.queue = nil
			h.mu.Unlock()
			for _, fn := range q {
				t := time.Now()
				fn()
				maxUI = max(maxUI, time.Since(t))
			}
			if len(q) == 0 && h.ui.cur.ID == "" {
				b.Fatal("no article shown")
			}
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/window")
		b.StopTimer()
		for i := 1; i <= 10 && i < len(h.ui.lib.shown); i++ {
			t := time.Now()
			h.ui.showArticle(h.ui.lib.shown[i*97%len(h.ui.lib.shown)].ID)
			d := time.Since(t)
			switchTotal += d
			maxUI = max(maxUI, d)
			switches++
		}
		w.Close()
		nb.Close()
		b.StartTimer()
	}
	if switches > 0 {
		b.ReportMetric(float64(switchTotal.Microseconds())/float64(switches)/1000, "ms/switch")
	}
	b.ReportMetric(float64(maxUI.Microseconds())/1000, "ms/maxUI")
}
