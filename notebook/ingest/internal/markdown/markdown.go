// Package markdown imports Markdown notes and articles.
package markdown

// Markdown import. The document is parsed with goldmark (CommonMark plus
// the GitHub extensions: tables, strikethrough, task lists, bare links) and
// flattened to plain paragraphs:
//
//   - headings become Heading paragraphs; the first level-1 heading is the
//     title when the front matter has none, and is then left out of the
//     text (as is a level-1 heading that repeats the front-matter title);
//   - paragraphs become Body, those inside block quotes Quote, list items
//     Item (ordered items keep their number, "3. …"); a paragraph that is
//     only an image becomes a Caption holding the image's title or alt text;
//   - inline markup is dropped and its text kept: emphasis, links (their
//     text, not the address), code spans, images (their alt text);
//     backslash escapes and character references are resolved;
//   - code blocks are kept verbatim, one paragraph per blank-line-separated
//     chunk; table rows become one paragraph each, cells joined by " | ";
//   - raw HTML and thematic breaks are dropped.
//
// YAML front matter between "---" lines at the very top is read for title,
// author/authors/byline, date/published, url/link/source, tags/keywords,
// outlet/site/publisher and lang/language. Front matter that is not valid
// YAML, or larger than maxFrontMatter (64 KB), is left out of the text
// with a warning; at most 100 tags are kept (see finish).
//
// Limits, checked on the source before goldmark sees it (goldmark's cost
// grows with the square of the nesting, with rows times columns of a
// table and faster than the number of emphasis delimiters in a paragraph,
// and it cannot be stopped once started): lists and block quotes nested
// more than maxNesting (64) levels deep are refused; tables that would
// have more than maxTableCells (500,000) cells, or a row of more than
// maxTableColumns (256) columns, are read as plain paragraphs, with a
// warning; a note with a paragraph of more than maxMarkers (20,000)
// emphasis, link or code markers is read as plain text, with a warning.
// A source larger than chunkSize (1 MB) is parsed in chunks of about that
// size, cut at blank lines between top-level blocks (the link reference
// definitions are given to every chunk), so that the budget is checked
// between chunks.

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/plain"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"
)

// markdown is the goldmark instance used by every import; goldmark parsers
// are safe for concurrent use. markdownNoTables reads a document whose
// tables are too large as if it had none.
var (
	markdown         = goldmark.New(goldmark.WithExtensions(extension.GFM))
	markdownNoTables = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Linkify, extension.TaskList))
)

// The limits of a Markdown import (see the top of markdown.go).
const (
	maxMarkers      = 20_000
	maxFrontMatter  = 64 << 10
	maxNesting      = 64
	maxTableCells   = 500_000
	maxTableColumns = 256
	// nodeCost is the memory charged per byte of Markdown for the
	// syntax tree goldmark builds from it.
	nodeCost = 12
)

// Parse is the importer of Markdown files, within the budget b. name is
// used in messages.
func Parse(b *budget.Budget, name string, data []byte) (draft.Article, error) {
	s, warnings, err := text.Decode(name, data)
	if err != nil {
		return draft.Article{}, err
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	d := draft.Article{Warnings: warnings}
	fm, body, found := splitFrontMatter(s)
	switch {
	case found && len(fm) > maxFrontMatter:
		d.Warnings = append(d.Warnings, fmt.Sprintf("front matter ignored: it is larger than %d KB", maxFrontMatter>>10))
	case found:
		if err := applyFrontMatter(&d, fm); err != nil {
			d.Warnings = append(d.Warnings, fmt.Sprintf("front matter ignored: %v", err))
		}
	}

	shape, err := scan(b, body)
	if err != nil {
		return draft.Article{}, err
	}
	if shape.depth > maxNesting {
		return draft.Article{}, fmt.Errorf("import %s: lists or block quotes are nested more than %d levels deep (line %d); refused as damaged or hostile",
			name, maxNesting, shape.deepLine)
	}
	if err := b.Alloc(nodeCost * int64(len(body))); err != nil {
		return draft.Article{}, err
	}
	md := markdown
	if shape.cells > maxTableCells || shape.columns > maxTableColumns {
		md = markdownNoTables
		d.Warnings = append(d.Warnings, fmt.Sprintf("tables were read as plain text: they are too large (%d cells, up to %d columns in a row)", shape.cells, shape.columns))
	}
	if shape.markers > maxMarkers {
		// goldmark would take minutes over such a paragraph, and cannot be
		// stopped: the note is read as plain text instead.
		p, err := plain.Parse(b, body)
		if err != nil {
			return draft.Article{}, err
		}
		d.Text, d.Kinds = p.Text, p.Kinds
		if d.Title == "" {
			d.Title = p.Title
		}
		d.Warnings = append(d.Warnings, fmt.Sprintf("read as plain text, not Markdown: a paragraph has more than %d emphasis, link or code markers", maxMarkers))
	} else {
		w := walker{title: d.Title, budget: b}
		for _, chunk := range chunks(body, shape) {
			if err := b.Check(); err != nil {
				return draft.Article{}, err
			}
			w.src = []byte(chunk)
			w.blocks(md.Parser().Parse(gtext.NewReader(w.src)), draft.Body)
		}
		if err := b.Err(); err != nil {
			return draft.Article{}, err
		}
		if d.Title == "" {
			d.Title = w.title
		}
		d.Text, d.Kinds = text.Join(w.out)
	}
	if d.Text == "" {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrNoText)
	}
	if d.Title == "" {
		d.Warnings = append(d.Warnings, "no title found")
	}
	return d, nil
}

// splitFrontMatter separates YAML front matter ("---" on the first line, up
// to a line "---" or "...") from the Markdown after it.
func splitFrontMatter(s string) (fm, body string, ok bool) {
	first, rest, _ := strings.Cut(s, "\n")
	if strings.TrimRight(first, " \t") != "---" {
		return "", s, false
	}
	for off := 0; off < len(rest); {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if l := strings.TrimRight(line, " \t"); l == "---" || l == "..." {
			after := min(off+len(line)+1, len(rest))
			return rest[:off], rest[after:], true
		}
		off += len(line) + 1
	}
	return "", s, false
}

// applyFrontMatter copies the known front-matter fields into d. Keys are
// matched case-insensitively; unknown keys are ignored.
func applyFrontMatter(d *draft.Article, fm string) error {
	var m map[string]any
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		return fmt.Errorf("not valid YAML: %w", err)
	}
	get := func(keys ...string) any {
		for _, k := range keys {
			for mk, v := range m {
				if strings.EqualFold(mk, k) && v != nil {
					return v
				}
			}
		}
		return nil
	}
	d.Title = strings.TrimSpace(fmString(get("title")))
	d.Byline = joinNames(fmList(get("author", "authors", "byline")))
	d.Outlet = strings.TrimSpace(fmString(get("outlet", "site", "publisher", "publication")))
	d.Language = strings.TrimSpace(fmString(get("lang", "language")))
	d.Tags = fmList(get("tags", "keywords"))
	if u := strings.TrimSpace(fmString(get("url", "link", "source", "canonical"))); u != "" {
		if pu, err := url.Parse(u); err == nil && pu.Host != "" {
			d.URL = u
		} else {
			d.Warnings = append(d.Warnings, fmt.Sprintf("front matter url %q is not a web address", u))
		}
	}
	switch v := get("date", "published", "pubdate", "created").(type) {
	case nil:
	case time.Time:
		d.Published = v
	default:
		if t, ok := date.Parse(fmString(v)); ok {
			d.Published = t
		} else {
			d.Warnings = append(d.Warnings, fmt.Sprintf("front matter date %q not understood", fmString(v)))
		}
	}
	return nil
}

// fmString renders a scalar front-matter value as a string.
func fmString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.RFC3339)
	case int:
		return strconv.Itoa(v)
	default:
		return fmt.Sprint(v)
	}
}

// fmList reads a front-matter value that may be a list or a single,
// comma-separated string ("tags: sahel, security").
func fmList(v any) []string {
	var raw []string
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		for _, e := range v {
			raw = append(raw, fmString(e))
		}
	default:
		raw = strings.Split(fmString(v), ",")
	}
	var out []string
	for _, s := range raw {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// joinNames joins authors as a byline: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	default:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
}

// walker flattens a goldmark document into blocks.
type walker struct {
	src      []byte
	title    string // the title so far; the first h1 fills it when empty
	sawTitle bool   // a heading has already been taken as (or matched) the title
	out      []draft.Block
	budget   *budget.Budget
}

// blocks appends the blocks under n, giving paragraphs the kind kind. It
// stops when the budget runs out (the caller then reads the budget's error).
func (w *walker) blocks(n ast.Node, kind draft.Kind) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if w.budget.Step() != nil {
			return
		}
		switch c := c.(type) {
		case *ast.Heading:
			t := w.inline(c)
			if c.Level == 1 && !w.sawTitle {
				if w.title == "" {
					w.title, w.sawTitle = t, true
					continue
				}
				if strings.EqualFold(strings.TrimSpace(t), w.title) {
					w.sawTitle = true
					continue
				}
			}
			w.out = append(w.out, draft.Block{Text: t, Kind: draft.Heading})
		case *ast.Paragraph, *ast.TextBlock:
			if img, ok := onlyImage(c); ok {
				caption := string(img.Title)
				if caption == "" {
					caption = w.inline(img)
				}
				w.out = append(w.out, draft.Block{Text: caption, Kind: draft.Caption})
				continue
			}
			w.out = append(w.out, draft.Block{Text: w.inline(c), Kind: kind})
		case *ast.Blockquote:
			w.blocks(c, draft.Quote)
		case *ast.List:
			w.list(c)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var buf bytes.Buffer
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				buf.Write(seg.Value(w.src))
			}
			for chunk := range strings.SplitSeq(text.Normalize(buf.String()), "\n\n") {
				w.out = append(w.out, draft.Block{Text: chunk, Kind: kind})
			}
		case *east.Table:
			w.table(c, kind)
		case *ast.ThematicBreak, *ast.HTMLBlock, *ast.LinkReferenceDefinition:
			// nothing to read
		default:
			w.blocks(c, kind)
		}
	}
}

// list appends one Item block per paragraph of each list item, numbering
// the first paragraph of each item of an ordered list.
func (w *walker) list(l *ast.List) {
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		start := len(w.out)
		w.blocks(item, draft.Item)
		if l.IsOrdered() && len(w.out) > start && w.out[start].Kind == draft.Item {
			w.out[start].Text = strconv.Itoa(num) + ". " + w.out[start].Text
		}
		num++
	}
}

// table appends one block per table row, its cells joined by " | ".
func (w *walker) table(t *east.Table, kind draft.Kind) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, strings.TrimSpace(w.inline(cell)))
		}
		w.out = append(w.out, draft.Block{Text: strings.Join(cells, " | "), Kind: kind})
	}
}

// onlyImage reports whether a paragraph holds nothing but one image.
func onlyImage(p ast.Node) (*ast.Image, bool) {
	img, ok := p.FirstChild().(*ast.Image)
	if !ok || p.FirstChild() != p.LastChild() {
		return nil, false
	}
	return img, true
}

// inline returns the plain text of the inline content under n.
func (w *walker) inline(n ast.Node) string {
	var sb strings.Builder
	w.inlineTo(&sb, n)
	return sb.String()
}

// inlineTo writes the plain text of n's children to sb.
func (w *walker) inlineTo(sb *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(w.src)
			if !c.IsRaw() {
				v = resolveMarkdownText(v)
			}
			sb.Write(v)
			switch {
			case c.HardLineBreak():
				sb.WriteByte('\n')
			case c.SoftLineBreak():
				sb.WriteByte(' ')
			}
		case *ast.String:
			v := c.Value
			if !c.IsRaw() && !c.IsCode() {
				v = resolveMarkdownText(v)
			}
			sb.Write(v)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					sb.Write(t.Value(w.src))
				case *ast.String:
					sb.Write(t.Value)
				}
			}
		case *ast.AutoLink:
			sb.Write(c.Label(w.src))
		case *ast.RawHTML, *east.TaskCheckBox:
			// markup only
		default:
			w.inlineTo(sb, c)
		}
	}
}

// resolveMarkdownText applies backslash escapes and character references
// ("\*", "&amp;", "&#8212;") to a Markdown text run.
func resolveMarkdownText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(v))
	}
	return v
}

// chunkSize is the size of the chunks a large source is parsed in; tests
// make it small.
var chunkSize = 1 << 20

// chunks cuts a source into chunks of at least chunkSize bytes at the
// breaks the scan found, each preceded by the source's link reference
// definitions. A source smaller than chunkSize is one chunk, unchanged.
func chunks(src string, sh sourceShape) []string {
	if len(src) <= chunkSize {
		return []string{src}
	}
	refs := strings.Join(sh.refs, "\n")
	if refs != "" {
		refs += "\n\n"
	}
	var out []string
	start := 0
	for _, br := range sh.breaks {
		if br-start >= chunkSize {
			out = append(out, refs+src[start:br])
			start = br
		}
	}
	return append(out, refs+src[start:])
}
