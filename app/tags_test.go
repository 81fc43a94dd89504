package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/glossnotes/gloss/notebook"
)

// Issue 15, "Tags".

func TestFoldTag(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Russia–Africa ties", "Russia-Africa ties"},
		{"Russia–Africa ties", "russia africa ties"},
		{"Russia–Africa ties", "RUSSIA — AFRICA  TIES"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Côte d’Ivoire", "Cote dIvoire"},
		{"Sahel / Mali", "sahel/mali"},
		{"“Quoted” tag", "quoted tag"},
		{"Naïve\u00adtag", "naivetag"},
	}
	for _, tt := range tests {
		if foldTag(tt.a) != foldTag(tt.b) {
			t.Errorf("foldTag(%q) = %q, foldTag(%q) = %q: want equal", tt.a, foldTag(tt.a), tt.b, foldTag(tt.b))
		}
	}
	for _, pair := range [][2]string{{"Sahel", "Sahel/Mali"}, {"Mali", "Malia"}, {"Russia Africa", "Russia Africa ties"}} {
		if foldTag(pair[0]) == foldTag(pair[1]) {
			t.Errorf("foldTag(%q) == foldTag(%q): different tags fold together", pair[0], pair[1])
		}
	}
}

func TestSuggestTags_folded(t *testing.T) {
	names := []string{"Russia–Africa ties", "Sahel", "Sahel/Burkina", "Security", "Côte d’Ivoire"}
	tests := []struct{ typed, first string }{
		{"russia africa", "Russia–Africa ties"},
		{"Russia-Africa", "Russia–Africa ties"},
		{"africa", "Russia–Africa ties"},
		{"cote", "Côte d’Ivoire"},
		{"burk", "Sahel/Burkina"},
	}
	for _, tt := range tests {
		got := suggestTags(names, tt.typed)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("suggestTags(%q) = %v, want %q first", tt.typed, got, tt.first)
		}
	}
}

func TestLookAlikePairs(t *testing.T) {
	tags := []notebookTag{{"Russia–Africa ties", 3}, {"Russia-Africa ties", 1}, {"Sahel", 2}, {"sahel", 0}, {"Mali", 1}}
	pairs := lookAlikePairs(toCounts(tags))
	if len(pairs) != 2 {
		t.Fatalf("pairs %+v, want 2", pairs)
	}
	if pairs[0].Into.Name != "Russia–Africa ties" || pairs[0].From.Name != "Russia-Africa ties" {
		t.Errorf("first pair %s ← %s: the tag used more is kept", pairs[0].Into.Name, pairs[0].From.Name)
	}
}

// TestUI_LookAlikeTagAsks: a new tag that looks like an existing one asks
// "Use the existing tag?" first; the tag manager lists look-alikes that
// exist and merges them in one click.
func TestUI_LookAlikeTagAsks(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	tagWith := func(quote, tag string) string {
		h.selectQuote(quote)
		h.ui.reader.view.TypedRune('t')
		h.settle()
		test.Type(h.ui.picker.entry, tag)
		h.ui.picker.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		h.settle()
		return h.ui.selAnn
	}
	tagWith(wagner, "Russia–Africa ties")
	if got := suggestTags(h.ui.tagNames(), "russia africa"); len(got) == 0 || got[0] != "Russia–Africa ties" {
		t.Errorf("suggestions for “russia africa”: %v", got)
	}
	id := tagWith(consignment, "Russia-Africa ties")
	q := h.ui.lookAlike
	if q == nil || q.existing != "Russia–Africa ties" {
		t.Fatalf("no “Use the existing tag?” question (prompt %+v)", q)
	}
	// Enter takes the suggested answer: the existing tag.
	h.focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if a, _ := h.nb.Annotation(id); !slices.Equal(a.Tags, []string{"Russia–Africa ties"}) {
		t.Errorf("tags %v, want the existing tag", a.Tags)
	}
	if names := h.ui.tagNames(); len(names) != 1 {
		t.Errorf("tags %v: a look-alike was created", names)
	}
	// Creating it anyway makes a look-alike pair the manager merges.
	tagWith("Yevgeny Orlovsky", "russia africa ties")
	h.ui.lookAlike.answer(false)
	h.settle()
	if names := h.ui.tagNames(); len(names) != 2 {
		t.Fatalf("tags %v after creating the look-alike", names)
	}
	h.ui.showTagManager()
	h.settle()
	m := h.ui.tagManager
	if len(m.pairs) != 1 {
		t.Fatalf("look-alike pairs %+v", m.pairs)
	}
	if len(m.alike.Objects) != 2 {
		t.Fatalf("the manager shows %d look-alike rows", len(m.alike.Objects)-1)
	}
	merge := m.alike.Objects[1].(*fyne.Container).Objects[1].(interface{ Tapped(*fyne.PointEvent) })
	merge.Tapped(nil)
	h.settle()
	if names := h.ui.tagNames(); !slices.Equal(names, []string{"Russia–Africa ties"}) {
		t.Errorf("after the one-click merge: %v", names)
	}
	if len(m.pairs) != 0 {
		t.Errorf("pairs after the merge: %+v", m.pairs)
	}
}

// TestUI_RemoveTagFromHighlight: a chip's × removes the tag from the one
// highlight (undoably); the T dialog shows the highlight's tags and
// toggles them; the card menu has Remove tag.
func TestUI_RemoveTagFromHighlight(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('t')
	h.settle()
	p := h.ui.picker
	test.Type(p.entry, "Sahel")
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	id := h.ui.selAnn
	h.ui.tagAnnotation(id)
	p = h.ui.picker
	test.Type(p.entry, "Mercenaries")
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if a, _ := h.nb.Annotation(id); len(a.Tags) != 2 {
		t.Fatalf("tags %v", a.Tags)
	}
	card := h.ui.anns.card(id)
	if card.tags == nil || len(card.tags.chips) != 2 {
		t.Fatal("the card shows no tag chips")
	}
	card.tags.chips[0].remove.Tapped(nil) // × on Sahel
	h.settle()
	if a, _ := h.nb.Annotation(id); !slices.Equal(a.Tags, []string{"Mercenaries"}) {
		t.Errorf("after ×: tags %v", a.Tags)
	}
	h.ui.undoAction()
	h.settle()
	if a, _ := h.nb.Annotation(id); len(a.Tags) != 2 {
		t.Errorf("undo of ×: tags %v", a.Tags)
	}
	// The T dialog lists the tags with checks; unticking removes.
	h.ui.selectAnnotation(id)
	h.ui.reader.view.TypedRune('t')
	p = h.ui.picker
	if p.target == nil || len(p.checks.Objects) != 3 {
		t.Fatalf("the T dialog shows %d rows of current tags, want a heading and 2", len(p.checks.Objects))
	}
	p.toggle("Mercenaries", false)
	h.settle()
	if a, _ := h.nb.Annotation(id); !slices.Equal(a.Tags, []string{"Sahel"}) {
		t.Errorf("after unticking: tags %v", a.Tags)
	}
	// Selecting a current tag among the suggestions removes it too.
	p.entry.SetText("sah")
	p.list.Select(0)
	h.settle()
	if a, _ := h.nb.Annotation(id); len(a.Tags) != 0 {
		t.Errorf("after choosing the ticked suggestion: tags %v", a.Tags)
	}
	h.ui.undoAction()
	h.settle()
	var labels []string
	for _, it := range h.ui.annotationMenu(id).Items {
		labels = append(labels, it.Label)
	}
	if !slices.Contains(labels, "Remove tag") {
		t.Errorf("card menu %v has no Remove tag", labels)
	}
}

// TestUI_TagMenu: a tag's context menu (rename, merge, colour, delete,
// export); the merge dialog does not offer the tag itself or its
// children.
func TestUI_TagMenu(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.tagArticles([]string{id}, "Sahel/Mali")
	h.ui.tagArticles([]string{id}, "West Africa")
	h.settle()
	var labels []string
	for _, it := range h.ui.tagMenu("Sahel").Items {
		labels = append(labels, it.Label)
	}
	for _, want := range []string{"Rename…", "Merge into…", "Colour", "Export this tag…", "Timeline of this tag", "Delete…"} {
		if !slices.Contains(labels, want) {
			t.Errorf("tag menu %v lacks %q", labels, want)
		}
	}
	h.ui.askMergeTag(h.ui.tagCount("Sahel"), nil)
	d := h.ui.merger
	if !slices.Equal(d.targets, []string{"West Africa"}) {
		t.Errorf("merge targets %v, want West Africa only (not Sahel or Sahel/Mali)", d.targets)
	}
	d.merge("West Africa")
	h.settle()
	if _, ok := h.ui.lib.tags["West Africa/Mali"]; !ok {
		t.Errorf("after the merge: %v", h.ui.tagNames())
	}
	// Export this tag opens the export dialog on it.
	d2 := h.ui.showExportTag("West Africa")
	if d2.choice.scope != scopeTag || d2.choice.tag != "West Africa" {
		t.Errorf("export this tag: scope %q tag %q", d2.choice.scope, d2.choice.tag)
	}
	// Timeline of this tag opens the timeline scoped to it.
	for _, it := range h.ui.tagMenu("West Africa").Items {
		if it.Label == "Timeline of this tag" {
			it.Action()
		}
	}
	h.settle()
	if tv := h.ui.timeline.view; tv == nil || tv.tag != "West Africa" || tv.scopeSel.Selected != tlScopeTag {
		t.Errorf("timeline of this tag: %+v", tv)
	}
}

type notebookTag struct {
	name string
	uses int
}

func toCounts(ts []notebookTag) []notebook.TagCount {
	out := make([]notebook.TagCount, len(ts))
	for i, t := range ts {
		out[i] = notebook.TagCount{Name: t.name, Articles: t.uses}
	}
	return out
}
