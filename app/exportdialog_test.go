package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
