package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// tagSources is the summary above the article list while a tag is
// selected in the library: "12 highlights from 5 independent sources" —
// highlights of one passage reused across articles count as one source
// (notebook.ReuseSources) — and a button listing the sources, each with
// its earliest carrier, the article the reused text first appeared in.
type tagSources struct {
	ui      *UI
	label   *widget.Label
	button  *widget.Button
	box     *fyne.Container
	tag     string
	sources []notebook.ReuseSource
	seq     int
	dlg     dialog.Dialog // the open list (for tests)
}

func newTagSources(ui *UI) *tagSources {
	s := &tagSources{ui: ui, label: widget.NewLabel("")}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.label.TextStyle.Bold = true
	s.button = widget.NewButtonWithIcon("Sources…", theme.InfoIcon(), s.showList)
	s.button.Importance = widget.LowImportance
	s.box = container.New(&tightVBox{}, s.label, container.NewHBox(s.button))
	s.box.Hide()
	return s
}

func (s *tagSources) content() fyne.CanvasObject { return s.box }

// load reads the selected tag's sources in the background (hidden when no
// tag is selected).
func (s *tagSources) load() {
	ui := s.ui
	tag := ui.lib.tag
	s.seq++
	seq := s.seq
	if tag == "" {
		s.tag, s.sources = "", nil
		if s.box.Visible() {
			s.box.Hide()
			s.relayout()
		}
		return
	}
	if tag != s.tag {
		s.label.SetText("Counting the sources of " + tag + "…")
		s.button.Disable()
	}
	ui.background(func(context.Context) func() {
		srcs, err := ui.nb.ReuseSources(tag)
		return func() {
			if seq != s.seq || tag != ui.lib.tag {
				return
			}
			if err != nil {
				s.label.SetText(fmt.Sprintf("Sources of %s: %v", tag, err))
				return
			}
			s.show(tag, srcs)
		}
	})
	if !s.box.Visible() {
		s.box.Show()
		s.relayout()
	}
}

// summary is the header's sentence for a tag's sources.
func sourcesSummary(srcs []notebook.ReuseSource) string {
	n := 0
	for _, src := range srcs {
		n += len(src.Annotations)
	}
	if n == 0 {
		return "No highlights under this tag yet."
	}
	return fmt.Sprintf("%s from %s", plural(n, "highlight", "highlights"),
		plural(len(srcs), "independent source", "independent sources"))
}

func (s *tagSources) show(tag string, srcs []notebook.ReuseSource) {
	s.tag, s.sources = tag, srcs
	s.label.SetText(sourcesSummary(srcs))
	s.relayout()
	if len(srcs) > 0 {
		s.button.Enable()
	} else {
		s.button.Disable()
	}
}

// showList lists the sources: each one's earliest carrier (for a reused
// passage, the article it first appeared in), how many highlights and
// articles it stands for; a tap opens the carrier.
func (s *tagSources) showList() {
	ui := s.ui
	if len(s.sources) == 0 {
		return
	}
	rows := container.NewVBox()
	var d dialog.Dialog
	for _, src := range s.sources {
		o := src.Origin
		title := o.Title
		if strings.TrimSpace(title) == "" {
			title = "(untitled)"
		}
		var what string
		if len(src.Passages) > 0 {
			what = fmt.Sprintf("Reused passage, first in this article · %s in %s",
				plural(len(src.Annotations), "highlight", "highlights"), plural(len(src.Articles), "article", "articles"))
		} else {
			what = plural(len(src.Annotations), "highlight", "highlights") + " in this article"
		}
		var where []string
		if o.Outlet != "" {
			where = append(where, o.Outlet)
		}
		if o.Published != "" {
			where = append(where, humanDate(o.Published))
		}
		if len(where) > 0 {
			what = strings.Join(where, ", ") + " · " + what
		}
		id := o.ArticleID
		open := widget.NewButton(clipRunes(oneLine(title), maxMenuTitle), func() {
			ui.closeModal(d)
			ui.navigate(id, jump{})
		})
		open.Alignment = widget.ButtonAlignLeading
		open.Importance = widget.LowImportance
		detail := widget.NewLabel(what)
		detail.Wrapping = fyne.TextWrapWord
		detail.SizeName = theme.SizeNameCaptionText
		rows.Add(container.New(&tightVBox{}, open, detail))
	}
	intro := widget.NewLabel(sourcesSummary(s.sources) + ". Highlights of a passage that several articles carry count once, under the article that published it first.")
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(rows))
	d = dialog.NewCustom("Sources of "+s.tag, "Close", content, ui.win)
	d.Resize(ui.dialogSize(640, 520))
	s.dlg = d
	ui.modal(d)
}

// relayout lays the library's article pane out again (the summary above
// the list appeared or went).
func (s *tagSources) relayout() {
	if a := s.ui.lib.articles; a != nil {
		a.Refresh()
	}
}
