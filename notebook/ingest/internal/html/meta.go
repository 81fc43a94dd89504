package html

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"
)

// metaInfo is the metadata found in an HTML page.
type metaInfo struct {
	Title     string
	Byline    string
	Outlet    string
	URL       string
	Language  string
	Published time.Time
}

// metaPage holds the raw metadata sources of a page, gathered in one walk.
type metaPage struct {
	lang       string            // <html lang>
	title      string            // <title>
	h1         []string          // visible <h1> texts, in order
	metas      map[string]string // lower-case name/property/itemprop → first content
	byProperty map[string]bool   // keys of metas given by a property attribute
	authors    []string          // every <meta name=author> (some pages repeat it)
	canonical  string            // <link rel=canonical href>
	savedFrom  string            // URL from a "saved from url=" comment
	jsonLD     []string          // bodies of <script type=application/ld+json>
	bylines    []string          // visible byline candidates (rel=author, .byline, …)
	byText     []string          // short elements whose text starts "By Name"
	times      []string          // <time datetime> values inside the page body
	shared     []string          // titles in the page's sharing links (meta_share.go)
}

// metaExtract reads a page's metadata, trusting in order: schema.org JSON-LD,
// OpenGraph and article:* properties, other <meta> tags, the <title> (with
// the site-name suffix removed) and finally the visible byline and <h1>.
func metaExtract(doc *html.Node) metaInfo {
	m, _ := metaExtractPage(doc)
	return m
}

// metaExtractPage is metaExtract that also returns the page's titles, for
// the title to be chosen again once the article's place is known.
func metaExtractPage(doc *html.Node) (metaInfo, titleSources) {
	p := metaCollect(doc)
	ld := metaFromJSONLD(p.jsonLD)

	var m metaInfo
	// The site's name as the markup gives it, tagline included, is what
	// titles carry as a suffix; the outlet shown is the name alone.
	site := text.CleanSpace(metaFirst(ld.publisher, p.metas["og:site_name"], ld.siteName,
		p.metas["application-name"], p.metas["twitter:app:name:iphone"],
		p.metas["publisher"], p.metas["dc.publisher"], p.metas["citation_journal_title"]))
	m.Outlet = metaCleanOutlet(site)

	m.URL = metaChooseURL(p, ld)
	ts := metaTitleSources(p, ld, site, metaHost(m.URL))
	h1s := make([]headCand, len(p.h1))
	for i, h := range p.h1 {
		h1s[i] = headCand{text: h, pos: -1, rank: 1}
	}
	m.Title = pickTitle(ts, h1s, -1, "", "")
	if m.Outlet == "" {
		m.Outlet = metaSuffixOutlet(p.title, m.Title)
	}

	// The byline: JSON-LD authors, then <meta> authors, then the visible
	// byline. A source that names only the site ("CNN", "tagesschau.de")
	// or a CMS account ("admin") says nothing and the next one is tried.
	sites := []string{m.Outlet, metaHost(m.URL)}
	cands := []string{JoinNames(ld.authors), JoinNames(metaAuthorsFromMeta(p))}
	cands = append(cands, metaBylineCandidates(append(p.bylines, p.byText...))...)
	for _, c := range cands {
		if c = metaBylineWithoutSite(c, sites); c != "" {
			m.Byline = c
			break
		}
	}

	for _, v := range []string{ld.published,
		p.metas["article:published_time"], p.metas["og:article:published_time"],
		p.metas["article:published"], p.metas["datepublished"], p.metas["date"],
		p.metas["pubdate"], p.metas["publishdate"], p.metas["publish-date"], p.metas["publish_date"],
		p.metas["dc.date.issued"], p.metas["dc.date"], p.metas["dcterms.date"], p.metas["dcterms.issued"],
		p.metas["dcterms.created"], p.metas["sailthru.date"], p.metas["parsely-pub-date"],
		p.metas["citation_publication_date"], p.metas["citation_date"], p.metas["article.published"],
		p.metas["og:published_time"], p.metas["published_time"], p.metas["datecreated"],
		p.metas["publication_date"], p.metas["sw-pubdate"], p.metas["shareaholic:article_published_time"],
		ld.created, p.metas["article:modified_time"], ld.modified} {
		if t, ok := date.ParseMeta(v); ok {
			m.Published = t
			break
		}
	}
	if m.Published.IsZero() {
		for _, v := range p.times {
			if t, ok := date.ParseMeta(v); ok {
				m.Published = t
				break
			}
		}
	}

	for _, l := range []string{p.lang, p.metas["content-language"], p.metas["og:locale"], ld.language, p.metas["dc.language"], p.metas["language"]} {
		if tag := Language(l); tag != "" {
			m.Language = tag
			break
		}
	}
	return m, ts
}

// metaCleanOutlet tidies a site name from the markup: an address becomes
// its host ("http://www.tmz.com" → "tmz.com") and a tagline after the name
// goes ("Yahoo News - Latest News & Headlines" → "Yahoo News").
func metaCleanOutlet(s string) string {
	s = text.CleanSpace(s)
	if metaIsWebURL(s) {
		return metaHost(s)
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · "} {
		if name, _, ok := strings.Cut(s, sep); ok && name != "" && len(strings.Fields(name)) <= 5 {
			return strings.TrimSpace(name)
		}
	}
	return s
}

// metaChooseURL returns the page's canonical address: <link rel=canonical>,
// og:url, the JSON-LD url, twitter:url, or the address a browser noted when
// saving the page.
func metaChooseURL(p metaPage, ld metaLD) string {
	for _, u := range []string{p.canonical, p.metas["og:url"], ld.url, p.metas["twitter:url"], p.savedFrom} {
		if u = strings.TrimSpace(u); metaIsWebURL(u) {
			return u
		}
	}
	return ""
}

// metaHost returns the host name of a URL without "www.", or "".
func metaHost(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www.")
}

// metaCollect walks the document once and gathers every metadata source.
func metaCollect(doc *html.Node) metaPage {
	p := metaPage{metas: map[string]string{}, byProperty: map[string]bool{}}
	// skip is set inside comment sections, forms and asides (author lists
	// of a sidebar), whose "author" elements are not the article's byline.
	var walk func(n *html.Node, inBody, skip bool)
	walk = func(n *html.Node, inBody, skip bool) {
		switch n.Type {
		case html.CommentNode:
			if p.savedFrom == "" {
				p.savedFrom = metaSavedFrom(n.Data)
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Html:
				if l := attrOf(n, "lang"); l != "" && p.lang == "" {
					p.lang = l
				} else if l := attrOf(n, "xml:lang"); l != "" && p.lang == "" {
					p.lang = l
				}
			case atom.Body:
				inBody = true
			case atom.Title:
				if p.title == "" && !inSVG(n) {
					p.title = text.CleanSpace(textOf(n))
				}
				return
			case atom.Meta:
				metaCollectMeta(&p, n)
				return
			case atom.Link:
				if strings.EqualFold(strings.TrimSpace(attrOf(n, "rel")), "canonical") && p.canonical == "" {
					p.canonical = attrOf(n, "href")
				}
				return
			case atom.Script:
				if strings.Contains(strings.ToLower(attrOf(n, "type")), "ld+json") {
					p.jsonLD = append(p.jsonLD, textOf(n))
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.H1:
				if t := metaHeadingText(n); t != "" && len(p.h1) < 8 {
					p.h1 = append(p.h1, t)
				}
			case atom.A:
				if len(p.shared) < shareMaxLinks {
					if t := metaShareTitle(n); t != "" {
						p.shared = append(p.shared, t)
					}
				}
			case atom.Time:
				if inBody && !skip && len(p.times) < 8 {
					if v := attrOf(n, "datetime"); v != "" {
						p.times = append(p.times, v)
					}
				}
			}
			if n.DataAtom == atom.Form || n.DataAtom == atom.Aside || attrOf(n, "role") == "complementary" || metaIsCommentSection(n) {
				skip = true
			}
			if inBody && !skip && len(p.byText) < 4 && metaStartsByline(n) {
				if t := text.CleanSpace(textOf(n)); len(t) <= 80 {
					p.byText = append(p.byText, t)
				}
			}
			if inBody && !skip && len(p.bylines) < 8 && metaIsBylineNode(n) {
				if t := text.CleanSpace(textOf(n)); t != "" {
					p.bylines = append(p.bylines, t)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody, skip)
		}
	}
	walk(doc, false, false)
	return p
}

// metaBylineStart matches the start of a visible "By Name" line.
var metaBylineStart = regexp.MustCompile(`^\s*(?:[Bb]y|BY|[Vv]on)\s+\p{Lu}`)

// metaBylineDepth is how many levels of first children metaStartsByline
// looks through for an element's first text.
const metaBylineDepth = 16

// metaStartsByline reports whether a paragraph-like element's first text
// reads "By Name".
func metaStartsByline(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Address, atom.I, atom.Em, atom.B, atom.Strong, atom.Small:
	default:
		return false
	}
	// The text is looked for a few levels down only: walking the whole
	// chain of first children for every element would cost the square of
	// the page's depth.
	depth := 0
	for c := n.FirstChild; c != nil && depth < metaBylineDepth; c = c.FirstChild {
		depth++
		if c.Type == html.TextNode {
			if strings.TrimSpace(c.Data) == "" && c.NextSibling != nil {
				c = c.NextSibling
				if c.Type != html.TextNode {
					continue
				}
			}
			return metaBylineStart.MatchString(c.Data)
		}
		if c.Type != html.ElementNode {
			return false
		}
	}
	return false
}

// metaKickerClass matches the classes of the kicker ("roof line",
// "Dachzeile") that news sites set inside their <h1> above the headline,
// and of separators hidden from readers.
var metaKickerClass = regexp.MustCompile(`(?i)kicker|dachzeile|roofline|overline|toptitle|topline|eyebrow|supertitle|superheadline|titleheader|spitzmarke|hiddendash|colon`)

// metaHeadingText returns the visible headline of an <h1>: its text with
// a kicker, hidden separators and ruby annotations left out, and a space
// between its parts (sites set kicker and headline as adjacent spans).
func metaHeadingText(h *html.Node) string {
	var parts []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				parts = append(parts, c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Rt, atom.Rp, atom.Template:
					continue
				}
				if attrOf(c, "aria-hidden") == "true" || metaKickerClass.MatchString(attrOf(c, "class")) {
					continue
				}
				parts = append(parts, " ")
				walk(c)
				parts = append(parts, " ")
			}
		}
	}
	walk(h)
	t := text.CleanSpace(strings.Join(parts, ""))
	if t == "" {
		return text.CleanSpace(textOf(h)) // nothing but a kicker: keep it
	}
	// Inline elements inside a word ("<em>W</em>ord") must not split it;
	// a line break does ("Headline<br>12 Jan 2008").
	if full := text.CleanSpace(textOf(h)); strings.ReplaceAll(full, " ", "") == strings.ReplaceAll(t, " ", "") && FindFirst(h, atom.Br) == nil {
		return full
	}
	return t
}

// metaIsCommentSection reports whether an element holds reader comments.
func metaIsCommentSection(n *html.Node) bool {
	for _, v := range []string{attrOf(n, "id"), attrOf(n, "class")} {
		if v = strings.ToLower(v); strings.Contains(v, "comment") || strings.Contains(v, "respond") || strings.Contains(v, "discussion") {
			return true
		}
	}
	return false
}

// metaCollectMeta records one <meta> element. A property attribute may
// list several properties (property="og:title dc:title"), and a value
// given by property (OpenGraph, Dublin Core in RDFa) wins over one given
// by name for the same key.
func metaCollectMeta(p *metaPage, n *html.Node) {
	content := attrOf(n, "content")
	if content == "" {
		content = attrOf(n, "value")
	}
	content = text.CleanSpace(content)
	if content == "" {
		return
	}
	for _, attr := range []string{"property", "name", "itemprop", "http-equiv"} {
		keys := strings.Fields(strings.ToLower(attrOf(n, attr)))
		if len(keys) > 4 {
			keys = keys[:4]
		}
		for _, key := range keys {
			if key == "author" || key == "article:author" || key == "dc.creator" || key == "citation_author" {
				p.authors = append(p.authors, key+"\x00"+content)
			}
			if _, seen := p.metas[key]; !seen || (attr == "property" && !p.byProperty[key]) {
				p.metas[key] = content
				if attr == "property" {
					p.byProperty[key] = true
				}
			}
		}
	}
}

// metaAuthorsFromMeta returns author names from <meta> tags, skipping values
// that are profile URLs (article:author is often a Facebook URL).
func metaAuthorsFromMeta(p metaPage) []string {
	byKey := map[string][]string{}
	for _, kv := range p.authors {
		key, val, _ := strings.Cut(kv, "\x00")
		if metaIsWebURL(val) || strings.HasPrefix(val, "@") {
			continue
		}
		byKey[key] = append(byKey[key], val)
	}
	for _, key := range []string{"article:author", "author", "dc.creator", "citation_author"} {
		if names := byKey[key]; len(names) > 0 {
			return names
		}
	}
	for _, key := range []string{"byl", "parsely-author", "sailthru.author", "twitter:creator:name", "dcterms.creator"} {
		if v := p.metas[key]; v != "" && !metaIsWebURL(v) && !strings.HasPrefix(v, "@") {
			return []string{metaCleanByline(v)}
		}
	}
	return nil
}

// metaFirst returns the first non-empty value.
func metaFirst(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// metaSavedFrom reads the URL browsers write into saved pages as
// <!-- saved from url=(0042)https://… -->.
func metaSavedFrom(comment string) string {
	i := strings.Index(comment, "saved from url=")
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(comment[i+len("saved from url="):])
	if strings.HasPrefix(rest, "(") {
		if j := strings.Index(rest, ")"); j >= 0 {
			rest = rest[j+1:]
		}
	}
	if f := strings.Fields(rest); len(f) > 0 {
		return f[0]
	}
	return ""
}

// metaIsWebURL reports whether s is an absolute http(s) URL.
func metaIsWebURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && len(s) > len("https://x")
}

// Language normalises a language value ("en_US", "EN", "de-DE") to a
// BCP 47 tag, or returns "" when it is not one.
func Language(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	if s == "" || len(s) > 35 {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil || tag == language.Und {
		return ""
	}
	return tag.String()
}
