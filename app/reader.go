package app

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// reader is the middle pane: a header row (the article's link and edit
// buttons, replaced by the action bar while text is selected) over the
// ArticleView.
type reader struct {
	ui      *UI
	view    *articleview.ArticleView
	link    *widget.Hyperlink
	info    *fyne.Container
	bar     *actionBar
	editBtn *widget.Button
	textBtn *widget.Button
	version int // text version shown
}

func newReader(ui *UI) *reader {
	r := &reader{ui: ui, view: articleview.New()}
	r.view.SetFontScale(float32(ui.prefs.FloatWithFallback(prefFontScale, 1)))
	r.link = widget.NewHyperlink("", nil)
	r.link.Truncation = fyne.TextTruncateEllipsis
	r.editBtn = widget.NewButtonWithIcon("Metadata", theme.DocumentCreateIcon(), ui.editMetadata)
	r.textBtn = widget.NewButtonWithIcon("Edit text", theme.ContentPasteIcon(), ui.editText)
	r.editBtn.Importance = widget.LowImportance
	r.textBtn.Importance = widget.LowImportance
	r.info = container.NewBorder(nil, nil, nil, container.NewHBox(r.editBtn, r.textBtn), r.link)
	r.bar = newActionBar(ui)
	r.view.OnSelectionChanged = func(start, end int) { r.selectionChanged(start, end) }
	r.view.OnSpanTapped = ui.selectAnnotation
	r.view.OnTypedRune = ui.typedRune
	r.view.OnTypedKey = ui.readerKey
	r.view.OnSecondaryTapped = ui.readerMenu
	r.view.OnShortcut = func(s fyne.Shortcut) bool { return ui.runShortcut(s) }
	r.clear()
	return r
}

func (r *reader) content() fyne.CanvasObject {
	header := container.NewStack(r.info, r.bar.content())
	return container.NewBorder(container.NewPadded(header), nil, nil, nil, r.view)
}

// clear shows the empty state.
func (r *reader) clear() {
	r.view.SetDocument("No article open",
		"Import articles with File → Import… (Ctrl+I), drop files on this window, or paste text with Ctrl+Shift+V.",
		"", nil)
	r.view.SetSpans(nil)
	r.link.SetText("")
	r.editBtn.Disable()
	r.textBtn.Disable()
	r.bar.hide()
}

func (r *reader) selectionChanged(start, end int) {
	if start < end && r.ui.cur.ID != "" {
		r.bar.show()
		r.info.Hide()
	} else {
		r.bar.hide()
		r.info.Show()
	}
}

// setArticle shows an article's header and text.
func (r *reader) setArticle(a notebook.Article, body notebook.Body) {
	kinds := make([]articleview.Kind, len(body.Kinds))
	for i, k := range body.Kinds {
		if k <= 4 {
			kinds[i] = articleview.Kind(k)
		}
	}
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	r.view.SetDocument(title, headerMeta(a), body.Text, kinds)
	r.version = a.Version
	r.setLink(a.URL)
	r.editBtn.Enable()
	r.textBtn.Enable()
	r.bar.hide()
	r.info.Show()
}

func (r *reader) setLink(raw string) {
	u, err := url.Parse(raw)
	if raw == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		r.link.SetText(raw)
		r.link.URL = nil
		return
	}
	r.link.SetText(raw)
	r.link.SetURL(u)
}

// headerMeta is the line under the title: byline, outlet, date.
func headerMeta(a notebook.Article) string {
	var parts []string
	for _, p := range []string{a.Byline, a.Outlet, a.Published.String()} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if a.Version > 1 {
		parts = append(parts, fmt.Sprintf("version %d", a.Version))
	}
	return strings.Join(parts, " · ")
}

// setSpans draws the annotations as highlight spans (orphans have no
// place in the text and are only listed).
func (r *reader) setSpans(anns []notebook.Annotation) {
	spans := make([]articleview.Span, 0, len(anns))
	for _, a := range anns {
		if a.Status == notebook.Orphaned {
			continue
		}
		spans = append(spans, articleview.Span{ID: a.ID, Start: a.Start, End: a.End, Color: string(a.Color),
			HasNote: strings.TrimSpace(a.Note) != ""})
	}
	r.view.SetSpans(spans)
}

// showArticle opens an article in the reader and its annotations in the
// right pane.
func (ui *UI) showArticle(id string) {
	a, err := ui.nb.Article(id)
	if err != nil {
		if errors.Is(err, notebook.ErrNotFound) {
			ui.clearArticle()
			return
		}
		ui.showError(fmt.Errorf("open article: %w", err))
		return
	}
	body, err := ui.nb.Text(id)
	if err != nil {
		ui.showError(fmt.Errorf("open %q: %w", a.Title, err))
		return
	}
	anns, err := ui.nb.Annotations(id)
	if err != nil {
		ui.showError(fmt.Errorf("annotations of %q: %w", a.Title, err))
		return
	}
	ui.cur, ui.curAnns, ui.selAnn = a, anns, ""
	ui.reader.setArticle(a, body)
	ui.reader.setSpans(anns)
	ui.anns.setArticle(a, anns)
	if i := ui.lib.articleIndex(id); i >= 0 {
		ui.lib.list.Select(i)
	}
	ui.win.Canvas().Focus(ui.reader.view)
}

// clearArticle empties the reader (the article was deleted).
func (ui *UI) clearArticle() {
	ui.cur, ui.curAnns, ui.selAnn = notebook.Article{}, nil, ""
	ui.reader.clear()
	ui.anns.setArticle(notebook.Article{}, nil)
}

// refreshCurrent re-reads the current article's metadata and annotations
// after a change, keeping the scroll position unless the text changed.
func (ui *UI) refreshCurrent() {
	id := ui.cur.ID
	a, err := ui.nb.Article(id)
	if errors.Is(err, notebook.ErrNotFound) {
		ui.clearArticle()
		return
	}
	if err != nil {
		ui.showError(fmt.Errorf("refresh article: %w", err))
		return
	}
	if a.Version != ui.reader.version {
		sel := ui.selAnn
		ui.showArticle(id)
		ui.selAnn = sel
		return
	}
	anns, err := ui.nb.Annotations(id)
	if err != nil {
		ui.showError(fmt.Errorf("refresh annotations: %w", err))
		return
	}
	if a.Title != ui.cur.Title || headerMeta(a) != headerMeta(ui.cur) {
		start, end := ui.reader.view.Selection()
		body, err := ui.nb.Text(id)
		if err == nil {
			ui.reader.setArticle(a, body)
			ui.reader.view.SetSelection(start, end)
		}
	}
	ui.reader.setLink(a.URL)
	ui.cur, ui.curAnns = a, anns
	ui.reader.setSpans(anns)
	ui.anns.setArticle(a, anns)
}

// annotation returns the current article's annotation with this ID.
func (ui *UI) annotation(id string) (notebook.Annotation, bool) {
	for _, a := range ui.curAnns {
		if a.ID == id {
			return a, true
		}
	}
	return notebook.Annotation{}, false
}

// selectAnnotation selects an annotation: its card is marked and the
// reader scrolls to it.
func (ui *UI) selectAnnotation(id string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	ui.selAnn = id
	ui.anns.markSelected(id)
	if a.Status != notebook.Orphaned {
		ui.reader.view.ScrollToOffset(a.Start)
	}
}

// openAt opens an article and scrolls to an offset (search results,
// the global annotation list), selecting the annotation if given.
func (ui *UI) openAt(articleID, annID string, offset int) {
	if ui.cur.ID != articleID {
		ui.showArticle(articleID)
	}
	if ui.cur.ID != articleID {
		return
	}
	if annID != "" {
		if _, ok := ui.annotation(annID); ok {
			ui.selectAnnotation(annID)
			return
		}
	}
	if offset >= 0 {
		ui.reader.view.ScrollToOffset(offset)
	}
}
