package app

import (
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
// editable in place), tags and a menu. Tapping it selects the annotation
// and scrolls the reader to it; a double tap edits the note.
type annCard struct {
	widget.BaseWidget
	ui       *UI
	ann      notebook.Annotation
	bg       *canvas.Rectangle
	noteBox  *fyne.Container
	selected bool
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
	return widget.NewSimpleRenderer(c.root)
}

func (c *annCard) build() {
	a := c.ann
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.bg.StrokeWidth = 1
	chip := canvas.NewRectangle(articleview.HighlightColor(string(a.Color), c.ui.variant()))
	chip.CornerRadius = 2
	chip.SetMinSize(fyne.NewSize(6, 10))

	quote := widget.NewLabel("“" + clipRunes(oneLine(a.Quote), maxQuoteRunes) + "”")
	quote.Wrapping = fyne.TextWrapWord
	quote.TextStyle.Italic = true

	rows := []fyne.CanvasObject{quote}
	if a.Status == notebook.Orphaned {
		w := widget.NewLabelWithStyle("Orphaned: this passage is no longer in the text.", fyne.TextAlignLeading, fyne.TextStyle{})
		w.Importance = widget.WarningImportance
		w.Wrapping = fyne.TextWrapWord
		rows = append(rows, w)
	}
	c.noteBox = container.NewVBox()
	c.showNote()
	rows = append(rows, c.noteBox)
	if len(a.Tags) > 0 {
		tags := widget.NewLabel(tagLine(a.Tags))
		tags.Importance = widget.LowImportance
		tags.Wrapping = fyne.TextWrapWord
		tags.SizeName = theme.SizeNameCaptionText
		rows = append(rows, tags)
	}
	menu := widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
	menu.Importance = widget.LowImportance
	menu.OnTapped = func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(menu)
		widget.ShowPopUpMenuAtPosition(c.ui.annotationMenu(a.ID), c.ui.win.Canvas(), pos.Add(fyne.NewPos(0, menu.Size().Height)))
	}
	body := container.NewBorder(nil, nil, chip, container.NewVBox(menu), container.New(&tightVBox{}, rows...))
	c.setSelected(c.selected)
	c.root = container.NewStack(c.bg, container.NewPadded(body))
}

func (c *annCard) showNote() {
	note := strings.TrimSpace(c.ann.Note)
	if note == "" {
		c.noteBox.Objects = nil
	} else {
		rt := widget.NewRichTextFromMarkdown(note)
		rt.Wrapping = fyne.TextWrapWord
		c.noteBox.Objects = []fyne.CanvasObject{rt}
	}
	c.noteBox.Refresh()
}

// editNote replaces the note with an editor holding draft (Ctrl+Enter or
// Save keeps it).
func (c *annCard) editNote(draft string) {
	e := newShortcutEntry(c.ui)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder("Note (Markdown)")
	e.SetMinRowsVisible(3)
	e.SetText(draft)
	c.editor = e
	c.ui.anns.editing = c.ann.ID
	old := c.ann.Note
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() {
		c.editor = nil
		c.ui.anns.editing = ""
		c.ui.editAnnotation(c.ann.ID, "note", notebook.AnnotationUpdate{Note: &old}, notebook.AnnotationUpdate{Note: ptr(e.Text)})
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() {
		c.editor = nil
		c.ui.anns.editing = ""
		c.showNote()
	})
	e.onSubmit = save.OnTapped
	c.noteBox.Objects = []fyne.CanvasObject{e, container.NewHBox(layout.NewSpacer(), cancel, save)}
	c.noteBox.Refresh()
	c.ui.win.Canvas().Focus(e)
}

func (c *annCard) setSelected(on bool) {
	c.selected = on
	if c.bg == nil {
		return
	}
	if on {
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		c.bg.StrokeWidth = 2
	} else {
		c.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
		c.bg.StrokeWidth = 1
	}
	c.bg.Refresh()
}

// Tapped is part of fyne.Tappable: it selects the annotation.
func (c *annCard) Tapped(*fyne.PointEvent) { c.ui.selectAnnotation(c.ann.ID) }

// DoubleTapped is part of fyne.DoubleTappable: it edits the note.
func (c *annCard) DoubleTapped(*fyne.PointEvent) {
	c.ui.selectAnnotation(c.ann.ID)
	c.editNote(c.ann.Note)
}

// tagLine shows tags as "#A · #B/C".
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
