package notebook_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// testClock is a clock that moves only when told to, shared by the
// notebooks of a test so that "later" means later in every one of them.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)}
}

// Now is the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Step moves the clock one second on.
func (c *testClock) Step() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
}

// clocks gives each test one clock, shared by its notebooks.
var clocks sync.Map // *testing.T name → *testClock

func clockOf(t testing.TB) *testClock {
	c, _ := clocks.LoadOrStore(t.Name(), newTestClock())
	return c.(*testClock)
}

// bundleNB opens a notebook on a new bbolt file that reads the time from
// the test's clock.
func bundleNB(t testing.TB) (*notebook.Notebook, notebook.Store) {
	t.Helper()
	db := nbtest.TempStore(t)
	nb := notebook.New(db)
	notebook.SetClock(nb, clockOf(t).Now)
	t.Cleanup(func() { nb.Close() })
	return nb, db
}

// orphanID is the ID of the orphaned annotation fullNotebook stores
// directly (a ULID, as every ID must be).
const orphanID = "01J0RPHAN00000000000000000"

// fullNotebook fills a notebook with every kind of record a bundle
// carries: the sample article with its source bytes, an older version,
// highlights with nested tags and a tag colour, an orphan, a trashed
// annotation and a trashed article.
func fullNotebook(t *testing.T) (*notebook.Notebook, notebook.Store, notebook.Article) {
	t.Helper()
	nb, db := bundleNB(t)
	d, err := ingest.File(testutil.SamplePath(t))
	if err != nil {
		t.Fatalf("sample article: %v", err)
	}
	r, err := nb.AddArticle(d)
	if err != nil {
		t.Fatal(err)
	}
	art := r.Article
	for _, h := range []notebook.HighlightSpec{
		{Quote: "Moscow says the aid will help the country", Tags: []string{"Russia–Africa ties", "Sahel/Mali"}, Note: "**key** <b>claim</b>"},
		{Quote: "Wagner Group", Occurrence: 1, Color: notebook.Red, Tags: []string{"Sahel/Security"}},
		{Quote: "Orlovsky waved the criticism aside", Color: notebook.Blue},
	} {
		h.ArticleID = art.ID
		if _, err := nb.Highlight(h); err != nil {
			t.Fatalf("highlight %q: %v", h.Quote, err)
		}
	}
	if err := nb.SetTagColor("Sahel", "orange"); err != nil {
		t.Fatal(err)
	}
	gone, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Grain, fuel and fertilizer"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}
	other, err := nb.AddArticle(ingest.Draft{Title: "Deleted piece", Text: "Soon in the trash.", Source: []byte("Soon in the trash."), MediaType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Delete(other.Article.ID); err != nil {
		t.Fatal(err)
	}
	// An earlier text and an orphan, written as an edit and a failed
	// re-attachment would have left them: the earlier text is version 1
	// (with its true SHA-256) and the article's current text version 2.
	err = db.Update(func(tx notebook.Tx) error {
		now := clockOf(t).Now()
		const older = "An older text."
		if err := tx.PutVersion(art.ID, notebook.Version{Number: 1, Saved: now.Truncate(time.Second),
			TextHash: sha256Hex(older), Body: notebook.Body{Text: older}, Reason: "edit"}); err != nil {
			return err
		}
		a, err := tx.Article(art.ID)
		if err != nil {
			return err
		}
		a.Version = 2
		if err := tx.PutArticle(a); err != nil {
			return err
		}
		return tx.PutAnnotation(notebook.Annotation{ID: orphanID, ArticleID: art.ID,
			Start: 3, End: 8, Quote: "a lost passage", Color: notebook.Purple, Status: notebook.Orphaned, Created: now, Updated: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, nb)
	clockOf(t).Step()
	sum, err := nb.Article(art.ID)
	art = sum.Article
	if err != nil {
		t.Fatal(err)
	}
	return nb, db, art
}

func bundleOf(t testing.TB, nb *notebook.Notebook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := nb.WriteBundle(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var exportedLine = regexp.MustCompile(`(?m)^"exported":"[^"]*",$`)

// sameBundle compares two bundles apart from their export dates.
func sameBundle(t testing.TB, a, b []byte) {
	t.Helper()
	if !exportedLine.Match(a) {
		t.Fatalf("bundle has no exported line:\n%.300s", a)
	}
	x, y := exportedLine.ReplaceAll(a, nil), exportedLine.ReplaceAll(b, nil)
	if !bytes.Equal(x, y) {
		t.Errorf("bundles differ:\n%s\n---\n%s", x, y)
	}
}

func merge(t *testing.T, nb *notebook.Notebook, bundle []byte) notebook.MergeReport {
	t.Helper()
	rep, err := nb.MergeBundle(bytes.NewReader(bundle))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func checkClean(t *testing.T, nb *notebook.Notebook) {
	t.Helper()
	problems, err := nb.Check()
	if err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", err, problems)
	}
}

func TestNotebook_WriteBundle_roundTrip(t *testing.T) {
	src, _, _ := fullNotebook(t)
	first := bundleOf(t, src)
	for _, want := range []string{`{"gloss_bundle":1,`, `"source":{`, `"versions":[`, `"color":"orange"`, `"kind":"annotation"`, `"kind":"article"`, `"status":"orphaned"`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("bundle lacks %s", want)
		}
	}

	dst, _ := bundleNB(t)
	rep := merge(t, dst, first)
	if rep.ArticlesAdded != 1 || rep.AnnotationsAdded != 4 || rep.TrashAdded != 2 || rep.TagsAdded == 0 || len(rep.Conflicts) > 0 {
		t.Errorf("first merge: %+v", rep)
	}
	sameBundle(t, first, bundleOf(t, dst))
	checkClean(t, dst)

	rep = merge(t, dst, first)
	want := notebook.MergeReport{ArticlesUnchanged: 1, AnnotationsUnchanged: 4}
	if rep.ArticlesAdded+rep.ArticlesUpdated+rep.AnnotationsAdded+rep.AnnotationsUpdated+rep.VersionsAdded+
		rep.KeptInTrash+rep.TagsAdded+rep.TrashAdded+rep.Skipped != 0 ||
		rep.ArticlesUnchanged != want.ArticlesUnchanged || rep.AnnotationsUnchanged != want.AnnotationsUnchanged {
		t.Errorf("second merge changed something: %+v", rep)
	}
	sameBundle(t, first, bundleOf(t, dst))
}

func TestNotebook_MergeBundle_gzipAndSniff(t *testing.T) {
	src, _, _ := fullNotebook(t)
	plain := bundleOf(t, src)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()

	dst, _ := bundleNB(t)
	if rep := merge(t, dst, gz.Bytes()); rep.ArticlesAdded != 1 {
		t.Errorf("gzipped merge: %+v", rep)
	}
	sameBundle(t, plain, bundleOf(t, dst))

	files := map[string][]byte{
		"plain.json":  plain,
		"b.json.gz":   gz.Bytes(),
		"other.json":  []byte(`{"articles":[]}`),
		"spaced.json": append([]byte("  \n"), plain...),
		"text.txt":    []byte("gloss_bundle"),
		"empty":       nil,
	}
	want := map[string]bool{"plain.json": true, "b.json.gz": true, "spaced.json": true}
	for name, data := range files {
		if got := notebook.IsBundle(bytes.NewReader(data)); got != want[name] {
			t.Errorf("IsBundle(%s) = %v", name, got)
		}
	}
	if notebook.IsBundle(bytes.NewReader(nil)) {
		t.Error("IsBundle(nothing) = true")
	}
}

func TestNotebook_MergeBundle_invalid(t *testing.T) {
	src, _, _ := fullNotebook(t)
	good := string(bundleOf(t, src))
	tests := []struct {
		name, bundle string
		want         error
	}{
		{"not JSON", "hello", notebook.ErrInvalid},
		{"no marker", `{"articles":[]}`, notebook.ErrInvalid},
		{"newer format", `{"gloss_bundle":99,"articles":[]}`, notebook.ErrNewerSchema},
		{"text does not match its hash", strings.Replace(good, "Moscow says the aid will help the country", "Moscow says the aid will assist the country", 1), notebook.ErrInvalid},
		{"truncated", good[:len(good)/2], notebook.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst, _ := bundleNB(t)
			_, err := dst.MergeBundle(strings.NewReader(tt.bundle))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if arts, err := dst.Articles(notebook.ListOptions{}); err != nil || len(arts) != 0 {
				t.Errorf("a failed merge left %d articles (%v)", len(arts), err)
			}
		})
	}
}

// TestNotebook_MergeBundle_newerWins merges two notebooks that diverged
// from the same bundle.
func TestNotebook_MergeBundle_newerWins(t *testing.T) {
	x, _, art := fullNotebook(t)
	base := bundleOf(t, x)
	y, ydb := bundleNB(t)
	merge(t, y, base)

	anns, err := x.Annotations(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	target := anns[0]
	// y edits the note first, x later: x's edit is newer and wins in y.
	yNote, xNote := "y's older note", "x's newer note"
	if _, err := y.EditAnnotation(target.ID, notebook.AnnotationUpdate{Note: &yNote}); err != nil {
		t.Fatal(err)
	}
	clockOf(t).Step()
	if _, err := x.EditAnnotation(target.ID, notebook.AnnotationUpdate{Note: &xNote}); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, y, bundleOf(t, x))
	if rep.AnnotationsUpdated != 1 || rep.KeptInTrash != 1 {
		t.Errorf("merge: %+v", rep)
	}
	if got, _ := y.Annotation(target.ID); got.Note != xNote {
		t.Errorf("note = %q, want the newer %q", got.Note, xNote)
	}
	e := trashEntry(t, ydb, target.ID)
	if len(e.Annotations) != 1 || e.Annotations[0].Note != yNote {
		t.Errorf("loser not kept in the trash: %+v", e)
	}
	// Merging again changes nothing.
	again := merge(t, y, bundleOf(t, x))
	if again.AnnotationsUpdated != 0 || again.KeptInTrash != 0 {
		t.Errorf("second merge: %+v", again)
	}

	// Now y is newer: x's bundle loses and goes to y's trash.
	clockOf(t).Step()
	yNewest := "y's newest note"
	if _, err := y.EditAnnotation(target.ID, notebook.AnnotationUpdate{Note: &yNewest}); err != nil {
		t.Fatal(err)
	}
	rep = merge(t, y, bundleOf(t, x))
	if got, _ := y.Annotation(target.ID); got.Note != yNewest {
		t.Errorf("note = %q, want ours %q", got.Note, yNewest)
	}
	if e := trashEntry(t, ydb, target.ID); e.Annotations[0].Note != xNote {
		t.Errorf("trash holds %q, want the losing %q", e.Annotations[0].Note, xNote)
	}
	checkClean(t, y)
}

// TestNotebook_MergeBundle_articleText: a newer text in the bundle
// replaces ours, ours is kept as a version, and our annotations are
// re-attached to the new text.
func TestNotebook_MergeBundle_articleText(t *testing.T) {
	x, _, art := fullNotebook(t)
	y, ydb := bundleNB(t)
	merge(t, y, bundleOf(t, x))
	mine, err := y.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Grain, fuel and fertilizer", Note: "only in y"})
	if err != nil {
		t.Fatal(err)
	}
	clockOf(t).Step()
	// x edits the text (as the service does: the old text becomes a
	// version, the length and hash are recounted).
	old, err := x.Text(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	newText := "Editor's note: updated.\n\n" + old.Text
	if _, err := x.EditText(art.ID, newText); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, y, bundleOf(t, x))
	if rep.ArticlesUpdated != 1 || rep.VersionsAdded != 1 {
		t.Errorf("merge: %+v", rep)
	}
	body, err := y.Text(art.ID)
	if err != nil || body.Text != newText {
		t.Fatalf("text not replaced (%v)", err)
	}
	var versions []notebook.Version
	if err := ydb.View(func(tx notebook.Tx) error {
		versions, err = tx.Versions(art.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range versions {
		found = found || strings.HasPrefix(v.Body.Text, "During a two-day stop in Ouagadougou")
	}
	if !found {
		t.Errorf("our old text is not among the versions %+v", versions)
	}
	got, err := y.Annotation(mine.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status == notebook.Orphaned || string([]rune(newText)[got.Start:got.End]) != "Grain, fuel and fertilizer" {
		t.Errorf("our annotation was not re-attached: %+v", got)
	}
	checkClean(t, y)
	again := merge(t, y, bundleOf(t, x))
	if again.ArticlesUpdated+again.AnnotationsUpdated+again.AnnotationsAdded+again.VersionsAdded+again.KeptInTrash != 0 {
		t.Errorf("second merge changed something: %+v", again)
	}
}

// TestNotebook_MergeBundle_ourTextNewer: our newer text stays, the
// bundle's is kept as a version, and the bundle's annotations are
// re-attached to our text.
func TestNotebook_MergeBundle_ourTextNewer(t *testing.T) {
	x, _, art := fullNotebook(t)
	y, _ := bundleNB(t)
	merge(t, y, bundleOf(t, x))
	theirs, err := x.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Ties that go back decades", Note: "only in x"})
	if err != nil {
		t.Fatal(err)
	}
	clockOf(t).Step()
	body, err := y.Text(art.ID)
	if err != nil {
		t.Fatal(err)
	}
	newText := "Correction appended.\n\n" + body.Text
	if _, err := y.EditText(art.ID, newText); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, y, bundleOf(t, x))
	if rep.ArticlesUpdated != 0 || rep.AnnotationsAdded != 1 {
		t.Errorf("merge: %+v", rep)
	}
	if b, _ := y.Text(art.ID); b.Text != newText {
		t.Error("our newer text was replaced")
	}
	got, err := y.Annotation(theirs.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status == notebook.Orphaned || string([]rune(newText)[got.Start:got.End]) != "Ties that go back decades" {
		t.Errorf("their annotation was not re-attached to our text: %+v", got)
	}
	checkClean(t, y)
	again := merge(t, y, bundleOf(t, x))
	if again.ArticlesUpdated+again.AnnotationsUpdated+again.AnnotationsAdded+again.VersionsAdded+again.KeptInTrash != 0 {
		t.Errorf("second merge changed something: %+v", again)
	}
}

// TestNotebook_MergeBundle_sameTextOtherID: the same article imported
// separately in two notebooks is one article after the merge.
func TestNotebook_MergeBundle_sameTextOtherID(t *testing.T) {
	x, _, _ := fullNotebook(t)
	y, _ := bundleNB(t)
	d, err := ingest.File(testutil.SamplePath(t))
	if err != nil {
		t.Fatal(err)
	}
	r, err := y.AddArticle(d)
	if err != nil {
		t.Fatal(err)
	}
	rep := merge(t, y, bundleOf(t, x))
	if rep.ArticlesMatched != 1 || rep.ArticlesAdded != 0 || rep.AnnotationsAdded != 4 {
		t.Errorf("merge: %+v", rep)
	}
	anns, err := y.Annotations(r.Article.ID)
	if err != nil || len(anns) != 4 {
		t.Errorf("y's article has %d annotations (%v), want x's 4", len(anns), err)
	}
	checkClean(t, y)
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func trashEntry(t *testing.T, db notebook.Store, id string) notebook.TrashEntry {
	t.Helper()
	var e notebook.TrashEntry
	err := db.View(func(tx notebook.Tx) error {
		var err error
		e, err = tx.Trash(id)
		return err
	})
	if err != nil {
		t.Fatalf("trash entry %s: %v", id, err)
	}
	return e
}

// TestNotebook_MergeBundle_urlClash: a bundle article whose URL belongs to
// a different article here is added without the URL, and the clash is
// reported.
func TestNotebook_MergeBundle_urlClash(t *testing.T) {
	x, _ := bundleNB(t)
	const url = "https://example.org/story"
	if _, err := x.AddArticle(ingest.Draft{Title: "Their story", Text: "Their text.", URL: url}); err != nil {
		t.Fatal(err)
	}
	y, _ := bundleNB(t)
	if _, err := y.AddArticle(ingest.Draft{Title: "Our story", Text: "Our different text.", URL: url}); err != nil {
		t.Fatal(err)
	}
	rep := merge(t, y, bundleOf(t, x))
	if rep.ArticlesAdded != 1 || len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], url) {
		t.Errorf("merge: %+v", rep)
	}
	checkClean(t, y)
	if again := merge(t, y, bundleOf(t, x)); again.ArticlesAdded+again.ArticlesUpdated != 0 || len(again.Conflicts) != 0 {
		t.Errorf("second merge: %+v", again)
	}
}

// TestNotebook_MergeBundle_citeKeys: an article merged from another
// notebook keeps its key unless an article here has it (it then gets a
// free one, and check stays clean); an updated article keeps ours.
func TestNotebook_MergeBundle_citeKeys(t *testing.T) {
	x, _ := bundleNB(t)
	theirs, err := x.AddArticle(ingest.Draft{Title: "Grain talks resume", Byline: "Anna Keller", Text: "Their text about grain.", Published: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	y, _ := bundleNB(t)
	ours, err := y.AddArticle(ingest.Draft{Title: "Grain talks resume", Byline: "Anna Keller", Text: "Our other text about grain.", Published: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if theirs.Article.CiteKey != ours.Article.CiteKey {
		t.Fatalf("keys %q and %q: the test needs the same key", theirs.Article.CiteKey, ours.Article.CiteKey)
	}
	merge(t, y, bundleOf(t, x))
	checkClean(t, y)
	got, err := y.Article(theirs.Article.ID)
	if err != nil || got.CiteKey == "" || got.CiteKey == ours.Article.CiteKey {
		t.Errorf("merged article's key %q (ours %q), %v", got.CiteKey, ours.Article.CiteKey, err)
	}
	if o, _ := y.Article(ours.Article.ID); o.CiteKey != ours.Article.CiteKey {
		t.Errorf("our key changed to %q", o.CiteKey)
	}
}
