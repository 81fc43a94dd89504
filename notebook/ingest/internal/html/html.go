// Package html imports saved web pages: the page is decoded (charset.go),
// checked and parsed (guard.go), its metadata read (meta*.go), the date
// printed on it found (date*.go), and its article extracted with
// go-readability (html.go; why that extractor is in EXTRACTORS.md in
// package ingest) and turned into paragraphs (blocks.go, figure.go,
// tail.go).
package html

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minWords is the fewest words an extracted article may have; less is
// a page without an article (a login form, an error page, a gallery).
const minWords = 25

// formWords is the fewest words an article may have on a page that asks
// for a password: below it, the page is a login or paywall page.
const formWords = 120

// maxNodes bounds the number of elements the extractor is given; pages
// beyond it are pathological (or hostile) and are refused rather than
// processed for minutes.
const maxNodes = 200_000

// Parse is the importer of saved web pages, within the budget b. name is
// used in messages.
func Parse(b *budget.Budget, name string, data []byte) (draft.Article, error) {
	return ParsePage(b, name, data, "", "")
}

// ParsePage extracts the article of one HTML page. contentType is the
// page's MIME Content-Type when known (from an MHTML archive), pageURL its
// address when known; both may be empty. The page is parsed within the
// budget b, with the limits of ParseTree.
func ParsePage(b *budget.Budget, name string, data []byte, contentType, pageURL string) (draft.Article, error) {
	if len(data) > draft.MaxFileSize {
		return draft.Article{}, draft.TooLarge(name, int64(len(data)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrEmpty)
	}
	var nulWarning string
	if _, _, bom := bomEncoding(data); !bom {
		// Browsers skip stray NUL bytes in a page; so does Gloss, when they
		// are few (a page of mostly NULs is binary, or UTF-16 without a BOM).
		if n := bytes.Count(data, []byte{0}); n > 0 && n*100 <= len(data) {
			data = bytes.ReplaceAll(data, []byte{0}, nil)
			nulWarning = fmt.Sprintf("%d NUL bytes in the page were ignored", n)
		}
		if err := text.CheckBinary(name, data); err != nil {
			return draft.Article{}, err
		}
	}
	dec := Decode(data, contentType)
	if nulWarning != "" {
		dec.Warnings = append(dec.Warnings, nulWarning)
	}
	doc, err := ParseTree(b, name, dec.Text)
	if err != nil {
		return draft.Article{}, err
	}
	if page, ok := closeRunawayTitle(dec.Text, doc); ok {
		dec.Text = page
		if doc, err = ParseTree(b, name, page); err != nil {
			return draft.Article{}, err
		}
	}

	meta, titles := metaExtractPage(doc)
	if meta.URL == "" && metaIsWebURL(pageURL) {
		meta.URL = pageURL
	}
	hasPassword := hasPasswordField(doc)
	captions := liftCaptions(doc)
	// The date printed on the page, for pages whose markup gave none; read
	// before the pruning, which removes the comments and menus it must
	// recognise.
	var visibleDate time.Time
	if meta.Published.IsZero() {
		visibleDate, _ = findVisibleDate(doc, meta.URL)
	}
	prune(doc)
	heads := scanHeadlines(doc, append(append(titleParts(titles.tag), titles.tag), titles.structured...))

	var u *nurl.URL
	if meta.URL != "" {
		u, _ = nurl.ParseRequestURI(meta.URL)
	}
	if err := b.Check(); err != nil {
		return draft.Article{}, err
	}
	ex, exErr := extractor(doc, u)
	if err := b.Check(); err != nil {
		return draft.Article{}, err
	}

	if exErr == nil && ex.content != nil {
		// The headline the page shows, now that the article's place is
		// known (titles.go).
		meta.Title = pickTitle(titles, heads.cands, heads.articleStart(ex.content), leadText(ex.content), meta.Byline)
		if meta.Outlet == "" {
			meta.Outlet = metaSuffixOutlet(titles.tag, meta.Title)
		}
	}
	d := draft.Article{
		Title:     meta.Title,
		Byline:    meta.Byline,
		Outlet:    meta.Outlet,
		URL:       meta.URL,
		Published: meta.Published,
		Language:  meta.Language,
		Warnings:  dec.Warnings,
	}
	words := 0
	if exErr == nil && ex.content != nil {
		d.Text, d.Kinds = text.Join(postProcess(pageBlocks(ex.content), captions, &d))
		words = wordCount(d.Text)
	}
	if words < minWords || (hasPassword && words < formWords) {
		// No article found: the page is read again for the second method.
		if err := fallback(b, name, dec.Text, &d); err != nil {
			return draft.Article{}, err
		}
	}

	// The extractor's own metadata (its date search reads the visible page)
	// fills what the page's markup did not say.
	if d.Title == "" {
		d.Title = text.CleanSpace(ex.title)
	}
	if d.Outlet == "" {
		d.Outlet = metaCleanOutlet(ex.site)
	}
	if d.Byline == "" {
		// The extractor's byline is often the site's name ("BBC News").
		d.Byline = metaBylineWithoutSite(JoinNames(strings.Split(ex.author, "; ")), []string{d.Outlet, metaHost(d.URL)})
	}
	if d.Published.IsZero() && !visibleDate.IsZero() {
		d.Published = visibleDate
	}
	if d.Published.IsZero() && !ex.date.IsZero() {
		if t, ok := date.Plausible(ex.date); ok {
			d.Published = t
		}
	}
	if d.Language == "" {
		d.Language = Language(ex.language)
	}
	if d.Title == "" {
		d.Title = text.FirstWords(d.Text, 12)
	}
	return d, nil
}

// extraction is what a main-content extractor found in a page.
type extraction struct {
	content *html.Node // the article's main content
	// The extractor's own metadata, used only where the page's markup
	// (read by metaExtract) said nothing.
	title, author, site, language string
	date                          time.Time
}

// extractor finds the main content of a parsed page. It is a variable
// so the extractor evaluation (EXTRACTORS.md) can run the same pipeline with
// another extractor.
var extractor = runReadability

// runReadability extracts the main content with go-readability (the Go
// port of Firefox Reader View). Why this extractor and not go-trafilatura
// is measured in EXTRACTORS.md: equal titles, bylines and dates through
// our own metadata reading, F1 within 0.02, 2.7× less CPU, and 46 MB less
// memory in every Gloss process.
func runReadability(doc *html.Node, pageURL *nurl.URL) (ex extraction, err error) {
	// A bug in the extractor on some odd page must cost that page, not the
	// program (or the rest of a folder import).
	defer func() {
		if x := recover(); x != nil {
			ex, err = extraction{}, fmt.Errorf("extractor failed: %v", x)
		}
	}()
	// The document is ours (parsed for this import), so the extractor may
	// change it in place rather than copy it first.
	parser := readability.NewParser()
	// Class names are kept: the clean-up reads them (hints.go).
	parser.KeepClasses = true
	a, err := parser.ParseAndMutate(doc, pageURL)
	if err != nil {
		return extraction{}, err
	}
	if a.Node == nil {
		return extraction{}, errors.New("no content")
	}
	d, _ := a.PublishedTime()
	return extraction{content: a.Node, title: a.Title(), author: a.Byline(),
		site: a.SiteName(), language: a.Language(), date: d}, nil
}

// wordCount counts words; in scripts written without spaces (Chinese,
// Japanese) every two characters count as one word.
func wordCount(s string) int {
	n, cjk := 0, 0
	for _, f := range strings.Fields(s) {
		n++
		for _, r := range f {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
				cjk++
			}
		}
	}
	return n + cjk/2
}

// countElements counts element nodes, stopping at limit.
func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// hasPasswordField reports whether a page has a password input (a
// login or registration form).
func hasPasswordField(n *html.Node) bool {
	if n.Type == html.ElementNode && n.Data == "input" && strings.EqualFold(attrOf(n, "type"), "password") {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasPasswordField(c) {
			return true
		}
	}
	return false
}

// pruned are elements that never hold article text. They are removed
// (after the metadata was read) before the extractor runs, which copies the
// document several times: menus, scripts and embedded graphics are much of
// a modern page's nodes.
var pruned = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Nav: true, atom.Select: true, atom.Link: true,
}

// prune removes comments and pruned elements from the document.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && pruned[c.DataAtom]) {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}
