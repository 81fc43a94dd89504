package app

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
)

// countingStore counts the transactions made on a store, and can hold
// writes until released or make them fail.
type countingStore struct {
	notebook.Store
	views, updates atomic.Int64
	hold           chan struct{} // when set, each Update waits for a receive
	fail           error         // when set, each Update fails with it
}

func (s *countingStore) View(fn func(notebook.Tx) error) error {
	s.views.Add(1)
	return s.Store.View(fn)
}

func (s *countingStore) Update(fn func(notebook.Tx) error) error {
	s.updates.Add(1)
	if s.hold != nil {
		<-s.hold
	}
	if s.fail != nil {
		return s.fail
	}
	return s.Store.Update(fn)
}

func newCountingHarness(t *testing.T) (*harness, *countingStore) {
	t.Helper()
	st := &countingStore{Store: nbtest.TempStore(t)}
	nb := notebook.New(st)
	t.Cleanup(func() { nb.Close() })
	return newHarnessOn(t, nb, false), st
}

// TestUI_HighlightCost: a highlight is one write, and the display follows
// it with one read (the current article's annotations) — not the eight
// reads of a full refresh and a library reload.
func TestUI_HighlightCost(t *testing.T) {
	h, st := newCountingHarness(t)
	id := h.importSample()
	h.settle()
	// What the service itself reads after a write (the search index
	// keeping up with the change), measured without the UI watching.
	views := st.views.Load()
	if _, err := h.nb.Highlight(notebook.HighlightSpec{ArticleID: id, Quote: "Yevgeny Orlovsky"}); err != nil {
		t.Fatal(err)
	}
	serviceViews := st.views.Load() - views
	h.settle() // the UI's refresh of that highlight, not counted below

	h.selectQuote(consignment)
	views, updates := st.views.Load(), st.updates.Load()
	h.ui.reader.view.TypedRune('h')
	h.settle()
	if got := st.updates.Load() - updates; got != 1 {
		t.Errorf("a highlight made %d writes, want 1", got)
	}
	if got := st.views.Load() - views - serviceViews; got != 1 {
		t.Errorf("a highlight made %d reads besides the service's own %d, want 1 (the article's annotations)", got, serviceViews)
	}
	if len(h.ui.curAnns) != 2 || h.ui.anns.card(h.ui.selAnn) == nil {
		t.Errorf("after the highlight: %d annotations shown, selected card %v", len(h.ui.curAnns), h.ui.anns.card(h.ui.selAnn))
	}
	if got := h.ui.lib.shown[0].Annotations; got != 2 {
		t.Errorf("library row says %d highlights, want 2", got)
	}
	if got := h.ui.lib.totalAnns; got != 2 {
		t.Errorf("All highlights counts %d, want 2", got)
	}
}

// TestUI_HighlightDoesNotWaitForCommit: pressing H returns at once with
// the passage drawn while the write waits (for its fsync, here for the
// test); the card appears when it is committed.
func TestUI_HighlightDoesNotWaitForCommit(t *testing.T) {
	h, st := newCountingHarness(t)
	h.importSample()
	hold := make(chan struct{})
	st.hold = hold
	s, e := h.selectQuote(consignment)
	start := time.Now()
	h.ui.reader.view.TypedRune('h') // the Fyne goroutine's part
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("H took %v: it waited for the commit", d)
	}
	spans := h.ui.reader.view.Spans()
	if len(spans) != 1 || spans[0].Start != s || spans[0].End != e || !strings.HasPrefix(spans[0].ID, "pending:") {
		t.Errorf("spans while committing %+v, want the pending passage %d–%d", spans, s, e)
	}
	close(hold) // the commit goes through
	h.settle()
	if len(h.ui.curAnns) != 1 || h.ui.reader.view.Spans()[0].ID != h.ui.curAnns[0].ID {
		t.Errorf("after the commit: annotations %d, spans %+v", len(h.ui.curAnns), h.ui.reader.view.Spans())
	}
}

// TestUI_WriteErrorReachesDialog: a write that fails off the Fyne
// goroutine shows its error, and the pending passage and its Undo go.
func TestUI_WriteErrorReachesDialog(t *testing.T) {
	h, st := newCountingHarness(t)
	h.importSample()
	st.fail = errors.New("disk full")
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	if !strings.Contains(h.ui.lastError, "highlight") || !strings.Contains(h.ui.lastError, "disk full") {
		t.Errorf("error shown %q, want the highlight's failure", h.ui.lastError)
	}
	if n := len(h.ui.reader.view.Spans()); n != 0 {
		t.Errorf("%d spans left after the failed highlight", n)
	}
	if h.ui.undo.canUndo() {
		t.Error("the failed highlight is on the undo stack")
	}
}

// TestUI_ShutdownCancelsImport: switching notebooks (or quitting) cancels
// an import between files and waits for it before the notebook is closed;
// nothing reaches the window afterwards.
func TestUI_ShutdownCancelsImport(t *testing.T) {
	h, st := newCountingHarness(t)
	dir := t.TempDir()
	var paths []string
	for i := range 15 {
		// Each empty file is refused, which commits the file before it
		// on its own (the importer batches otherwise).
		paths = append(paths, writeFileIn(t, dir, fmt.Sprintf("a%02d.txt", i),
			fmt.Sprintf("Dispatch number %d\n\nThe river ferry ran %d times this week, the harbour office said.\n", i, i+3)),
			writeFileIn(t, dir, fmt.Sprintf("a%02d-empty.txt", i), ""))
	}
	hold := make(chan struct{})
	st.hold = hold
	updates := st.updates.Load()
	h.ui.importPaths(paths)
	deadline := time.Now().Add(10 * time.Second)
	for st.updates.Load() == updates { // the first commit is waiting
		if time.Now().After(deadline) {
			t.Fatal("the import did not start")
		}
		time.Sleep(time.Millisecond)
	}
	wait := h.ui.shutdown()
	var waited atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		wait()
		waited.Store(true)
	}()
	time.Sleep(50 * time.Millisecond)
	if waited.Load() {
		t.Fatal("shutdown did not wait for the import in progress")
	}
	close(hold) // the commit ends; the import stops between files
	wg.Wait()
	arts, err := h.nb.Articles(notebook.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 1 || len(arts) == 15 {
		t.Errorf("%d articles imported, want the import stopped early (1 to 14 of 15)", len(arts))
	}
	// Results posted after the shutdown are dropped.
	h.mu.Lock()
	h.queue = nil
	h.mu.Unlock()
	h.ui.post(func() { t.Error("work reached the window after shutdown") })
	h.mu.Lock()
	n := len(h.queue)
	h.mu.Unlock()
	if n != 0 {
		t.Error("post queued work after shutdown")
	}
}

// TestUI_ImportProgressThrottled: progress reaches the window at most every
// 50 ms (here a clock that advances 10 ms per file), plus the last one.
func TestUI_ImportProgressThrottled(t *testing.T) {
	h := newHarness(t, false)
	var clock time.Time
	var mu sync.Mutex
	h.ui.now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(10 * time.Millisecond)
		return clock
	}
	dir := t.TempDir()
	var paths []string
	for i := range 25 {
		paths = append(paths, writeFileIn(t, dir, fmt.Sprintf("b%02d.txt", i),
			fmt.Sprintf("Market note %d\n\nMillet sold at %d francs the bag in the northern markets.\n", i, 200+i)))
	}
	var posts atomic.Int64
	inner := h.ui.postFn
	h.ui.postFn = func(fn func()) { posts.Add(1); inner(fn) }
	h.ui.importPaths(paths)
	h.ui.jobs.wg.Wait()
	// 25 files, one progress update per 5 files, the last one, and the
	// summary: about 7 posts, not 26.
	if n := posts.Load(); n > 8 {
		t.Errorf("%d posts for 25 files, want at most 8", n)
	}
	h.ui.postFn = inner
	h.settle()
	if len(h.ui.lib.all) != 25 {
		t.Errorf("%d articles after the import", len(h.ui.lib.all))
	}
}

func TestThrottle_ready(t *testing.T) {
	var now time.Time
	th := newThrottle(50*time.Millisecond, func() time.Time { return now })
	steps := []struct {
		at   time.Duration
		want bool
	}{{0, true}, {10 * time.Millisecond, false}, {49 * time.Millisecond, false}, {50 * time.Millisecond, true}, {60 * time.Millisecond, false}, {120 * time.Millisecond, true}}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range steps {
		now = start.Add(s.at)
		if got := th.ready(); got != s.want {
			t.Errorf("at %v: ready %v, want %v", s.at, got, s.want)
		}
	}
}

// TestUI_TagArticlesCost: tagging articles reads the list and the tags,
// not every annotation (the orphan count does not change with tags).
func TestUI_TagArticlesCost(t *testing.T) {
	h, st := newCountingHarness(t)
	id := h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	views := st.views.Load()
	if err := h.nb.AddTags([]string{id}, []string{"Probe"}); err != nil {
		t.Fatal(err)
	}
	serviceViews := st.views.Load() - views
	h.settle()
	views = st.views.Load()
	h.ui.tagArticles([]string{id}, "Sahel")
	h.settle()
	// The write reads the article (which tags it has), then the refresh:
	// the current article and its annotations, the list, the tags.
	if got := st.views.Load() - views - serviceViews; got > 5 {
		t.Errorf("tagging one article made %d reads besides the service's %d, want at most 5", got, serviceViews)
	}
}
