package export_test

import (
	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"

	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// samplePath is the canonical sample article, relative to this package.

// Fixture notes: Markdown and HTML in one, a formula-like one for CSV.
const (
	noteMarkup  = "Key claim: compare with **Wagner** reporting.\n\n<script>alert(1)</script> and \"><img src=x onerror=alert(1)>"
	noteFormula = "=SUM(A1:A2) is not a formula"
	orphanQuote = "a sentence that was edited out of the article"
)

type fixtureNB struct {
	nb      *notebook.Notebook
	db      notebook.Store
	article notebook.Article
}

// newFixture builds a real notebook from the sample article: highlights
// with nested tags and "Russia–Africa ties", a note with Markdown and
// HTML in it, a formula-like note and an orphan.
func newFixture(t testing.TB) fixtureNB {
	t.Helper()
	nb, db := nbtest.OpenTempStore(t)
	draft, err := ingest.File(testutil.SamplePath(t))
	if err != nil {
		t.Fatalf("sample article: %v", err)
	}
	res, err := nb.AddArticle(draft)
	if err != nil {
		t.Fatal(err)
	}
	outlet, url := "Meridian", "https://meridian.example/en/russia-pledges-drones-and-grain-to-burkina-faso/a-1024"
	art, err := nb.SetArticle(res.Article.ID, notebook.ArticleUpdate{Outlet: &outlet, URL: &url})
	if err != nil {
		t.Fatal(err)
	}
	specs := []notebook.HighlightSpec{
		{Quote: "Moscow says the aid will help the country push back armed groups that control large parts of its north.",
			Color: notebook.Yellow, Note: noteMarkup, Tags: []string{"Russia–Africa ties", "Sahel/Mali"}},
		{Quote: "a large consignment of Russian reconnaissance droneswas handed over", Color: notebook.Red,
			Tags: []string{"Sahel/Security"}},
		{Quote: "Russia steps up after France exit", Color: notebook.Green, Note: noteFormula},
		{Quote: "Orlovsky waved the criticism aside", Color: notebook.Blue, Tags: []string{"Russia–Africa ties"}},
	}
	for _, s := range specs {
		s.ArticleID = art.ID
		if _, err := nb.Highlight(s); err != nil {
			t.Fatalf("highlight %q: %v", s.Quote, err)
		}
	}
	err = db.Update(func(tx notebook.Tx) error {
		now := time.Now().UTC()
		return tx.PutAnnotation(notebook.Annotation{
			ID: "01ORPHAN000000000000000000", ArticleID: art.ID, Start: 5, End: 9,
			Quote: orphanQuote, Color: notebook.Purple, Note: "Lost when the text was re-imported.",
			Tags: []string{"Russia–Africa ties"}, Status: notebook.Orphaned, Created: now, Updated: now,
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return fixtureNB{nb: nb, db: db, article: art}
}

// fixedClock is the time the normalised fixture pretends everything
// happened at.
var fixedClock = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// deterministic replaces the random IDs and current times of a stream by
// fixed ones (in order of appearance), so golden files can be compared.
func deterministic(items iter.Seq2[export.Item, error]) iter.Seq2[export.Item, error] {
	ids := map[string]string{}
	fixID := func(kind, id string) string {
		if v, ok := ids[id]; ok {
			return v
		}
		v := fmt.Sprintf("01%s%022d", kind, len(ids)+1)
		ids[id] = v
		return v
	}
	return func(yield func(export.Item, error) bool) {
		for it, err := range items {
			if err != nil {
				yield(it, err)
				return
			}
			it.Article.ID = fixID("ART", it.Article.ID)
			it.Article.Added, it.Article.Updated = fixedClock, fixedClock
			anns := make([]notebook.Annotation, len(it.Annotations))
			for i, a := range it.Annotations {
				a.ID = fixID("ANN", a.ID)
				a.ArticleID = it.Article.ID
				a.Created = fixedClock.Add(time.Duration(len(ids)) * time.Minute)
				a.Updated = a.Created
				anns[i] = a
			}
			it.Annotations = anns
			if !yield(it, nil) {
				return
			}
		}
	}
}
