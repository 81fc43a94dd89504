package app

import (
	"slices"

	"github.com/glossnotes/gloss/internal/testutil"

	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

const wagner = "Wagner Group"
const consignment = "a large consignment of Russian reconnaissance drones"

func TestUI_ImportShowsArticleInLibrary(t *testing.T) {
	h := newHarness(t, false)
	if n := len(h.ui.lib.shown); n != 0 {
		t.Fatalf("library has %d articles before import", n)
	}
	id := h.importSample()
	if got := h.ui.lib.list.Length(); got != 1 {
		t.Fatalf("list length %d, want 1", got)
	}
	if h.ui.cur.ID != id {
		t.Errorf("reader shows %q, want the imported article %q", h.ui.cur.ID, id)
	}
	if !strings.Contains(h.ui.reader.view.Text(), consignment) {
		t.Error("reader text lacks the sample passage")
	}
	if !strings.Contains(h.ui.notify.msg.Text, "1 imported") {
		t.Errorf("notification %q, want the import summary", h.ui.notify.msg.Text)
	}
	// Importing again reports a duplicate and adds nothing.
	h.ui.importPaths([]string{testutil.SamplePath(t)})
	h.settle()
	if len(h.ui.lib.all) != 1 || !strings.Contains(h.ui.notify.msg.Text, "1 duplicate") {
		t.Errorf("re-import: %d articles, %q", len(h.ui.lib.all), h.ui.notify.msg.Text)
	}
}

func TestUI_HighlightWithColour(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	s, e := h.selectQuote(consignment)
	if !h.ui.reader.bar.box.Visible() {
		t.Fatal("action bar hidden while text is selected")
	}
	h.ui.reader.view.TypedRune('2') // red
	h.settle()
	anns, err := h.nb.Annotations(id)
	if err != nil || len(anns) != 1 {
		t.Fatalf("notebook annotations %v, %v; want 1", anns, err)
	}
	a := anns[0]
	if a.Color != notebook.Red || a.Start != s || a.End != e || a.Quote != consignment {
		t.Errorf("annotation %+v, want red %d–%d %q", a, s, e, consignment)
	}
	if n := len(h.ui.anns.cards.Objects); n != 1 {
		t.Fatalf("annotations pane has %d cards, want 1", n)
	}
	if card := h.ui.anns.card(a.ID); card == nil || !card.selected {
		t.Error("the new highlight's card is missing or not selected")
	}
	spans := h.ui.reader.view.Spans()
	if len(spans) != 1 || spans[0].ID != a.ID || spans[0].Color != "red" {
		t.Errorf("reader spans %+v", spans)
	}
	// H highlights in the last colour; a swatch tap in its own colour.
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.selectQuote("Yevgeny Orlovsky")
	test.Tap(h.ui.reader.bar.items[3].(*swatch)) // blue
	h.settle()
	anns, _ = h.nb.Annotations(id)
	if len(anns) != 3 {
		t.Fatalf("%d annotations, want 3", len(anns))
	}
	colors := map[string]notebook.Color{}
	for _, a := range anns {
		colors[a.Quote] = a.Color
	}
	if colors[wagner] != notebook.Red || colors["Yevgeny Orlovsky"] != notebook.Blue {
		t.Errorf("colours %v: want Wagner red (last colour), Orlovsky blue (swatch)", colors)
	}
	// Cards are in document order: the name in the first paragraph, the
	// consignment in the fourth, the Wagner Group in the seventh.
	var quotes []string
	for _, o := range h.ui.anns.cards.Objects {
		quotes = append(quotes, o.(*annCard).ann.Quote)
	}
	if want := []string{"Yevgeny Orlovsky", consignment, wagner}; !slices.Equal(quotes, want) {
		t.Errorf("cards %q, want %q (document order)", quotes, want)
	}
}

func TestUI_HighlightWithNoteEditsInPlace(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('n')
	h.settle()
	anns, _ := h.nb.Annotations(id)
	if len(anns) != 1 {
		t.Fatalf("%d annotations", len(anns))
	}
	card := h.ui.anns.card(anns[0].ID)
	if card == nil || card.editor == nil {
		t.Fatal("N did not open the note editor on the new card")
	}
	test.Type(card.editor, "Mercenaries **in Burkina Faso**")
	card.editor.TypedShortcut(key(fyne.KeyReturn, false))
	h.settle()
	a, _ := h.nb.Annotation(anns[0].ID)
	if a.Note != "Mercenaries **in Burkina Faso**" {
		t.Errorf("note %q", a.Note)
	}
	if h.ui.anns.card(a.ID).editor != nil {
		t.Error("editor still open after saving")
	}
	if !h.ui.reader.view.Spans()[0].HasNote {
		t.Error("span has no note marker")
	}
}

func TestUI_TagChangesTreeCount(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('t')
	h.settle()
	if h.ui.picker == nil {
		t.Fatal("T did not open the tag picker")
	}
	test.Type(h.ui.picker.entry, "Sahel/Burkina")
	h.ui.picker.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	anns, _ := h.nb.Annotations(id)
	if len(anns) != 1 || len(anns[0].Tags) != 1 || anns[0].Tags[0] != "Sahel/Burkina" {
		t.Fatalf("annotations %+v", anns)
	}
	count := func(tag string) string {
		row := h.ui.lib.newTreeRow(false)
		h.ui.lib.updateTreeRow(tagNodePrefix+tag, false, row)
		return row.(*treeRow).count.Text
	}
	if got := count("Sahel"); got != "1" {
		t.Errorf("Sahel count %q, want 1", got)
	}
	if kids := h.ui.lib.children[tagNodePrefix+"Sahel"]; len(kids) != 1 || kids[0] != tagNodePrefix+"Sahel/Burkina" {
		t.Errorf("Sahel children %v", kids)
	}
	// A second highlight with the same tag, picked from the fuzzy
	// suggestions ("shbk" is a subsequence of "Sahel/Burkina").
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('t')
	h.settle()
	test.Type(h.ui.picker.entry, "shbk")
	if len(h.ui.picker.sugg) == 0 || h.ui.picker.sugg[0] != "Sahel/Burkina" {
		t.Fatalf("suggestions for shbk: %v", h.ui.picker.sugg)
	}
	h.ui.picker.list.Select(0)
	h.settle()
	if got := count("Sahel/Burkina"); got != "2" {
		t.Errorf("Sahel/Burkina count %q after the second tag, want 2", got)
	}
	// Clicking the tag filters the library.
	h.ui.lib.tree.Select(tagNodePrefix + "Sahel")
	h.settle()
	if h.ui.lib.tag != "Sahel" || len(h.ui.lib.shown) != 1 {
		t.Errorf("tag filter %q shows %d articles", h.ui.lib.tag, len(h.ui.lib.shown))
	}
}

func TestUI_SearchPaletteTypoJumps(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('1')
	h.settle()
	want := h.ui.curAnns[0]
	other := writeFile(t, "other.txt", "Another article\n\nNothing about drone deliveries here, only weather and football.\n")
	h.ui.importPaths([]string{other})
	h.settle()
	if h.ui.cur.ID != id {
		t.Fatal("the import took the reader away from the open article")
	}
	// The notification opens it.
	if !h.ui.notify.action.Visible() || h.ui.notify.action.Text != "Open" {
		t.Fatalf("import notification offers %q", h.ui.notify.action.Text)
	}
	test.Tap(h.ui.notify.action)
	h.settle()
	if h.ui.cur.ID == id {
		t.Fatal("Open did not open the imported article")
	}
	h.ui.runShortcut(key(fyne.KeyK, false))
	p := h.ui.palette
	if p.popup == nil || !p.popup.Visible() {
		t.Fatal("Ctrl+K did not open the palette")
	}
	test.Type(p.entry, "reconnaisance drnes") // two typos
	h.settle()
	if len(p.rows) < 2 || p.rows[0].header == "" || p.rows[1].hit.ID != want.ID {
		t.Fatalf("palette rows %+v, want the highlight first", p.rows)
	}
	if !strings.HasPrefix(p.rows[0].header, groupHighlights) {
		t.Errorf("first group %q", p.rows[0].header)
	}
	segs := emphasise(p.rows[1].hit.Matches[0].Text, p.rows[1].hit.Matches[0].Ranges, snippetRunes)
	var bold []string
	for _, s := range segs {
		if ts := s.(*widget.TextSegment); ts.Style.TextStyle.Bold {
			bold = append(bold, ts.Text)
		}
	}
	if strings.Join(bold, " ") != "reconnaissance drones" {
		t.Errorf("emphasised %q, want the matched words", bold)
	}
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if h.ui.cur.ID != id || h.ui.selAnn != want.ID {
		t.Errorf("Enter opened %q / %q, want %q / %q", h.ui.cur.ID, h.ui.selAnn, id, want.ID)
	}
	if p.popup.Visible() {
		t.Error("palette still open after Enter")
	}
}

func TestUI_DeleteHighlightUndo(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	ann := h.ui.curAnns[0].ID
	h.ui.reader.view.SetSelection(0, 0)
	h.ui.selectAnnotation(ann)
	h.ui.reader.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	h.settle()
	if anns, err := h.nb.Annotations(id); err != nil || len(anns) != 0 {
		t.Fatalf("%d annotations after Delete (%v)", len(anns), err)
	}
	if len(h.ui.anns.cards.Objects) != 0 || !h.ui.notify.action.Visible() {
		t.Fatal("card still shown or no Undo offered")
	}
	test.Tap(h.ui.notify.action)
	h.settle()
	anns, _ := h.nb.Annotations(id)
	if len(anns) != 1 || anns[0].ID != ann {
		t.Fatalf("after Undo: %+v", anns)
	}
	if len(h.ui.anns.cards.Objects) != 1 || len(h.ui.reader.view.Spans()) != 1 {
		t.Error("restored highlight not shown")
	}
	// Redo deletes it again; undo of a colour change restores the colour.
	h.ui.runShortcut(key(fyne.KeyZ, true))
	h.settle()
	if anns, err := h.nb.Annotations(id); err != nil || len(anns) != 0 {
		t.Errorf("redo left %d annotations (%v)", len(anns), err)
	}
	h.ui.undoAction()
	h.settle()
	h.ui.selectAnnotation(ann)
	h.ui.reader.view.TypedRune('5') // purple
	h.settle()
	if a, _ := h.nb.Annotation(ann); a.Color != notebook.Purple {
		t.Fatalf("recolour: %s", a.Color)
	}
	h.ui.runShortcut(&fyne.ShortcutUndo{})
	h.settle()
	if a, _ := h.nb.Annotation(ann); a.Color != notebook.Yellow {
		t.Errorf("undo recolour: %s", a.Color)
	}
}

func TestUI_ExportDialogWritesFile(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('n')
	h.settle()
	test.Type(h.ui.anns.card(h.ui.curAnns[0].ID).editor, "Deliveries of aircraft.")
	h.ui.anns.card(h.ui.curAnns[0].ID).editor.TypedShortcut(key(fyne.KeyReturn, false))
	h.settle()
	d := h.ui.showExport()
	h.settle()
	if !strings.Contains(d.preview.Text, consignment) || !strings.Contains(d.preview.Text, "Deliveries of aircraft.") {
		t.Fatalf("preview lacks the excerpt:\n%s", d.preview.Text)
	}
	d.choice.format = export.CSV
	d.refresh()
	h.settle()
	if !strings.HasPrefix(d.preview.Text, "Highlight,Title") {
		t.Errorf("CSV preview starts %q", firstLine(d.preview.Text))
	}
	out := filepath.Join(t.TempDir(), "excerpts.csv")
	d.save(out)
	h.settle()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), consignment) || !strings.Contains(h.ui.notify.msg.Text, "Exported 1 annotation from 1 article") {
		t.Errorf("export file:\n%s\nnotification %q", data, h.ui.notify.msg.Text)
	}
	// Scopes that need something say so instead of exporting.
	d.choice.scope = scopeSearch
	h.ui.lastQuery = ""
	if _, _, err := h.ui.selection(d.choice); err == nil {
		t.Error("current-search scope with no search: no error")
	}
}

func TestUI_CopyWithCitation(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.ui.runShortcut(key(fyne.KeyC, true))
	h.settle()
	got := h.ui.app.Clipboard().Content()
	if !strings.HasPrefix(got, "“"+consignment+"”") || !strings.Contains(got, testutil.SampleTitle) || !strings.Contains(got, "¶") {
		t.Errorf("clipboard %q, want the quote with its citation", got)
	}
}

func TestUI_WelcomeOnFirstRun(t *testing.T) {
	h := newHarness(t, true)
	if len(h.ui.lib.all) != 1 || h.ui.cur.Title != "Welcome to Gloss" {
		t.Fatalf("library %d articles, reader %q", len(h.ui.lib.all), h.ui.cur.Title)
	}
	if len(h.ui.curAnns) != len(welcomeHighlights) {
		t.Errorf("%d example highlights, want %d", len(h.ui.curAnns), len(welcomeHighlights))
	}
	for _, w := range []string{"Import", "highlight", "tag", "Ctrl+K", "Export"} {
		if !strings.Contains(h.ui.reader.view.Text(), w) {
			t.Errorf("welcome text does not mention %q", w)
		}
	}
	// Deleting it keeps it away on the next start.
	h.ui.deleteArticles([]string{h.ui.cur.ID})
	h.settle()
	h.ui.Start()
	h.settle()
	if len(h.ui.lib.all) != 0 {
		t.Errorf("welcome article came back: %d articles", len(h.ui.lib.all))
	}
}

func TestUI_PasteAsNewArticle(t *testing.T) {
	h := newHarness(t, false)
	h.ui.app.Clipboard().SetContent("https://example.org/piece\nPasted piece\n\nFirst paragraph of the pasted text.\n\nSecond paragraph.")
	h.ui.runShortcut(key(fyne.KeyV, true))
	h.settle()
	if h.ui.cur.Title != "Pasted piece" || h.ui.cur.URL != "https://example.org/piece" {
		t.Errorf("pasted article %+v", h.ui.cur)
	}
	if h.ui.reader.link.URL == nil || h.ui.reader.link.URL.String() != "https://example.org/piece" {
		t.Error("URL is not a clickable link")
	}
}

func TestUI_EditTextReportsOrphans(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	body, _ := h.nb.Text(id)
	edited := strings.ReplaceAll(body.Text, wagner, "a private military company")
	var rep notebook.ReattachReport
	ok := false
	h.ui.saveText(id, edited, func(r notebook.ReattachReport) { rep, ok = r, true })
	h.settle()
	if !ok || len(rep.Orphaned)+len(rep.Moved) != 1 {
		t.Fatalf("report %+v", rep)
	}
	if !strings.Contains(reattachSummary(rep), "Version 2") {
		t.Errorf("summary %q", reattachSummary(rep))
	}
	if h.ui.cur.Version != 2 || strings.Contains(h.ui.reader.view.Text(), wagner) {
		t.Error("reader still shows the old text")
	}
	h.ui.lib.tree.Select(nodeOrphans)
	h.settle()
	if len(rep.Orphaned) == 1 && len(h.ui.anns.globalAnns) != 1 {
		t.Errorf("Orphans lists %d annotations", len(h.ui.anns.globalAnns))
	}
}

func TestUI_TagRenameUndo(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.tagArticles([]string{id}, "Sahel")
	h.settle()
	h.ui.renameTag("Sahel", "West Africa/Sahel", func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	})
	h.settle()
	if _, ok := h.ui.lib.tags["West Africa/Sahel"]; !ok {
		t.Fatalf("tags after rename: %v", h.ui.tagNames())
	}
	h.ui.undoAction()
	h.settle()
	if _, ok := h.ui.lib.tags["Sahel"]; !ok {
		t.Errorf("tags after undo: %v", h.ui.tagNames())
	}
}

func TestUI_TagMergeDeleteColourUndo(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.tagArticles([]string{id}, "Sahel/Burkina")
	h.settle()
	steps := []struct {
		name string
		do   func(done func(error))
		gone string // a tag the step removes from the tree
	}{
		{"merge", func(done func(error)) { h.ui.mergeTag("Sahel", "West Africa", done) }, "Sahel"},
		{"delete", func(done func(error)) { h.ui.deleteTag("Sahel", done) }, "Sahel/Burkina"},
		{"colour", func(done func(error)) { h.ui.setTagColor("Sahel", "", "red", done) }, ""},
	}
	for _, st := range steps {
		var err error
		st.do(func(e error) { err = e })
		h.settle()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if _, ok := h.ui.lib.tags[st.gone]; st.gone != "" && ok {
			t.Errorf("%s: %s still in the tree: %v", st.name, st.gone, h.ui.tagNames())
		}
		h.ui.undoAction()
		h.settle()
		for _, name := range []string{"Sahel", "Sahel/Burkina"} {
			if _, ok := h.ui.lib.tags[name]; !ok {
				t.Errorf("%s undone: %s missing from %v", st.name, name, h.ui.tagNames())
			}
		}
		if _, ok := h.ui.lib.tags["West Africa"]; ok {
			t.Errorf("%s undone: West Africa left behind", st.name)
		}
	}
	tags, _ := h.ui.nb.Tags()
	for _, tc := range tags {
		if tc.Name == "Sahel" && tc.Color != "" {
			t.Errorf("colour not undone: %q", tc.Color)
		}
	}
	a, _ := h.ui.nb.Article(id)
	if len(a.Tags) != 1 || a.Tags[0] != "Sahel/Burkina" {
		t.Errorf("article tags after the undos: %v", a.Tags)
	}
}

func TestUI_MetadataUndo(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	a, _ := h.ui.nb.Article(id)
	title := "A shorter title"
	h.ui.setMetadata(a.Article, notebook.ArticleUpdate{Title: &title})
	h.settle()
	if got, _ := h.ui.nb.Article(id); got.Title != title {
		t.Fatalf("title %q", got.Title)
	}
	h.ui.undoAction()
	h.settle()
	if got, _ := h.ui.nb.Article(id); got.Title != a.Title || got.Byline != a.Byline || got.Published != a.Published {
		t.Errorf("after undo: %q %q %v", got.Title, got.Byline, got.Published)
	}
	h.ui.redoAction()
	h.settle()
	if got, _ := h.ui.nb.Article(id); got.Title != title {
		t.Errorf("after redo: %q", got.Title)
	}
}

func TestSuggestTags_ranking(t *testing.T) {
	names := []string{"Sahel/Burkina", "Russia–Africa ties", "Sahel", "Security"}
	tests := []struct {
		typed string
		first string
	}{
		{"", "Russia–Africa ties"},
		{"sa", "Sahel"},
		{"rat", "Russia–Africa ties"},
		{"shbk", "Sahel/Burkina"},
	}
	for _, tt := range tests {
		got := suggestTags(names, tt.typed)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("suggestTags(%q) = %v, want %q first", tt.typed, got, tt.first)
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// TestUI_TagFilterMatchesService: clicking a tag shows the articles under
// it — tagged themselves or through a highlight — exactly as the service's
// listing (and so `gloss list --tag`) gives them.
func TestUI_TagFilterMatchesService(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	other := writeFile(t, "other.txt", "Harvest report\n\nFarmers in the north expect a smaller millet harvest after the late rains this year.\n")
	h.ui.importPaths([]string{other})
	h.settle()
	h.ui.openArticle(id, jump{})
	h.settle()
	h.selectQuote(wagner)
	h.ui.reader.view.TypedRune('t')
	h.settle()
	test.Type(h.ui.picker.entry, "Russia–Africa ties")
	h.ui.picker.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	h.ui.lib.treeSelected(tagNodePrefix + "Russia–Africa ties")
	h.settle()
	want, err := h.nb.Articles(notebook.ListOptions{Tag: "Russia–Africa ties"})
	if err != nil || len(want) != 1 || want[0].ID != id {
		t.Fatalf("service lists %+v (%v), want the sample", want, err)
	}
	if len(h.ui.lib.shown) != 1 || h.ui.lib.shown[0].ID != id {
		t.Errorf("library shows %d articles under the highlight's tag, want the sample only", len(h.ui.lib.shown))
	}
}
