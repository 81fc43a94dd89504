package export

import (
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook"
)

// Document is the data a template renders (the built-in Markdown, HTML and
// text formats are templates over it too). assets/templates/README.md
// documents it for template authors.
type Document struct {
	// Title is the single article's title, else Options.Title.
	Title string
	// Exported is the export time (UTC, whole seconds).
	Exported time.Time
	// Style and Context are the options the citations and contexts follow.
	Style   CitationStyle
	Context ContextMode
	// Single is the article when the export holds exactly one, else nil.
	Single *Article
	// Bibliography is the CSL-JSON file a pandoc export cites from
	// (Options.Bibliography), or "".
	Bibliography string
	// Articles yields the articles one at a time, as they are read; a
	// template can range over it once.
	Articles iter.Seq[*Article]
}

// Article is one exported article with its excerpts.
type Article struct {
	ID        string
	Title     string
	Byline    string   // as printed, e.g. "Isaac Mugabi (with Reuters and AP)"
	Authors   []string // names read from the byline, e.g. ["Isaac Mugabi"]
	Outlet    string
	URL       string
	Published string // YYYY-MM-DD, or "" when unknown
	Added     time.Time
	Language  string
	Tags      []Tag
	Note      string // the researcher's Markdown summary
	// Citation cites the whole article (a bibliography or reference entry
	// in the Chicago and APA styles).
	Citation Citation
	// CiteKey is the article's citation key (its stored one, else one made
	// for this export), as the CSL, BibTeX and RIS exports name it.
	CiteKey  string
	Excerpts []*Excerpt

	citer *citer
}

// Excerpt is one annotation with its place in the text.
type Excerpt struct {
	ID    string
	Quote string // the highlighted text (for an orphan, as it was)
	Note  string // Markdown
	Color string
	Tags  []Tag
	// Status is "anchored", "moved" or "orphaned"; Orphaned is true for the
	// last, whose position is unknown (Paragraph is then 0).
	Status   string
	Orphaned bool
	// Paragraph is the 1-based number of the paragraph the quote starts in,
	// 0 when unknown.
	Paragraph int
	// Start and End are the quote's position in code points.
	Start, End     int
	Prefix, Suffix string // a few characters around the quote, as stored
	// Before and After are the rest of the sentence or paragraph around the
	// quote when Context asks for it, else empty.
	Before, After string
	// Creator is who made the annotation, in a shared notebook; "" when
	// unknown.
	Creator string
	Created time.Time
	Updated time.Time
	Article *Article
	// AlsoIn lists the other articles of the notebook that carry the same
	// passage, earliest published first, when the export asks for reuse
	// (Options.Reuse); else nil.
	AlsoIn []Carrier
}

// Carrier is another article that carries an excerpt's passage.
type Carrier struct {
	ArticleID string
	Title     string
	Outlet    string
	Published string // YYYY-MM-DD, or "" when unknown
	// Similarity is how alike the two copies are, in [0, 1].
	Similarity float64
}

// String is the carrier as a reader names it: "Title (Outlet, 2023-02-08)".
func (c Carrier) String() string {
	var meta []string
	for _, s := range []string{c.Outlet, c.Published} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) == 0 {
		return c.Title
	}
	return c.Title + " (" + strings.Join(meta, ", ") + ")"
}

// AlsoInText is AlsoIn as one line: the carriers' names joined by "; ".
func (e *Excerpt) AlsoInText() string {
	names := make([]string, len(e.AlsoIn))
	for i, c := range e.AlsoIn {
		names[i] = c.String()
	}
	return strings.Join(names, "; ")
}

// Tag is a tag name and its inline #tag form.
type Tag struct {
	Name    string // as the notebook spells it, e.g. "Russia–Africa ties"
	Hashtag string // e.g. "#Russia–Africa_ties"
}

// String returns the tag's name.
func (t Tag) String() string { return t.Name }

// Location is "¶N", or "(orphaned)" for an orphan, or "" when the position
// is otherwise unknown.
func (e *Excerpt) Location() string {
	switch {
	case e.Orphaned:
		return "(orphaned)"
	case e.Paragraph > 0:
		return "¶" + strconv.Itoa(e.Paragraph)
	}
	return ""
}

// Cite is the excerpt's pandoc citation: "[@mugabi2023russia, para. 7]",
// or "[@mugabi2023russia]" when the paragraph is unknown.
func (e *Excerpt) Cite() string {
	if e.Paragraph > 0 {
		return "[@" + e.Article.CiteKey + ", para. " + strconv.Itoa(e.Paragraph) + "]"
	}
	return "[@" + e.Article.CiteKey + "]"
}

// Citation cites the excerpt: the article's citation with the paragraph
// (a note in the Chicago style, the in-text citation in APA).
func (e *Excerpt) Citation() Citation { return e.Article.citer.excerpt(e.Paragraph) }

// AllTags returns the article's tags and then its excerpts' tags, each
// once.
func (a *Article) AllTags() []Tag {
	seen := map[string]bool{}
	var out []Tag
	add := func(ts []Tag) {
		for _, t := range ts {
			if k := notebook.TagKey(t.Name); !seen[k] {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	add(a.Tags)
	for _, e := range a.Excerpts {
		add(e.Tags)
	}
	return out
}

func tagsOf(names []string) []Tag {
	if len(names) == 0 {
		return nil
	}
	out := make([]Tag, len(names))
	for i, n := range names {
		out[i] = Tag{Name: n, Hashtag: Hashtag(n)}
	}
	return out
}

// buildArticle turns a stream item into template data, applying the
// notes/highlights filter, the order and the context option.
func buildArticle(it Item, opt Options) *Article {
	src := it.Article
	a := &Article{
		ID: src.ID, Title: src.Title, Byline: src.Byline, Outlet: src.Outlet, URL: src.URL,
		Published: src.Published.String(), Added: src.Added, Language: src.Language,
		Tags: tagsOf(src.Tags), Note: src.Note,
	}
	authors := parseAuthors(src.Byline)
	for _, au := range authors {
		a.Authors = append(a.Authors, au.Display())
	}
	a.citer = &citer{style: opt.Citation, a: &src, authors: authors}
	a.Citation = a.citer.reference()
	if opt.keys != nil {
		a.CiteKey, _ = opt.keys.key(src, authors)
	}

	anns := make([]notebook.Annotation, 0, len(it.Annotations))
	for _, ann := range it.Annotations {
		if opt.keep(ann) {
			anns = append(anns, ann)
		}
	}
	sortAnnotations(anns, opt.Order)
	ix := newTextIndex(it.Text)
	a.Excerpts = make([]*Excerpt, len(anns))
	for i, ann := range anns {
		a.Excerpts[i] = buildExcerpt(a, ix, ann, opt.Context)
		for _, m := range it.AlsoIn[ann.ID] {
			a.Excerpts[i].AlsoIn = append(a.Excerpts[i].AlsoIn, Carrier{ArticleID: m.ArticleID, Title: m.Title,
				Outlet: m.Outlet, Published: m.Published, Similarity: m.Similarity})
		}
	}
	opt.stats.article(a.ID, len(a.Excerpts))
	return a
}

func buildExcerpt(a *Article, ix *textIndex, ann notebook.Annotation, mode ContextMode) *Excerpt {
	e := &Excerpt{
		ID: ann.ID, Quote: ann.Quote, Note: ann.Note, Color: string(ann.Color), Tags: tagsOf(ann.Tags),
		Status: string(ann.Status), Orphaned: ann.Status == notebook.Orphaned,
		Start: ann.Start, End: ann.End, Prefix: ann.Prefix, Suffix: ann.Suffix,
		Creator: ann.Creator, Created: ann.Created, Updated: ann.Updated, Article: a,
	}
	if e.Orphaned || !ix.valid(ann.Start, ann.End) {
		return e
	}
	e.Paragraph = ix.paragraph(ann.Start) + 1
	if e.Quote == "" {
		e.Quote = ix.text[ix.byteOffset(ann.Start):ix.byteOffset(ann.End)]
	}
	e.Before, e.After = ix.context(mode, ann.Start, ann.End)
	return e
}

// articles converts a stream of items to template data one at a time.
// Reading stops at the first error, which *errp receives.
func articles(items iter.Seq2[Item, error], opt Options, errp *error) iter.Seq[*Article] {
	return func(yield func(*Article) bool) {
		for it, err := range items {
			if err != nil {
				*errp = err
				return
			}
			if !yield(buildArticle(it, opt)) {
				return
			}
		}
	}
}

// newDocument prepares a template's data. It reads ahead one or two items
// to learn whether the export holds a single article; an error before the
// first item is returned at once, so nothing is written. finish releases
// the stream and returns any error met while the template ran.
func newDocument(items iter.Seq2[Item, error], opt Options) (doc *Document, finish func() error, err error) {
	next, stop := iter.Pull2(items)
	var head []Item
	var streamErr error
	for len(head) < 2 {
		it, err, ok := next()
		if !ok {
			break
		}
		if err != nil {
			streamErr = err
			break
		}
		head = append(head, it)
	}
	if streamErr != nil && len(head) == 0 {
		stop()
		return nil, nil, streamErr
	}
	doc = &Document{Title: opt.Title, Exported: opt.Now, Style: opt.Citation, Context: opt.Context}
	if opt.CiteKeys {
		doc.Bibliography = opt.Bibliography
	}
	if len(head) == 1 && streamErr == nil {
		doc.Single = buildArticle(head[0], opt)
		doc.Title = doc.Single.Title
	}
	doc.Articles = func(yield func(*Article) bool) {
		for i, it := range head {
			a := doc.Single
			if i > 0 || a == nil {
				a = buildArticle(it, opt)
			}
			if !yield(a) {
				return
			}
		}
		head = nil
		for streamErr == nil {
			it, err, ok := next()
			if !ok {
				return
			}
			if err != nil {
				streamErr = err
				return
			}
			if !yield(buildArticle(it, opt)) {
				return
			}
		}
	}
	finish = func() error {
		stop()
		return streamErr
	}
	return doc, finish, nil
}
