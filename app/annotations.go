package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// annotationsPane is the right pane: the article note at the top, then the
// annotations of the current article in document order as cards. In
// global mode ("All highlights", "Orphans") it lists annotations across
// the notebook instead, in a virtualised list.
type annotationsPane struct {
	ui *UI

	title    *widget.Label
	noteView *widget.RichText
	noteEdit *shortcutEntry
	noteBox  *fyne.Container
	noteBtn  *widget.Button
	cards    *fyne.Container
	scroll   *container.Scroll
	empty    *widget.Label
	article  fyne.CanvasObject

	global     *widget.List
	globalAnns []notebook.Annotation
	titles     map[string]string
	globalHead *widget.Label
	globalBox  fyne.CanvasObject

	root    *fyne.Container
	editing string // annotation whose note is being edited
	noteFor string // article whose note is shown
}

func newAnnotationsPane(ui *UI) *annotationsPane {
	p := &annotationsPane{ui: ui, titles: map[string]string{}}
	p.title = widget.NewLabelWithStyle("Annotations", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.noteView = widget.NewRichTextFromMarkdown("")
	p.noteView.Wrapping = fyne.TextWrapWord
	p.noteEdit = newShortcutEntry(ui)
	p.noteEdit.MultiLine = true
	p.noteEdit.Wrapping = fyne.TextWrapWord
	p.noteEdit.SetPlaceHolder("Your summary of the article (Markdown)")
	p.noteEdit.SetMinRowsVisible(4)
	p.noteBtn = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), p.editArticleNote)
	p.noteBtn.Importance = widget.LowImportance
	p.noteBox = container.NewVBox()
	p.cards = container.NewVBox()
	p.empty = widget.NewLabel("Select text in the article and press H to highlight it.")
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Importance = widget.LowImportance
	noteHead := container.NewBorder(nil, nil, nil, p.noteBtn, widget.NewLabelWithStyle("Article note", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	body := container.NewVBox(noteHead, p.noteBox, widget.NewSeparator(), p.title, p.empty, p.cards)
	p.scroll = container.NewVScroll(container.NewPadded(body))
	p.article = p.scroll

	p.globalHead = widget.NewLabelWithStyle("All highlights", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.global = widget.NewList(func() int { return len(p.globalAnns) }, p.newGlobalRow, p.updateGlobalRow)
	p.global.OnSelected = func(i widget.ListItemID) {
		if i < len(p.globalAnns) {
			a := p.globalAnns[i]
			ui.openAt(a.ArticleID, a.ID, a.Start)
		}
	}
	back := widget.NewButtonWithIcon("Article", theme.NavigateBackIcon(), func() {
		ui.lib.tree.Select(nodeArticles)
	})
	back.Importance = widget.LowImportance
	p.globalBox = container.NewBorder(container.NewBorder(nil, nil, back, nil, p.globalHead), nil, nil, nil, p.global)
	p.globalBox.Hide()
	p.root = container.NewStack(p.article, p.globalBox)
	p.setArticle(notebook.Article{}, nil)
	return p
}

func (p *annotationsPane) content() fyne.CanvasObject { return p.root }

// setArticle shows an article's note and annotation cards.
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
	p.editing = ""
	if !p.editingArticleNote() || a.ID != p.noteFor {
		p.showNote(a)
	}
	if a.ID == "" {
		p.noteBtn.Disable()
	} else {
		p.noteBtn.Enable()
	}
	switch len(anns) {
	case 0:
		p.title.SetText("Annotations")
	case 1:
		p.title.SetText("1 annotation")
	default:
		p.title.SetText(fmt.Sprintf("%d annotations", len(anns)))
	}
	if len(anns) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	objs := make([]fyne.CanvasObject, len(anns))
	for i, an := range anns {
		objs[i] = newAnnCard(p.ui, an, an.ID == p.ui.selAnn)
	}
	p.cards.Objects = objs
	p.cards.Refresh()
	if c := p.card(editing); c != nil {
		c.editNote(draft)
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
	note := strings.TrimSpace(a.Note)
	if note == "" {
		note = "*No note yet. Click the pencil to write one.*"
	}
	p.noteView.ParseMarkdown(note)
	p.noteBox.Objects = []fyne.CanvasObject{p.noteView}
	p.noteBox.Refresh()
}

// editArticleNote swaps the note view for an editor in place.
func (p *annotationsPane) editArticleNote() {
	a := p.ui.cur
	if a.ID == "" {
		return
	}
	p.noteEdit.SetText(a.Note)
	p.noteFor = a.ID
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() {
		p.ui.setArticleNote(a.ID, a.Note, p.noteEdit.Text)
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { p.showNote(p.ui.cur) })
	p.noteEdit.onSubmit = save.OnTapped
	p.noteBox.Objects = []fyne.CanvasObject{p.noteEdit, container.NewHBox(layout.NewSpacer(), cancel, save)}
	p.noteBox.Refresh()
	p.ui.win.Canvas().Focus(p.noteEdit)
}

// markSelected highlights the selected card.
func (p *annotationsPane) markSelected(id string) {
	for _, o := range p.cards.Objects {
		if c, ok := o.(*annCard); ok {
			c.setSelected(c.ann.ID == id)
			if c.ann.ID == id {
				p.scroll.ScrollToOffset(fyne.NewPos(0, c.Position().Y))
			}
		}
	}
}

// card returns the card of an annotation.
func (p *annotationsPane) card(id string) *annCard {
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

// showArticleMode returns from the global list to the current article.
func (p *annotationsPane) showArticleMode() {
	p.globalBox.Hide()
	p.article.Show()
}

// showGlobal lists every annotation, or only orphans, loading them in the
// background.
func (p *annotationsPane) showGlobal(orphans bool) {
	if orphans {
		p.globalHead.SetText("Orphans (loading…)")
	} else {
		p.globalHead.SetText("All highlights (loading…)")
	}
	p.article.Hide()
	p.globalBox.Show()
	ui := p.ui
	ui.background(func() func() {
		anns, err := ui.nb.Annotations("")
		if err != nil {
			return func() { ui.showError(fmt.Errorf("list annotations: %w", err)) }
		}
		if orphans {
			kept := anns[:0]
			for _, a := range anns {
				if a.Status == notebook.Orphaned {
					kept = append(kept, a)
				}
			}
			anns = kept
		}
		arts, err := ui.nb.Articles(notebook.ListOptions{})
		titles := map[string]string{}
		if err == nil {
			for _, a := range arts {
				titles[a.ID] = a.Title
			}
		}
		return func() {
			p.globalAnns, p.titles = anns, titles
			label := "All highlights"
			if orphans {
				label = "Orphans"
			}
			p.globalHead.SetText(fmt.Sprintf("%s (%d)", label, len(anns)))
			p.global.UnselectAll()
			p.global.Refresh()
		}
	})
}

func (p *annotationsPane) newGlobalRow() fyne.CanvasObject {
	chip := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	chip.CornerRadius = 2
	chip.SetMinSize(fyne.NewSize(5, 30))
	quote := widget.NewLabel("quote")
	quote.Truncation = fyne.TextTruncateEllipsis
	src := widget.NewLabel("article")
	src.Importance = widget.LowImportance
	src.SizeName = theme.SizeNameCaptionText
	src.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, chip, nil, container.New(&tightVBox{}, quote, src))
}

func (p *annotationsPane) updateGlobalRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.globalAnns) {
		return
	}
	a := p.globalAnns[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	chip := row.Objects[1].(*canvas.Rectangle)
	chip.FillColor = articleview.HighlightColor(string(a.Color), p.ui.variant())
	chip.Refresh()
	text.Objects[0].(*widget.Label).SetText(oneLine(a.Quote))
	src := p.titles[a.ArticleID]
	if n := strings.TrimSpace(a.Note); n != "" {
		src += " — " + oneLine(n)
	}
	text.Objects[1].(*widget.Label).SetText(src)
}

// oneLine folds line breaks into spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
