package app

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// paletteLimit is how many hits the palette asks for.
const paletteLimit = 60

// snippetRunes is the length of a result's snippet.
const snippetRunes = 140

// Result groups, in display order.
const (
	groupHighlights = "Highlights"
	groupNotes      = "Notes"
	groupArticles   = "Articles"
)

// paletteRow is one line of the palette: a group header or a hit.
type paletteRow struct {
	header string
	hit    notebook.SearchHit
}

// palette is the search palette (Ctrl+K): results update on every
// keystroke, grouped into highlights, notes and articles, with the matched
// characters emphasised; arrows move, Enter or a click opens the passage.
type palette struct {
	ui     *UI
	entry  *shortcutEntry
	list   *widget.List
	status *widget.Label
	popup  *widget.PopUp
	rows   []paletteRow
	cursor int
	seq    int
}

func newPalette(ui *UI) *palette {
	p := &palette{ui: ui, cursor: -1}
	p.entry = newShortcutEntry(ui)
	p.entry.SetPlaceHolder("Search highlights, notes and articles — tag:, color:, in:, by:, \"phrase\", -word")
	p.entry.OnChanged = p.search
	p.entry.onSubmit = func() { p.open(p.cursor) }
	p.entry.onKey = p.key
	p.status = widget.NewLabel("")
	p.status.Importance = widget.LowImportance
	p.list = widget.NewList(func() int { return len(p.rows) }, p.newRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.cursor != i {
			p.open(i)
		}
	}
	return p
}

// show opens the palette over the window with the last query selected,
// so that typing replaces it (and Enter or the arrows reuse it).
func (p *palette) show() {
	if p.popup == nil {
		box := container.NewBorder(container.NewVBox(p.entry, p.status), nil, nil, nil, p.list)
		p.popup = widget.NewModalPopUp(container.NewPadded(box), p.ui.win.Canvas())
	}
	cs := p.ui.win.Canvas().Size()
	size := fyne.NewSize(min(760, cs.Width-40), min(520, cs.Height-60))
	p.popup.Resize(size)
	p.popup.Move(fyne.NewPos((cs.Width-size.Width)/2, 40))
	// The reader gives up the keyboard (its caret would show through the
	// pop-up's shade); hide gives it back.
	p.ui.tips.hide(nil)
	p.ui.win.Canvas().Unfocus()
	p.popup.Show()
	p.ui.win.Canvas().Focus(p.entry)
	p.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	if p.entry.Text == "" {
		p.status.SetText("Type to search. Words forgive typos; operators: tag:Sahel color:red in:title has:note is:orphan after:2023")
	}
}

func (p *palette) hide() {
	if p.popup != nil {
		p.popup.Hide()
	}
	p.ui.focusReader()
}

// search runs the query in the background; only the newest answer is
// shown.
func (p *palette) search(q string) {
	p.seq++
	seq := p.seq
	p.ui.lastQuery = q
	if q == "" {
		p.setRows(nil, "")
		return
	}
	if err := notebook.ParseQuery(q); err != nil {
		p.status.SetText(err.Error())
		return
	}
	nb := p.ui.nb
	p.ui.background(func(context.Context) func() {
		hits, err := nb.Search(q, paletteLimit)
		return func() {
			if seq != p.seq {
				return
			}
			if err != nil {
				p.status.SetText(err.Error())
				return
			}
			p.setRows(hits, q)
		}
	})
}

// group says which group a hit belongs to.
func group(h notebook.SearchHit) string {
	if h.Kind != notebook.HitAnnotation {
		return groupArticles
	}
	if len(h.Matches) > 0 && h.Matches[0].Field == "note" {
		return groupNotes
	}
	return groupHighlights
}

func (p *palette) setRows(hits []notebook.SearchHit, q string) {
	byGroup := map[string][]notebook.SearchHit{}
	for _, h := range hits {
		g := group(h)
		byGroup[g] = append(byGroup[g], h)
	}
	p.rows = p.rows[:0]
	for _, g := range []string{groupHighlights, groupNotes, groupArticles} {
		if len(byGroup[g]) == 0 {
			continue
		}
		p.rows = append(p.rows, paletteRow{header: fmt.Sprintf("%s (%d)", g, len(byGroup[g]))})
		for _, h := range byGroup[g] {
			p.rows = append(p.rows, paletteRow{hit: h})
		}
	}
	switch {
	case q == "":
		p.status.SetText("")
	case len(hits) == 0:
		p.status.SetText("Nothing found for " + q)
	case len(hits) >= paletteLimit:
		p.status.SetText(fmt.Sprintf("The best %d results — ↑↓ to move, Enter to open", len(hits)))
	default:
		p.status.SetText(fmt.Sprintf("%d results — ↑↓ to move, Enter to open", len(hits)))
	}
	p.cursor = -1
	// Group headers are one short line; hits keep the template's height.
	headerH, hitH := p.headerHeight(), p.newRow().MinSize().Height
	for i, r := range p.rows {
		if r.header != "" {
			p.list.SetItemHeight(i, headerH)
		} else {
			p.list.SetItemHeight(i, hitH)
		}
	}
	p.list.Refresh()
	p.move(1)
}

// headerHeight is the height of a group header row.
func (p *palette) headerHeight() float32 {
	l := widget.NewLabelWithStyle("Group", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameCaptionText
	return l.MinSize().Height
}

// move moves the cursor by d hit rows, skipping headers.
func (p *palette) move(d int) {
	i := p.cursor
	for {
		i += d
		if i < 0 || i >= len(p.rows) {
			return
		}
		if p.rows[i].header == "" {
			break
		}
	}
	p.cursor = i
	p.list.Select(i)
	p.list.ScrollTo(i)
}

func (p *palette) key(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyDown:
		p.move(1)
	case fyne.KeyUp:
		p.move(-1)
	case fyne.KeyEscape:
		p.hide()
	default:
		return false
	}
	return true
}

// open jumps to the hit in row i (a jump Back can undo).
func (p *palette) open(i int) {
	if i < 0 || i >= len(p.rows) || p.rows[i].header != "" {
		return
	}
	h := p.rows[i].hit
	p.hide()
	switch {
	case h.Annotation != nil:
		p.ui.navigate(h.ArticleID, jump{annID: h.ID})
	default:
		for _, m := range h.Matches {
			if m.Field == "body" && len(m.Ranges) > 0 {
				s, e := matchSpan(m.Text, m.Ranges)
				p.ui.navigate(h.ArticleID, jump{show: true, at: m.Offset + s, end: m.Offset + e})
				return
			}
		}
		p.ui.navigate(h.ArticleID, jump{})
	}
}

// matchSpan is the passage a search match stands for, in code points of
// text: the first matched range and the ranges that follow it with only
// spaces and punctuation between (a phrase, or words typed together), so
// that the whole match is shown, not its first word.
func matchSpan(text string, ranges [][2]int) (int, int) {
	r := []rune(text)
	s, e := ranges[0][0], ranges[0][1]
	for _, rg := range ranges[1:] {
		if rg[0] < e || rg[0] > len(r) {
			continue
		}
		gap := r[min(e, len(r)):rg[0]]
		if len(gap) > 3 || strings.ContainsFunc(string(gap), func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) {
			break
		}
		e = rg[1]
	}
	return s, min(e, len(r))
}

func (p *palette) newRow() fyne.CanvasObject {
	head := widget.NewLabelWithStyle("Group", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameCaptionText
	head.Hide() // shown only on header rows
	text := widget.NewRichText(&widget.TextSegment{Text: "Result", Style: widget.RichTextStyleInline})
	text.Truncation = fyne.TextTruncateEllipsis
	src := widget.NewLabel("article")
	src.Importance = widget.LowImportance
	src.SizeName = theme.SizeNameCaptionText
	src.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightVBox{}, head, text, src)
}

func (p *palette) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.rows) {
		return
	}
	row := p.rows[i]
	box := o.(*fyne.Container)
	head := box.Objects[0].(*widget.Label)
	text := box.Objects[1].(*widget.RichText)
	src := box.Objects[2].(*widget.Label)
	if row.header != "" {
		head.SetText(row.header)
		head.Show()
		text.Hide()
		src.Hide()
		return
	}
	head.Hide()
	text.Show()
	src.Show()
	h := row.hit
	var m notebook.SearchMatch
	if len(h.Matches) > 0 {
		m = h.Matches[0]
	} else if h.Annotation != nil {
		m = notebook.SearchMatch{Field: "quote", Text: h.Annotation.Quote}
	} else {
		m = notebook.SearchMatch{Field: "title", Text: h.Title}
	}
	text.Segments = emphasise(m.Text, m.Ranges, snippetRunes)
	text.Refresh()
	where := h.Title
	if m.Field != "title" {
		where += " · " + m.Field
	}
	src.SetText(where)
}

// emphasise turns text into rich-text segments with the matched ranges
// (code-point offsets) in bold primary colour, clipped to about n runes
// around the first match and folded onto one line.
func emphasise(text string, ranges [][2]int, n int) []widget.RichTextSegment {
	r := []rune(text)
	from := 0
	if len(ranges) > 0 && ranges[0][0] > n/3 {
		from = ranges[0][0] - n/3
	}
	to := min(len(r), from+n)
	var segs []widget.RichTextSegment
	plain := widget.RichTextStyleInline
	strong := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
	add := func(s string, st widget.RichTextStyle) {
		if s != "" {
			segs = append(segs, &widget.TextSegment{Text: oneLineKeep(s), Style: st})
		}
	}
	if from > 0 {
		add("…", plain)
	}
	pos := from
	for _, rg := range ranges {
		s, e := max(rg[0], pos), min(rg[1], to)
		if s >= e || s >= to {
			continue
		}
		add(string(r[pos:s]), plain)
		add(string(r[s:e]), strong)
		pos = e
	}
	if pos < to {
		add(string(r[pos:to]), plain)
	}
	if to < len(r) {
		add("…", plain)
	}
	return segs
}

// oneLineKeep replaces line breaks by spaces, keeping the length.
func oneLineKeep(s string) string {
	b := []rune(s)
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}
