package app

import (
	"context"
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

// reader is the middle pane: a header row (the article's link and
// buttons, replaced by the action bar while text is selected, or by the
// re-attach banner) over the ArticleView.
type reader struct {
	ui      *UI
	root    *fyne.Container // header over the view
	view    *articleview.ArticleView
	link    *widget.Hyperlink
	info    *fyne.Container
	bar     *actionBar
	attach  *attachBanner
	editBtn *tipButton
	textBtn *tipButton
	histBtn *tipButton
	version int // text version shown
	// pending are highlights drawn before their commit finished.
	pending []articleview.Span
}

func newReader(ui *UI) *reader {
	r := &reader{ui: ui, view: articleview.New()}
	r.view.SetFontScale(float32(ui.prefs.FloatWithFallback(prefFontScale, 1)))
	r.link = widget.NewHyperlink("", nil)
	r.link.Truncation = fyne.TextTruncateEllipsis
	r.editBtn = newTipButton(ui, theme.DocumentCreateIcon(), "Edit metadata (title, byline, date…)", ui.editMetadata)
	r.textBtn = newTipButton(ui, theme.ContentPasteIcon(), "Edit the text (highlights are re-attached)", ui.editText)
	r.histBtn = newTipButton(ui, theme.HistoryIcon(), "Version history", ui.showVersions)
	buttons := container.NewHBox(r.editBtn, r.textBtn, r.histBtn)
	r.info = container.NewBorder(nil, nil, nil, buttons, r.link)
	r.bar = newActionBar(ui)
	r.attach = newAttachBanner(ui)
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
	header := container.NewStack(r.info, r.bar.content(), r.attach.content())
	r.root = borderTop(container.NewPadded(header), r.view)
	return r.root
}

// clear shows the empty state.
func (r *reader) clear() {
	r.view.SetDocument("No article open",
		"Import articles with File → Import… (Ctrl+I), drop files on this window, or paste text with Ctrl+Shift+V.",
		"", nil)
	r.pending = nil
	r.view.SetSpans(nil)
	r.link.SetText("")
	r.editBtn.Disable()
	r.textBtn.Disable()
	r.histBtn.Disable()
	r.attach.cancel()
	r.showHeader()
}

func (r *reader) selectionChanged(start, end int) {
	if start < end && r.ui.cur.ID != "" && r.ui.selAnn != "" && !r.attach.active() {
		// Selecting text ends the selection of a highlight: the keys now
		// act on the text.
		r.ui.selectAnnotation("")
	}
	r.showHeader()
}

// showHeader shows the header row that fits the state: the re-attach
// banner, the action bar while text is selected, else the article's link.
func (r *reader) showHeader() {
	start, end := r.view.Selection()
	switch {
	case r.attach.active():
		r.info.Hide()
		r.bar.hide()
		r.attach.show(start < end)
		if r.root != nil {
			r.root.Refresh() // the banner is taller than the other headers
		}
	case start < end && r.ui.cur.ID != "":
		r.attach.hide()
		r.info.Hide()
		r.bar.show()
	default:
		wasAttaching := r.attach.box.Visible()
		r.attach.hide()
		r.bar.hide()
		r.info.Show()
		if wasAttaching && r.root != nil {
			r.root.Refresh()
		}
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
	r.histBtn.Enable()
	r.showHeader()
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
// place in the text and are only listed), with the pending ones.
func (r *reader) setSpans(anns []notebook.Annotation) {
	spans := make([]articleview.Span, 0, len(anns)+len(r.pending))
	for _, a := range anns {
		if a.Status == notebook.Orphaned {
			continue
		}
		spans = append(spans, articleview.Span{ID: a.ID, Start: a.Start, End: a.End, Color: string(a.Color),
			HasNote: strings.TrimSpace(a.Note) != ""})
	}
	spans = append(spans, r.pending...)
	r.view.SetSpans(spans)
	r.view.SetActiveSpan(r.ui.selAnn)
}

// jump says where an opened article is shown.
type jump struct {
	annID     string // select this annotation and show its passage
	show      bool   // show and flash the range [at, end)
	at, end   int
	restore   bool // put offset top at the top of the view (Back, Forward)
	top       int
	keepFocus bool // leave the keyboard focus where it is
}

// navigate opens an article at a place as a jump the user can go Back
// from (palette, cards, lists, links).
func (ui *UI) navigate(id string, j jump) {
	ui.nav.record()
	ui.openArticle(id, j)
}

// openArticle shows an article (read in the background when it is not the
// current one) and then the place j names.
func (ui *UI) openArticle(id string, j jump) {
	ui.openSeq++
	seq := ui.openSeq
	if id == ui.cur.ID && id != "" {
		ui.applyJump(j)
		return
	}
	ui.background(func(context.Context) func() {
		a, body, anns, err := readArticle(ui.nb, id)
		return func() {
			if seq != ui.openSeq {
				return // another article was asked for since
			}
			if err != nil {
				if errors.Is(err, notebook.ErrNotFound) {
					ui.lib.syncSelection()
					return
				}
				ui.showError(err)
				return
			}
			ui.selAnn = ""
			ui.reader.pending = nil
			ui.reader.attach.cancel()
			ui.reader.setArticle(a, body)
			ui.cur, ui.curAnns = a, anns
			ui.reader.setSpans(anns)
			ui.anns.setArticle(a, anns)
			ui.lib.syncSelection()
			ui.applyJump(j)
		}
	})
}

// readArticle reads what the reader shows of an article.
func readArticle(nb *notebook.Notebook, id string) (notebook.Article, notebook.Body, []notebook.Annotation, error) {
	s, err := nb.Article(id)
	a := s.Article
	if err != nil {
		return a, notebook.Body{}, nil, fmt.Errorf("open article: %w", err)
	}
	body, err := nb.Text(id)
	if err != nil {
		return a, body, nil, fmt.Errorf("open %q: %w", a.Title, err)
	}
	anns, err := nb.Annotations(id)
	if err != nil {
		return a, body, nil, fmt.Errorf("annotations of %q: %w", a.Title, err)
	}
	return a, body, anns, nil
}

// applyJump shows the place a jump names in the current article.
func (ui *UI) applyJump(j jump) {
	switch {
	case j.restore:
		ui.selectAnnotation(j.annID)
		ui.reader.view.ScrollToTopOffset(j.top)
	case j.annID != "":
		if a, ok := ui.annotation(j.annID); ok {
			ui.selectAnnotation(a.ID)
			ui.anns.revealCard(a.ID)
			if a.Status != notebook.Orphaned {
				ui.reader.view.RevealRange(a.Start, a.End)
			}
		}
	case j.show:
		ui.reader.view.RevealRange(j.at, j.end)
	}
	if !j.keepFocus {
		ui.focusReader()
	}
}

// showCurrent shows a new state of the current article after a commit,
// keeping the reading position and the selections.
func (ui *UI) showCurrent(a notebook.Article, body *notebook.Body, anns []notebook.Annotation) {
	v := ui.reader.view
	if body != nil {
		top := v.TopOffset()
		start, end := v.Selection()
		ui.reader.setArticle(a, *body)
		v.ScrollToTopOffset(min(top, len([]rune(body.Text))))
		v.SetSelection(start, end)
	} else if a.Title != ui.cur.Title || headerMeta(a) != headerMeta(ui.cur) {
		v.SetHeader(displayTitle(a), headerMeta(a))
	}
	ui.reader.setLink(a.URL)
	if _, ok := findAnn(anns, ui.selAnn); !ok {
		ui.selAnn = ""
	}
	ui.cur, ui.curAnns = a, anns
	// Highlights drawn before their commit are now real (or failed).
	ui.reader.pending = nil
	ui.reader.setSpans(anns)
	ui.anns.setArticle(a, anns)
}

// displayTitle is an article's title as the reader shows it.
func displayTitle(a notebook.Article) string {
	if a.Title == "" {
		return "(untitled)"
	}
	return a.Title
}

// clearArticle empties the reader (the article was deleted).
func (ui *UI) clearArticle() {
	ui.cur, ui.curAnns, ui.selAnn = notebook.Article{}, nil, ""
	ui.reader.clear()
	ui.anns.setArticle(notebook.Article{}, nil)
	ui.lib.syncSelection()
}

// annotation returns the current article's annotation with this ID.
func (ui *UI) annotation(id string) (notebook.Annotation, bool) {
	return findAnn(ui.curAnns, id)
}

// selectAnnotation selects an annotation ("" for none): its card and its
// passage are marked. It never scrolls the reader: the user is looking at
// the text they clicked (jumps from elsewhere go through applyJump).
func (ui *UI) selectAnnotation(id string) {
	if _, ok := ui.annotation(id); !ok {
		id = ""
	}
	ui.selAnn = id
	ui.anns.markSelected(id)
	ui.reader.view.SetActiveSpan(id)
}
