package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/internal/outfile"
	"github.com/glossnotes/gloss/internal/readlimit"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// Export scopes offered by the dialog.
const (
	scopeArticle = "This article"
	scopeTag     = "Selected tag"
	scopeSearch  = "Current search"
	scopeAll     = "Everything"
)

// previewArticles and previewBytes bound the live preview.
const (
	previewArticles = 3
	previewBytes    = 6000
)

// exportChoice is what the export dialog's controls say.
type exportChoice struct {
	scope    string
	format   export.Format
	template string // custom template text ("" for the format's layout)
	tmplName string
	citation export.CitationStyle
	context  export.ContextMode
	order    export.Order
	notes    string // "all", "notes", "highlights"
}

// selection turns the choice into a notebook selection and export options,
// as `gloss export` does with its flags.
func (ui *UI) selection(c exportChoice) (notebook.ExportScope, export.Options, error) {
	var sel notebook.ExportScope
	title := "Gloss export"
	switch c.scope {
	case scopeArticle:
		if ui.cur.ID == "" {
			return sel, export.Options{}, errors.New("no article is open")
		}
		sel.ArticleIDs = []string{ui.cur.ID}
	case scopeTag:
		if ui.lib.tag == "" {
			return sel, export.Options{}, errors.New("no tag is selected in the library")
		}
		sel.Tag = ui.lib.tag
		title = "Gloss export: tag " + ui.lib.tag
	case scopeSearch:
		if strings.TrimSpace(ui.lastQuery) == "" {
			return sel, export.Options{}, errors.New("no search yet: search with Ctrl+K first")
		}
		sel.Query = ui.lastQuery
		title = "Gloss export: “" + ui.lastQuery + "”"
	default:
		sel.All = true
	}
	opt := export.Options{Format: c.format, Citation: c.citation, Context: c.context, Order: c.order, Title: title,
		Template: c.template, TemplateName: c.tmplName,
		NotesOnly: c.notes == "notes", HighlightsOnly: c.notes == "highlights"}
	sel.ByCreation = c.order == export.CreatedOrder
	return sel, opt, nil
}

// writeExport writes the export to path atomically and reports what it
// holds.
func (ui *UI) writeExport(path string, sel notebook.ExportScope, opt export.Options) (export.Stats, error) {
	var st export.Stats
	err := outfile.Write(ui.nb, path, func(w io.Writer) error {
		var err error
		st, err = export.Write(w, ui.nb.Excerpts(sel), opt)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("export: %w", err)
	}
	return st, nil
}

// firstItems passes on the first k items of a stream.
func firstItems(items iter.Seq2[export.Item, error], k int) iter.Seq2[export.Item, error] {
	return func(yield func(export.Item, error) bool) {
		i := 0
		for it, err := range items {
			if i >= k || !yield(it, err) {
				return
			}
			i++
		}
	}
}

// errPreviewFull stops a preview once it has enough text.
var errPreviewFull = errors.New("preview full")

// capWriter keeps the first limit bytes and then refuses more.
type capWriter struct {
	buf   bytes.Buffer
	limit int
}

func (w *capWriter) Write(p []byte) (int, error) {
	room := w.limit - w.buf.Len()
	if room <= 0 {
		return 0, errPreviewFull
	}
	if len(p) > room {
		w.buf.Write(p[:room])
		return room, errPreviewFull
	}
	return w.buf.Write(p)
}

// preview renders the first excerpts of an export.
func (ui *UI) preview(sel notebook.ExportScope, opt export.Options) (string, error) {
	w := &capWriter{limit: previewBytes}
	_, err := export.Write(w, firstItems(ui.nb.Excerpts(sel), previewArticles), opt)
	if err != nil && !errors.Is(err, errPreviewFull) {
		return "", err
	}
	s := w.buf.String()
	if errors.Is(err, errPreviewFull) {
		s += "\n…"
	}
	return s, nil
}

// exportDialog is the Export dialog: scope, format, template, options, a
// live preview of the first excerpts, then a save dialog.
type exportDialog struct {
	ui       *UI
	choice   exportChoice
	preview  *widget.Entry
	status   *widget.Label
	dlg      dialog.Dialog
	seq      int
	lastPath string
}

var formatLabels = map[string]export.Format{
	"Markdown (.md)": export.Markdown, "HTML (.html)": export.HTML, "CSV (.csv)": export.CSV,
	"W3C JSON-LD (.json)": export.JSON, "Plain text (.txt)": export.Text,
}
var formatOrder = []string{"Markdown (.md)", "HTML (.html)", "CSV (.csv)", "W3C JSON-LD (.json)", "Plain text (.txt)"}

// showExport opens the export dialog.
func (ui *UI) showExport() *exportDialog {
	d := &exportDialog{ui: ui, choice: exportChoice{scope: scopeArticle, format: export.Markdown,
		citation: export.DefaultCitation, context: export.NoContext, order: export.DocumentOrder, notes: "all"}}
	if ui.cur.ID == "" {
		d.choice.scope = scopeAll
	}
	scopes := widget.NewRadioGroup([]string{scopeArticle, scopeTag, scopeSearch, scopeAll}, func(s string) {
		d.choice.scope = s
		d.refresh()
	})
	scopes.SetSelected(d.choice.scope)
	scopes.Required = true
	formats := widget.NewSelect(formatOrder, func(s string) { d.choice.format = formatLabels[s]; d.refresh() })
	formats.SetSelectedIndex(0)
	tmplLabel := widget.NewLabel("Built-in layout")
	tmplBtn := widget.NewButtonWithIcon("Template file…", theme.FolderOpenIcon(), nil)
	tmplClear := widget.NewButtonWithIcon("", theme.CancelIcon(), nil)
	tmplClear.OnTapped = func() {
		d.choice.template, d.choice.tmplName = "", ""
		tmplLabel.SetText("Built-in layout")
		d.refresh()
	}
	tmplBtn.OnTapped = func() {
		ui.askOpenPath(nil, func(path string) {
			src, err := readlimit.File(path, nil, export.MaxTemplateBytes, "template")
			if err != nil {
				ui.showError(err)
				return
			}
			d.choice.template, d.choice.tmplName = string(src), filepath.Base(path)
			tmplLabel.SetText(d.choice.tmplName)
			d.refresh()
		})
	}
	citations := widget.NewSelect([]string{"default", "chicago", "apa"}, func(s string) {
		d.choice.citation, _ = export.ParseCitationStyle(s)
		d.refresh()
	})
	citations.SetSelected("default")
	contexts := widget.NewSelect([]string{"none", "sentence", "paragraph"}, func(s string) {
		d.choice.context, _ = export.ParseContext(s)
		d.refresh()
	})
	contexts.SetSelected("none")
	order := widget.NewSelect([]string{"document", "created"}, func(s string) {
		d.choice.order, _ = export.ParseOrder(s)
		d.refresh()
	})
	order.SetSelected("document")
	which := widget.NewSelect([]string{"all annotations", "only with notes", "only without notes"}, func(s string) {
		d.choice.notes = map[string]string{"only with notes": "notes", "only without notes": "highlights"}[s]
		if d.choice.notes == "" {
			d.choice.notes = "all"
		}
		d.refresh()
	})
	which.SetSelected("all annotations")
	form := widget.NewForm(
		widget.NewFormItem("Scope", scopes),
		widget.NewFormItem("Format", formats),
		widget.NewFormItem("Template", container.NewBorder(nil, nil, nil, container.NewHBox(tmplBtn, tmplClear), tmplLabel)),
		widget.NewFormItem("Citation", citations),
		widget.NewFormItem("Context", contexts),
		widget.NewFormItem("Order", order),
		widget.NewFormItem("Include", which),
	)
	d.preview = widget.NewMultiLineEntry()
	d.preview.TextStyle = fyne.TextStyle{Monospace: true}
	d.preview.Wrapping = fyne.TextWrapWord
	d.status = widget.NewLabel("")
	d.status.Importance = widget.LowImportance
	d.status.Wrapping = fyne.TextWrapWord
	previewBox := container.NewBorder(widget.NewLabelWithStyle("Preview", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.status, nil, nil, d.preview)
	split := container.NewHSplit(container.NewVScroll(form), previewBox)
	split.Offset = 0.42
	d.dlg = dialog.NewCustomConfirm("Export", "Export…", "Cancel", split, func(ok bool) {
		if ok {
			d.askPath()
		}
	}, ui.win)
	cs := ui.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(980, cs.Width-40), min(620, cs.Height-40)))
	d.dlg.Show()
	d.refresh()
	ui.exporter = d
	return d
}

// refresh recomputes the preview in the background.
func (d *exportDialog) refresh() {
	if d.preview == nil {
		return
	}
	d.seq++
	seq := d.seq
	sel, opt, err := d.ui.selection(d.choice)
	if err != nil {
		d.preview.SetText("")
		d.status.SetText(err.Error())
		return
	}
	d.status.SetText("Rendering preview…")
	d.ui.background(func() func() {
		text, err := d.ui.preview(sel, opt)
		return func() {
			if seq != d.seq {
				return
			}
			if err != nil {
				d.preview.SetText("")
				d.status.SetText(err.Error())
				return
			}
			if strings.TrimSpace(text) == "" {
				d.status.SetText("Nothing to export in this scope.")
			} else {
				d.status.SetText(fmt.Sprintf("The first %d articles of the export.", previewArticles))
			}
			d.preview.SetText(text)
		}
	})
}

// askPath shows the save dialog, then writes the export.
func (d *exportDialog) askPath() {
	name := "gloss-export." + string(d.choice.format)
	if d.choice.template != "" {
		name = "gloss-export.txt"
	}
	d.ui.askSavePath(name, d.save)
}

// save writes the export to path in the background.
func (d *exportDialog) save(path string) {
	sel, opt, err := d.ui.selection(d.choice)
	if err != nil {
		d.ui.showError(err)
		return
	}
	d.ui.notify.showProgress("Exporting…", 0)
	d.ui.background(func() func() {
		st, err := d.ui.writeExport(path, sel, opt)
		return func() {
			if err != nil {
				d.ui.notify.show("Export failed.", nil)
				d.ui.showError(err)
				return
			}
			d.lastPath = path
			d.ui.notify.show(exportedMessage(st, path), nil)
		}
	})
}

// exportedMessage says what an export wrote: "Exported 3 annotations from
// 2 articles to PATH." (references formats write articles only).
func exportedMessage(st export.Stats, path string) string {
	if st.Annotations == 0 && st.Articles > 0 {
		return fmt.Sprintf("Exported %s to %s.", plural(st.Articles, "reference", "references"), path)
	}
	return fmt.Sprintf("Exported %s from %s to %s.", plural(st.Annotations, "annotation", "annotations"),
		plural(st.Articles, "article", "articles"), path)
}

// plural renders a count with the singular or plural noun: "1 article",
// "2 articles", "0 articles".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// copyCitation copies an annotation's quote with its citation (the text
// format's excerpt block, from package export).
func (ui *UI) copyCitation(id string) {
	a, ok := ui.annotation(id)
	if !ok {
		return
	}
	text, err := ui.citationText(a)
	if err != nil {
		ui.showError(err)
		return
	}
	ui.app.Clipboard().SetContent(text)
	ui.notify.show("Copied the excerpt with its citation.", nil)
}

// citationTemplate renders one excerpt as “quote” (citation) and its note.
const citationTemplate = `{{range .Articles}}{{range .Excerpts}}“{{.Quote}}”
— {{.Citation}}{{if .Note}}

{{.Note}}{{end}}{{end}}{{end}}`

// citationText renders one annotation with its citation.
func (ui *UI) citationText(a notebook.Annotation) (string, error) {
	items := ui.nb.Excerpts(notebook.ExportScope{ArticleIDs: []string{a.ArticleID}})
	only := func(yield func(export.Item, error) bool) {
		for it, err := range items {
			if err == nil {
				kept := it.Annotations[:0:0]
				for _, x := range it.Annotations {
					if x.ID == a.ID {
						kept = append(kept, x)
					}
				}
				it.Annotations = kept
			}
			if !yield(it, err) {
				return
			}
		}
	}
	var b bytes.Buffer
	if _, err := export.Write(&b, only, export.Options{Template: citationTemplate, TemplateName: "citation"}); err != nil {
		return "", fmt.Errorf("copy with citation: %w", err)
	}
	return strings.TrimSpace(b.String()), nil
}

// copyCitationShortcut copies the selected annotation (Ctrl+Shift+C).
func (ui *UI) copyCitationShortcut() {
	if ui.selAnn == "" {
		ui.notify.show("Click a highlight first, then copy it with its citation.", nil)
		return
	}
	ui.copyCitation(ui.selAnn)
}
