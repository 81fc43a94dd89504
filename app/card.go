package app

import (
	"image/color"
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

// maxQuoteRunes is how much of a long quote a card shows.
const maxQuoteRunes = 320

// annCard shows one annotation: colour chip, quote, note (Markdown,
// editable in place), tags as removable chips and a menu; an orphan shows
// its old quote and a Re-attach button. Tapping it selects the annotation
// and shows its passage; a double tap edits the note. Every colour comes
// from the theme when the card is refreshed, so a theme switch repaints
// it.
type annCard struct {
	widget.BaseWidget
	ui       *UI
	ann      notebook.Annotation
	bg       *canvas.Rectangle
	chip     *canvas.Rectangle
	quote    *widget.Label
	note     *mdView
	noteBox  *fyne.Container
	tags     *chipFlow
	selected bool
	focused  bool // the cards pane has the keyboard and this card is selected
	editor   *shortcutEntry
	root     fyne.CanvasObject
}

var (
	_ fyne.Tappable       = (*annCard)(nil)
	_ fyne.DoubleTappable = (*annCard)(nil)
)

func newAnnCard(ui *UI, a notebook.Annotation, selected bool) *annCard {
	c := &annCard{ui: ui, ann: a, selected: selected}
	c.ExtendBaseWidget(c)
	c.build()
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *annCard) CreateRenderer() fyne.WidgetRenderer {
	return &cardRenderer{WidgetRenderer: widget.NewSimpleRenderer(c.root), c: c}
}

// cardRenderer re-applies the theme's colours on every refresh (a theme
// switch refreshes every widget).
type cardRenderer struct {
	fyne.WidgetRenderer
	c *annCard
}

func (r *cardRenderer) Refresh() {
	r.c.applyColors()
	r.WidgetRenderer.Refresh()
}

func (c *annCard) build() {
	a := c.ann
	c.bg = canvas.NewRectangle(color0)
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.chip = canvas.NewRectangle(color0)
	c.chip.CornerRadius = 2
	c.chip.SetMinSize(fyne.NewSize(6, 10))

	c.quote = widget.NewLabel("“" + clipRunes(oneLine(a.Quote), maxQuoteRunes) + "”")
	c.quote.Wrapping = fyne.TextWrapWord
	c.quote.TextStyle.Italic = true

	rows := []fyne.CanvasObject{}
	if a.Status == notebook.Orphaned {
		w := widget.NewLabel("Orphaned: this passage is no longer in the text. Its old quote:")
		w.Importance = widget.WarningImportance
		w.Wrapping = fyne.TextWrapWord
		attach := widget.NewButtonWithIcon("Re-attach…", theme.ContentRedoIcon(), func() { c.ui.startReattach(a.ID) })
		attach.Importance = widget.HighImportance
		rows = append(rows, w, c.quote, container.NewHBox(attach))
	} else {
		rows = append(rows, c.quote)
	}
	c.noteBox = container.NewVBox()
	c.showNote()
	rows = append(rows, c.noteBox)
	if len(a.Tags) > 0 {
		c.tags = newChipFlow(c.ui, a.ID, a.Tags)
		rows = append(rows, c.tags)
	}
	var menu *glyphButton
	menu = newGlyphButton(c.ui, glyphMore, "Colour, note, tags, re-attach, delete…", func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(menu)
		widget.ShowPopUpMenuAtPosition(c.ui.withCiteKeyItem(c.ui.annotationMenu(a.ID), a.ArticleID), c.ui.win.Canvas(), pos.Add(fyne.NewPos(0, menu.Size().Height)))
	})
	body := container.NewBorder(nil, nil, c.chip, container.NewVBox(menu), container.New(&tightVBox{}, rows...))
	c.applyColors()
	c.root = container.NewStack(c.bg, container.NewPadded(body))
}

// color0 is a placeholder until applyColors runs.
var color0 = color.Transparent

// applyColors sets the card's own colours from the current theme.
func (c *annCard) applyColors() {
	c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	switch {
	case c.focused:
		c.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		c.bg.StrokeWidth = 3
	case c.selected:
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		c.bg.StrokeWidth = 2
	default:
		c.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
		c.bg.StrokeWidth = 1
	}
	c.chip.FillColor = theme.Color(articleview.ColorName(string(c.ann.Color)))
	c.bg.Refresh()
	c.chip.Refresh()
}

func (c *annCard) showNote() {
	note := strings.TrimSpace(c.ann.Note)
	if note == "" {
		c.noteBox.Objects = nil
		c.note = nil
	} else {
		c.note = newMDView(note)
		c.noteBox.Objects = []fyne.CanvasObject{c.note}
	}
	c.noteBox.Refresh()
}

// editNote replaces the note with an editor holding draft (Ctrl+Enter or
// Save keeps it, Escape or Cancel drops it).
func (c *annCard) editNote(draft string) {
	e := newShortcutEntry(c.ui)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder("Note (Markdown)")
	e.SetMinRowsVisible(3)
	e.SetText(draft)
	e.editor = true
	e.saved = c.ann.Note
	c.editor = e
	c.ui.anns.editing = c.ann.ID
	old := c.ann.Note
	id := c.ann.ID
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() {
		c.editor = nil
		c.ui.anns.editing = ""
		text := e.Text
		if strings.TrimSpace(text) != strings.TrimSpace(old) {
			c.ann.Note = text
			c.ui.editAnnotation(id, "note", notebook.AnnotationUpdate{Note: &old}, notebook.AnnotationUpdate{Note: ptr(text)})
		}
		c.showNote()
		c.ui.focusCards()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() {
		c.editor = nil
		c.ui.anns.editing = ""
		c.showNote()
		c.ui.focusCards()
	})
	e.onSubmit = save.OnTapped
	e.onEscape = cancel.OnTapped
	c.noteBox.Objects = []fyne.CanvasObject{e, container.NewHBox(layout.NewSpacer(), cancel, save)}
	c.noteBox.Refresh()
	c.ui.win.Canvas().Focus(e)
}

func (c *annCard) setSelected(on bool) {
	c.selected = on
	if !on {
		c.focused = false
	}
	c.applyColors()
}

func (c *annCard) setFocused(on bool) {
	c.focused = on
	c.applyColors()
}

// Tapped is part of fyne.Tappable: it selects the annotation, shows its
// passage and gives the keyboard to the cards.
func (c *annCard) Tapped(*fyne.PointEvent) { c.ui.cardTapped(c.ann.ID) }

// DoubleTapped is part of fyne.DoubleTappable: it edits the note.
func (c *annCard) DoubleTapped(*fyne.PointEvent) {
	c.ui.cardTapped(c.ann.ID)
	c.editNote(c.ann.Note)
}

// tagLine shows tags as "#A  #B/C".
func tagLine(tags []string) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = "#" + t
	}
	return strings.Join(parts, "  ")
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func ptr[T any](v T) *T { return &v }
