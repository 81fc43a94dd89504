// Package exportfile writes an export to a file, the one way both front
// ends do it: through internal/outfile (never over one of the notebook's
// files, atomically, private mode), gzipped when the name ends in ".gz",
// cancelled between articles by a context, and — for a draft for pandoc
// (export.Options.CiteKeys) — with its CSL-JSON bibliography written first,
// beside the draft, under the name the draft's front matter gives it.
//
// The rules of what a format exports stay in package export
// (Options.Scope); this package adds only the file handling.
package exportfile

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"

	"github.com/glossnotes/gloss/internal/outfile"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// Result is what an export to a file wrote.
type Result struct {
	export.Stats
	// Path is the file written.
	Path string
	// Bibliography is the CSL-JSON file written beside a draft for pandoc
	// ("" when none was written).
	Bibliography string
}

// BibliographyPath is the file a draft for pandoc at path is given beside
// it ("draft.md" → "draft.json"), so a front end can say so, or ask,
// before it writes.
func BibliographyPath(path string) string {
	return filepath.Join(filepath.Dir(path), export.BibliographyName(path))
}

// Check refuses options that cannot be written to path, before anything is
// read: a draft for pandoc is Markdown (the md format or a template) and
// is not gzipped, since pandoc reads neither a gzipped draft nor a gzipped
// bibliography. Its errors wrap notebook.ErrInvalid.
func Check(path string, opt export.Options) error {
	if !opt.CiteKeys {
		return nil
	}
	switch {
	case opt.Template == "" && opt.Format != export.Markdown:
		return fmt.Errorf("export %s: a draft for pandoc is Markdown, not %s: %w", path, opt.Format, notebook.ErrInvalid)
	case strings.HasSuffix(path, ".gz"):
		return fmt.Errorf("export %s: pandoc reads neither a gzipped draft nor a gzipped bibliography: name the file without .gz: %w", path, notebook.ErrInvalid)
	}
	return nil
}

// Write exports what scope selects from nb to path as opt says and
// reports what it wrote. With opt.CiteKeys it first writes the
// bibliography beside path (see BibliographyPath) and points the draft's
// front matter at it. Cancelling ctx stops the export between articles
// and leaves no file at path (a bibliography already written stays: it
// is complete on its own).
func Write(ctx context.Context, nb *notebook.Notebook, path string, scope notebook.ExportScope, opt export.Options) (Result, error) {
	res := Result{Path: path}
	if err := Check(path, opt); err != nil {
		return res, err
	}
	scope = opt.Scope(scope)
	if opt.CiteKeys {
		bib := BibliographyPath(path)
		refs := opt
		refs.Format, refs.Template, refs.TemplateName, refs.CiteKeys, refs.Bibliography = export.CSL, "", "", false, ""
		// The draft's own scope: the bibliography lists the articles the
		// draft quotes, not every article in scope.
		if err := outfile.Write(nb, bib, func(w io.Writer) error {
			_, err := export.Write(w, Cancellable(ctx, nb.Excerpts(scope)), refs)
			return err
		}); err != nil {
			return res, fmt.Errorf("export bibliography: %w", err)
		}
		res.Bibliography = bib
		opt.Bibliography = filepath.Base(bib)
	}
	fill := func(w io.Writer) error {
		st, err := export.Write(w, Cancellable(ctx, nb.Excerpts(scope)), opt)
		res.Stats = st
		return err
	}
	if strings.HasSuffix(path, ".gz") {
		fill = gzipped(fill)
	}
	if err := outfile.Write(nb, path, fill); err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	return res, nil
}

// gzipped compresses what fill writes.
func gzipped(fill func(io.Writer) error) func(io.Writer) error {
	return func(w io.Writer) error {
		zw := gzip.NewWriter(w)
		if err := fill(zw); err != nil {
			return err
		}
		return zw.Close()
	}
}

// Cancellable passes items on until ctx is done, then ends the stream with
// ctx's error (wrapped), so an export stops between articles.
func Cancellable[T any](ctx context.Context, items iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for it, err := range items {
			if cerr := ctx.Err(); cerr != nil {
				var zero T
				yield(zero, fmt.Errorf("export cancelled: %w", cerr))
				return
			}
			if !yield(it, err) {
				return
			}
		}
	}
}
