package html

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A <title> that is never closed takes the rest of the page as its text
// (a title is read as raw text up to "</title>"), so the parsed page has
// no body. Saved pages damaged in this way ("<title>Headline</titavaScript
// …", a save cut short or a proxy that mangled the head) still hold the
// whole article. runawayTitleLimit is the length beyond which a title
// that holds markup is taken for such a runaway title; no real title
// comes near it.
const runawayTitleLimit = 1024

// closeRunawayTitle returns the page with its runaway title closed at
// the title text's first "<", and whether it had one.
func closeRunawayTitle(page string, doc *html.Node) (string, bool) {
	t := FindFirst(doc, atom.Title)
	if t == nil || inSVG(t) {
		return page, false
	}
	if s := textOf(t); len(s) <= runawayTitleLimit || !strings.Contains(s, "<") {
		return page, false
	}
	lower := strings.ToLower(page)
	start := strings.Index(lower, "<title")
	if start < 0 {
		return page, false
	}
	open := strings.IndexByte(page[start:], '>')
	if open < 0 {
		return page, false
	}
	from := start + open + 1
	lt := strings.IndexByte(page[from:], '<')
	if lt < 0 {
		return page, false
	}
	at := from + lt
	return page[:at] + "</title>" + page[at:], true
}
