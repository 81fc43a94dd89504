package app

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/notebook/export"
)

// Issue 15, "Export dialog".

// TestUI_ExportDialogScopes: the tag and the search are chosen inside the
// dialog (no tag needs to be selected in the library).
func TestUI_ExportDialogScopes(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.ui.tagArticles([]string{id}, "Russia–Africa ties")
	h.settle()
	if h.ui.lib.tag != "" {
		t.Fatal("a tag is selected in the library")
	}
	d := h.ui.showExport()
	h.settle()
	d.tagSel.SetSelected("Russia–Africa ties")
	h.settle()
	if d.choice.scope != scopeTag {
		t.Errorf("choosing a tag left the scope at %q", d.choice.scope)
	}
	if !strings.Contains(d.preview.Text, consignment) {
		t.Errorf("tag preview lacks the excerpt (status %q)", d.status.Text)
	}
	d.query.SetText(`"reconnaissance drones"`)
	h.settle()
	if d.choice.scope != scopeSearch || !strings.Contains(d.preview.Text, consignment) {
		t.Errorf("search scope %q, preview %q (status %q)", d.choice.scope, firstLine(d.preview.Text), d.status.Text)
	}
	// Reference formats list the articles in scope.
	d.formats.SetSelected(formatLabel(export.BibTeX))
	d.scopes.SetSelected(scopeTag)
	h.settle()
	if !strings.Contains(d.preview.Text, "@") || !strings.Contains(d.preview.Text, "Burkina") {
		t.Errorf("BibLaTeX preview %q", firstLine(d.preview.Text))
	}
}

// TestUI_ExportDialogRemembers: scope, format, template, citation style
// and options come back the next time.
func TestUI_ExportDialogRemembers(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.ui.tagArticles([]string{id}, "Sahel")
	h.settle()
	d := h.ui.showExport()
	d.tagSel.SetSelected("Sahel")
	d.formats.SetSelected(formatLabel(export.CSV))
	tmpl := writeFile(t, "notes.md.tmpl", "{{range .Articles}}- {{.Title}}\n{{end}}")
	h.ui.prefs.SetString(prefExportTemplate, tmpl)
	d.choice.citation = export.CitationStyle("apa")
	d.choice.context = export.SentenceContext
	d.choice.order = export.CreatedOrder
	d.choice.notes = "notes"
	d.choice.tmplPath = tmpl
	d.remember()
	h.ui.closeModal(d.dlg)
	h.settle()
	d = h.ui.showExport()
	h.settle()
	c := d.choice
	if c.scope != scopeTag || c.tag != "Sahel" || c.format != export.CSV || string(c.citation) != "apa" ||
		c.context != export.SentenceContext || c.order != export.CreatedOrder || c.notes != "notes" || c.tmplName != "notes.md.tmpl" {
		t.Errorf("reopened with %+v", c)
	}
}

func TestUI_ExportFileName(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.ui.now = func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		c    exportChoice
		want string
	}{
		{exportChoice{scope: scopeTag, tag: "Russia–Africa ties", format: export.Markdown}, "russia-africa-ties-2026-11-30.md"},
		{exportChoice{scope: scopeArticle, format: export.HTML}, testutil.SampleTitle + ".html"},
		{exportChoice{scope: scopeSearch, query: `tag:Sahel "grain deliveries"`, format: export.CSV}, "search-tag-sahel-grain-deliveries-2026-11-30.csv"},
		{exportChoice{scope: scopeAll, format: export.BibTeX}, "gloss-export-2026-11-30.bib"},
		{exportChoice{scope: scopeAll, format: export.CSL}, "gloss-export-2026-11-30.json"},
		{exportChoice{scope: scopeTag, tag: "Côte d’Ivoire/Abidjan", format: export.RIS}, "cote-d-ivoire-abidjan-2026-11-30.ris"},
		{exportChoice{scope: scopeAll, template: "x", tmplName: "notes.md.tmpl"}, "gloss-export-2026-11-30.md"},
	}
	for _, tt := range tests {
		if got := h.ui.exportFileName(tt.c); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
	}
	if got := fileTitle(`a/b: "c" <d>`); got != "a b c d" {
		t.Errorf("fileTitle = %q", got)
	}
}

// TestUI_ExportPreviewRendered: the Markdown preview shows the rendered
// result beside the source.
func TestUI_ExportPreviewRendered(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	d := h.ui.showExport()
	d.formats.SetSelected(formatLabel(export.Markdown))
	d.scopes.SetSelected(scopeArticle)
	h.settle()
	if !strings.Contains(d.preview.Text, "> ") {
		t.Fatalf("Markdown source %q has no block quote", d.preview.Text)
	}
	d.rendered.Resize(d.rendered.MinSize().AddWidthHeight(600, 0))
	rendered := strings.Join(d.rendered.plainText(), "\n")
	if !strings.Contains(rendered, "reconnaissance") || strings.Contains(rendered, "> ") || strings.Contains(rendered, "---") {
		t.Errorf("rendered preview:\n%s", rendered)
	}
	if d.tabs.SelectedIndex() != 0 {
		t.Error("the Markdown preview does not open on the rendered view")
	}
	d.formats.SetSelected(formatLabel(export.CSV))
	if d.tabs.SelectedIndex() != 1 {
		t.Error("the CSV preview does not show the source")
	}
}

// TestUI_ExportCancelled: an export stops when the UI's context is
// cancelled (another notebook opened, or quitting) and leaves no file.
func TestUI_ExportCancelled(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	sel, opt, err := h.ui.selection(exportChoice{scope: scopeAll, format: export.Markdown})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "cancelled.md")
	if _, err := h.ui.writeExport(ctx, out, sel, opt); err == nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a cancelled export left %s (%v)", out, err)
	}
	if _, err := h.ui.writeExport(context.Background(), out, sel, opt); err != nil {
		t.Errorf("export: %v", err)
	}
}

// Issue 19, "Export dialog": references and the draft for pandoc.

// secondArticle is an original short article with no highlights (a
// reference list holds it; an excerpt export does not).
const secondArticle = `Harbour cranes idle as fuel runs short

By Tomasz Ekwueme
April 2, 2024

Dock workers in the river port waited three days for diesel last week, and
the two cranes that unload grain barges stood still.

The port authority says a tanker is expected before the end of the month.
`

// TestExportDialog_references: CSL-JSON, BibLaTeX and RIS are offered,
// say that they list whole articles, disable the options for highlights,
// and write a file in their format holding every article in scope, the
// one without highlights too.
func TestExportDialog_references(t *testing.T) {
	h := newHarness(t, false)
	h.importSample()
	h.ui.importPaths([]string{writeFile(t, "harbour.txt", secondArticle)})
	h.settle()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	tests := []struct {
		format export.Format
		ext    string
		check  func(t *testing.T, out string)
	}{
		{export.CSL, ".json", func(t *testing.T, out string) {
			var items []map[string]any
			if err := json.Unmarshal([]byte(out), &items); err != nil {
				t.Fatalf("not CSL-JSON: %v\n%s", err, out)
			}
			if len(items) != 2 || items[0]["id"] == nil || items[0]["type"] == nil {
				t.Errorf("CSL-JSON items %v", items)
			}
		}},
		{export.BibTeX, ".bib", func(t *testing.T, out string) {
			if n := strings.Count(out, "\n@"); n+btoi(strings.HasPrefix(out, "@")) != 2 {
				t.Errorf("BibLaTeX entries: want 2 in\n%s", out)
			}
		}},
		{export.RIS, ".ris", func(t *testing.T, out string) {
			if strings.Count(out, "TY  - ") != 2 || strings.Count(out, "ER  - ") != 2 {
				t.Errorf("RIS records: want 2 in\n%s", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			d := h.ui.showExport()
			d.scopes.SetSelected(scopeAll)
			d.formats.SetSelected(formatLabel(tt.format))
			h.settle()
			if !d.refsNote.Visible() {
				t.Error("the dialog does not say references are whole articles")
			}
			for name, s := range map[string]*widget.Select{"citation": d.citations, "context": d.contexts, "order": d.order, "include": d.which} {
				if !s.Disabled() {
					t.Errorf("%s is enabled for references", name)
				}
			}
			if !d.citeKeys.Disabled() {
				t.Error("the pandoc draft is offered for references")
			}
			name := h.ui.exportFileName(d.choice)
			if filepath.Ext(name) != tt.ext {
				t.Errorf("file name %q, want extension %s", name, tt.ext)
			}
			out := filepath.Join(t.TempDir(), name)
			d.save(out)
			h.settle()
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, title := range []string{"Burkina Faso", "Harbour cranes"} {
				if !strings.Contains(string(b), title) {
					t.Errorf("the export lacks %q:\n%s", title, b)
				}
			}
			tt.check(t, string(b))
			if msg := h.ui.notify.msg.Text; !strings.Contains(msg, "2 references") {
				t.Errorf("notice %q", msg)
			}
			h.closeDialogs()
			// Back to excerpts: the options apply again.
			d = h.ui.showExport()
			d.formats.SetSelected(formatLabel(export.Markdown))
			if d.refsNote.Visible() || d.contexts.Disabled() || d.citeKeys.Disabled() {
				t.Error("Markdown keeps the reference format's disabled options")
			}
			h.closeDialogs()
		})
	}
}

// btoi is 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestExportDialog_pandocDraft: the Markdown draft for pandoc cites each
// excerpt by key, writes its CSL-JSON bibliography beside it, and the
// notice names that file.
func TestExportDialog_pandocDraft(t *testing.T) {
	h := newHarness(t, false)
	id := h.importSample()
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	art, err := h.nb.Article(id)
	if err != nil || art.CiteKey == "" {
		t.Fatalf("article %+v, %v: no citation key", art, err)
	}
	d := h.ui.showExport()
	d.scopes.SetSelected(scopeArticle)
	d.formats.SetSelected(formatLabel(export.Markdown))
	d.citeKeys.SetChecked(true)
	h.settle()
	if !d.citations.Disabled() {
		t.Error("the citation style stays enabled for a draft that cites by key")
	}
	if !strings.Contains(d.status.Text, "bibliography") {
		t.Errorf("status %q does not announce the bibliography", d.status.Text)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "draft.md")
	d.save(out)
	h.settle()
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "[@"+art.CiteKey) || !strings.Contains(string(md), "bibliography: draft.json") {
		t.Errorf("draft lacks the citation [@%s or the bibliography line:\n%s", art.CiteKey, md)
	}
	bib, err := os.ReadFile(filepath.Join(dir, "draft.json"))
	if err != nil {
		t.Fatalf("no bibliography beside the draft: %v", err)
	}
	var items []map[string]any
	if err := json.Unmarshal(bib, &items); err != nil || len(items) != 1 || items[0]["id"] != art.CiteKey {
		t.Errorf("bibliography %s (%v), want one item %s", bib, err, art.CiteKey)
	}
	if msg := h.ui.notify.msg.Text; !strings.Contains(msg, filepath.Join(dir, "draft.json")) {
		t.Errorf("notice %q does not name the bibliography", msg)
	}
	// The choice is remembered; another format turns the option off.
	h.closeDialogs()
	d = h.ui.showExport()
	if !d.citeKeys.Checked || !d.choice.pandocDraft() {
		t.Error("the pandoc draft was not remembered")
	}
	d.formats.SetSelected(formatLabel(export.HTML))
	if d.choice.pandocDraft() || !d.citeKeys.Disabled() || d.citations.Disabled() {
		t.Error("HTML still writes a pandoc draft")
	}
	_, opt, err := h.ui.selection(d.choice)
	if err != nil || opt.CiteKeys {
		t.Errorf("HTML options %+v, %v", opt, err)
	}
}
