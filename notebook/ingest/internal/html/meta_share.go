package html

import (
	nurl "net/url"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
)

// Sharing links ("Post this story to …", "Share on …", "E-mail this")
// carry the article's title in their address, for the service to show:
// ?title=, ?t=, ?text= or the subject of a mailto: link. A page that
// lost its <head> (saved in part, or cut off by a broken comment) or
// whose <title> is only the site's name still names its article there,
// so the importer reads it as a title of the markup, trusted least.

// shareTitleKeys are the query keys that hold the shared title.
var shareTitleKeys = []string{"title", "t", "headline", "subject"}

// shareMaxLinks bounds the sharing links read from one page.
const shareMaxLinks = 32

// metaShareTitle returns the title that an <a> sharing the page carries,
// or "". Only links whose address says it shares or submits the page,
// and also names a page (url=, u=, link=), count, and the title must be
// a few words, not a whole paragraph.
func metaShareTitle(n *html.Node) string {
	href := strings.TrimSpace(attrOf(n, "href"))
	if len(href) < 12 || len(href) > 4096 {
		return ""
	}
	u, err := nurl.Parse(href)
	if err != nil {
		return ""
	}
	q := u.Query()
	if strings.EqualFold(u.Scheme, "mailto") {
		// mailto:?subject=Headline&body=https://…
		if t := text.CleanSpace(q.Get("subject")); headlineText(t) && strings.Contains(q.Get("body"), "http") {
			return t
		}
		return ""
	}
	if q.Get("url") == "" && q.Get("u") == "" && q.Get("link") == "" {
		return ""
	}
	for _, k := range shareTitleKeys {
		if t := text.CleanSpace(q.Get(k)); headlineText(t) && len(strings.Fields(t)) >= 2 && !strings.Contains(t, "://") {
			return t
		}
	}
	return ""
}
