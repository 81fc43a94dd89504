package app

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
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
	// Work on a copy: the benchmark highlights, and the fixture is shared.
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

// uiClock runs the work queued for the Fyne goroutine as it arrives and
// keeps the longest single piece, in wall time and in CPU time of the
// thread (on a machine shared with other work, wall time includes the
// time other processes held the core).
type uiClock struct {
	h        *harness
	maxUI    time.Duration
	maxUICPU float64 // milliseconds
}

// runUntil runs queued UI work until done reports true (or fails after a
// minute).
func (c *uiClock) runUntil(b *testing.B, what string, done func() bool) {
	deadline := time.Now().Add(time.Minute)
	for !done() {
		if time.Now().After(deadline) {
			b.Fatalf("%s: not done after a minute", what)
		}
		c.h.mu.Lock()
		q := c.h.queue
		c.h.queue = nil
		c.h.mu.Unlock()
		if len(q) == 0 {
			time.Sleep(200 * time.Microsecond)
			continue
		}
		for _, fn := range q {
			c.time(fn)
		}
	}
}

// time runs fn as the Fyne goroutine would and keeps its duration.
func (c *uiClock) time(fn func()) {
	cpu := threadCPU()
	t := time.Now()
	fn()
	c.maxUI = max(c.maxUI, time.Since(t))
	c.maxUICPU = max(c.maxUICPU, threadCPU()-cpu)
}

// BenchmarkOpenWindow measures, on the 10k/100k fixture, opening the
// notebook, building the window and showing the first article (the
// library list loaded in the background, the article's text, spans and
// cards shown): "ms/window". Then "ms/switch", the mean time from asking
// for another article until it is shown, and "ms/highlight", from pressing
// H on a selection until the new highlight's card is shown (its commit
// and fsync included; "ms/highlight1" is the first one after opening). "ms/maxUI" is the longest single piece of work
// the Fyne goroutine did in all of it — a queued result or a key press —
// which must stay under 50 ms for the window to stay responsive.
// "ms/build" is the time to build the window's widgets, before it is
// shown.
func BenchmarkOpenWindow(b *testing.B) {
	path := benchFixture(b)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	a := test.NewTempApp(b)
	installTheme(a, themeLight)
	clock := &uiClock{}
	var switchTotal, hlTotal, hl1Total, buildTotal time.Duration
	switches, highlights, builds := 0, 0, 0
	for b.Loop() {
		start := time.Now()
		db, err := storage.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		nb := notebook.New(db)
		w := a.NewWindow("bench")
		h := &harness{nb: nb, win: w}
		clock.h = h
		// Building the window happens before it is shown (and loads the
		// fonts the first time): it is reported apart, not as a block of
		// a running window.
		t := time.Now()
		h.ui = New(a, w, nb)
		h.ui.postFn = h.enqueue
		h.ui.prefs.SetBool(prefKey(nb.Path(), prefWelcomed), true)
		w.SetContent(h.ui.Content())
		w.Resize(fyne.NewSize(1280, 800))
		buildTotal += time.Since(t)
		builds++
		clock.time(func() { h.ui.startLoad(false) })
		clock.runUntil(b, "first article", func() bool { return h.ui.cur.ID != "" })
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/window")
		b.StopTimer()
		shown := h.ui.lib.shown
		for i := 1; i <= 10 && i < len(shown); i++ {
			id := shown[i*97%len(shown)].ID
			t := time.Now()
			clock.time(func() { h.ui.openArticle(id, jump{}) })
			clock.runUntil(b, "switch", func() bool { return h.ui.cur.ID == id })
			switchTotal += time.Since(t)
			switches++
		}
		// Three highlights on the article shown: the first write after
		// opening a large bbolt file is slow (the service's cost, which the
		// Fyne goroutine no longer waits for); the others are typical.
		if text := h.ui.reader.view.Text(); len([]rune(text)) > 100 {
			for k := range 3 {
				before := len(h.ui.curAnns)
				h.ui.reader.view.SetSelection(10+30*k, 30+30*k)
				t := time.Now()
				clock.time(func() { h.ui.reader.view.TypedRune('h') })
				clock.runUntil(b, "highlight", func() bool { return len(h.ui.curAnns) == before+1 })
				if k == 0 {
					hl1Total += time.Since(t)
					continue
				}
				hlTotal += time.Since(t)
				highlights++
			}
		}
		// Let background work finish (its results are UI work too).
		clock.runUntil(b, "settle", func() bool {
			h.ui.jobs.wg.Wait()
			h.mu.Lock()
			defer h.mu.Unlock()
			return len(h.queue) == 0
		})
		h.ui.shutdown()()
		w.Close()
		nb.Close()
		b.StartTimer()
	}
	if switches > 0 {
		b.ReportMetric(float64(switchTotal.Microseconds())/float64(switches)/1000, "ms/switch")
	}
	if highlights > 0 {
		b.ReportMetric(float64(hlTotal.Microseconds())/float64(highlights)/1000, "ms/highlight")
		b.ReportMetric(float64(hl1Total.Microseconds())/float64(highlights/2)/1000, "ms/highlight1")
	}
	b.ReportMetric(float64(buildTotal.Microseconds())/float64(builds)/1000, "ms/build")
	b.ReportMetric(float64(clock.maxUI.Microseconds())/1000, "ms/maxUI")
	b.ReportMetric(clock.maxUICPU, "ms/maxUI-cpu")
}
