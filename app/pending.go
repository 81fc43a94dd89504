package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// Pending highlights (issue 19): highlights imported from Hypothesis,
// Readwise or a W3C file whose article is not in the notebook yet wait in
// the notebook (Notebook.Pending) and attach themselves when the article
// is imported. The library shows their number under "Pending highlights";
// selecting it opens a dialog listing them by document, each with "Import
// the article…". The count and the open dialog follow the notebook's
// change feed (Change.Pending), so an import that attaches them updates
// both.

// nodePending is the library entry of the pending highlights.
const nodePending = "@pending"

// pendingQuotes is how many quotes of a group the dialog shows.
const pendingQuotes = 3

// pendingList is the state of the pending highlights (Fyne goroutine
// only).
type pendingList struct {
	ui     *UI
	count  int // -1 until read
	groups []notebook.PendingGroup
	// loading and again coalesce reads: one at a time, one more after it
	// when a change came meanwhile.
	loading, again bool
	dlg            dialog.Dialog
	box            *fyne.Container // the open dialog's groups
	// choose asks for the article's file (ui.importFiles; tests replace
	// it).
	choose func()
}

func newPendingList(ui *UI) *pendingList {
	return &pendingList{ui: ui, count: -1, choose: ui.importFiles}
}

// pendingChanged takes a change from the notebook's feed: pending
// highlights were added, attached or discarded.
func (ui *UI) pendingChanged(ch notebook.Change) {
	if ch.Pending {
		ui.loadPending()
	}
}

// loadPending reads the pending highlights in the background and shows
// their number (and the open dialog's list).
func (ui *UI) loadPending() {
	p := ui.pending
	if p.loading {
		p.again = true
		return
	}
	p.loading = true
	ui.background(func(context.Context) func() {
		groups, err := ui.nb.Pending()
		return func() {
			p.loading = false
			if err != nil {
				ui.showError(fmt.Errorf("pending highlights: %w", err))
			} else {
				p.set(groups)
			}
			if p.again {
				p.again = false
				ui.loadPending()
			}
		}
	})
}

// set shows a reading of the pending highlights.
func (p *pendingList) set(groups []notebook.PendingGroup) {
	p.groups = groups
	p.count = 0
	for _, g := range groups {
		p.count += len(g.Annotations)
	}
	p.ui.lib.tree.RefreshItem(nodePending)
	if p.box != nil {
		p.fill()
	}
}

// show opens the Pending highlights dialog.
func (p *pendingList) show() {
	if p.dlg != nil {
		return
	}
	intro := widget.NewLabel("Highlights imported from Hypothesis, Readwise or a W3C file whose article is not in this notebook yet. " +
		"Each group attaches itself, anchored in the text, when its article (the same web address, or else the same title) is imported.")
	intro.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox()
	p.fill()
	body := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(p.box))
	p.dlg = dialog.NewCustom("Pending highlights", "Close", body, p.ui.win)
	p.dlg.Resize(p.ui.dialogSize(760, 560))
	p.ui.modal(p.dlg)
	p.dlg.SetOnClosed(func() { p.dlg, p.box = nil, nil })
	p.ui.loadPending()
}

// fill lays out the groups in the open dialog.
func (p *pendingList) fill() {
	var rows []fyne.CanvasObject
	switch {
	case p.count < 0:
		rows = append(rows, widget.NewLabel("Reading…"))
	case len(p.groups) == 0:
		rows = append(rows, widget.NewLabel("No highlights are waiting for their article."))
	}
	for _, g := range p.groups {
		rows = append(rows, p.groupRow(g), widget.NewSeparator())
	}
	p.box.Objects = rows
	p.box.Refresh()
}

// groupRow is one document's pending highlights: its title and address,
// the first quotes, and the buttons.
func (p *pendingList) groupRow(g notebook.PendingGroup) fyne.CanvasObject {
	title := g.Title
	if title == "" {
		title = "(no title)"
	}
	head := widget.NewLabelWithStyle(clipRunes(oneLine(title), 120), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	where := g.URL
	if where == "" {
		where = "no web address: attaches to an article with this exact title"
	}
	src := widget.NewLabel(clipRunes(where, 160) + " · " + plural(len(g.Annotations), "highlight", "highlights") + pendingSources(g))
	src.Importance = widget.LowImportance
	src.Wrapping = fyne.TextWrapBreak
	rows := []fyne.CanvasObject{head, src}
	for i, a := range g.Annotations {
		if i == pendingQuotes {
			more := widget.NewLabel(fmt.Sprintf("… and %d more", len(g.Annotations)-pendingQuotes))
			more.Importance = widget.LowImportance
			rows = append(rows, more)
			break
		}
		q := "“" + clipRunes(oneLine(a.Quote), 200) + "”"
		if a.Quote == "" {
			q = "(no quote)"
		}
		if n := strings.TrimSpace(a.Note); n != "" {
			q += " — " + clipRunes(oneLine(n), 80)
		}
		l := widget.NewLabel(q)
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, l)
	}
	imp := widget.NewButtonWithIcon("Import the article…", theme.FolderOpenIcon(), func() { p.choose() })
	imp.Importance = widget.HighImportance
	ids := make([]string, len(g.Annotations))
	for i, a := range g.Annotations {
		ids[i] = a.ID
	}
	drop := widget.NewButtonWithIcon("Discard…", theme.DeleteIcon(), func() { p.discard(title, ids) })
	rows = append(rows, container.NewHBox(imp, drop))
	return container.NewVBox(rows...)
}

// pendingSources names where a group's highlights came from (" · from
// hypothesis").
func pendingSources(g notebook.PendingGroup) string {
	var names []string
	for _, a := range g.Annotations {
		if a.Source != "" && !slices.Contains(names, a.Source) {
			names = append(names, a.Source)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " · from " + strings.Join(names, ", ")
}

// discard drops a group's pending highlights for good, after asking.
func (p *pendingList) discard(title string, ids []string) {
	msg := fmt.Sprintf("Discard %s waiting for “%s”? Importing their file again does not bring them back.",
		plural(len(ids), "highlight", "highlights"), clipRunes(oneLine(title), 60))
	p.ui.confirm("Discard pending highlights", msg, func(ok bool) {
		if !ok {
			return
		}
		p.ui.write(func() (func(), error) {
			n, err := p.ui.nb.DeletePending(ids...)
			if err != nil {
				return nil, fmt.Errorf("discard pending highlights: %w", err)
			}
			return func() {
				p.ui.notify.show(fmt.Sprintf("Discarded %s.", plural(n, "pending highlight", "pending highlights")), nil)
			}, nil
		})
	})
}

// showPending opens the Pending highlights dialog (library entry).
func (ui *UI) showPending() { ui.pending.show() }
