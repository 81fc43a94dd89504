package html

import (
	nurl "net/url"
	"regexp"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
)

// Sharing links ("Post this story to …", "Share on …") carry the
// article's title in their address, for the service to show: ?title=,
// ?t= or ?headline= beside the page's address (url=, u=, link=). A page
// that lost its <head> (saved in part, or cut off by a broken comment),
// or whose <title> is only the site's name, still names its article
// there, so the importer reads it as a title of the markup, trusted
// least. The subject of an e-mail link is not read: sites put "A reader
// sent you this" there.

// shareTitleKeys are the query keys that hold the shared title.
var shareTitleKeys = []string{"title", "t", "headline"}

// shareMaxLinks bounds the sharing links read from one page.
const shareMaxLinks = 32

// metaShareTitle returns the title that an <a> sharing the page carries,
// or "": only links that also name a page (url=, u=, link=) count, and
// the title must be a few words, not a paragraph, an address or a
// script's expression.
func metaShareTitle(n *html.Node) string {
	href := strings.TrimSpace(attrOf(n, "href"))
	if len(href) < 12 || len(href) > 4096 || !strings.Contains(href, "=") || !strings.Contains(href, "&") {
		return "" // not an address with both a page and a title
	}
	u, err := nurl.Parse(href)
	if err != nil {
		return ""
	}
	q := u.Query()
	if q.Get("url") == "" && q.Get("u") == "" && q.Get("link") == "" {
		return ""
	}
	for _, k := range shareTitleKeys {
		if t := text.CleanSpace(q.Get(k)); headlineText(t) && len(strings.Fields(t)) >= 2 && !shareCode.MatchString(t) {
			return t
		}
	}
	return ""
}

// shareCode matches a title that is a script's expression or an address
// rather than a title: links completed by a script ("?title=' +
// encodeURIComponent(document.title) + '") and placeholders ("{title}",
// "%TITLE%", "[title]").
var shareCode = regexp.MustCompile(`(?i)://|document\.|encodeuri|escape\(|\{\{?\s*\w+\s*\}|%\w+%|\[\w+\]|^\W|\+\s*'|'\s*\+`)
