package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"github.com/glossnotes/gloss/internal/readlimit"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/exportfile"
)

// Export scopes offered by the dialog.
const (
	scopeArticle = "This article"
	scopeTag     = "Tag"
	scopeSearch  = "Search"
	scopeAll     = "Everything"
)

// previewArticles and previewBytes bound the live preview.
const (
	previewArticles = 3
	previewBytes    = 6000
)

// Preference keys of the export dialog: the last choices are remembered.
const (
	prefExportScope    = "export.scope"
	prefExportTag      = "export.tag"
	prefExportQuery    = "export.query"
	prefExportFormat   = "export.format"
	prefExportTemplate = "export.template" // a template file's path
	prefExportCitation = "export.citation"
	prefExportContext  = "export.context"
	prefExportOrder    = "export.order"
	prefExportNotes    = "export.notes"
	prefExportCiteKeys = "export.citekeys" // the Markdown draft for pandoc
)

// exportChoice is what the export dialog's controls say.
type exportChoice struct {
	scope    string
	tag      string // for scopeTag
	query    string // for scopeSearch
	format   export.Format
	template string // custom template text ("" for the format's layout)
	tmplName string
	tmplPath string
	citation export.CitationStyle
	context  export.ContextMode
	order    export.Order
	notes    string // "all", "notes", "highlights"
	// citeKeys asks for a draft for pandoc (Markdown only): citation keys
	// after each excerpt and a CSL-JSON bibliography beside the file.
	citeKeys bool
}

// pandocDraft reports whether the choice writes a draft for pandoc.
func (c exportChoice) pandocDraft() bool { return c.citeKeys && c.format == export.Markdown }

// references reports whether the choice writes a list of references
// (whole articles, no excerpts): the per-highlight options do not apply.
func (c exportChoice) references() bool { return c.template == "" && c.format.IsReferences() }

// selection turns the choice into a notebook scope and export options,
// as `gloss export` does with its flags. Reference formats (CSL-JSON,
// BibLaTeX, RIS) keep every article in scope.
func (ui *UI) selection(c exportChoice) (notebook.ExportScope, export.Options, error) {
	var sel notebook.ExportScope
	title := "Gloss export"
	switch c.scope {
	case scopeArticle:
		if ui.cur.ID == "" {
			return sel, export.Options{}, errors.New("no article is open: choose another scope")
		}
		sel.ArticleIDs = []string{ui.cur.ID}
	case scopeTag:
		if strings.TrimSpace(c.tag) == "" {
			return sel, export.Options{}, errors.New("choose the tag to export")
		}
		sel.Tag = c.tag
		title = "Gloss export: tag " + c.tag
	case scopeSearch:
		q := strings.TrimSpace(c.query)
		if q == "" {
			return sel, export.Options{}, errors.New("type the search whose results to export")
		}
		if err := notebook.ParseQuery(q); err != nil {
			return sel, export.Options{}, err
		}
		sel.Query = q
		title = "Gloss export: “" + q + "”"
	default:
		sel.All = true
	}
	opt := export.Options{Format: c.format, Citation: c.citation, Context: c.context, Order: c.order, Title: title,
		Template: c.template, TemplateName: c.tmplName,
		NotesOnly: c.notes == "notes", HighlightsOnly: c.notes == "highlights", CiteKeys: c.pandocDraft()}
	sel.ByCreation = c.order == export.CreatedOrder
	return sel, opt, nil
}

// formatExt is the file extension of a format.
func formatExt(f export.Format) string {
	switch f {
	case export.CSL:
		return ".json"
	case export.BibTeX:
		return ".bib"
	}
	return "." + string(f)
}

// exportFileName is the file name the save dialog suggests: what is
// exported and when ("russia-africa-ties-2026-11-30.md"), or the article's
// title ("<title>.html").
func (ui *UI) exportFileName(c exportChoice) string {
	ext := formatExt(c.format)
	if c.template != "" {
		// "notes.md.tmpl" makes .md files; other templates .txt.
		ext = filepath.Ext(strings.TrimSuffix(c.tmplName, ".tmpl"))
		if ext == "" || len(ext) > 6 {
			ext = ".txt"
		}
	}
	date := ui.now().Format("2006-01-02")
	switch c.scope {
	case scopeArticle:
		if t := fileTitle(ui.cur.Title); t != "" {
			return t + ext
		}
	case scopeTag:
		if s := slug(c.tag); s != "" {
			return s + "-" + date + ext
		}
	case scopeSearch:
		if s := slug(c.query); s != "" {
			return "search-" + s + "-" + date + ext
		}
	}
	return "gloss-export-" + date + ext
}

// slug is a file-name form of a tag or query: lower case, no accents,
// words joined by hyphens ("Russia–Africa ties" → "russia-africa-ties").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(strings.ToLower(string(r)))
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}

// fileTitle is an article title made safe as a file name.
func fileTitle(title string) string {
	var b strings.Builder
	for _, r := range title {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	t = strings.TrimLeft(t, ".")
	return clipRunesPlain(t, 100)
}

// clipRunesPlain cuts s to n runes (no ellipsis).
func clipRunesPlain(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n]))
}

// writeExport writes the export to path (see exportfile.Write) and reports
// what it holds, and the bibliography written beside a draft for pandoc.
// Cancelling ctx (the window switches notebooks or closes) stops it and
// leaves no file.
func (ui *UI) writeExport(ctx context.Context, path string, sel notebook.ExportScope, opt export.Options) (exportfile.Result, error) {
	return exportfile.Write(ctx, ui.nb, path, sel, opt)
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
	_, err := export.Write(w, firstItems(ui.nb.Excerpts(opt.Scope(sel)), previewArticles), opt)
	if err != nil && !errors.Is(err, errPreviewFull) {
		return "", err
	}
	s := w.buf.String()
	if errors.Is(err, errPreviewFull) {
		s += "\n…"
	}
	return s, nil
}

// stripFrontMatter drops a leading YAML front matter block (--- … ---)
// from Markdown, for the rendered preview.
func stripFrontMatter(md string) string {
	if !strings.HasPrefix(md, "---\n") {
		return md
	}
	if i := strings.Index(md[4:], "\n---"); i >= 0 {
		rest := md[4+i+4:]
		return strings.TrimLeft(rest, "\n")
	}
	return md
}

// exportDialog is the Export dialog: scope (with its tag or search), format,
// template, options, a live preview of the first excerpts (rendered and
// as source for Markdown), then a save dialog with a name that says what
// is exported. The last choices are remembered.
type exportDialog struct {
	ui       *UI
	choice   exportChoice
	scopes   *widget.RadioGroup
	tagSel   *widget.Select
	query    *shortcutEntry
	formats  *widget.Select
	citeKeys *widget.Check
	// The per-highlight options, disabled for reference formats.
	citations, contexts, order, which *widget.Select
	// refsNote says what a reference format exports.
	refsNote *widget.Label
	preview  *widget.Entry
	rendered *mdView
	tabs     *container.AppTabs
	status   *widget.Label
	dlg      dialog.Dialog
	seq      int
	lastPath string
}

var formatLabels = map[string]export.Format{
	"Markdown (.md)": export.Markdown, "HTML (.html)": export.HTML, "CSV (.csv)": export.CSV,
	"W3C JSON-LD (.json)": export.JSON, "Plain text (.txt)": export.Text,
	"CSL-JSON references (.json)": export.CSL, "BibLaTeX references (.bib)": export.BibTeX, "RIS references (.ris)": export.RIS,
}
var formatOrder = []string{"Markdown (.md)", "HTML (.html)", "CSV (.csv)", "W3C JSON-LD (.json)", "Plain text (.txt)",
	"CSL-JSON references (.json)", "BibLaTeX references (.bib)", "RIS references (.ris)"}

// formatLabel is the dialog's label of a format.
func formatLabel(f export.Format) string {
	for _, l := range formatOrder {
		if formatLabels[l] == f {
			return l
		}
	}
	return formatOrder[0]
}

// rememberedChoice is the export dialog's last state.
func (ui *UI) rememberedChoice() exportChoice {
	p := ui.prefs
	c := exportChoice{scope: p.StringWithFallback(prefExportScope, scopeArticle), tag: p.String(prefExportTag),
		query: p.String(prefExportQuery), format: export.Markdown, citation: export.DefaultCitation,
		context: export.NoContext, order: export.DocumentOrder, notes: p.StringWithFallback(prefExportNotes, "all")}
	if f, err := export.ParseFormat(p.String(prefExportFormat)); err == nil {
		c.format = f
	}
	if s, err := export.ParseCitationStyle(p.String(prefExportCitation)); err == nil && s != "" {
		c.citation = s
	}
	if m, err := export.ParseContext(p.String(prefExportContext)); err == nil {
		c.context = m
	}
	if o, err := export.ParseOrder(p.String(prefExportOrder)); err == nil {
		c.order = o
	}
	c.tmplPath = p.String(prefExportTemplate)
	c.citeKeys = p.Bool(prefExportCiteKeys)
	return c
}

// remember stores the dialog's choices for next time.
func (d *exportDialog) remember() {
	p, c := d.ui.prefs, d.choice
	p.SetString(prefExportScope, c.scope)
	p.SetString(prefExportTag, c.tag)
	p.SetString(prefExportQuery, c.query)
	p.SetString(prefExportFormat, string(c.format))
	p.SetString(prefExportTemplate, c.tmplPath)
	p.SetString(prefExportCitation, string(c.citation))
	p.SetString(prefExportContext, string(c.context))
	p.SetString(prefExportOrder, string(c.order))
	p.SetString(prefExportNotes, c.notes)
	p.SetBool(prefExportCiteKeys, c.citeKeys)
}

// showExportTag opens the export dialog on a tag.
func (ui *UI) showExportTag(tag string) *exportDialog {
	d := ui.showExport()
	d.choice.tag = tag
	d.tagSel.SetSelected(tag)
	d.scopes.SetSelected(scopeTag)
	return d
}

// showExport opens the export dialog with the last choices.
func (ui *UI) showExport() *exportDialog {
	d := &exportDialog{ui: ui, choice: ui.rememberedChoice()}
	if ui.lib.tag != "" {
		d.choice.tag = ui.lib.tag
	}
	if q := strings.TrimSpace(ui.lastQuery); q != "" {
		d.choice.query = q
	}
	if d.choice.scope == scopeArticle && ui.cur.ID == "" {
		d.choice.scope = scopeAll
	}
	ready := false
	changed := func() {
		if ready {
			d.remember()
			d.refresh()
		}
	}
	d.tagSel = widget.NewSelect(ui.tagNames(), func(s string) {
		d.choice.tag = s
		if d.choice.scope != scopeTag {
			d.scopes.SetSelected(scopeTag)
		}
		changed()
	})
	d.tagSel.PlaceHolder = "Choose a tag"
	if d.choice.tag != "" {
		d.tagSel.SetSelected(d.choice.tag)
	}
	d.query = newShortcutEntry(ui)
	d.query.SetPlaceHolder("Search, as in Ctrl+K")
	d.query.SetText(d.choice.query)
	d.query.OnChanged = func(s string) {
		d.choice.query = s
		if d.choice.scope != scopeSearch && s != "" {
			d.scopes.SetSelected(scopeSearch)
		}
		changed()
	}
	d.scopes = widget.NewRadioGroup([]string{scopeArticle, scopeTag, scopeSearch, scopeAll}, func(s string) {
		if s == "" {
			return
		}
		d.choice.scope = s
		changed()
	})
	d.scopes.Required = true
	d.scopes.SetSelected(d.choice.scope)
	d.formats = widget.NewSelect(formatOrder, func(s string) {
		d.choice.format = formatLabels[s]
		d.showTabs()
		d.enableOptions()
		changed()
	})
	d.citeKeys = widget.NewCheck("Draft for pandoc (citation keys)", func(on bool) {
		d.choice.citeKeys = on
		d.enableOptions()
		changed()
	})
	d.citeKeys.SetChecked(d.choice.citeKeys)
	d.refsNote = widget.NewLabel("References list whole articles: every article in the scope, highlighted or not, once each. The options for highlights do not apply.")
	d.refsNote.Wrapping = fyne.TextWrapWord
	d.refsNote.Importance = widget.LowImportance
	d.formats.SetSelected(formatLabel(d.choice.format))
	tmplLabel := widget.NewLabel("Built-in layout")
	tmplLabel.Truncation = fyne.TextTruncateEllipsis
	tmplBtn := widget.NewButtonWithIcon("Template…", theme.FolderOpenIcon(), nil)
	tmplClear := newTipButton(ui, theme.CancelIcon(), "Use the built-in layout", nil)
	setTemplate := func(path, src string) {
		d.choice.tmplPath, d.choice.template, d.choice.tmplName = path, src, filepath.Base(path)
		if path == "" {
			d.choice.tmplName = ""
			tmplLabel.SetText("Built-in layout")
		} else {
			tmplLabel.SetText(d.choice.tmplName)
		}
	}
	tmplClear.OnTapped = func() { setTemplate("", ""); d.enableOptions(); changed() }
	loadTemplate := func(path string) error {
		src, err := readlimit.File(path, nil, export.MaxTemplateBytes, "template")
		if err != nil {
			return err
		}
		setTemplate(path, string(src))
		return nil
	}
	tmplBtn.OnTapped = func() {
		ui.askOpenPath(nil, func(path string) {
			if err := loadTemplate(path); err != nil {
				ui.showError(err)
				return
			}
			d.enableOptions()
			changed()
		})
	}
	if d.choice.tmplPath != "" {
		if err := loadTemplate(d.choice.tmplPath); err != nil {
			setTemplate("", "") // the remembered template is gone
		}
	}
	d.citations = widget.NewSelect([]string{"default", "chicago", "apa"}, func(s string) {
		d.choice.citation, _ = export.ParseCitationStyle(s)
		changed()
	})
	d.citations.SetSelected(string(d.choice.citation))
	if d.citations.Selected == "" {
		d.citations.SetSelected("default")
	}
	d.contexts = widget.NewSelect([]string{"none", "sentence", "paragraph"}, func(s string) {
		d.choice.context, _ = export.ParseContext(s)
		changed()
	})
	d.contexts.SetSelected(string(d.choice.context))
	d.order = widget.NewSelect([]string{"document", "created"}, func(s string) {
		d.choice.order, _ = export.ParseOrder(s)
		changed()
	})
	d.order.SetSelected(string(d.choice.order))
	notesLabels := map[string]string{"all": "all annotations", "notes": "only with notes", "highlights": "only without notes"}
	d.which = widget.NewSelect([]string{"all annotations", "only with notes", "only without notes"}, func(s string) {
		for k, v := range notesLabels {
			if v == s {
				d.choice.notes = k
			}
		}
		changed()
	})
	d.which.SetSelected(notesLabels[d.choice.notes])
	d.enableOptions()
	form := widget.NewForm(
		widget.NewFormItem("Scope", d.scopes),
		widget.NewFormItem("Tag", d.tagSel),
		widget.NewFormItem("Search", d.query),
		widget.NewFormItem("Format", container.NewVBox(d.formats, d.citeKeys, d.refsNote)),
		widget.NewFormItem("Template", container.NewBorder(nil, nil, nil, container.NewHBox(tmplBtn, tmplClear), tmplLabel)),
		widget.NewFormItem("Citation", d.citations),
		widget.NewFormItem("Context", d.contexts),
		widget.NewFormItem("Order", d.order),
		widget.NewFormItem("Include", d.which),
	)
	d.preview = widget.NewMultiLineEntry()
	d.preview.TextStyle = fyne.TextStyle{Monospace: true}
	d.preview.Wrapping = fyne.TextWrapWord
	d.rendered = newMDView("")
	d.status = widget.NewLabel("")
	d.status.Importance = widget.LowImportance
	d.status.Wrapping = fyne.TextWrapWord
	d.tabs = container.NewAppTabs(
		container.NewTabItem("Rendered", container.NewVScroll(d.rendered)),
		container.NewTabItem("Source", d.preview))
	d.showTabs()
	previewBox := container.NewBorder(widget.NewLabelWithStyle("Preview", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.status, nil, nil, d.tabs)
	// Form and preview side by side with a plain separator: a split's
	// drag handle read as a stray "|" in the middle of the dialog.
	formBox := container.NewVScroll(form)
	formBox.SetMinSize(fyne.NewSize(max(form.MinSize().Width+theme.Padding()*2, 360), 0))
	body := container.NewBorder(nil, nil, container.NewHBox(formBox, widget.NewSeparator()), nil, previewBox)
	d.dlg = dialog.NewCustomConfirm("Export", "Export…", "Cancel", body, func(ok bool) {
		if ok {
			d.askPath()
		}
	}, ui.win)
	d.dlg.SetOnClosed(func() { ui.exporter = nil })
	cs := ui.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(1000, cs.Width-20), min(640, cs.Height-20)))
	ui.exporter = d
	ui.modal(d.dlg)
	ready = true
	d.remember()
	d.refresh()
	return d
}

// showTabs shows the rendered preview for Markdown, the source only for
// the other formats.
func (d *exportDialog) showTabs() {
	if d.tabs == nil {
		return
	}
	if d.choice.format == export.Markdown && d.choice.template == "" {
		d.tabs.Items[0].Content.Show()
		d.tabs.EnableIndex(0)
		d.tabs.SelectIndex(0)
	} else {
		d.tabs.SelectIndex(1)
		d.tabs.DisableIndex(0)
	}
}

// enableOptions enables the options that apply to the chosen format: a
// list of references (whole articles) takes none of the per-highlight
// options and says so; the draft for pandoc is Markdown only and cites by
// key, not in a citation style.
func (d *exportDialog) enableOptions() {
	if d.which == nil || d.citeKeys == nil {
		return // still being built
	}
	refs := d.choice.references()
	for _, s := range []*widget.Select{d.contexts, d.order, d.which} {
		setEnabled(s, !refs)
	}
	setEnabled(d.citations, !refs && !d.choice.pandocDraft())
	setEnabled(d.citeKeys, d.choice.format == export.Markdown)
	if refs {
		d.refsNote.Show()
	} else {
		d.refsNote.Hide()
	}
}

// setEnabled enables or disables a widget.
func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
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
		d.rendered.SetMarkdown("")
		d.status.SetText(err.Error())
		return
	}
	d.status.SetText("Rendering preview…")
	d.ui.background(func(context.Context) func() {
		text, err := d.ui.preview(sel, opt)
		return func() {
			if seq != d.seq {
				return
			}
			if err != nil {
				d.preview.SetText("")
				d.rendered.SetMarkdown("")
				d.status.SetText(err.Error())
				return
			}
			switch {
			case strings.TrimSpace(text) == "":
				d.status.SetText("Nothing to export in this scope.")
			case opt.Format.IsReferences() && opt.Template == "":
				d.status.SetText(fmt.Sprintf("The first %d references. File name: %s", previewArticles, d.ui.exportFileName(d.choice)))
			case opt.CiteKeys:
				name := d.ui.exportFileName(d.choice)
				d.status.SetText(fmt.Sprintf("The first %d articles of the draft for pandoc --citeproc. File name: %s; its bibliography (CSL-JSON) goes beside it as %s.",
					previewArticles, name, export.BibliographyName(name)))
			default:
				d.status.SetText(fmt.Sprintf("The first %d articles of the export. File name: %s", previewArticles, d.ui.exportFileName(d.choice)))
			}
			d.preview.SetText(text)
			d.rendered.SetMarkdown(stripFrontMatter(text))
		}
	})
}

// askPath shows the save dialog, then writes the export.
func (d *exportDialog) askPath() {
	d.ui.askSavePath(d.ui.exportFileName(d.choice), d.save)
}

// save writes the export to path in the background.
func (d *exportDialog) save(path string) {
	sel, opt, err := d.ui.selection(d.choice)
	if err != nil {
		d.ui.showError(err)
		return
	}
	d.ui.notify.showProgress("Exporting…", 0)
	d.ui.background(func(ctx context.Context) func() {
		res, err := d.ui.writeExport(ctx, path, sel, opt)
		if ctx.Err() != nil {
			return nil
		}
		return func() {
			if err != nil {
				d.ui.notify.show("Export failed.", nil)
				d.ui.showError(err)
				return
			}
			d.lastPath = path
			d.ui.notify.show(exportedNotice(res), nil)
		}
	})
}

// exportedNotice says what an export wrote, and where the bibliography of
// a draft for pandoc went.
func exportedNotice(res exportfile.Result) string {
	msg := exportedMessage(res.Stats, res.Path)
	if res.Bibliography != "" {
		msg += fmt.Sprintf(" Its bibliography is beside it: %s.", res.Bibliography)
	}
	return msg
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
	ui.background(func(context.Context) func() {
		text, err := ui.citationText(a)
		return func() {
			if err != nil {
				ui.showError(err)
				return
			}
			ui.app.Clipboard().SetContent(text)
			ui.notify.show("Copied the excerpt with its citation.", nil)
		}
	})
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
