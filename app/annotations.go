package app

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// What the right pane shows.
type paneMode int

const (
	paneArticle    paneMode = iota // the current article's note and cards
	paneHighlights                 // every highlight of the notebook
	paneOrphans                    // every orphaned highlight
	paneTrash                      // the trash
)

// annotationsPane is the right pane: the article note at the top, then the
// annotations of the current article in document order as cards. In
// global mode ("All highlights", "Orphans", "Trash") it lists items across
// the notebook instead, in a virtualised list.
type annotationsPane struct {
	ui *UI

	title    *widget.Label
	noteView *mdView
	noteEdit *shortcutEntry
	noteBox  *fyne.Container
	noteBtn  *tipButton
	keys     *cardKeys
	cards    *fyne.Container
	scroll   *container.Scroll
	empty    *widget.Label
	article  fyne.CanvasObject

	mode       paneMode
	global     *keyList
	globalAnns []notebook.Annotation
	trash      []notebook.TrashEntry
	titles     map[string]string
	globalHead *widget.Label
	emptyTrash *widget.Button
	globalBox  fyne.CanvasObject
	globalSeq  int

	root    *fyne.Container
	editing string // annotation whose note is being edited
	noteFor string // article whose note is shown

	// people is who made what, and the "Only my highlights" filter.
	people *creators
	// events caches the cards' event dates by annotation (read in the
	// background after every change; a card shows the cached one
	// meanwhile), eventSeq numbers the reads.
	events   map[string]cardEvent
	eventSeq int
	eventDlg *eventDialog // the open event date dialog (for tests)
}

// cardEvent is a card's event date as last read, for the annotation as it
// was then (updated), and for its article's publication date (relative
// dates resolve against it).
type cardEvent struct {
	ev        notebook.Event
	ok        bool
	updated   time.Time
	published string
}

// fresh reports whether a cached event date still holds for an.
func (e cardEvent) fresh(an notebook.Annotation, published string) bool {
	return e.updated.Equal(an.Updated) && e.published == published
}

func newAnnotationsPane(ui *UI) *annotationsPane {
	p := &annotationsPane{ui: ui, titles: map[string]string{}, events: map[string]cardEvent{}}
	p.people = newCreators(ui)
	p.title = widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.noteView = newMDView("")
	p.noteEdit = newShortcutEntry(ui)
	p.noteEdit.MultiLine = true
	p.noteEdit.Wrapping = fyne.TextWrapWord
	p.noteEdit.SetPlaceHolder("Your summary of the article (Markdown)")
	p.noteEdit.SetMinRowsVisible(4)
	p.noteEdit.editor = true
	p.noteBtn = newTipButton(ui, theme.DocumentCreateIcon(), "Edit the article note", p.editArticleNote)
	p.noteBox = container.NewVBox()
	p.keys = newCardKeys(ui)
	p.cards = container.NewVBox()
	p.empty = widget.NewLabel("Select text in the article and press H to highlight it.")
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Importance = widget.LowImportance
	noteHead := container.NewBorder(nil, nil, nil, p.noteBtn, widget.NewLabelWithStyle("Article note", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	head := container.NewBorder(nil, nil, nil, p.people.check, container.NewStack(p.keys, p.title))
	body := container.NewVBox(noteHead, p.noteBox, widget.NewSeparator(), head, p.empty, p.cards)
	p.scroll = container.NewVScroll(container.NewPadded(body))
	p.article = p.scroll

	p.globalHead = widget.NewLabelWithStyle("All highlights", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.globalHead.Truncation = fyne.TextTruncateEllipsis
	p.global = newKeyList(ui, p.globalLen, p.newGlobalRow, p.updateGlobalRow)
	p.global.OnSelected = p.globalSelected
	back := newTipButton(ui, theme.NavigateBackIcon(), "Back to the article's annotations", func() {
		ui.lib.tree.Select(nodeArticles)
		p.showArticleMode()
	})
	p.emptyTrash = widget.NewButtonWithIcon("Empty…", theme.DeleteIcon(), ui.emptyTrash)
	p.emptyTrash.Importance = widget.DangerImportance
	p.emptyTrash.Hide()
	p.globalBox = container.NewBorder(container.NewBorder(nil, nil, back, p.emptyTrash, p.globalHead), nil, nil, nil, p.global)
	p.globalBox.Hide()
	p.root = container.NewStack(p.article, p.globalBox)
	p.setArticle(notebook.Article{}, nil)
	return p
}

func (p *annotationsPane) content() fyne.CanvasObject { return p.root }

// setArticle shows an article's note and annotation cards. Cards of
// annotations that did not change are kept (a refresh after a highlight
// builds one card, not all of them).
func (p *annotationsPane) setArticle(a notebook.Article, anns []notebook.Annotation) {
	// A note being edited survives the refresh with its draft.
	editing, draft := p.editing, ""
	if c := p.card(editing); c != nil && c.editor != nil {
		draft = c.editor.Text
	} else if c == nil {
		if an, ok := findAnn(anns, editing); ok {
			draft = an.Note
		}
	}
	if !p.editingArticleNote() || a.ID != p.noteFor {
		p.showNote(a)
	}
	if a.ID == "" {
		p.noteBtn.Disable()
	} else {
		p.noteBtn.Enable()
	}
	all := anns
	if p.people.add(creatorsOf(anns)...) {
		p.people.showCheck()
	}
	anns = p.people.filter(anns)
	switch {
	case len(all) == 0:
		setText(p.title, "Annotations")
		setText(p.empty, "Select text in the article and press H to highlight it.")
		p.empty.Show()
	case len(anns) < len(all):
		setText(p.title, fmt.Sprintf("%d of %s (yours)", len(anns), plural(len(all), "annotation", "annotations")))
		setText(p.empty, "None of the highlights here are yours. Untick “Only my highlights” to see everyone's.")
		if len(anns) == 0 {
			p.empty.Show()
		} else {
			p.empty.Hide()
		}
	default:
		setText(p.title, plural(len(anns), "annotation", "annotations"))
		p.empty.Hide()
	}
	old := map[string]*annCard{}
	for _, o := range p.cards.Objects {
		if c, ok := o.(*annCard); ok {
			old[c.ann.ID] = c
		}
	}
	objs := make([]fyne.CanvasObject, len(anns))
	for i, an := range anns {
		selected := an.ID == p.ui.selAnn
		if c := old[an.ID]; c != nil && reflect.DeepEqual(c.ann, an) {
			c.selected = selected
			c.focused = selected && p.keys.focused
			c.applyColors()
			objs[i] = c
			continue
		}
		c := newAnnCard(p.ui, an, selected)
		c.focused = selected && p.keys.focused
		c.applyColors()
		objs[i] = c
	}
	p.editing = ""
	p.cards.Objects = objs
	p.showCardMeta()
	p.cards.Refresh()
	if c := p.card(editing); c != nil {
		if c.editor == nil {
			c.editNote(draft)
		} else {
			p.editing = editing
		}
	}
	p.ui.reuse.articleShown()
	p.loadEvents(all)
	// Work waiting for a card (a note editor on a new highlight) runs
	// once the card is shown; waits for cards of another article end.
	for id, fns := range p.ui.whenShown {
		if _, ok := findAnn(anns, id); ok {
			delete(p.ui.whenShown, id)
			for _, fn := range fns {
				fn()
			}
		} else if a.ID != p.ui.cur.ID {
			delete(p.ui.whenShown, id)
		}
	}
}

// findAnn finds an annotation by ID.
func findAnn(anns []notebook.Annotation, id string) (notebook.Annotation, bool) {
	for _, a := range anns {
		if a.ID == id && id != "" {
			return a, true
		}
	}
	return notebook.Annotation{}, false
}

// editingArticleNote reports whether the article note editor is open.
func (p *annotationsPane) editingArticleNote() bool {
	return len(p.noteBox.Objects) > 0 && p.noteBox.Objects[0] == fyne.CanvasObject(p.noteEdit)
}

func (p *annotationsPane) showNote(a notebook.Article) {
	p.noteFor = a.ID
	p.noteView.SetMarkdown(strings.TrimSpace(a.Note))
	if strings.TrimSpace(a.Note) == "" {
		p.noteView.SetMarkdown("*No note yet. Click the pencil to write one.*")
		p.noteView.colorName = theme.ColorNamePlaceHolder
	} else {
		p.noteView.colorName = theme.ColorNameForeground
	}
	p.noteBox.Objects = []fyne.CanvasObject{p.noteView}
	p.noteBox.Refresh()
}

// noteSaving shows a note being saved (the commit follows).
func (p *annotationsPane) noteSaving(note string) {
	a := p.ui.cur
	a.Note = note
	p.showNote(a)
}

// editArticleNote swaps the note view for an editor in place.
func (p *annotationsPane) editArticleNote() {
	a := p.ui.cur
	if a.ID == "" {
		return
	}
	p.noteEdit.SetText(a.Note)
	p.noteEdit.saved = a.Note
	p.noteFor = a.ID
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() {
		p.ui.setArticleNote(a.ID, a.Note, p.noteEdit.Text)
		p.ui.focusReader()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { p.showNote(p.ui.cur); p.ui.focusReader() })
	p.noteEdit.onSubmit = save.OnTapped
	p.noteEdit.onEscape = cancel.OnTapped
	p.noteBox.Objects = []fyne.CanvasObject{p.noteEdit, container.NewHBox(layout.NewSpacer(), cancel, save)}
	p.noteBox.Refresh()
	p.ui.win.Canvas().Focus(p.noteEdit)
}

// markSelected marks the selected card and scrolls the cards pane (not
// the reader) to it.
func (p *annotationsPane) markSelected(id string) {
	for _, o := range p.cards.Objects {
		if c, ok := o.(*annCard); ok {
			c.setSelected(c.ann.ID == id)
			if c.ann.ID == id {
				c.setFocused(p.keys.focused)
			}
		}
	}
	if id != "" {
		p.revealCard(id)
	}
}

// revealCard scrolls the cards pane so that the card is in view.
func (p *annotationsPane) revealCard(id string) {
	c := p.card(id)
	if c == nil {
		return
	}
	y := c.Position().Y + p.cards.Position().Y
	top, h := p.scroll.Offset.Y, p.scroll.Size().Height
	if y < top || y+min(c.Size().Height, h) > top+h {
		p.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding())))
	}
}

// card returns the card of an annotation.
func (p *annotationsPane) card(id string) *annCard {
	if id == "" {
		return nil
	}
	for _, o := range p.cards.Objects {
		if c, ok := o.(*annCard); ok && c.ann.ID == id {
			return c
		}
	}
	return nil
}

// editNote opens the note editor of an annotation's card.
func (p *annotationsPane) editNote(id string) {
	if c := p.card(id); c != nil {
		c.editNote(c.ann.Note)
	}
}

// showArticleMode returns from a global list to the current article.
func (p *annotationsPane) showArticleMode() {
	p.mode = paneArticle
	p.globalBox.Hide()
	p.article.Show()
}

// showGlobal lists every annotation, the orphans or the trash.
func (p *annotationsPane) showGlobal(mode paneMode) {
	p.mode = mode
	p.article.Hide()
	p.globalBox.Show()
	p.global.UnselectAll()
	p.emptyTrash.Hide()
	p.globalHead.SetText(p.modeName() + " (loading…)")
	p.reloadGlobal()
}

func (p *annotationsPane) modeName() string {
	switch p.mode {
	case paneOrphans:
		return "Orphans"
	case paneTrash:
		return "Trash"
	}
	return "All highlights"
}

// reloadGlobal re-reads the global list in the background.
func (p *annotationsPane) reloadGlobal() {
	ui := p.ui
	mode := p.mode
	p.globalSeq++
	seq := p.globalSeq
	ui.background(func(context.Context) func() {
		var anns []notebook.Annotation
		var trash []notebook.TrashEntry
		var err error
		if mode == paneTrash {
			trash, err = ui.nb.TrashEntries()
		} else {
			anns, err = ui.nb.Annotations("")
		}
		if err != nil {
			return func() { ui.showError(fmt.Errorf("list %s: %w", strings.ToLower(p.modeName()), err)) }
		}
		if mode == paneOrphans {
			kept := anns[:0]
			for _, a := range anns {
				if a.Status == notebook.Orphaned {
					kept = append(kept, a)
				}
			}
			anns = kept
		}
		titles := map[string]string{}
		if mode != paneTrash {
			arts, err := ui.nb.Articles(notebook.ListOptions{})
			if err == nil {
				for _, a := range arts {
					titles[a.ID] = a.Title
				}
			}
		}
		return func() {
			if seq != p.globalSeq || mode != p.mode {
				return
			}
			p.globalAnns, p.trash, p.titles = anns, trash, titles
			n := len(anns)
			if mode == paneTrash {
				n = len(trash)
				ui.lib.setTrash(n)
				if len(trash) > 0 && ui.canEmptyTrash() {
					p.emptyTrash.Show()
				} else {
					p.emptyTrash.Hide()
				}
			}
			if mode == paneOrphans {
				ui.lib.setOrphans(n)
			}
			p.globalHead.SetText(fmt.Sprintf("%s (%d)", p.modeName(), n))
			p.global.UnselectAll()
			p.global.Refresh()
		}
	})
}

func (p *annotationsPane) globalLen() int {
	if p.mode == paneTrash {
		return len(p.trash)
	}
	return len(p.globalAnns)
}

// globalSelected opens an item of a global list.
func (p *annotationsPane) globalSelected(i widget.ListItemID) {
	if p.mode == paneTrash {
		return // trash rows have their own Restore button
	}
	if i < len(p.globalAnns) {
		a := p.globalAnns[i]
		// The card shows in the article's pane (the tree entry brings the
		// list back).
		p.showArticleMode()
		p.ui.navigate(a.ArticleID, jump{annID: a.ID, keepFocus: p.global.keyboard})
		if a.Status == notebook.Orphaned {
			p.ui.notify.show("Orphaned highlight: its card shows the old quote. Re-attach it to a passage of the text.", func() { p.ui.startReattach(a.ID) }, "Re-attach…")
		}
	}
}

// globalRow is a row of a global list.
type globalRow struct {
	chip    *canvas.Rectangle
	quote   *fitLabel
	note    *mdView
	src     *fitLabel
	restore *widget.Button
	box     *fyne.Container
}

func (p *annotationsPane) newGlobalRow() fyne.CanvasObject {
	r := &globalRow{chip: canvas.NewRectangle(color0)}
	r.chip.CornerRadius = 2
	r.chip.SetMinSize(fyne.NewSize(5, 30))
	r.quote = newFitLabel("quote")
	r.note = newMDView("note")
	r.note.maxLines = 1
	r.note.sizeName = theme.SizeNameCaptionText
	r.src = newFitLabel("article")
	r.src.colorName = theme.ColorNameDisabled
	r.src.sizeName = theme.SizeNameCaptionText
	r.restore = widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), nil)
	r.restore.Hide()
	r.box = container.NewBorder(nil, nil, r.chip, r.restore, container.New(&tightVBox{}, r.quote, r.note, r.src))
	w := &globalRowWidget{row: r}
	w.ExtendBaseWidget(w)
	return w
}

func (p *annotationsPane) updateGlobalRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*globalRowWidget).row
	if p.mode == paneTrash {
		if i >= len(p.trash) {
			return
		}
		e := p.trash[i]
		r.chip.FillColor = theme.Color(theme.ColorNameDisabled)
		switch {
		case e.Kind == notebook.TrashAnnotation && len(e.Annotations) == 1:
			a := e.Annotations[0]
			r.chip.FillColor = theme.Color(articleview.ColorName(string(a.Color)))
			r.quote.SetText("Highlight: “" + oneLine(a.Quote) + "”")
			r.note.SetMarkdown(a.Note)
		default:
			r.quote.SetText("Article: " + e.Title)
			r.note.SetMarkdown(fmt.Sprintf("*%s*", plural(len(e.Annotations), "highlight", "highlights")))
		}
		r.src.SetText(e.Title + " · deleted " + e.Deleted.Local().Format("2006-01-02 15:04"))
		id := e.ID
		r.restore.OnTapped = func() { p.ui.restoreFromTrash(id) }
		r.restore.Show()
		r.chip.Refresh()
		return
	}
	if i >= len(p.globalAnns) {
		return
	}
	a := p.globalAnns[i]
	r.restore.Hide()
	r.chip.FillColor = theme.Color(articleview.ColorName(string(a.Color)))
	r.chip.Refresh()
	q := "“" + oneLine(a.Quote) + "”"
	if a.Status == notebook.Orphaned {
		q = "Orphaned · " + q
	}
	r.quote.SetText(q)
	r.note.SetMarkdown(a.Note)
	r.src.SetText(p.titles[a.ArticleID])
}

// globalRowWidget wraps a row so that a theme switch re-applies its chip
// colour (the list refreshes every row then).
type globalRowWidget struct {
	widget.BaseWidget
	row *globalRow
}

// CreateRenderer is part of fyne.Widget.
func (w *globalRowWidget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(w.row.box)
}

// oneLine folds line breaks into spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// creatorsOf lists the creators of highlights.
func creatorsOf(anns []notebook.Annotation) []string {
	out := make([]string, 0, len(anns))
	for _, a := range anns {
		if a.Creator != "" {
			out = append(out, a.Creator)
		}
	}
	return out
}

// showCardMeta fills every card's line of facts from what is known: the
// creator, the cached event date and the passages other articles carry.
func (p *annotationsPane) showCardMeta() {
	for _, o := range p.cards.Objects {
		c, ok := o.(*annCard)
		if !ok {
			continue
		}
		c.meta.setCreator(p.people.shownName(c.ann))
		if e, ok := p.events[c.ann.ID]; ok {
			c.meta.setEvent(e.ev, e.ok)
		}
		c.meta.setAlsoIn(p.ui.reuse.alsoIn(c.ann))
	}
}

// showAlsoIn updates the cards' "also in N articles" (the reuse passages
// arrived).
func (p *annotationsPane) showAlsoIn() {
	for _, o := range p.cards.Objects {
		if c, ok := o.(*annCard); ok {
			c.meta.setAlsoIn(p.ui.reuse.alsoIn(c.ann))
		}
	}
}

// loadEvents reads the event dates of the article's highlights that are
// new or changed since they were read, in the background, and shows them
// on their cards.
func (p *annotationsPane) loadEvents(anns []notebook.Annotation) {
	p.eventSeq++
	seq := p.eventSeq
	published := p.ui.cur.Published.String()
	var list []notebook.Annotation
	for _, a := range anns {
		if e, ok := p.events[a.ID]; !ok || !e.fresh(a, published) {
			list = append(list, a)
		}
	}
	if len(list) == 0 {
		return
	}
	ui := p.ui
	ui.background(func(context.Context) func() {
		evs, oks, err := ui.nb.Events(list)
		return func() {
			if seq != p.eventSeq {
				return
			}
			if err != nil {
				ui.notify.show(fmt.Sprintf("Event dates are not available: %v", err), nil)
				return
			}
			for i, a := range list {
				p.events[a.ID] = cardEvent{ev: evs[i], ok: oks[i], updated: a.Updated, published: published}
				if c := p.card(a.ID); c != nil {
					c.meta.setEvent(evs[i], oks[i])
				}
			}
		}
	})
}
