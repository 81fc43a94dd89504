package html

import (
	"fmt"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// When the extractor finds no article in a page (old table layouts, where
// the text sits in cells and <font> runs rather than in paragraphs, defeat
// it), Gloss does not refuse the page the user chose to keep. It tries a
// second method, the densest run of text (densestRun), and failing that it
// imports the page's visible text without its navigation, header, footer
// and forms, with a warning that says so. Only a page with no text at all
// is refused.

// Warnings given with a fallback extraction.
const (
	warnSecondMethod = "Gloss's usual method found no article in this page; the text was found by its second method (the longest run of text) — check where it starts and ends"
	warnWholePage    = "Gloss could not find the article in this page; the whole page text was imported — edit the text to trim it"
)

// chrome are elements that hold a page's furniture around the article:
// navigation, the site's header and footer, sidebars, form controls. A
// <form> itself stays: some sites wrap the whole page in one.
var chrome = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Label: true,
}

// chromeRoles are ARIA roles of the same furniture.
var chromeRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "search": true, "complementary": true,
	"menu": true, "menubar": true, "dialog": true, "alertdialog": true,
}

// removeChrome removes navigation, the page's header and footer (not an
// article's own), sidebars, form controls and elements hidden from
// readers from a page.
func removeChrome(n *html.Node, inArticle bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type != html.ElementNode {
			c = next
			continue
		}
		remove := chrome[c.DataAtom] || chromeRoles[strings.ToLower(attrOf(c, "role"))] ||
			hasAttr(c, "hidden") || strings.EqualFold(attrOf(c, "aria-hidden"), "true")
		if inArticle && (c.DataAtom == atom.Header || c.DataAtom == atom.Footer) {
			remove = false
		}
		if remove {
			n.RemoveChild(c)
		} else {
			removeChrome(c, inArticle || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
		}
		c = next
	}
}

// blockWeight is what a paragraph adds to a run of text in densestRun:
// its words outside links, less a cost for every word in a link and for
// every paragraph (a run of short lines, a menu, weighs against the run
// that holds it).
func blockWeight(b block) int {
	words := b.words()
	linked := 0
	if b.chars > 0 {
		linked = words * b.links / b.chars
	}
	return words - linked - 2*linked - runCost
}

// runCost is the cost of one paragraph in a run: a line of fewer words
// (a date, a menu item, a label) weighs against the run.
const runCost = 6

// densestRun returns the run of consecutive paragraphs with the largest
// weight (blockWeight summed), as [start, end): the article's text in a
// page whose structure the extractor could not read, found by the same
// principle as Finn, Kushmerick and Smyth's Body Text Extraction (2001):
// the article is where the text is dense and the links are few.
func densestRun(blocks []block) (start, end int) {
	best, bestStart, bestEnd := 0, 0, 0
	sum, from := 0, 0
	for i, b := range blocks {
		if sum <= 0 {
			sum, from = 0, i
		}
		sum += blockWeight(b)
		if sum > best {
			best, bestStart, bestEnd = sum, from, i+1
		}
	}
	return bestStart, bestEnd
}

// fallback fills d's text from page when the extractor found no article
// in it: the densest run of text when it is long enough to be an article,
// else the
// page's visible text without its furniture, each with a warning. It
// returns ErrNoText only when the page has no text at all.
func fallback(b *budget.Budget, name, page string, d *draft.Article) error {
	doc, err := ParseTree(b, name, page)
	if err != nil {
		return err
	}
	captions := liftCaptions(doc)
	prune(doc)
	removeChrome(doc, false)
	if err := b.Check(); err != nil {
		return err
	}
	all := pageBlocks(doc)
	start, end := densestRun(all)
	run := append([]block(nil), all[start:end]...)
	body, kinds := text.Join(postProcess(run, captions, d))
	if wordCount(body) >= minWords {
		d.Text, d.Kinds = body, kinds
		d.Warnings = append(d.Warnings, warnSecondMethod)
		return nil
	}
	body, kinds = text.Join(postProcess(all, captions, d))
	if wordCount(body) == 0 {
		return fmt.Errorf("import %s: %w", name, draft.ErrNoText)
	}
	d.Text, d.Kinds = body, kinds
	d.Warnings = append(d.Warnings, warnWholePage)
	return nil
}
