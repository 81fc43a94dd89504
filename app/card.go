package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/dates"
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
	meta     *cardMeta
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
	c.meta = newCardMeta(c)
	rows = append(rows, c.meta.box)
	c.noteBox = container.NewVBox()
	c.showNote()
	rows = append(rows, c.noteBox)
	if len(a.Tags) > 0 {
		c.tags = newChipFlow(c.ui, a.ID, a.Tags)
		rows = append(rows, c.tags)
	}
	var menu *glyphButton
	menu = newGlyphButton(c.ui, glyphMore, "Colour, note, tags, event date, re-attach, delete…", func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(menu)
		widget.ShowPopUpMenuAtPosition(c.menu(), c.ui.win.Canvas(), pos.Add(fyne.NewPos(0, menu.Size().Height)))
	})
	body := container.NewBorder(nil, nil, c.chip, container.NewVBox(menu), container.New(&tightVBox{}, rows...))
	c.applyColors()
	c.root = container.NewStack(c.bg, container.NewPadded(body))
}

// menu is the card's ⋮ menu: the annotation's menu with the event date
// items and the article's citation key.
func (c *annCard) menu() *fyne.Menu {
	return c.ui.withCiteKeyItem(c.ui.cardMenu(c.ann.ID), c.ann.ArticleID)
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

// cardMeta is a card's line of facts under its quote: the event date the
// passage tells of (issue 18), who made the highlight (in a notebook with
// several creators, issue 20) and "also in N articles" when other
// articles carry its passage (issue 17). Each part is filled in when known
// (events and reuse are read in the background) and hidden otherwise.
type cardMeta struct {
	c        *annCard
	box      *fyne.Container
	event    *fyne.Container
	date     *widget.Label
	info     *fyne.Container
	creator  *widget.Label
	also     *widget.Hyperlink
	alsoIn   []notebook.ReusePassage
	hasEvent bool
}

func newCardMeta(c *annCard) *cardMeta {
	m := &cardMeta{c: c}
	m.box = container.New(&tightVBox{})
	m.box.Hide()
	return m
}

// build makes the line's widgets, the first time a card has a fact to
// show (most cards have none: their cost is one empty container).
func (m *cardMeta) build() {
	if m.date != nil {
		return
	}
	m.date = widget.NewLabel("")
	m.date.SizeName = theme.SizeNameCaptionText
	m.date.Truncation = fyne.TextTruncateEllipsis
	icon := widget.NewIcon(theme.CalendarIcon())
	m.event = container.NewBorder(nil, nil, icon, nil, m.date)
	m.event.Hide()
	m.creator = widget.NewLabel("")
	m.creator.SizeName = theme.SizeNameCaptionText
	m.creator.Importance = widget.LowImportance
	m.creator.Hide()
	m.also = widget.NewHyperlink("", nil)
	m.also.SizeName = theme.SizeNameCaptionText
	m.also.OnTapped = m.showAlsoIn
	m.also.Hide()
	m.info = container.NewHBox(m.creator, m.also)
	m.info.Hide()
	m.box.Objects = []fyne.CanvasObject{m.event, m.info}
}

// setEvent shows the highlight's event date (ok false: none).
func (m *cardMeta) setEvent(ev notebook.Event, ok bool) {
	m.hasEvent = ok
	if !ok && m.date == nil {
		return
	}
	m.build()
	was := m.event.Visible()
	if ok {
		setText(m.date, eventLabel(ev))
		m.event.Show()
	} else {
		m.event.Hide()
	}
	m.layout(was != ok)
}

// setCreator shows the creator's name ("" hides it).
func (m *cardMeta) setCreator(name string) {
	if name == "" && m.date == nil {
		return
	}
	m.build()
	was := m.creator.Visible()
	if name == "" {
		m.creator.Hide()
	} else {
		setText(m.creator, "by "+name)
		m.creator.Show()
	}
	m.layout(was != (name != ""))
}

// setAlsoIn shows "also in N articles" for the passages the highlight
// lies in (none hides it).
func (m *cardMeta) setAlsoIn(ps []notebook.ReusePassage) {
	m.alsoIn = ps
	n := len(otherArticles(ps))
	if n == 0 && m.date == nil {
		return
	}
	m.build()
	was := m.also.Visible()
	if n == 0 {
		m.also.Hide()
	} else {
		if t := "also in " + plural(n, "article", "articles"); m.also.Text != t {
			m.also.SetText(t)
		}
		m.also.Show()
	}
	m.layout(was != (n > 0))
}

// layout hides empty lines and, when a part came or went, lays the card
// out again.
func (m *cardMeta) layout(changed bool) {
	if !changed {
		return
	}
	if m.creator.Visible() || m.also.Visible() {
		m.info.Show()
	} else {
		m.info.Hide()
	}
	if m.event.Visible() || m.info.Visible() {
		m.box.Show()
	} else {
		m.box.Hide()
	}
	m.box.Refresh()
}

// showAlsoIn opens the list of the other articles under the link.
func (m *cardMeta) showAlsoIn() {
	ui := m.c.ui
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m.also)
	ui.showReuseMenu(m.alsoIn, pos.Add(fyne.NewPos(0, m.also.Size().Height)))
}

// humanDate shows an ISO date (2024-03-15, 2024-03 or 2024) as
// "15 Mar 2024", "Mar 2024" or "2024"; anything else as it is.
func humanDate(s string) string {
	for _, f := range []struct{ in, out string }{{"2006-01-02", "2 Jan 2006"}, {"2006-01", "Jan 2006"}} {
		if t, err := time.Parse(f.in, s); err == nil {
			return t.Format(f.out)
		}
	}
	return s
}

// eventLabel shows an event date at its precision — "19 Jan 2023",
// "Jan 2023", "2023", "week of 16 Jan 2023", "1990s", "since Jul 2022",
// "3 – 9 Feb 2023" — with where it came from: the words Gloss read
// (“last Thursday”) or "set by you".
func eventLabel(ev notebook.Event) string {
	day := func(s string) string { return humanDate(s) }
	month := func(s string) string { return humanDate(s[:min(7, len(s))]) }
	// span shows two dates of one precision, the year (and month) they
	// share once: "3 – 9 Feb 2023", "Jun – Aug 2023", "Dec 2022 – Feb 2023".
	span := func(a, b string) string {
		ha, hb := humanDate(a), humanDate(b)
		fa, fb := strings.Fields(ha), strings.Fields(hb)
		k := 0
		for k < len(fa) && k < len(fb) && fa[len(fa)-1-k] == fb[len(fb)-1-k] {
			k++
		}
		if k == 0 || k == len(fa) {
			return ha + " – " + hb
		}
		return strings.Join(fa[:len(fa)-k], " ") + " – " + hb
	}
	var when string
	switch ev.Precision {
	case "day":
		when = day(ev.Start)
	case "month":
		when = month(ev.Start)
	case "year":
		when = ev.Start[:min(4, len(ev.Start))]
	case "decade":
		when = ev.Start[:min(3, len(ev.Start))] + "0s"
	case "week":
		when = "week of " + day(ev.Start)
	case "season":
		when = span(ev.Start[:min(7, len(ev.Start))], ev.End[:min(7, len(ev.End))])
	case "open":
		when = "since " + day(ev.Start)
	default:
		when = day(ev.Start)
		if ev.End != "" && ev.End != ev.Start {
			when = span(ev.Start, ev.End)
		}
	}
	switch {
	case ev.UserSet:
		when += " · set by you"
	case ev.Evidence != "":
		when += " · “" + clipRunes(oneLine(ev.Evidence), 40) + "”"
	}
	return when
}

// userEventValue is the SetEvent value that puts a user's event date back
// as it is: "auto" for none, "clear" for a cleared one, else the date at
// its precision.
func userEventValue(u *notebook.UserEvent) string {
	switch {
	case u == nil:
		return "auto"
	case u.Cleared:
		return "clear"
	case u.Precision == "year":
		return u.Start[:min(4, len(u.Start))]
	case u.Precision == "month":
		return u.Start[:min(7, len(u.Start))]
	}
	return u.Start
}

// cardMenu is a card's ⋮ menu: the annotation's menu with the event date
// items before its last group (delete).
func (ui *UI) cardMenu(id string) *fyne.Menu {
	m := ui.annotationMenu(id)
	set := fyne.NewMenuItem("Set event date…", func() { ui.askEventDate(id) })
	set.Icon = theme.CalendarIcon()
	clr := fyne.NewMenuItem("Clear event date", func() { ui.setEventDate(id, "clear", "clear event date") })
	if c := ui.anns.card(id); c == nil || !c.meta.hasEvent {
		clr.Disabled = true
	}
	items := m.Items
	at := len(items)
	if at >= 2 && items[at-2].IsSeparator {
		at -= 2
	}
	m.Items = append(items[:at:at], append([]*fyne.MenuItem{set, clr}, items[at:]...)...)
	return m
}

// setEventDate sets an annotation's event date (value as SetEvent takes
// it), with Undo back to what the user had set before.
func (ui *UI) setEventDate(id, value, label string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	old := userEventValue(a.UserEvent)
	op := &undoOp{label: label,
		undo: func() error { _, err := ui.nb.SetEvent(id, old); return err },
		redo: func() error { _, err := ui.nb.SetEvent(id, value); return err },
	}
	ui.undo.push(op)
	ui.write(func() (func(), error) {
		if _, err := ui.nb.SetEvent(id, value); err != nil {
			return func() { ui.undo.remove(op) }, fmt.Errorf("%s: %w", label, err)
		}
		return nil, nil
	})
}

// eventDialog is the open "Set event date" dialog (for tests).
type eventDialog struct {
	dlg      dialog.Dialog
	entry    *widget.Entry
	evidence *widget.Label
	submit   func()
}

// askEventDate asks for a highlight's event date: a day, a month or a
// year, checked as typed, with what Gloss read in the passage shown.
func (ui *UI) askEventDate(id string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	e := widget.NewEntry()
	e.SetPlaceHolder("2023-01-19, 2023-01 or 2023")
	if u := a.UserEvent; u != nil && !u.Cleared {
		e.SetText(userEventValue(u))
	}
	e.Validator = func(s string) error {
		if _, err := dates.Parse(strings.TrimSpace(s)); err != nil {
			return errors.New("want a day (2023-01-19), a month (2023-01) or a year (2023)")
		}
		return nil
	}
	evidence := widget.NewLabel("Reading the passage…")
	evidence.Wrapping = fyne.TextWrapWord
	evidence.Importance = widget.LowImportance
	ed := &eventDialog{entry: e, evidence: evidence}
	items := []*widget.FormItem{
		{Text: "Event date", Widget: e, HintText: "what the passage tells of happened then"},
		{Text: "Gloss read", Widget: evidence},
	}
	save := func(ok bool) {
		if !ok || e.Validate() != nil {
			return
		}
		ui.setEventDate(id, strings.TrimSpace(e.Text), "set event date")
	}
	d := dialog.NewForm("Event date", "Set", "Cancel", items, save, ui.win)
	ed.dlg = d
	ed.submit = func() {
		if e.Validate() == nil {
			save(true)
			ui.closeModal(d)
		}
	}
	e.OnSubmitted = func(string) { ed.submit() }
	ui.anns.eventDlg = ed
	d.Resize(fyne.NewSize(min(520, ui.win.Canvas().Size().Width-40), d.MinSize().Height))
	ui.modal(d)
	ui.win.Canvas().Focus(e)

	// What Gloss reads in the passage, the user's date aside.
	auto := a
	auto.UserEvent = nil
	ui.background(func(context.Context) func() {
		ev, found, err := ui.nb.Event(auto)
		return func() {
			switch {
			case err != nil:
				evidence.SetText(fmt.Sprintf("Could not read the passage: %v", err))
			case !found:
				evidence.SetText("No date in this passage.")
			default:
				ev.UserSet = false
				evidence.SetText(eventLabel(ev) + " (" + ev.Precision + ")")
			}
		}
	})
}

// shown returns what the line says: the event date, the creator and the
// "also in" link, each "" when not shown.
func (m *cardMeta) shown() (date, creator, also string) {
	if m.date == nil {
		return "", "", ""
	}
	if m.event.Visible() {
		date = m.date.Text
	}
	if m.creator.Visible() {
		creator = m.creator.Text
	}
	if m.also.Visible() {
		also = m.also.Text
	}
	return date, creator, also
}
