package app

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// benchWords is the vocabulary of the generated articles (made up here).
var benchWords = strings.Fields(`council river bridge market harvest water plant ministry engineers
households lorries traders district spring floods pumps contract audit spokeswoman officials
village school clinic road grain price farmers drought rains season report survey minister
budget tender delay workers union strike port cargo border customs police court ruling appeal
election campaign turnout ballot observers coalition mayor assembly vote motion debate`)

// benchSentence is one made-up sentence of n words.
func benchSentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = benchWords[r.IntN(len(benchWords))]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

// benchParagraph is a made-up paragraph of about 60 words.
func benchParagraph(r *rand.Rand) string {
	s := make([]string, 5)
	for i := range s {
		s[i] = benchSentence(r, 10+r.IntN(4))
	}
	return strings.Join(s, " ")
}

// reuseBenchNotebook fills a notebook with n articles of 30 paragraphs;
// ten wire paragraphs recur (in half and a third of the articles, so that
// each is carried by about 25 of 300: more than 50 would make it stock
// text), and the first article (the hub) carries all ten. The hub gets 100 highlights, a tenth of them in shared
// passages.
func reuseBenchNotebook(b *testing.B, n int) (*notebook.Notebook, string) {
	r := rand.New(rand.NewPCG(17, 20))
	wire := make([]string, 10)
	for i := range wire {
		wire[i] = benchParagraph(r)
	}
	drafts := make([]ingest.Draft, n)
	for i := range drafts {
		paras := make([]string, 30)
		for k := range paras {
			paras[k] = benchParagraph(r)
		}
		if i == 0 {
			for k, w := range wire {
				paras[3*k+1] = w
			}
		} else {
			if i%2 == 0 {
				paras[5] = wire[i%10]
			}
			if i%3 == 0 {
				paras[20] = wire[(i*7+3)%10]
			}
		}
		drafts[i] = ingest.Draft{Title: fmt.Sprintf("Report %d", i), Outlet: fmt.Sprintf("Outlet %d", i%40),
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), Text: strings.Join(paras, "\n\n")}
	}
	nb := nbtest.OpenTemp(b)
	res, err := nb.AddArticles(drafts)
	if err != nil {
		b.Fatal(err)
	}
	hub := res[0].Article.ID
	body, err := nb.Text(hub)
	if err != nil {
		b.Fatal(err)
	}
	runes := len([]rune(body.Text))
	for k := range 100 {
		start := (k * (runes - 40)) / 100
		if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: hub, Start: start, End: start + 30, Tags: []string{"Bench"}}); err != nil {
			b.Fatal(err)
		}
	}
	return nb, hub
}

// BenchmarkReuseWindow measures the Fyne goroutine with text-reuse marks
// on: a 300-article notebook whose hub article shares ten passages with
// most other articles (each mark lists about 25 of them) and has 100
// highlights. It opens the window on the hub, waits for its marks and the
// cards' "also in" and event dates, opens the menu of every mark, switches
// to five other articles and back, imports an article carrying a wire
// paragraph (the open article's marks are read again through the change
// feed), mutes a passage and selects the tag (its independent sources).
// "ms/maxUI" is the longest single piece of work the Fyne goroutine did
// in all of it (a queued result or a call made as the user would), which
// must stay under 50 ms; "ms/marks" is the time from asking for the hub
// until its marks are shown.
func BenchmarkReuseWindow(b *testing.B) {
	nb, hub := reuseBenchNotebook(b, 300)
	if err := nb.WarmReuse(); err != nil {
		b.Fatal(err)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	a := test.NewTempApp(b)
	installTheme(a, themeLight)
	clock := &uiClock{}
	var marksTotal time.Duration
	runs := 0

	for b.Loop() {
		w := a.NewWindow("bench")
		h := &harness{nb: nb, win: w}
		clock.h = h
		h.ui = New(a, w, nb)
		h.ui.postFn = h.enqueue
		h.ui.prefs.SetBool(prefKey(nb.Path(), prefWelcomed), true)
		w.SetContent(h.ui.Content())
		w.Resize(fyne.NewSize(1280, 800))
		idle := func() bool {
			h.ui.jobs.wg.Wait()
			h.mu.Lock()
			defer h.mu.Unlock()
			return len(h.queue) == 0
		}
		clock.time(func() { h.ui.startLoad(false) })
		clock.runUntil(b, "library", func() bool { return h.ui.lib.loaded })
		t := time.Now()
		clock.time(func() { h.ui.openArticle(hub, jump{}) })
		clock.runUntil(b, "marks", func() bool { return h.ui.cur.ID == hub && len(h.ui.reader.view.Marks()) == 10 })
		marksTotal += time.Since(t)
		runs++
		clock.runUntil(b, "settle", idle)
		for _, m := range h.ui.reader.view.Marks() {
			clock.time(func() { h.ui.markTapped(markEventOf(m)) })
			clock.time(func() { w.Canvas().Overlays().Top().Hide() })
		}
		shown := h.ui.lib.shown
		for i := 1; i <= 5; i++ {
			id := shown[i*37%len(shown)].ID
			clock.time(func() { h.ui.openArticle(id, jump{}) })
			clock.runUntil(b, "switch", func() bool { return h.ui.cur.ID == id })
			clock.runUntil(b, "settle", idle)
		}
		clock.time(func() { h.ui.openArticle(hub, jump{}) })
		clock.runUntil(b, "back to the hub", func() bool { return h.ui.cur.ID == hub && len(h.ui.reader.view.Marks()) == 10 })
		b.StopTimer()
		hubText := h.ui.reader.view.Text()
		paras := strings.Split(hubText, "\n\n")
		if _, err := nb.AddArticle(ingest.Draft{Title: fmt.Sprintf("Late copy %d", runs), Text: "A late report.\n\n" + paras[1] + "\n\nThe end."}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		clock.runUntil(b, "marks after an import", idle)
		ps := h.ui.reuse.passages
		clock.time(func() { h.ui.muteReuse([]string{ps[len(ps)-1].Key}) })
		clock.runUntil(b, "mute", func() bool { return len(h.ui.reader.view.Marks()) == 9 })
		clock.time(func() { h.ui.undoAction() })
		clock.runUntil(b, "unmute", func() bool { return len(h.ui.reader.view.Marks()) == 10 })
		clock.time(func() { h.ui.lib.tree.Select(tagNodePrefix + "Bench") })
		clock.runUntil(b, "sources", func() bool { return h.ui.tagSources.sources != nil })
		clock.runUntil(b, "settle", idle)
		h.ui.shutdown()()
		w.Close()
	}
	b.ReportMetric(float64(marksTotal.Microseconds())/float64(runs)/1000, "ms/marks")
	b.ReportMetric(float64(clock.maxUI.Microseconds())/1000, "ms/maxUI")
	b.ReportMetric(clock.maxUICPU, "ms/maxUI-cpu")
}
