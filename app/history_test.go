package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/glossnotes/gloss/notebook"
)

// Issue 15, "Orphans, versions, trash".

// orphanSample imports the sample, highlights the Wagner Group and edits
// it out of the text, which orphans the highlight.
func orphanSample(h *harness) (article, ann string) {
	h.t.Helper()
	return orphanSample2(h, h.importSample())
}

// orphanSample2 is orphanSample on the imported sample.
func orphanSample2(h *harness, article string) (string, string) {
	h.t.Helper()
	var ann string
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	ann = h.ui.selAnn
	body, _ := h.nb.Text(article)
	h.ui.saveText(article, strings.ReplaceAll(body.Text, wagner, "a private military company"), nil)
	h.settle()
	if a, _ := h.nb.Annotation(ann); a.Status != notebook.Orphaned {
		h.t.Fatalf("the highlight is %s after the edit, want orphaned", a.Status)
	}
	return article, ann
}

func TestNearestQuote(t *testing.T) {
	text := "aé x aé y aé"
	for _, tt := range []struct{ near, want int }{{0, 0}, {4, 5}, {9, 10}, {100, 10}} {
		if got, ok := nearestQuote(text, "aé", tt.near); !ok || got != tt.want {
			t.Errorf("nearestQuote near %d = %d, %v; want %d", tt.near, got, ok, tt.want)
		}
	}
	if _, ok := nearestQuote(text, "zz", 0); ok {
		t.Error("found a quote that is not there")
	}
}

// TestUI_OrphanReattach: clicking an orphan in the Orphans view opens its
// article with its card selected and its old quote shown; Re-attach asks
// for the new passage and attaches it there.
func TestUI_OrphanReattach(t *testing.T) {
	h := newHarness(t, false)
	article, ann := orphanSample(h)
	h.ui.importPaths([]string{writeFile(t, "e.txt", "Elsewhere\n\nAnother article to be reading when the orphan is clicked.\n")})
	h.settle()
	h.ui.notify.action.OnTapped() // Open the new one
	h.settle()
	if h.ui.cur.ID == article {
		t.Fatal("the other article is not open")
	}
	h.ui.lib.tree.Select(nodeOrphans)
	h.settle()
	if len(h.ui.anns.globalAnns) != 1 {
		t.Fatalf("Orphans lists %d", len(h.ui.anns.globalAnns))
	}
	h.ui.anns.global.Select(0)
	h.settle()
	if h.ui.cur.ID != article || h.ui.selAnn != ann {
		t.Fatalf("clicking the orphan opened %q with %q selected", h.ui.cur.Title, h.ui.selAnn)
	}
	card := h.ui.anns.card(ann)
	if card == nil || !card.selected || !strings.Contains(card.quote.Text, wagner) {
		t.Fatalf("the orphan's card is missing, unselected or without its old quote")
	}
	if h.ui.anns.mode != paneArticle {
		t.Error("the right pane still shows the Orphans list")
	}
	// Re-attach (R on the selected highlight): the banner asks for a
	// passage; Enter attaches.
	h.closeDialogs() // the edit's report
	h.ui.focusReader()
	h.ui.reader.view.TypedRune('r')
	if !h.ui.reader.attach.active() || !h.ui.reader.attach.box.Visible() {
		t.Fatal("Re-attach shows no banner")
	}
	if h.ui.reader.attach.ok.Disabled() == false {
		t.Error("Attach is enabled with no passage selected")
	}
	s, e := h.selectQuote("a private military company")
	h.ui.reader.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	a, _ := h.nb.Annotation(ann)
	if a.Status != notebook.Anchored || a.Start != s || a.End != e || a.Quote != "a private military company" {
		t.Errorf("after re-attach: %s %d–%d %q", a.Status, a.Start, a.End, a.Quote)
	}
	if h.ui.reader.attach.active() {
		t.Error("the banner stays after attaching")
	}
	if len(h.ui.reader.view.Spans()) != 1 {
		t.Errorf("spans after re-attach: %+v", h.ui.reader.view.Spans())
	}
	if _, ok := any(h.nb).(reattachUndoer); !ok && !strings.Contains(h.ui.notify.msg.Text, "Undo is not available") {
		t.Errorf("notice %q should say that undo is not available for an orphan", h.ui.notify.msg.Text)
	}
}

// TestUI_ReattachUndo: re-attaching a highlight that had a place is undone
// by putting it back; Esc cancels a re-attach.
func TestUI_ReattachUndo(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	s0, e0 := h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	ann := h.ui.selAnn
	h.ui.startReattach(ann)
	h.ui.reader.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.ui.reader.attach.active() {
		t.Fatal("Esc did not cancel the re-attach")
	}
	h.ui.startReattach(ann)
	h.selectQuote(consignment)
	h.ui.reader.attach.attach()
	h.settle()
	if a, _ := h.nb.Annotation(ann); a.Quote != consignment {
		t.Fatalf("re-attached to %q", a.Quote)
	}
	h.ui.undoAction()
	h.settle()
	if a, _ := h.nb.Annotation(ann); a.Start != s0 || a.End != e0 || a.Quote != wagner {
		t.Errorf("undo put it at %d–%d %q, want %d–%d %q", a.Start, a.End, a.Quote, s0, e0, wagner)
	}
}

// TestUI_VersionHistory: the history lists the versions; an earlier text
// shows read-only with the highlights where they were, and what its edit
// did to them.
func TestUI_VersionHistory(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote("Yevgeny Orlovsky") // stays in place at the edit
	h.ui.reader.view.TypedRune('3')
	h.settle()
	article, _ := orphanSample2(h, id)
	h.ui.showVersions()
	h.settle()
	d := h.ui.versions
	if d == nil || len(d.rows) != 2 || !d.rows[0].current || d.rows[1].number != 1 {
		t.Fatalf("version rows %+v", d)
	}
	h.settle() // version 1 is shown
	if d.shown != 1 || !strings.Contains(d.view.Text(), wagner) {
		t.Errorf("version %d shown; its text lacks the old passage", d.shown)
	}
	spans := d.view.Spans()
	var quotes []string
	for _, s := range spans {
		quotes = append(quotes, string([]rune(d.view.Text())[s.Start:s.End]))
	}
	if strings.Join(quotes, "|") != "Yevgeny Orlovsky|"+wagner {
		t.Errorf("version 1 shows highlights on %q, want the one left in place and the orphaned one where they were", quotes)
	}
	if got := d.effects.Text; !strings.Contains(got, "orphaned") || !strings.Contains(got, wagner) {
		t.Errorf("effects of the edit: %q", got)
	}
	if d.view.OnTypedRune != nil || d.view.OnSpanTapped != nil {
		t.Error("the old version's view takes highlight keys (it must be read-only)")
	}
	d.list.Select(0)
	h.settle()
	cur, _ := h.nb.Text(article)
	if d.view.Text() != cur.Text {
		t.Error("the current version shows another text")
	}
}

// TestUI_TrashRestore: the trash lists deleted items and restores them.
func TestUI_TrashRestore(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	ann := h.ui.selAnn
	h.ui.deleteAnnotation(ann)
	h.settle()
	if h.ui.lib.trash != 1 {
		t.Errorf("trash count %d, want 1", h.ui.lib.trash)
	}
	h.ui.lib.tree.Select(nodeTrash)
	h.settle()
	if len(h.ui.anns.trash) != 1 || h.ui.anns.trash[0].ID != ann {
		t.Fatalf("trash lists %+v", h.ui.anns.trash)
	}
	h.ui.restoreFromTrash(ann)
	h.settle()
	if _, err := h.nb.Annotation(ann); err != nil {
		t.Errorf("not restored: %v", err)
	}
	if h.ui.lib.trash != 0 || len(h.ui.anns.trash) != 0 {
		t.Errorf("after restore: count %d, listed %d", h.ui.lib.trash, len(h.ui.anns.trash))
	}
	if len(h.ui.curAnns) != 1 {
		t.Errorf("the restored highlight is not shown (%d)", len(h.ui.curAnns))
	}
	if h.ui.anns.emptyTrash.Visible() && !h.ui.canEmptyTrash() {
		t.Error("Empty is offered though the notebook cannot empty the trash")
	}
}
