package notebook_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// sampleNB imports the sample page into a fresh notebook.
func sampleNB(t *testing.T) (*notebook.Notebook, notebook.Article) {
	t.Helper()
	nb := open(t)
	d, err := ingest.File(testutil.SamplePath(t))
	if err != nil {
		t.Fatal(err)
	}
	return nb, add(t, nb, d)
}

func TestNotebook_Event(t *testing.T) {
	nb, art := sampleNB(t)
	highlight := func(quote string) notebook.Annotation {
		t.Helper()
		a, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: quote})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tests := []struct {
		quote                           string
		start, end, precision, evidence string
		relative, ok                    bool
	}{
		// In the passage.
		{"A second group of instructors arrived only recently, on February 27", "2024-02-27", "2024-02-27", "day", "on February 27", true, true},
		// Not in the passage: in its sentence.
		{"an appeal", "2024-03-04", "2024-03-10", "week", "last week", true, true},
		{"fourth African tour", "2023-10-01", "", "open", "since October 2023", false, true},
		{"On August 30, 2018, Russia and Burkina Faso signed", "2018-08-30", "2018-08-30", "day", "On August 30, 2018", false, true},
		// No date in passage or sentence.
		{"Orlovsky waved the criticism aside", "", "", "", "", false, false},
	}
	for _, tt := range tests {
		a := highlight(tt.quote)
		e, ok, err := nb.Event(a)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tt.ok || e.Start != tt.start || e.End != tt.end || e.Precision != tt.precision || e.Evidence != tt.evidence || e.Relative != tt.relative || e.UserSet {
			t.Errorf("%q: event %+v (%v), want %s..%s %s %q relative %v", tt.quote, e, ok, tt.start, tt.end, tt.precision, tt.evidence, tt.relative)
		}
	}

	// The user sets, corrects and clears a date; Gloss's reading comes back
	// with "auto".
	a := highlight("Russian private military contractor Wagner Group")
	for _, tt := range []struct {
		value, start, end, precision string
		ok                           bool
	}{
		{"2023-01-19", "2023-01-19", "2023-01-19", "day", true},
		{"2023-01", "2023-01-01", "2023-01-31", "month", true},
		{"2023", "2023-01-01", "2023-12-31", "year", true},
		{"clear", "", "", "", false},
	} {
		got, err := nb.SetEvent(a.ID, tt.value)
		if err != nil {
			t.Fatal(err)
		}
		e, ok, err := nb.Event(got)
		if err != nil || ok != tt.ok || e.Start != tt.start || e.End != tt.end || e.Precision != tt.precision || ok && !e.UserSet {
			t.Errorf("SetEvent %s: %+v %v %v", tt.value, e, ok, err)
		}
	}
	if _, err := nb.SetEvent(a.ID, "yesterday"); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("SetEvent(yesterday): %v", err)
	}
	// A user's date survives an edit of the text; Gloss's own are re-read.
	u, _ := nb.SetEvent(a.ID, "2022-05")
	body, _ := nb.Text(art.ID)
	if _, err := nb.EditText(art.ID, "Editor's note: updated.\n\n"+body.Text); err != nil {
		t.Fatal(err)
	}
	got, _ := nb.Annotation(u.ID)
	if e, ok, _ := nb.Event(got); !ok || e.Start != "2022-05-01" || !e.UserSet {
		t.Errorf("user date after an edit: %+v", e)
	}
}

// TestNotebook_Event_followsPublicationDate: a relative date is resolved
// against the article's publication date; when that changes, so does the
// event; without one, the expression is found but not resolved.
func TestNotebook_Event_followsPublicationDate(t *testing.T) {
	nb, art := sampleNB(t)
	if err := nb.WarmEvents(); err != nil { // the index is loaded: changes go through it
		t.Fatal(err)
	}
	a, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "an appeal"})
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := notebook.ParseDate("2024-06-20")
	if _, err := nb.SetArticle(art.ID, notebook.ArticleUpdate{Published: &pub}); err != nil {
		t.Fatal(err)
	}
	if e, ok, _ := nb.Event(a); !ok || e.Start != "2024-06-10" || e.End != "2024-06-16" {
		t.Errorf("after the date changed: %+v %v", e, ok)
	}
	none := notebook.Date{}
	if _, err := nb.SetArticle(art.ID, notebook.ArticleUpdate{Published: &none}); err != nil {
		t.Fatal(err)
	}
	if e, ok, _ := nb.Event(a); ok {
		t.Errorf("a relative date resolved without a publication date: %+v", e)
	}
}

func TestNotebook_Timeline(t *testing.T) {
	nb, art := sampleNB(t)
	for _, h := range []struct {
		quote string
		tags  []string
	}{
		{"On August 30, 2018, Russia and Burkina Faso signed", []string{"History"}},
		{"A second group of instructors arrived only recently, on February 27", []string{"Security"}},
		{"Orlovsky waved the criticism aside", nil},
		{"In December 2023, during a visit", []string{"Security"}},
	} {
		if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: h.quote, Tags: h.tags}); err != nil {
			t.Fatal(err)
		}
	}
	dated, undated, err := nb.Timeline(notebook.ExportScope{All: true}, notebook.LanesTag)
	if err != nil {
		t.Fatal(err)
	}
	var starts, lanes []string
	for _, it := range dated {
		starts = append(starts, it.Start.Format(time.DateOnly))
		lanes = append(lanes, it.Lane)
	}
	if want := "2018-08-30 2023-12-01 2024-02-27"; strings.Join(starts, " ") != want {
		t.Errorf("dated %v, want %s", starts, want)
	}
	if strings.Join(lanes, " ") != "History Security Security" || len(undated) != 1 || undated[0].Lane != "(untagged)" {
		t.Errorf("lanes %v, undated %+v", lanes, undated)
	}
	dated, _, err = nb.Timeline(notebook.ExportScope{Tag: "Security"}, notebook.LanesOutlet)
	if err != nil || len(dated) != 2 || dated[0].Lane != "(no outlet)" || !dated[0].PubKnown {
		t.Errorf("tag scope: %+v %v", dated, err)
	}
	if _, _, err := nb.Timeline(notebook.ExportScope{All: true}, "colour"); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("bad lanes: %v", err)
	}
}
