package notebook_test

import (
	"github.com/glossnotes/gloss/internal/testutil/nbtest"

	"github.com/glossnotes/gloss/internal/testutil"

	"errors"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// outletUpdate applies the kind of silent update outlets make: a paragraph
// inserted at the top, a sentence reworded inside one highlight, one
// highlighted paragraph deleted, and typos fixed elsewhere.
func outletUpdate(t *testing.T, text string) string {
	t.Helper()
	replace := func(old, new string) {
		if !strings.Contains(text, old) {
			t.Fatalf("sample lacks %q", old)
		}
		text = strings.Replace(text, old, new, 1)
	}
	text = "Editor's note: this article was updated on March 15, 2024 with reactions from Ouagadougou.\n\n" + text
	replace("it is the highest-ranking Russian defence official ever to set foot in Burkina Faso",
		"it is the highest-ranking Russian defence official who has ever set foot in Burkina Faso")
	paras := strings.Split(text, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if !strings.Contains(p, "The requests of our Burkinabe friends are clear") {
			kept = append(kept, p)
		}
	}
	text = strings.Join(kept, "\n\n")
	replace("the US\u00a0Treasury", "the US Treasury")
	replace("quarrelling", "quarreling")
	return text
}

func TestNotebook_EditText_SampleOutletUpdate(t *testing.T) {
	nb := open(t)
	d, err := ingest.File(testutil.SamplePath(t))
	if err != nil {
		t.Fatal(err)
	}
	art := add(t, nb, d)
	passages := []struct{ quote, note string }{
		{"a large consignment of Russian reconnaissance drones", "aircraft"},
		{"it is the highest-ranking Russian defence official ever to set foot in Burkina Faso", "first visit"},
		{"European governments are alarmed by the growing presence in Burkina Faso of Russian private military contractor Wagner", "European worry"},
		{"they are being met one by one", "to be deleted"},
		{"signed its first agreements on scholarships, medicine and farming with the Soviet Union", "history"},
	}
	ids := make([]string, len(passages))
	for i, p := range passages {
		a, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: p.quote, Note: p.note, Tags: []string{"Russia–Africa ties"}})
		if err != nil {
			t.Fatalf("highlight %q: %v", p.quote, err)
		}
		ids[i] = a.ID
	}
	oldBody, _ := nb.Text(art.ID)
	newText := outletUpdate(t, oldBody.Text)

	rep, err := nb.EditText(art.ID, newText)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Anchored != 3 || len(rep.Moved) != 1 || len(rep.Orphaned) != 1 || rep.Version != 2 {
		t.Fatalf("report = %+v, want 3 anchored, 1 moved, 1 orphaned, version 2", rep)
	}
	if rep.Moved[0].ID != ids[1] || !strings.Contains(rep.Moved[0].NewQuote, "defence official who has ever set foot") {
		t.Errorf("moved = %+v", rep.Moved[0])
	}
	if rep.Orphaned[0].ID != ids[3] {
		t.Errorf("orphaned = %+v", rep.Orphaned[0])
	}
	newRunes := []rune(newText)
	for i, id := range ids {
		a, err := nb.Annotation(id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Note != passages[i].note {
			t.Errorf("%d: note %q lost", i, a.Note)
		}
		switch i {
		case 1:
			if a.Status != notebook.Moved || len(a.History) != 1 || a.History[0].Quote != passages[1].quote {
				t.Errorf("moved annotation: status %s, history %+v", a.Status, a.History)
			}
		case 3:
			if a.Status != notebook.Orphaned || a.Quote != passages[3].quote {
				t.Errorf("orphan: status %s quote %q", a.Status, a.Quote)
			}
			continue
		default:
			if a.Status != notebook.Anchored || a.Quote != passages[i].quote {
				t.Errorf("%d: status %s quote %q", i, a.Status, a.Quote)
			}
		}
		if got := string(newRunes[a.Start:a.End]); got != a.Quote {
			t.Errorf("%d: offsets select %q, quote %q", i, got, a.Quote)
		}
	}
	vs, err := nb.Versions(art.ID)
	if err != nil || len(vs) != 1 || vs[0].Number != 1 || vs[0].Reason != "edit" {
		t.Fatalf("versions = %+v, %v", vs, err)
	}
	v1, err := nb.VersionText(art.ID, 1)
	if err != nil || v1.Text != oldBody.Text {
		t.Errorf("version 1 text differs: %v", err)
	}
	if v2, _ := nb.VersionText(art.ID, 2); v2.Text != newText {
		t.Error("version 2 is not the current text")
	}
	if _, err := nb.VersionText(art.ID, 7); !errors.Is(err, notebook.ErrNotFound) {
		t.Errorf("missing version: %v", err)
	}

	// The orphan is re-attached by hand to a new selection.
	re, err := nb.Reattach(ids[3], notebook.HighlightSpec{Quote: "Orlovsky said", Occurrence: 1})
	if err != nil {
		t.Fatal(err)
	}
	if re.Status != notebook.Anchored || re.Note != "to be deleted" || len(re.History) != 2 || re.History[1].Reason != "manual" {
		t.Errorf("reattached = %+v", re)
	}
	if p, err := nb.Check(); err != nil || len(p) != 0 {
		t.Errorf("check: %v %v", p, err)
	}
	// Editing to the same text is refused.
	if _, err := nb.EditText(art.ID, newText); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("same text: %v", err)
	}
}

func TestNotebook_Reimport_SameURLNewText(t *testing.T) {
	nb := open(t)
	first := add(t, nb, ingest.Draft{Title: "Story", Text: mali, URL: "https://example.test/story"})
	h, err := nb.Highlight(notebook.HighlightSpec{ArticleID: first.ID, Quote: "Orlovsky met the junta", Note: "n"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := nb.AddArticle(ingest.Draft{Title: "Story (updated)", Byline: "A. Writer", Text: "Update: more news.\n\n" + mali, URL: "https://example.test/story"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != notebook.Updated || r.Article.ID != first.ID || r.Article.Version != 2 || r.Report == nil || r.Report.Anchored != 1 {
		t.Fatalf("re-import = %+v", r)
	}
	if r.Article.Title != "Story" || r.Article.Byline != "A. Writer" {
		t.Errorf("metadata: title %q (the user's is kept), byline %q (filled in)", r.Article.Title, r.Article.Byline)
	}
	a, _ := nb.Annotation(h.ID)
	if a.Start != len([]rune("Update: more news.\n\n"))+len([]rune("Russia pledges drones and grain to Burkina Faso.\n\n")) {
		t.Errorf("annotation not shifted: %d", a.Start)
	}
}

// failingStore wraps a real store and makes the Nth PutAnnotation fail, to
// show that an edit is one transaction.
type failingStore struct {
	notebook.Store
	failAt int
}

type failingTx struct {
	notebook.Tx
	left *int
}

func (s *failingStore) Update(fn func(notebook.Tx) error) error {
	left := s.failAt
	return s.Store.Update(func(tx notebook.Tx) error { return fn(&failingTx{Tx: tx, left: &left}) })
}

func (t *failingTx) PutAnnotation(a notebook.Annotation) error {
	*t.left--
	if *t.left == 0 {
		return errors.New("disk full (injected)")
	}
	return t.Tx.PutAnnotation(a)
}

func TestNotebook_EditText_IsOneTransaction(t *testing.T) {
	db := nbtest.TempStore(t)
	defer db.Close()
	nb := notebook.New(db)
	art := add(t, nb, ingest.Draft{Title: "M", Text: mali})
	for _, q := range []string{"Orlovsky", "Ouagadougou", "Ukraine"} {
		if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: q}); err != nil {
			t.Fatal(err)
		}
	}
	broken := notebook.New(&failingStore{Store: db, failAt: 2})
	if _, err := broken.EditText(art.ID, "New first paragraph.\n\n"+mali); err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	a, err := nb.Article(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	body, err := nb.Text(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := nb.Versions(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 1 || body.Text != mali || len(vs) != 0 {
		t.Errorf("half-applied edit: version %d, %d old versions, text changed %v", a.Version, len(vs), body.Text != mali)
	}
	anns, err := nb.Annotations(art.ID)
	if err != nil || len(anns) != 3 {
		t.Fatalf("%d annotations after a failed edit (%v), want the 3 made before", len(anns), err)
	}
	for _, an := range anns {
		if an.Start != strings.Index(mali, an.Quote) { // ASCII text: bytes = code points
			t.Errorf("annotation %q moved to %d by a failed edit", an.Quote, an.Start)
		}
	}
}

// TestNotebook_EditText_normalises: EditText takes what the user gave (CR
// line ends, extra blank lines) and stores it normalised; binary or empty
// input is refused with ErrInvalid and changes nothing.
func TestNotebook_EditText_normalises(t *testing.T) {
	nb := open(t)
	art := add(t, nb, ingest.Draft{Title: "M", Text: mali})
	if _, err := nb.EditText(art.ID, "Fixed\r\n\r\n\r\ntext  \r\n"); err != nil {
		t.Fatal(err)
	}
	if b, err := nb.Text(art.ID); err != nil || b.Text != "Fixed\n\ntext" {
		t.Errorf("stored %q (%v)", b.Text, err)
	}
	for _, bad := range []string{"", "  \n ", "bin\x00ary"} {
		if _, err := nb.EditText(art.ID, bad); !errors.Is(err, notebook.ErrInvalid) {
			t.Errorf("EditText(%q): %v, want ErrInvalid", bad, err)
		}
	}
	if a, _ := nb.Article(art.ID); a.Version != 2 {
		t.Errorf("version %d after refused edits, want 2", a.Version)
	}
}
