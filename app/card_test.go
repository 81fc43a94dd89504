package app

import (
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// councilDraft is an original text with a dated passage and an undated one.
var councilDraft = ingest.Draft{Title: "Council closes the old bridge", Outlet: "Riverside Times",
	Published: time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC),
	Text: "On 19 January 2023 the town council voted to close the old iron bridge to lorries.\n\n" +
		"Shopkeepers on both banks fear that deliveries will take longer."}

func TestCard_eventDate(t *testing.T) {
	h := newHarness(t, false)
	h.open(h.addDraft(councilDraft))
	h.selectQuote("On 19 January 2023 the town council voted")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.selectQuote("deliveries will take longer")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	dated, plain := h.ui.curAnns[0], h.ui.curAnns[1]
	card := func(id string) *annCard { return h.ui.anns.card(id) }
	date := func() string {
		d, _, _ := card(dated.ID).meta.shown()
		return d
	}
	if got := date(); !strings.HasPrefix(got, "19 Jan 2023 · “") {
		t.Fatalf("dated card shows %q, want 19 Jan 2023 with the words read", got)
	}
	if d, _, _ := card(plain.ID).meta.shown(); d != "" {
		t.Errorf("undated card shows %q", d)
	}

	// ⋮ → Set event date…: the dialog checks what is typed and shows
	// what Gloss read.
	m := card(dated.ID).menu() // what the card's ⋮ shows
	menuItem(t, m, "Copy citation key")
	menuItem(t, m, "Set event date…").Action()
	h.settle()
	d := h.ui.anns.eventDlg
	if d == nil {
		t.Fatal("no event date dialog")
	}
	if !strings.HasPrefix(d.evidence.Text, "19 Jan 2023") || !strings.HasSuffix(d.evidence.Text, "(day)") {
		t.Errorf("evidence %q", d.evidence.Text)
	}
	for _, bad := range []string{"2023-13", "19/01/2023", "next week", ""} {
		d.entry.SetText(bad)
		if d.entry.Validate() == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	d.entry.SetText("2022-05")
	d.submit()
	h.settle()
	if got := date(); got != "May 2022 · set by you" {
		t.Fatalf("after setting 2022-05: %q", got)
	}
	// Undo puts Gloss's own reading back; Redo the user's date.
	h.ui.undoAction()
	h.settle()
	if got := date(); !strings.HasPrefix(got, "19 Jan 2023 · “") {
		t.Errorf("after Undo: %q", got)
	}
	h.ui.redoAction()
	h.settle()
	if got := date(); got != "May 2022 · set by you" {
		t.Errorf("after Redo: %q", got)
	}

	// Clear event date: no date on the card, with Undo back to May 2022.
	menuItem(t, h.ui.cardMenu(dated.ID), "Clear event date").Action()
	h.settle()
	if got := date(); got != "" {
		t.Errorf("after Clear: %q", got)
	}
	if it := menuItem(t, h.ui.cardMenu(dated.ID), "Clear event date"); !it.Disabled {
		t.Error("Clear event date enabled on a card without a date")
	}
	h.ui.undoAction()
	h.settle()
	if got := date(); got != "May 2022 · set by you" {
		t.Errorf("after undoing Clear: %q", got)
	}
	// A year typed in the dialog and Enter.
	menuItem(t, h.ui.cardMenu(dated.ID), "Set event date…").Action()
	h.settle()
	d = h.ui.anns.eventDlg
	if d.entry.Text != "2022-05" {
		t.Errorf("the dialog starts at %q, want the date set", d.entry.Text)
	}
	d.entry.SetText("2021")
	d.entry.OnSubmitted(d.entry.Text)
	h.settle()
	if got := date(); got != "2021 · set by you" {
		t.Errorf("after setting 2021: %q", got)
	}
	if len(h.ui.dialogs) != 0 {
		t.Errorf("%d dialogs open after Enter", len(h.ui.dialogs))
	}
}

func TestEventLabel(t *testing.T) {
	for _, tt := range []struct {
		name string
		ev   notebook.Event
		want string
	}{
		{"day", notebook.Event{Start: "2023-01-19", Precision: "day", Evidence: "on 19 January"}, "19 Jan 2023 · “on 19 January”"},
		{"month", notebook.Event{Start: "2023-01-01", End: "2023-01-31", Precision: "month", UserSet: true}, "Jan 2023 · set by you"},
		{"year", notebook.Event{Start: "2023-01-01", End: "2023-12-31", Precision: "year"}, "2023"},
		{"decade", notebook.Event{Start: "1990-01-01", End: "1999-12-31", Precision: "decade"}, "1990s"},
		{"week", notebook.Event{Start: "2023-01-16", End: "2023-01-22", Precision: "week", Evidence: "last week", Relative: true}, "week of 16 Jan 2023 · “last week”"},
		{"open", notebook.Event{Start: "2022-07-01", Precision: "open"}, "since 1 Jul 2022"},
		{"range", notebook.Event{Start: "2023-02-03", End: "2023-02-09", Precision: "range"}, "3 – 9 Feb 2023"},
		{"range over months", notebook.Event{Start: "2022-12-20", End: "2023-01-05", Precision: "range"}, "20 Dec 2022 – 5 Jan 2023"},
		{"range in a year", notebook.Event{Start: "2023-01-20", End: "2023-03-05", Precision: "range"}, "20 Jan – 5 Mar 2023"},
		{"season", notebook.Event{Start: "2023-06-01", End: "2023-08-31", Precision: "season"}, "Jun – Aug 2023"},
		{"winter", notebook.Event{Start: "2022-12-01", End: "2023-02-28", Precision: "season"}, "Dec 2022 – Feb 2023"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := eventLabel(tt.ev); got != tt.want {
				t.Errorf("eventLabel = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHumanDate(t *testing.T) {
	for in, want := range map[string]string{"2024-03-05": "5 Mar 2024", "2024-03": "Mar 2024", "2024": "2024", "soon": "soon", "": ""} {
		if got := humanDate(in); got != want {
			t.Errorf("humanDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReaderMenu_sameAsCard: right-clicking a highlight in the reader
// offers what its card's ⋮ menu offers (event date, citation key).
func TestReaderMenu_sameAsCard(t *testing.T) {
	h := newHarness(t, false)
	h.open(h.addDraft(councilDraft))
	s, _ := h.selectQuote("On 19 January 2023 the town council voted")
	h.ui.reader.view.TypedRune('h')
	h.settle()
	id := h.ui.curAnns[0].ID
	h.ui.reader.view.SetSelection(s, s)
	h.ui.readerMenu(articleview.SecondaryEvent{Offset: s + 1, SpanIDs: []string{id}})
	top := h.win.Canvas().Overlays().Top()
	for _, label := range []string{"Set event date…", "Clear event date", "Copy citation key", "Copy with citation", "Delete highlight"} {
		if menuEntry(top, label) == nil {
			t.Errorf("the reader's menu on a highlight lacks %q", label)
		}
	}
}
