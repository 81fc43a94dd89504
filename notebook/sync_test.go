package notebook_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// tickClock is a clock shared by a test's notebooks that moves a
// millisecond at every reading, so that every change is later than the
// one before, whichever notebook made it.
type tickClock struct {
	mu stdsync.Mutex
	t  time.Time
}

func (c *tickClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// syncWorld is a bare remote and the notebooks that sync through it.
type syncWorld struct {
	t      testing.TB
	dir    string
	remote string
	clock  *tickClock
}

func newSyncWorld(t testing.TB) *syncWorld {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	remote := filepath.Join(dir, "team.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", remote).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	return &syncWorld{t: t, dir: dir, remote: remote, clock: &tickClock{t: time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)}}
}

// notebook opens a new notebook for a person.
func (w *syncWorld) notebook(name string) *notebook.Notebook {
	w.t.Helper()
	nb := nbtest.Open(w.t, filepath.Join(w.dir, name+".db"))
	notebook.SetClock(nb, w.clock.Now)
	nb.SetIdentity(name + " <" + strings.ToLower(name) + "@example.org>")
	return nb
}

// join makes nb sync through the world's remote.
func (w *syncWorld) join(nb *notebook.Notebook) notebook.SyncReport {
	w.t.Helper()
	rep, err := nb.SyncInit(context.Background(), w.remote, false)
	if err != nil {
		w.t.Fatalf("SyncInit: %v", err)
	}
	return rep
}

func (w *syncWorld) sync(nb *notebook.Notebook) notebook.SyncReport {
	w.t.Helper()
	rep, err := nb.Sync(context.Background())
	if err != nil {
		w.t.Fatalf("Sync %s: %v", nb.Path(), err)
	}
	for _, c := range rep.Conflicts {
		w.t.Logf("%s: %s", filepath.Base(nb.Path()), c)
	}
	w.t.Logf("%s synced: %s sent %d recv %d", filepath.Base(nb.Path()), rep.Commit[:8], rep.Sent, rep.Received)
	return rep
}

// dump is the notebook's bundle without its export time: two notebooks
// holding the same records give the same bytes.
func dump(t testing.TB, nb *notebook.Notebook) string {
	t.Helper()
	var buf bytes.Buffer
	if err := nb.WriteBundle(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(buf.String(), "\n", 3)
	return lines[0] + "\n" + lines[2]
}

// same fails the test unless every notebook holds the same records.
func same(t testing.TB, nbs ...*notebook.Notebook) {
	t.Helper()
	want := dump(t, nbs[0])
	for _, nb := range nbs[1:] {
		if got := dump(t, nb); got != want {
			t.Fatalf("%s and %s differ:\n%s", nbs[0].Path(), nb.Path(), firstDiff(want, got))
		}
	}
	for _, nb := range nbs {
		if problems, err := nb.Check(); err != nil || len(problems) > 0 {
			t.Fatalf("check %s: %v %v", nb.Path(), problems, err)
		}
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			at := 0
			for at < len(la[i]) && at < len(lb[i]) && la[i][at] == lb[i][at] {
				at++
			}
			from := max(0, at-300)
			return fmt.Sprintf("line %d, byte %d:\n- …%.600s\n+ …%.600s", i+1, at, la[i][from:], lb[i][from:])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// article adds an article with an original text.
func article(t testing.TB, nb *notebook.Notebook, title, text string) notebook.Article {
	t.Helper()
	r, err := nb.AddArticle(ingest.Draft{Title: title, Byline: "Ines Carvalho", Outlet: "The Lagos Ledger", Text: text,
		URL: "https://ledger.example.org/" + strings.ReplaceAll(strings.ToLower(title), " ", "-")})
	if err != nil {
		t.Fatal(err)
	}
	return r.Article
}

const (
	textOne = "Grain barges waited three weeks at the river port while the new inspection rules were argued over.\n\nTraders said the delays doubled the price of flour in the northern markets within a month.\n\nThe ministry promised a single window for permits by the end of the dry season."
	textTwo = "A cooperative of fishers built a cold store with money raised among themselves.\n\nIts manager keeps the ledger on a school exercise book and reads it aloud every Friday."
)

func TestSync_twoNotebooks(t *testing.T) {
	w := newSyncWorld(t)
	ama, ben := w.notebook("Ama"), w.notebook("Ben")
	art := article(t, ama, "Barges at the port", textOne)
	hl, err := ama.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "doubled the price of flour", Tags: []string{"Trade/Food"}, Note: "price shock"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ama.SetTagColor("Trade", "green"); err != nil {
		t.Fatal(err)
	}
	rep := w.join(ama)
	if !rep.Pushed || rep.Sent == 0 {
		t.Fatalf("first sync: %+v", rep)
	}
	w.join(ben)
	same(t, ama, ben)

	// Unrelated and related changes on both sides.
	if _, err := ama.SetArticle(art.ID, notebook.ArticleUpdate{Title: ptr("Barges held at the river port")}); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.SetArticleNote(art.ID, "Follow up with the traders' union."); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.EditAnnotation(hl.ID, notebook.AnnotationUpdate{Note: ptr("price shock, northern markets")}); err != nil {
		t.Fatal(err)
	}
	if _, err := ama.EditAnnotation(hl.ID, notebook.AnnotationUpdate{Color: ptrColor(notebook.Red)}); err != nil {
		t.Fatal(err)
	}
	other := article(t, ben, "Fishers build a cold store", textTwo)
	w.sync(ama)
	w.sync(ben)
	w.sync(ama)
	same(t, ama, ben)
	got, err := ama.Article(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Barges held at the river port" || got.Note != "Follow up with the traders' union." {
		t.Errorf("article after merge: %q %q", got.Title, got.Note)
	}
	an, _ := ama.Annotation(hl.ID)
	if an.Color != notebook.Red || an.Note != "price shock, northern markets" {
		t.Errorf("annotation after merge: %s %q", an.Color, an.Note)
	}
	if _, err := ama.Article(other.ID); err != nil {
		t.Errorf("Ben's article did not arrive: %v", err)
	}
	// Nothing left to send.
	rep = w.sync(ama)
	if rep.Sent != 0 || rep.Received != 0 {
		t.Errorf("idle sync: %+v", rep)
	}
	st, err := ama.SyncStatus(context.Background())
	if err != nil || st.Pending != 0 || st.Unpushed != 0 || st.LastSync.IsZero() {
		t.Errorf("status = %+v %v", st, err)
	}
}

func ptr(s string) *string                      { return &s }
func ptrColor(c notebook.Color) *notebook.Color { return &c }

// TestSyncStatus_duringSync: the status read while a sync of the same
// notebook runs (the app's status line, an automatic sync) waits for it
// instead of opening the working copy the sync is writing (which may
// clear git's lock files or remake the folder).
func TestSyncStatus_duringSync(t *testing.T) {
	w := newSyncWorld(t)
	nb := w.notebook("Ana")
	w.join(nb)
	for round := range 3 {
		for i := range 20 {
			if _, err := nb.AddArticle(ingest.Draft{Title: fmt.Sprintf("Note %d-%d", round, i), Text: fmt.Sprintf("Field note %d of round %d about the river.", i, round)}); err != nil {
				t.Fatal(err)
			}
		}
		done := make(chan error)
		go func() {
			_, err := nb.Sync(context.Background())
			done <- err
		}()
		for running := true; running; {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("round %d: sync: %v", round, err)
				}
				running = false
			default:
				if _, err := nb.SyncStatus(context.Background()); err != nil {
					t.Fatalf("round %d: status during a sync: %v", round, err)
				}
			}
		}
		st, err := nb.SyncStatus(context.Background())
		if err != nil || st.Pending != 0 || st.Unpushed != 0 {
			t.Fatalf("round %d: after the sync: %+v %v", round, st, err)
		}
	}
}
