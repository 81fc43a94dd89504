package cli

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/internal/outfile"
	"github.com/glossnotes/gloss/internal/readlimit"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/exportfile"
)

// formatBundle is the --format value of the full backup bundle.
const formatBundle = "bundle"

// exportFlags are the raw flag values of gloss export.
type exportFlags struct {
	articles                 []string
	tag, query, color        string
	after, before            string
	all                      bool
	format, template, output string
	citation, context, order string
	notesOnly, highlightOnly bool
	title                    string
	showTemplate             bool
	citekeys, reuse          bool
}

// exportSummary is what export reports when it writes a file.
type exportSummary struct {
	Path        string `json:"path"`
	Format      string `json:"format"`
	Articles    int    `json:"articles,omitempty"`
	Annotations int    `json:"annotations,omitempty"`
	// Bibliography is the CSL-JSON file written beside a Markdown export
	// with --citekeys.
	Bibliography string `json:"bibliography,omitempty"`
}

func exportCmd(e *env) *cobra.Command {
	var fl exportFlags
	cmd := &cobra.Command{
		Use:         "export (--article ID... | --tag T | --query Q | --color C | --after D | --before D | --all) [--format F] [-o FILE]",
		Annotations: readOnly,
		Short:       "Export excerpts with citations (md, html, csv, json, txt), references (csl, bibtex, ris) or a full backup bundle",
		Long: `Export highlights and notes with their articles' metadata and citations,
to standard output or to a file (-o, written atomically; a name ending in .gz
is gzipped).

Scope (combined with AND; at least one, or --all):
  --article ID   an article (repeatable; an ID prefix is enough)
  --tag T        annotations tagged T or a child of T, or on an article so tagged
  --query Q      annotations the search finds (the search language: words,
                 "phrases", tag:, color:, in:, by:, after: …)
  --color C      highlights of one colour
  --after D, --before D   articles published on/after D, before D (YYYY[-MM[-DD]])
  --all          everything

Formats:
  md      Markdown for Obsidian/Logseq: YAML front matter, blockquotes, ¶N, #tags
  html    one self-contained, print-friendly page
  csv     one row per annotation (Readwise's columns and more)
  json    W3C Web Annotation collection (JSON-LD)
  txt     plain text
  csl     CSL-JSON references, one per article (Zotero, pandoc --citeproc)
  bibtex  BibLaTeX references, one per article (biber; Unicode kept)
  ris     RIS references, one per article (Zotero, EndNote, Mendeley)
  bundle  the whole notebook (articles, texts, versions, sources, annotations,
          tags, trash) for backup and 'gloss import' into another notebook;
          needs --all

The reference formats list every article in the scope, highlighted or not
(--tag, --query, dates, --all), each under its citation key (gloss set
--citekey).

--citekeys (with md and -o FILE) writes a draft for pandoc: each excerpt is
followed by its citation ([@keller2024tariffs, para. 7]) and the CSL-JSON
references of the same scope go to a file beside it (draft.md → draft.json),
named in the front matter's bibliography:, so that
  pandoc --citeproc draft.md -o draft.docx
renders it with real citations in any CSL style (--csl FILE).

--reuse notes under each excerpt the other articles of the notebook that
carry the same passage (wire copy, press releases, recycled quotes; see gloss
reuse): "Also in: Title (Outlet, date); …", and the CSV's AlsoIn column.

--template FILE renders a Go text/template instead of a format; start from the
built-in one: gloss export --show-template > mine.tmpl
Orphaned annotations (whose passage is gone from the text) are included and
marked "(orphaned)".`,
		Args: exactArgs(0, "no arguments (use --article ID)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl.showTemplate {
				return showTemplate(e, fl.format, fl.citekeys)
			}
			return runExport(cmd, e, fl)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&fl.articles, "article", nil, "an article ID or ID prefix (repeatable)")
	f.StringVar(&fl.tag, "tag", "", "a tag (its children are included)")
	f.StringVar(&fl.query, "query", "", "a search query")
	f.StringVar(&fl.color, "color", "", "a highlight colour: "+colorNames())
	f.StringVar(&fl.after, "after", "", "articles published on or after this date")
	f.StringVar(&fl.before, "before", "", "articles published before this date")
	f.BoolVar(&fl.all, "all", false, "export everything")
	f.StringVar(&fl.format, "format", "md", "md, html, csv, json, txt, csl, bibtex, ris or bundle")
	f.StringVar(&fl.template, "template", "", "a Go text/template file to render instead of a format")
	f.StringVarP(&fl.output, "output", "o", "", "write to FILE instead of standard output")
	f.StringVar(&fl.citation, "citation", "default", "citation style: default, chicago or apa")
	f.StringVar(&fl.context, "context", "none", "context around each excerpt: none, sentence or paragraph")
	f.StringVar(&fl.order, "order", "document", "document (by article, then position) or created (creation time)")
	f.BoolVar(&fl.notesOnly, "notes-only", false, "only annotations that have a note")
	f.BoolVar(&fl.highlightOnly, "highlights-only", false, "only annotations without a note")
	f.StringVar(&fl.title, "title", "", "the export's title when it holds several articles")
	f.BoolVar(&fl.showTemplate, "show-template", false, "print the built-in template of --format (md, txt or html; md --citekeys: the pandoc one) and exit")
	f.BoolVar(&fl.reuse, "reuse", false, "note under each excerpt the other articles that carry the same passage (md, html, txt, csv)")
	f.BoolVar(&fl.citekeys, "citekeys", false, "with md and -o FILE: pandoc citations after each excerpt and a CSL-JSON bibliography beside FILE")
	return cmd
}

// showTemplate prints a built-in template for the user to copy (with
// citekeys, the Markdown template for pandoc).
func showTemplate(e *env, format string, citekeys bool) error {
	f, err := export.ParseFormat(format)
	if err != nil {
		return usageError{err}
	}
	name := map[export.Format]string{export.Markdown: "markdown.md.tmpl", export.Text: "text.txt.tmpl", export.HTML: "html.html.tmpl"}[f]
	if citekeys && f == export.Markdown {
		name = "pandoc.md.tmpl"
	}
	if name == "" {
		return usagef("format %s has no template (md, txt and html do)", f)
	}
	src, err := export.BuiltinTemplate(name)
	if err != nil {
		return err
	}
	_, err = io.WriteString(e.stdout, src)
	return err
}

// exportOptions checks the flags and turns them into a selection and
// export options.
func exportOptions(cmd *cobra.Command, fl exportFlags) (notebook.ExportScope, export.Options, error) {
	sel := notebook.ExportScope{Tag: fl.tag, Query: fl.query, All: fl.all}
	var opt export.Options
	var err error
	if fl.color != "" {
		if sel.Color, err = notebook.ParseColor(fl.color); err != nil {
			return sel, opt, usageError{err}
		}
	}
	if sel.After, err = notebook.ParseDate(fl.after); err != nil {
		return sel, opt, usagef("--after: %v", err)
	}
	if sel.Before, err = notebook.ParseDate(fl.before); err != nil {
		return sel, opt, usagef("--before: %v", err)
	}
	if fl.tag != "" {
		if _, err := notebook.CleanTag(fl.tag); err != nil {
			return sel, opt, usagef("--tag: %v", err)
		}
	}
	sel.ArticleIDs = fl.articles // resolved once the notebook is open
	if sel.IsEmpty() {
		return sel, opt, usagef("say what to export: --article ID, --tag T, --query Q, --color C, --after D, --before D, or --all")
	}
	if fl.format == formatBundle {
		if !fl.all || len(fl.articles) > 0 || fl.tag != "" || fl.query != "" || fl.color != "" || fl.after != "" || fl.before != "" {
			return sel, opt, usagef("a bundle holds the whole notebook: use --all and no other scope")
		}
		if fl.template != "" {
			return sel, opt, usagef("--template does not apply to bundles")
		}
		return sel, opt, nil
	}
	if fl.template != "" && cmd.Flags().Changed("format") {
		return sel, opt, usagef("--template replaces --format; give one of them")
	}
	if fl.notesOnly && fl.highlightOnly {
		return sel, opt, usagef("--notes-only and --highlights-only exclude each other")
	}
	if opt.Format, err = export.ParseFormat(fl.format); err != nil {
		return sel, opt, usagef("%v (or bundle)", err)
	}
	if opt.Citation, err = export.ParseCitationStyle(fl.citation); err != nil {
		return sel, opt, usageError{err}
	}
	if opt.Context, err = export.ParseContext(fl.context); err != nil {
		return sel, opt, usageError{err}
	}
	if opt.Order, err = export.ParseOrder(fl.order); err != nil {
		return sel, opt, usageError{err}
	}
	sel.ByCreation = opt.Order == export.CreatedOrder
	if opt.Format.IsReferences() && fl.template == "" {
		if fl.notesOnly || fl.highlightOnly || cmd.Flags().Changed("context") || cmd.Flags().Changed("citation") {
			return sel, opt, usagef("--format %s writes references, not excerpts: --notes-only, --highlights-only, --context and --citation do not apply", opt.Format)
		}
	}
	if fl.citekeys {
		switch {
		case fl.template == "" && opt.Format != export.Markdown:
			return sel, opt, usagef("--citekeys writes Markdown for pandoc: use it with --format md (or a --template made from gloss export --show-template --citekeys)")
		case fl.output == "":
			return sel, opt, usagef("--citekeys writes a bibliography beside the Markdown: give -o FILE")
		case strings.HasSuffix(fl.output, ".gz"):
			return sel, opt, usagef("--citekeys: pandoc reads neither gzipped Markdown nor a gzipped bibliography; name -o FILE without .gz")
		}
		opt.CiteKeys = true
	}
	if fl.reuse {
		if fl.template == "" && (opt.Format.IsReferences() || opt.Format == export.JSON) {
			return sel, opt, usagef("--reuse notes the other articles under each excerpt: use it with md, html, txt, csv or a --template")
		}
		opt.Reuse = true
	}
	opt.NotesOnly, opt.HighlightsOnly, opt.Title = fl.notesOnly, fl.highlightOnly, fl.title
	if opt.Title == "" {
		opt.Title = exportTitle(fl)
	}
	if fl.template != "" {
		src, err := readlimit.File(fl.template, nil, export.MaxTemplateBytes, "template")
		if err != nil {
			return sel, opt, err
		}
		opt.Template, opt.TemplateName = string(src), fl.template
	}
	return sel, opt, nil
}

// exportTitle names a multi-article export after its scope.
func exportTitle(fl exportFlags) string {
	var parts []string
	if fl.tag != "" {
		parts = append(parts, "tag "+fl.tag)
	}
	if fl.query != "" {
		parts = append(parts, "“"+fl.query+"”")
	}
	if fl.color != "" {
		parts = append(parts, fl.color+" highlights")
	}
	if fl.after != "" {
		parts = append(parts, "from "+fl.after)
	}
	if fl.before != "" {
		parts = append(parts, "before "+fl.before)
	}
	if len(parts) == 0 {
		return "Gloss export"
	}
	return "Gloss export: " + strings.Join(parts, ", ")
}

func runExport(cmd *cobra.Command, e *env, fl exportFlags) error {
	sel, opt, err := exportOptions(cmd, fl)
	if err != nil {
		return err
	}
	nb, err := e.notebook()
	if err != nil {
		return err
	}
	for i, id := range sel.ArticleIDs {
		if sel.ArticleIDs[i], err = nb.Resolve(id); err != nil {
			return err
		}
	}
	sum := exportSummary{Path: fl.output, Format: fl.format}
	if fl.template != "" {
		sum.Format = "template"
	}
	switch {
	case fl.output == "" && fl.format == formatBundle:
		if err := nb.WriteBundle(e.stdout); err != nil {
			return fmt.Errorf("export to standard output: %w", err)
		}
		return nil
	case fl.output == "":
		if _, err := export.Write(e.stdout, nb.Excerpts(opt.Scope(sel)), opt); err != nil {
			return fmt.Errorf("export to standard output: %w", err)
		}
		return nil
	case fl.format == formatBundle:
		if err := outfile.Write(nb, fl.output, gzipIf(strings.HasSuffix(fl.output, ".gz"), nb.WriteBundle)); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	default:
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		res, err := exportfile.Write(ctx, nb, fl.output, sel, opt)
		stop()
		if err != nil {
			return err
		}
		sum.Articles, sum.Annotations, sum.Bibliography = res.Articles, res.Annotations, res.Bibliography
	}
	if e.json {
		return e.printJSON(sum)
	}
	switch {
	case fl.format == formatBundle:
		e.printf("wrote the whole notebook to %s\n", fl.output)
	case opt.Format.IsReferences() && fl.template == "":
		e.printf("wrote %s to %s\n", count(sum.Articles, "reference", "references"), fl.output)
	default:
		e.printf("wrote %s from %s to %s\n", count(sum.Annotations, "annotation", "annotations"), count(sum.Articles, "article", "articles"), fl.output)
	}
	if sum.Bibliography != "" {
		e.printf("wrote the references of those articles to %s (the front matter's bibliography)\n", sum.Bibliography)
	}
	return nil
}

// gzipIf wraps fill so that what it writes is gzipped, when on.
func gzipIf(on bool, fill func(io.Writer) error) func(io.Writer) error {
	if !on {
		return fill
	}
	return func(w io.Writer) error {
		zw := gzip.NewWriter(w)
		if err := fill(zw); err != nil {
			return err
		}
		return zw.Close()
	}
}
