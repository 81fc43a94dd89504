package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// Issue 19, "Importing annotations" and "Pending highlights". The files
// below are written for these tests: two highlights on the sample
// article (found by its address, tracking parameters and all) and two on
// the harbour article (secondArticle), which is not in the notebook yet.

const sampleURL = "https://news.example.org/sahel/drones-and-grain"

const hypothesisExport = `[
  {"id": "hx-001", "created": "2024-03-20T10:00:00Z", "updated": "2024-03-20T10:00:00Z",
   "user": "acct:reader@hypothes.is", "uri": "https://www.news.example.org/sahel/drones-and-grain/?utm_source=feed",
   "text": "Check the delivery dates.", "tags": ["Sahel"],
   "target": [{"source": "https://news.example.org/sahel/drones-and-grain",
     "selector": [{"type": "TextQuoteSelector", "exact": "a large consignment of Russian reconnaissance drones", "prefix": "In recent months ", "suffix": "was handed"}]}],
   "document": {"title": ["Russia pledges drones and grain to Burkina Faso"]}},
  {"id": "hx-002", "created": "2024-04-03T08:00:00Z", "updated": "2024-04-03T08:00:00Z",
   "user": "acct:reader@hypothes.is", "uri": "https://port.example.net/2024/04/harbour-cranes",
   "text": "Fuel, not grain, is the bottleneck.", "tags": [],
   "target": [{"source": "https://port.example.net/2024/04/harbour-cranes",
     "selector": [{"type": "TextQuoteSelector", "exact": "the two cranes that unload grain barges stood still"}]}],
   "document": {"title": ["Harbour cranes idle as fuel runs short"]}},
  {"id": "hx-003", "created": "2024-04-03T08:01:00Z", "updated": "2024-04-03T08:01:00Z",
   "user": "acct:reader@hypothes.is", "uri": "https://port.example.net/2024/04/harbour-cranes",
   "text": "", "tags": [],
   "target": [{"source": "https://port.example.net/2024/04/harbour-cranes",
     "selector": [{"type": "TextQuoteSelector", "exact": "a tanker is expected before the end of the month"}]}],
   "document": {"title": ["Harbour cranes idle as fuel runs short"]}}
]`

const readwiseExport = "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags,URL\n" +
	`"a large consignment of Russian reconnaissance drones",Russia pledges drones and grain to Burkina Faso,Amara Lindqvist,,Check the delivery dates.,yellow,Sahel,offset,900,2024-03-20 10:00:00+00:00,,https://news.example.org/sahel/drones-and-grain?utm_campaign=weekly` + "\n" +
	`"the two cranes that unload grain barges stood still",Harbour cranes idle as fuel runs short,Tomasz Ekwueme,,,blue,,offset,120,2024-04-03 08:00:00+00:00,,https://port.example.net/2024/04/harbour-cranes` + "\n"

const w3cExport = `{
  "@context": "http://www.w3.org/ns/anno.jsonld",
  "id": "https://notes.example.com/collections/5",
  "type": "AnnotationCollection",
  "first": {"id": "https://notes.example.com/collections/5?page=0", "type": "AnnotationPage", "items": [
    {"id": "https://notes.example.com/anno/1", "type": "Annotation", "created": "2024-03-20T10:00:00Z",
     "body": {"type": "TextualBody", "value": "Check the delivery dates."},
     "target": {"source": "https://news.example.org/sahel/drones-and-grain",
       "selector": {"type": "TextQuoteSelector", "exact": "a large consignment of Russian reconnaissance drones"}}},
    {"id": "https://notes.example.com/anno/2", "type": "Annotation", "created": "2024-04-03T08:00:00Z",
     "target": {"source": "https://port.example.net/2024/04/harbour-cranes",
       "selector": {"type": "TextQuoteSelector", "exact": "the two cranes that unload grain barges stood still"}}}
  ]}
}`

// TestUI_ImportAnnotationFiles: File → Import takes Hypothesis, Readwise
// and W3C exports through the same importer as gloss import; the summary
// says in words how many highlights were added and how many wait.
func TestUI_ImportAnnotationFiles(t *testing.T) {
	tests := []struct {
		name, file, text string
		pending          int
	}{
		{"hypothesis", "hypothesis.json", hypothesisExport, 2},
		{"readwise", "readwise-export.csv", readwiseExport, 1},
		{"w3c", "annotations.jsonld", w3cExport, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, false)
			id := h.importSample()
			if _, err := h.nb.SetArticle(id, notebook.ArticleUpdate{URL: ptr(sampleURL)}); err != nil {
				t.Fatal(err)
			}
			h.settle()
			h.ui.importPaths([]string{writeFile(t, tt.file, tt.text)})
			h.settle()
			msg := h.ui.notify.msg.Text
			want := "1 highlight from other tools added to articles here (1 in place)"
			if !strings.Contains(msg, want) || !strings.Contains(msg, plural(tt.pending, "highlight", "highlights")+" waiting for") {
				t.Errorf("summary %q, want %q and %d waiting", msg, want, tt.pending)
			}
			if strings.Contains(msg, "refused") {
				t.Errorf("summary %q", msg)
			}
			anns, err := h.nb.Annotations(id)
			if err != nil || len(anns) != 1 || anns[0].Quote != consignment {
				t.Errorf("sample annotations %+v, %v", anns, err)
			}
			if h.ui.pending.count != tt.pending {
				t.Errorf("pending count %d, want %d", h.ui.pending.count, tt.pending)
			}
			// The same file again: nothing new.
			h.ui.importPaths([]string{writeFile(t, tt.file, tt.text)})
			h.settle()
			if msg := h.ui.notify.msg.Text; !strings.Contains(msg, "already imported") {
				t.Errorf("second import %q", msg)
			}
		})
	}
	for _, ext := range []string{".json", ".jsonld", ".csv"} {
		if !strings.Contains(strings.Join(importExts(), " "), ext) {
			t.Errorf("the file chooser does not offer %s", ext)
		}
	}
}

// TestUI_PendingHighlights: the library shows how many highlights wait;
// its entry lists them by document with "Import the article…"; once the
// article is imported they attach, and the list and the count follow
// through the change feed.
func TestUI_PendingHighlights(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.ui.importPaths([]string{writeFile(t, "hypothesis.json", hypothesisExport)})
	h.settle()
	if h.ui.pending.count != 2 {
		t.Fatalf("pending count %d, want 2", h.ui.pending.count)
	}
	if !slicesContains(h.ui.lib.children[""], nodePending) {
		t.Fatal("no Pending highlights entry in the library")
	}
	row := newTreeRow(h.ui.lib)
	h.ui.lib.updateTreeRow(nodePending, false, row)
	if row.name.text != "Pending highlights" || row.count.Text != "2" {
		t.Error("the library entry does not show Pending highlights with its count")
	}
	chosen := 0
	h.ui.pending.choose = func() { chosen++ }
	h.ui.lib.treeSelected(nodePending)
	h.settle()
	p := h.ui.pending
	if p.dlg == nil || p.box == nil {
		t.Fatal("the Pending highlights dialog is not open")
	}
	for _, s := range []string{"Harbour cranes idle as fuel runs short", "port.example.net/2024/04/harbour-cranes", "2 highlights",
		"the two cranes that unload grain barges stood still", "Fuel, not grain"} {
		if !textsContain(p.box, s) {
			t.Errorf("the pending list lacks %q", s)
		}
	}
	var imp *widget.Button
	for _, o := range test.LaidOutObjects(p.box) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Import the article…" {
			imp = b
		}
	}
	if imp == nil {
		t.Fatal("no Import the article… button")
	}
	test.Tap(imp)
	if chosen != 1 {
		t.Errorf("Import the article… opened the chooser %d times", chosen)
	}
	// The article comes in (as the chooser would import it).
	h.ui.importPaths([]string{writeFile(t, "harbour.txt", secondArticle)})
	h.settle()
	if p.count != 0 {
		t.Errorf("pending count %d after the article came", p.count)
	}
	if !textsContain(p.box, "No highlights are waiting") {
		t.Error("the open list did not follow the import")
	}
	var harbour string
	for _, a := range h.ui.lib.all {
		if strings.HasPrefix(a.Title, "Harbour cranes") {
			harbour = a.ID
		}
	}
	anns, err := h.nb.Annotations(harbour)
	if err != nil || len(anns) != 2 {
		t.Fatalf("harbour article has %d annotations (%v), want the 2 pending ones", len(anns), err)
	}
	for _, a := range anns {
		if a.Status == notebook.Orphaned {
			t.Errorf("attached highlight %q is orphaned", a.Quote)
		}
	}
	h.closeDialogs()
}

// TestUI_PendingDiscard: a group can be discarded (after a confirmation).
func TestUI_PendingDiscard(t *testing.T) {
	h := newHarness(t, false)
	h.ui.importPaths([]string{writeFile(t, "hypothesis.json", hypothesisExport)})
	h.settle()
	if h.ui.pending.count != 3 {
		t.Fatalf("pending count %d, want 3 (no article in the notebook)", h.ui.pending.count)
	}
	if !strings.Contains(h.ui.notify.msg.Text, "3 highlights waiting for their articles") {
		t.Errorf("summary %q", h.ui.notify.msg.Text)
	}
	h.ui.showPending()
	h.settle()
	g := h.ui.pending.groups
	if len(g) != 2 {
		t.Fatalf("%d groups, want 2 (one per document)", len(g))
	}
	ids := []string{}
	for _, a := range g[0].Annotations {
		ids = append(ids, a.ID)
	}
	h.ui.pending.discard(g[0].Title, ids)
	// Accept the confirmation as the user would.
	if btn := findButton(h.win.Canvas().Overlays().Top(), "Yes"); btn != nil {
		test.Tap(btn)
	} else {
		t.Fatal("no confirmation")
	}
	h.settle()
	if want := 3 - len(ids); h.ui.pending.count != want {
		t.Errorf("pending count %d after discarding, want %d", h.ui.pending.count, want)
	}
}

// findButton finds a button by its text.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil {
		return nil
	}
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
