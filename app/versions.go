package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/app/articleview"
	"github.com/glossnotes/gloss/notebook"
)

// The version history of an article, as `gloss versions` lists it: every
// earlier text, shown read-only with the highlights as they were on it,
// and what each edit did to the highlights (moved or orphaned), read from
// the annotations' anchor histories.

// versionRow is one line of the version list.
type versionRow struct {
	number  int
	current bool
	saved   time.Time // when it was replaced
	reason  string
}

// editEffect is what one edit did to a highlight.
type editEffect struct {
	ann      notebook.Annotation
	oldQuote string
	outcome  notebook.Status // moved or orphaned by the edit
	manual   bool            // a re-attach by hand, not an edit
}

// versionSpans are the highlights as they were on version n (text is
// that version's text, replaced at time replaced; zero for the current
// one). A highlight moved or orphaned by the edit has its old anchor in
// its history; one the edit left in place has none, and is found by its
// quote in the old text, at the occurrence nearest its place now.
// Highlights made after the version was replaced are not shown on it.
func versionSpans(anns []notebook.Annotation, n, current int, text string, replaced time.Time) []articleview.Span {
	var spans []articleview.Span
	for _, a := range anns {
		if n == current {
			if a.Status != notebook.Orphaned {
				spans = append(spans, articleview.Span{ID: a.ID, Start: a.Start, End: a.End, Color: string(a.Color)})
			}
			continue
		}
		// Saved times have whole seconds: compare at that precision.
		if !replaced.IsZero() && a.Created.Truncate(time.Second).After(replaced) {
			continue
		}
		found := false
		for _, h := range a.History {
			if h.Version == n {
				if h.Status != notebook.Orphaned && h.End > h.Start {
					spans = append(spans, articleview.Span{ID: a.ID, Start: h.Start, End: h.End, Color: string(a.Color)})
				}
				found = true
				break
			}
		}
		if !found && a.Status != notebook.Orphaned && a.Quote != "" {
			if s, ok := nearestQuote(text, a.Quote, a.Start); ok {
				spans = append(spans, articleview.Span{ID: a.ID, Start: s, End: s + utf8.RuneCountInString(a.Quote), Color: string(a.Color)})
			}
		}
	}
	return spans
}

// nearestQuote finds quote in text at the occurrence whose rune offset is
// nearest near.
func nearestQuote(text, quote string, near int) (int, bool) {
	best, found := 0, false
	from, runeBase := 0, 0
	for {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			return best, found
		}
		off := runeBase + utf8.RuneCountInString(text[from:from+i])
		if !found || abs(off-near) < abs(best-near) {
			best, found = off, true
		}
		step := i + len(quote)
		runeBase = off + utf8.RuneCountInString(quote)
		from += step
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editEffects lists what the edit that replaced version n did: every
// highlight whose history has an entry for n, with the state the edit
// left it in (the next entry's, or its current one).
func editEffects(anns []notebook.Annotation, n int) []editEffect {
	var out []editEffect
	for _, a := range anns {
		for i, h := range a.History {
			if h.Version != n {
				continue
			}
			outcome := a.Status
			if i+1 < len(a.History) {
				outcome = a.History[i+1].Status
			}
			if outcome == notebook.Anchored {
				outcome = notebook.Moved
			}
			out = append(out, editEffect{ann: a, oldQuote: h.Quote, outcome: outcome, manual: h.Reason == "manual"})
		}
	}
	return out
}

// effectsText describes editEffects for people.
func effectsText(effects []editEffect, n, current int) string {
	if n == current {
		return "The current text. Pick an earlier version to see it and what its edit did to the highlights."
	}
	if len(effects) == 0 {
		return fmt.Sprintf("Every highlight stayed in place when version %d was replaced.", n)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "When version %d was replaced:", n)
	for _, e := range effects {
		what := "moved"
		switch {
		case e.manual:
			what = "re-attached by hand"
		case e.outcome == notebook.Orphaned:
			what = "orphaned"
		}
		fmt.Fprintf(&b, "\n• %s: “%s”", what, clipRunes(oneLine(e.oldQuote), 80))
		if e.outcome == notebook.Moved && e.ann.Quote != e.oldQuote && !e.manual {
			fmt.Fprintf(&b, " → “%s”", clipRunes(oneLine(e.ann.Quote), 80))
		}
	}
	return b.String()
}

// versionsDialog is the open version history (for tests).
type versionsDialog struct {
	rows    []versionRow
	list    *keyList
	view    *articleview.ArticleView
	effects *widget.Label
	shown   int // the version shown
	dlg     dialog.Dialog
}

// showVersions opens the current article's version history.
func (ui *UI) showVersions() {
	a := ui.cur
	if a.ID == "" {
		return
	}
	ui.background(func(context.Context) func() {
		vs, err := ui.nb.Versions(a.ID)
		if err != nil {
			return func() { ui.showError(fmt.Errorf("versions of %q: %w", a.Title, err)) }
		}
		anns, err := ui.nb.Annotations(a.ID)
		if err != nil {
			return func() { ui.showError(fmt.Errorf("versions of %q: %w", a.Title, err)) }
		}
		return func() { ui.versionsDialog(a, vs, anns) }
	})
}

func (ui *UI) versionsDialog(a notebook.Article, vs []notebook.Version, anns []notebook.Annotation) {
	d := &versionsDialog{shown: -1}
	d.rows = append(d.rows, versionRow{number: a.Version, current: true})
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		d.rows = append(d.rows, versionRow{number: v.Number, saved: v.Saved, reason: v.Reason})
	}
	d.view = articleview.New()
	d.view.SetFontScale(ui.reader.view.FontScale())
	d.effects = widget.NewLabel("")
	d.effects.Wrapping = fyne.TextWrapWord
	show := func(i int) {
		if i < 0 || i >= len(d.rows) {
			return
		}
		n := d.rows[i].number
		replaced := d.rows[i].saved
		d.shown = n
		ui.background(func(context.Context) func() {
			body, err := ui.nb.VersionText(a.ID, n)
			return func() {
				if d.shown != n {
					return
				}
				if err != nil {
					ui.showError(fmt.Errorf("version %d of %q: %w", n, a.Title, err))
					return
				}
				meta := fmt.Sprintf("Version %d of %d (read-only)", n, a.Version)
				d.view.SetDocument(displayTitle(a), meta, body.Text, nil)
				d.view.SetSpans(versionSpans(anns, n, a.Version, body.Text, replaced))
				d.effects.SetText(effectsText(editEffects(anns, n), n, a.Version))
			}
		})
	}
	d.list = newKeyList(ui, func() int { return len(d.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Version 00 — replaced 0000-00-00 00:00 (reimport)")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := d.rows[i]
			text := fmt.Sprintf("Version %d (current)", r.number)
			if !r.current {
				text = fmt.Sprintf("Version %d — replaced %s (%s)", r.number, shortTime(r.saved), r.reason)
			}
			o.(*widget.Label).SetText(text)
		})
	d.list.OnSelected = show
	left := container.NewBorder(widget.NewLabelWithStyle("Versions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, d.list)
	right := container.NewVSplit(d.view, container.NewVScroll(container.NewPadded(d.effects)))
	right.Offset = 0.72
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	d.dlg = dialog.NewCustom("Version history of “"+clipRunes(a.Title, 50)+"”", "Close", split, ui.win)
	d.dlg.Resize(ui.dialogSize(1000, 680))
	ui.versions = d
	ui.modal(d.dlg)
	d.list.Select(0)
	if len(d.rows) > 1 {
		d.list.Select(1)
	}
}

// shortTime shows an RFC 3339 time as "2006-01-02 15:04" in local time.
func shortTime(t time.Time) string {
	return t.Local().Format("2006-01-02 15:04")
}
