// Package export turns articles and their annotations into documents for
// other tools: Markdown (Obsidian, Logseq, or pandoc with citation keys),
// self-contained HTML, CSV (Readwise's columns), W3C Web Annotation
// JSON-LD, plain text, any user-supplied Go text/template, and references
// for citation managers: CSL-JSON (Zotero, pandoc's citeproc), BibLaTeX
// and RIS (Zotero, EndNote, Mendeley).
//
// The reference formats are written here rather than with a library: the
// Go modules for BibTeX (e.g. github.com/nickng/bibtex) parse more than
// they write and know no BibLaTeX escaping rules for Unicode kept for
// biber, there is no maintained Go CSL-JSON or RIS writer, and each format
// is a few dozen lines over the same reference model (reference.go).
// Bylines are read into names, and citation keys made, by the leaf package
// notebook/cite, which the notebook also uses to store a key with each
// article.
//
// It knows no storage: it consumes a stream of Items (one article at a time)
// and writes as it reads, so memory holds one article, never the whole
// export. Package notebook produces such a stream with Notebook.Excerpts.
package export

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook"
)

// Item is one article with the annotations to export from it.
type Item = notebook.ExcerptSet

// Format is an output format.
type Format string

// The output formats.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	CSV      Format = "csv"
	JSON     Format = "json"
	Text     Format = "txt"
	// CSL is CSL-JSON, the reference format of citeproc (pandoc, Zotero):
	// one entry per article.
	CSL Format = "csl"
	// BibTeX is BibLaTeX (@article with journaltitle, @online, @book),
	// Unicode kept for biber: one entry per article.
	BibTeX Format = "bibtex"
	// RIS is the RIS tagged format (TY  - NEWS …) that Zotero, EndNote and
	// Mendeley import: one entry per article.
	RIS Format = "ris"
)

// Formats lists the formats Write knows, for help texts.
var Formats = []Format{Markdown, HTML, CSV, JSON, Text, CSL, BibTeX, RIS}

// IsReferences reports whether a format writes references (one entry per
// article, no annotations) rather than excerpts.
func (f Format) IsReferences() bool { return f == CSL || f == BibTeX || f == RIS }

// ParseFormat checks a format name ("markdown", "text", "jsonld",
// "csljson", "csl-json", "biblatex", "bib" are accepted as aliases).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "md", "markdown":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "csv":
		return CSV, nil
	case "json", "jsonld", "json-ld":
		return JSON, nil
	case "txt", "text":
		return Text, nil
	case "csl", "csljson", "csl-json", "csl.json":
		return CSL, nil
	case "bibtex", "biblatex", "bib":
		return BibTeX, nil
	case "ris":
		return RIS, nil
	}
	return "", fmt.Errorf("format %q: want %s", s, formatNames())
}

// ContextMode says how much of the surrounding text goes with each excerpt.
type ContextMode string

// Context modes.
const (
	NoContext        ContextMode = "none"
	SentenceContext  ContextMode = "sentence"
	ParagraphContext ContextMode = "paragraph"
)

// ParseContext checks a context mode name ("" is none).
func ParseContext(s string) (ContextMode, error) {
	switch m := ContextMode(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return NoContext, nil
	case NoContext, SentenceContext, ParagraphContext:
		return m, nil
	}
	return "", fmt.Errorf("context %q: want none, sentence or paragraph", s)
}

// Order is the order of the excerpts within each article.
type Order string

// Orders.
const (
	DocumentOrder Order = "document" // position in the text; orphans last
	CreatedOrder  Order = "created"  // creation time
)

// ParseOrder checks an order name ("" is document order).
func ParseOrder(s string) (Order, error) {
	switch o := Order(strings.ToLower(strings.TrimSpace(s))); o {
	case "":
		return DocumentOrder, nil
	case DocumentOrder, CreatedOrder:
		return o, nil
	}
	return "", fmt.Errorf("order %q: want document or created", s)
}

// Options control an export. The zero value writes Markdown with default
// citations, no context, every annotation, in document order.
type Options struct {
	Format Format
	// Template, when not empty, is the text of a Go text/template that
	// replaces the format's layout (see Document for its data). Format is
	// then ignored.
	Template string
	// TemplateName names the template in error messages (its file name).
	TemplateName string
	Citation     CitationStyle
	Context      ContextMode
	// NotesOnly keeps only annotations that have a note; HighlightsOnly
	// keeps only those without one. Setting both selects nothing.
	NotesOnly      bool
	HighlightsOnly bool
	Order          Order
	// Title names the export when it holds several articles (for example
	// "Tag: Sahel"); the default is "Gloss export".
	Title string
	// Now is the export time written in the output; zero means time.Now.
	Now time.Time
	// CiteKeys, with the Markdown format, writes for pandoc: each excerpt
	// is followed by its pandoc citation ("[@mugabi2023russia, para. 7]"),
	// and the front matter names Bibliography. The keys are the articles'
	// stored ones (Article.CiteKey), else made as CiteKeyBase and
	// cite.KeySet make them, unique within the export.
	CiteKeys bool
	// Bibliography is the file the front matter's "bibliography:" points
	// at when CiteKeys is set, e.g. "draft.json": the CSL-JSON export of
	// the same selection, written beside the Markdown (BibliographyName
	// makes the name).
	Bibliography string
	// Reuse notes, under each excerpt, the other articles of the notebook
	// that carry the same passage ("Also in: …"; the CSV's AlsoIn column;
	// Excerpt.AlsoIn in templates). Scope asks the notebook for them.
	Reuse bool

	stats *statsTracker
	keys  *keyAssigner
}

// Scope is the scope to read for these options: a list of references
// (a reference format without a template) holds every article in scope,
// annotated or not, in the articles' order; other exports read s as given,
// with the other carriers of each passage when Reuse is set.
func (o Options) Scope(s notebook.ExportScope) notebook.ExportScope {
	if o.Template == "" && o.Format.IsReferences() {
		s.WholeArticles, s.ByCreation = true, false
		return s
	}
	s.Reuse = s.Reuse || o.Reuse
	return s
}

// Stats says what an export wrote.
type Stats struct {
	// Articles is the number of distinct articles written (entries, for
	// the reference formats).
	Articles int
	// Annotations is the number of excerpts written (0 for the reference
	// formats, which write none).
	Annotations int
}

// statsTracker counts what is written.
type statsTracker struct {
	Stats
	seen map[string]bool
}

// article counts an article with n excerpts.
func (s *statsTracker) article(id string, n int) {
	if s == nil {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[id] {
		s.seen[id] = true
		s.Articles++
	}
	s.Annotations += n
}

// Write renders items to w in the chosen format and says how many
// articles and annotations it wrote. It reads one item at a time and
// writes as it goes (through a buffer it flushes at the end), so the whole
// export is never held in memory. An error from the stream stops the
// export and is returned.
//
// The reference formats (CSL, BibTeX, RIS) write one entry per article in
// the stream, whether or not it has annotations, and each article once.
func Write(w io.Writer, items iter.Seq2[Item, error], opt Options) (Stats, error) {
	opt, err := opt.normalise()
	if err != nil {
		return Stats{}, err
	}
	opt.stats, opt.keys = &statsTracker{}, newKeyAssigner()
	items = webURLsOnly(items)
	bw := bufio.NewWriterSize(w, 64<<10)
	if opt.Template != "" {
		err = writeTemplate(bw, items, opt, opt.Template, opt.TemplateName)
	} else {
		switch opt.Format {
		case Markdown:
			if opt.CiteKeys {
				err = writePandoc(bw, items, opt)
			} else {
				err = writeBuiltin(bw, items, opt, "markdown.md.tmpl")
			}
		case Text:
			err = writeBuiltin(bw, items, opt, "text.txt.tmpl")
		case HTML:
			err = writeHTML(bw, items, opt)
		case CSV:
			err = writeCSV(bw, items, opt)
		case JSON:
			err = writeJSON(bw, items, opt)
		case CSL:
			err = writeCSL(bw, items, opt)
		case BibTeX:
			err = writeBibLaTeX(bw, items, opt)
		case RIS:
			err = writeRIS(bw, items, opt)
		default:
			err = fmt.Errorf("format %q: want %s", opt.Format, formatNames())
		}
	}
	if err != nil {
		return Stats{}, fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return Stats{}, fmt.Errorf("export: %w", err)
	}
	return opt.stats.Stats, nil
}

// webURLsOnly passes the stream through with every article URL that is not
// an http(s) address removed, so that no format writes a javascript: or
// file: link (the service stores only web addresses; this guards exports of
// older notebooks and template output).
func webURLsOnly(items iter.Seq2[Item, error]) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for it, err := range items {
			if it.Article.URL != "" && !notebook.IsWebURL(it.Article.URL) {
				it.Article.URL = ""
			}
			if !yield(it, err) {
				return
			}
		}
	}
}

// formatNames lists the format names for messages ("md, html, …, or ris").
func formatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (opt Options) normalise() (Options, error) {
	var err error
	if opt.Template == "" {
		if opt.Format, err = ParseFormat(string(opt.Format)); err != nil {
			return opt, err
		}
	}
	if opt.Citation, err = ParseCitationStyle(string(opt.Citation)); err != nil {
		return opt, err
	}
	if opt.Context, err = ParseContext(string(opt.Context)); err != nil {
		return opt, err
	}
	if opt.Order, err = ParseOrder(string(opt.Order)); err != nil {
		return opt, err
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	opt.Now = opt.Now.UTC().Truncate(time.Second)
	if opt.Title == "" {
		opt.Title = "Gloss export"
	}
	return opt, nil
}

// keep applies the notes/highlights filter.
func (opt Options) keep(a notebook.Annotation) bool {
	hasNote := strings.TrimSpace(a.Note) != ""
	return !(opt.NotesOnly && !hasNote) && !(opt.HighlightsOnly && hasNote)
}

// sortAnnotations orders one article's annotations as opt.Order says:
// document order puts orphans (which have no valid position) last.
func sortAnnotations(anns []notebook.Annotation, order Order) {
	slices.SortStableFunc(anns, func(a, b notebook.Annotation) int {
		if order == CreatedOrder {
			if c := a.Created.Compare(b.Created); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		}
		ao, bo := a.Status == notebook.Orphaned, b.Status == notebook.Orphaned
		switch {
		case ao != bo:
			if ao {
				return 1
			}
			return -1
		case a.Start != b.Start:
			return a.Start - b.Start
		case a.End != b.End:
			return a.End - b.End
		}
		return strings.Compare(a.ID, b.ID)
	})
}
