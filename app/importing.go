package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/glossnotes/gloss/notebook/importer"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// importExts are the file types File → Import offers: every article
// format, Gloss bundles (.json, .gz) and the annotation exports of other
// tools (Hypothesis and W3C Web Annotation JSON, Readwise CSV), which the
// importer tells by their content as `gloss import` does.
func importExts() []string {
	return append(ingest.Extensions(), ".json", ".jsonld", ".csv", ".gz")
}

// importFiles asks for files to import: with the desktop's own chooser
// (several files at once) when one is installed, else with Fyne's dialog
// (one file; Import folder… and drag-and-drop take several).
func (ui *UI) importFiles() {
	exts := importExts()
	ui.background(func(context.Context) func() {
		paths, err := chooseFilesNative("Import articles or highlights", exts)
		return func() {
			switch {
			case errors.Is(err, errNoNativeDialog):
				ui.askOpenPath(exts, func(path string) { ui.importPaths([]string{path}) })
			case err != nil:
				ui.showError(fmt.Errorf("file chooser: %w", err))
			case len(paths) > 0:
				ui.importPaths(paths)
			}
		}
	})
}

// importFolder asks for a folder and imports every supported file in it.
func (ui *UI) importFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if u == nil {
			return
		}
		ui.importPaths([]string{u.Path()})
	}, ui.win)
	d.Resize(fileDialogSize)
	ui.modal(d)
}

// dropped imports files dropped on the window.
func (ui *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		ui.importPaths(paths)
	}
}

// importPaths imports files and folders in the background with the same
// pipeline as `gloss import`, showing progress (at most every
// progressEvery), then the summary. The import stops between files when
// the window switches notebooks or closes.
//
// An import never takes the reader away from what it shows: when an
// article is open, the summary offers to open the first imported one;
// with none open, that one is opened.
func (ui *UI) importPaths(paths []string) {
	ui.notify.showProgress("Importing…", 0)
	every := newThrottle(progressEvery, ui.now)
	ui.background(func(ctx context.Context) func() {
		files, refused := importer.Collect(paths)
		total := len(files)
		results, err := importer.Run(ctx, ui.nb, files, nil, func(done, total int) {
			if done < total && !every.ready() {
				return
			}
			ui.post(func() {
				ui.notify.showProgress(fmt.Sprintf("Importing %d of %d…", done, total), float64(done)/float64(max(total, 1)))
			})
		})
		results = append(results, refused...)
		if ctx.Err() != nil {
			return nil // the window moved on; what was imported stays
		}
		return func() { ui.importDone(total, results, err) }
	})
}

// importDone reports an import: a notification for a clean one (with
// Open for the first article), a dialog listing refused files otherwise.
func (ui *UI) importDone(total int, results []importer.Result, err error) {
	if err != nil {
		ui.showError(fmt.Errorf("import: %w", err))
	}
	summary := importSummary(results)
	pending := 0
	if t, files := importer.AnnotationTotals(results); files > 0 {
		pending = t.Pending
	}
	var first string
	var problems []string
	for _, r := range results {
		if first == "" && r.ID != "" && (r.Outcome == importer.Imported || r.Outcome == importer.Updated || r.Outcome == importer.Duplicate) {
			first = r.ID
		}
		if r.Outcome == importer.Refused {
			problems = append(problems, fmt.Sprintf("%s: %s", r.Path, r.Reason))
		}
	}
	if len(problems) > 0 {
		ui.modal(dialog.NewInformation("Import finished", summary+"\n\n"+strings.Join(problems, "\n"), ui.win))
	}
	switch {
	case first == "" && pending > 0:
		ui.notify.show("Import: "+summary, ui.showPending, "Show")
	case first == "":
		ui.notify.show("Import: "+summary, nil)
	case ui.cur.ID == "":
		ui.notify.show("Import: "+summary, nil)
		ui.openArticle(first, jump{})
	default:
		ui.notify.show("Import: "+summary, func() { ui.navigate(first, jump{}) }, "Open")
	}
}

// importSummary says what an import did. With highlights from other
// tools it says in plain words the files by outcome (those that happened)
// and what became of the highlights: added to articles here (in place,
// moved, orphaned), waiting for their article, or already imported; an
// import of articles only gets the CLI's line.
func importSummary(rs []importer.Result) string {
	if _, files := importer.AnnotationTotals(rs); files == 0 {
		return importer.Summary(rs) // articles only: the CLI's line
	}
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plural(n, one, many))
		}
	}
	add(importer.Count(rs, importer.Imported), "article imported", "articles imported")
	add(importer.Count(rs, importer.Updated), "article updated", "articles updated")
	add(importer.Count(rs, importer.Duplicate), "article already here", "articles already here")
	add(importer.Count(rs, importer.Merged), "notebook bundle merged", "notebook bundles merged")
	add(importer.Count(rs, importer.Refused), "file refused", "files refused")
	if t, files := importer.AnnotationTotals(rs); files > 0 {
		s := plural(t.Matched, "highlight", "highlights") + " from other tools added to articles here"
		var how []string
		if t.Anchored > 0 {
			how = append(how, fmt.Sprintf("%d in place", t.Anchored))
		}
		if t.Moved > 0 {
			how = append(how, fmt.Sprintf("%d found with small differences", t.Moved))
		}
		if t.Orphaned > 0 {
			how = append(how, fmt.Sprintf("%d orphaned (passage not found)", t.Orphaned))
		}
		if len(how) > 0 {
			s += " (" + strings.Join(how, ", ") + ")"
		}
		parts = append(parts, s)
		if t.Pending > 0 {
			parts = append(parts, fmt.Sprintf("%s waiting for %s (Library → Pending highlights)",
				plural(t.Pending, "highlight", "highlights"), map[bool]string{true: "its article", false: "their articles"}[t.Pending == 1]))
		}
		add(t.Skipped, "highlight already imported", "highlights already imported")
	}
	if len(parts) == 0 {
		return "nothing to import"
	}
	return strings.Join(parts, "; ")
}

// pasteArticle adds the clipboard's text as a new article and opens it
// (the user just asked for it).
func (ui *UI) pasteArticle() {
	text := ui.app.Clipboard().Content()
	if strings.TrimSpace(text) == "" {
		ui.showError(fmt.Errorf("paste as new article: the clipboard holds no text"))
		return
	}
	ui.addPasted(text)
}

// addPasted adds pasted text as an article and opens it.
func (ui *UI) addPasted(text string) {
	ui.write(func() (func(), error) {
		d, err := ingest.Paste([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("paste as new article: %w", err)
		}
		res, err := ui.nb.AddArticle(d)
		if err != nil {
			return nil, fmt.Errorf("paste as new article: %w", err)
		}
		return func() {
			ui.notify.show(fmt.Sprintf("Pasted article %q: %s.", res.Article.Title, res.Outcome), nil)
			ui.navigate(res.Article.ID, jump{})
		}, nil
	})
}
