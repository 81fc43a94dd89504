package html

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// findVisibleDate finds the publication date printed on a page, for pages
// whose metadata (read by metaExtract) gave none. In order of trust it
// takes: a date marked up as the publication date (<time>, itemprop or
// RDFa datePublished, <abbr class=published>); the text of an element
// whose class or id names a date (class="date", "post-meta", "byline",
// "author"…); a date after a label such as "Veröffentlicht am" or
// "Published"; a day-precise date in the page's address (pageURL, may be
// empty); a short date line near the headline. Among dates of one kind the
// one nearest the headline wins. Dates in comment sections, related-article
// lists, sidebars and menus, in copyright lines and unlabelled ones in
// footers are never taken. A date labelled as an update ("Aktualisiert",
// "zuletzt geändert") is taken only when there is no other, and a date
// line far from the headline only when there is nothing else at all.
func findVisibleDate(doc *html.Node, pageURL string) (time.Time, bool) {
	s := dateScan{h1: -1}
	s.headline, s.heads = dateHeadline(doc)
	s.walk(doc, dateCtx{})
	return s.choose(pageURL)
}

// dateKind is where a date candidate was found, most trusted first.
type dateKind int

const (
	dateMarked   dateKind = iota // <time>, itemprop, RDFa, abbr.published
	dateClassed                  // an element whose class or id names a date
	dateLabelled                 // a short text with a publication label
	dateLoose                    // a short date line near the headline
)

// dateCand is one date found on a page.
type dateCand struct {
	t       time.Time
	kind    dateKind
	pos     int  // offset in the page's visible text
	updated bool // labelled as an update, not the first publication
}

// dateScan gathers the date candidates of a page in one walk.
type dateScan struct {
	text     int        // bytes of visible text seen so far
	h1       int        // text offset of the headline, or -1
	headline *html.Node // the page's headline <h1>, or nil
	last     string     // the previous text node, trimmed
	cands    []dateCand
	// heads are the ancestors of the page's <h1> elements, which are not
	// skipped whatever their class says (a page-wide class may name a
	// menu or a sidebar).
	heads map[*html.Node]bool
	names map[string]dateClassified // classify's answers by class and id
}

// dateCtx is what a node inherits from its ancestors.
type dateCtx struct {
	skip      bool // inside comments, related lists, sidebars, menus…
	footer    bool // inside a footer: only labelled dates count
	article   bool // inside <article> or <main>
	inClassed bool // inside a date element that already gave a date
}

// dateMaxCands bounds the candidates kept per page.
const dateMaxCands = 64

// dateHeadline returns a page's headline, the <h1> with the longest text
// among the first few (a site's logo is often an <h1> too), and the
// ancestors of those <h1> elements.
func dateHeadline(doc *html.Node) (*html.Node, map[*html.Node]bool) {
	heads := map[*html.Node]bool{}
	var headline *html.Node
	found, longest := 0, -1
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found < 4; c = c.NextSibling {
			if c.Type != html.ElementNode || dateNoText[c.DataAtom] {
				continue
			}
			if c.DataAtom != atom.H1 {
				walk(c)
				continue
			}
			found++
			if l := len(dateShortText(c, 200)); l > longest {
				headline, longest = c, l
			}
			for p := c.Parent; p != nil && !heads[p]; p = p.Parent {
				heads[p] = true
			}
		}
	}
	walk(doc)
	return headline, heads
}

// walk visits n and its descendants in document order.
func (s *dateScan) walk(n *html.Node, ctx dateCtx) {
	switch n.Type {
	case html.TextNode:
		s.textNode(n.Data, ctx)
		return
	case html.ElementNode:
		if dateNoText[n.DataAtom] {
			return
		}
		ctx = s.element(n, ctx)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c, ctx)
	}
}

// dateNoText are elements whose content is never a printed date.
var dateNoText = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Iframe: true, atom.Select: true,
	atom.Textarea: true, atom.Button: true, atom.Option: true,
}

// element records the candidates of one element and returns the context
// of its children.
func (s *dateScan) element(n *html.Node, ctx dateCtx) dateCtx {
	names, kind := s.classify(n)
	switch n.DataAtom {
	case atom.Article, atom.Main:
		ctx.article = true
	case atom.H1:
		if n == s.headline {
			s.h1 = s.text
		}
	}
	if !s.heads[n] && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		role := attrOf(n, "role")
		switch {
		case n.DataAtom == atom.Nav || n.DataAtom == atom.Aside || n.DataAtom == atom.Form ||
			role == "complementary" || role == "navigation" || kind&dateNamesSkip != 0:
			ctx.skip = true
		case (n.DataAtom == atom.Footer && !ctx.article) || role == "contentinfo" || kind&dateNamesFooter != 0:
			ctx.footer = true
		}
	}
	if ctx.skip || len(s.cands) >= dateMaxCands {
		return ctx
	}
	if !ctx.footer {
		if t, updated, ok := dateMarkup(n, names); ok {
			s.add(dateCand{t: t, kind: dateMarked, pos: s.text, updated: updated})
		}
	}
	if !ctx.inClassed && kind&dateNamesDate != 0 {
		text := dateShortText(n, dateMaxLine)
		if len(text) <= dateMaxLine && s.addText(s.label(), text, dateClassed, kind&dateNamesUpdated != 0, ctx.footer) {
			ctx.inClassed = true
		}
	}
	return ctx
}

// dateNames classifies an element by its class and id.
type dateNames uint8

const (
	dateNamesSkip    dateNames = 1 << iota // comments, related lists, menus…
	dateNamesFooter                        // a footer
	dateNamesDate                          // an element holding a date line
	dateNamesUpdated                       // … an update date
)

// classify returns an element's class and id, lower-cased, and what they
// say. Pages repeat the same classes many times, so the answers are kept.
func (s *dateScan) classify(n *html.Node) (string, dateNames) {
	class, id := attrOf(n, "class"), attrOf(n, "id")
	if class == "" && id == "" {
		return "", 0
	}
	key := class
	if id != "" {
		key = class + " " + id
	}
	if c, ok := s.names[key]; ok {
		return c.lower, c.kind
	}
	lower := strings.ToLower(key)
	var kind dateNames
	// Within a skipped part nothing else is asked, and only a date
	// element can be an update date.
	switch {
	case dateHasWord(lower, dateSkipWords, true):
		kind = dateNamesSkip
	case dateHasWord(lower, dateFooterWords, true):
		kind = dateNamesFooter
	}
	if kind&dateNamesSkip == 0 && dateHasWord(lower, dateClassWords, false) {
		kind |= dateNamesDate
		if dateHasWord(lower, dateUpdatedWords, false) {
			kind |= dateNamesUpdated
		}
	}
	if s.names == nil {
		s.names = map[string]dateClassified{}
	}
	s.names[key] = dateClassified{lower, kind}
	return lower, kind
}

// dateClassified is a classify answer.
type dateClassified struct {
	lower string
	kind  dateNames
}

// textNode counts the visible text of a text node and records a date on a
// short line of its own, or a dateline at the start of a paragraph
// ("Berlin, 8. Februar 2023 – …").
func (s *dateScan) textNode(data string, ctx dateCtx) {
	t := strings.TrimSpace(data)
	if t == "" {
		return
	}
	if !ctx.skip && !ctx.inClassed && len(s.cands) < dateMaxCands {
		if len(t) <= dateMaxLoose {
			s.addText(s.label(), t, dateLoose, false, ctx.footer)
		} else if !ctx.footer && s.text-max(s.h1, 0) <= dateLooseAfter {
			s.dateline(t)
		}
	}
	s.last = t
	s.text += len(t) + 1
}

// dateline records the date that opens a paragraph, as in press releases:
// "29.11.2022 – Mehrfach …", "Berlin, 29. November 2022. Weihnachten …".
func (s *dateScan) dateline(t string) {
	head := t
	if len(head) > 60 {
		head = head[:60]
	}
	m := dateDateline.FindStringSubmatchIndex(head)
	if m == nil {
		return
	}
	ds := visibleDates(head[m[2]:m[3]])
	if len(ds) == 1 {
		s.add(dateCand{t: ds[0].t, kind: dateLoose, pos: s.text})
	}
}

// dateDateline matches the start of a paragraph that opens with a date: an
// optional place name, the date (group 1), then a dash, a period or a
// colon.
var dateDateline = regexp.MustCompile(`^(?:\p{Lu}[\p{L}/ .-]{1,25},\s*)?([^–—:|]{6,24}?)\s*(?:[–—|]|-\s|\.\s|:\s)`)

// label returns the previous text node when it may be a label of what
// follows ("Stand:" in a <span>, the date after it), or "".
func (s *dateScan) label() string {
	if len(s.last) <= 40 && !strings.ContainsAny(s.last, "0123456789") {
		return s.last
	}
	return ""
}

// dateMaxLine is the longest element text read as a date line; dateMaxLoose
// the longest text node.
const (
	dateMaxLine  = 150
	dateMaxLoose = 80
)

// addText records the dates in a short text, label being the text before
// it that may label its first date; it reports whether there was one. A
// loose text must be a date line: little else than the date. In a footer
// only dates with a publication or an update label count. Dates after a
// copyright sign or a label that names another kind of date (a birth date,
// a registration date, an access date) and date ranges are left out; a
// loose date after a publication label becomes a labelled one.
func (s *dateScan) addText(label, text string, kind dateKind, updatedClass, footer bool) bool {
	dates := visibleDates(text)
	if len(dates) == 0 {
		return false
	}
	if kind == dateLoose && !dateIsLine(text, dates) {
		return false
	}
	found := false
	prev := 0
	for i, f := range dates {
		before := text[prev:f.start]
		prev = f.end
		if i == 0 {
			before = label + " " + before
		}
		if dateCopyright.MatchString(before) || dateOtherLabel.MatchString(before) {
			continue
		}
		if dateRangeNext.MatchString(text[f.end:]) || dateRangeDay.MatchString(before) || (i > 0 && dateRangePrev.MatchString(before)) {
			continue
		}
		c := dateCand{t: f.t, kind: kind, pos: s.text}
		c.updated = visibleUpdated.MatchString(before) || (updatedClass && i == 0)
		switch {
		case c.updated:
			// Kept everywhere, footers included ("Diese Seite wurde
			// zuletzt am … geändert"), as a last resort.
		case datePublishedLabel.MatchString(before):
			if kind == dateLoose || footer {
				c.kind = dateLabelled
			}
		case footer:
			continue
		}
		s.add(c)
		found = true
	}
	return found
}

// add records a candidate.
func (s *dateScan) add(c dateCand) {
	if len(s.cands) < dateMaxCands {
		s.cands = append(s.cands, c)
	}
}

// dateLooseLetters and dateLooseWords are the most letters and words a
// loose date line may have besides its date: "Veröffentlicht am Mittwoch,"
// but not a sentence.
const (
	dateLooseLetters = 30
	dateLooseWords   = 5
)

// dateIsLine reports whether text is a date line: little else besides
// the dates found in it.
func dateIsLine(text string, dates []visibleFound) bool {
	letters, words := 0, 0
	count := func(s string) {
		inWord := false
		for _, r := range s {
			if unicode.IsLetter(r) {
				letters++
				if !inWord {
					words++
				}
				inWord = true
			} else {
				inWord = false
			}
		}
	}
	prev := 0
	for _, f := range dates {
		count(text[prev:f.start])
		prev = f.end
	}
	count(text[prev:])
	return letters <= dateLooseLetters && words <= dateLooseWords
}

// dateCopyright matches a copyright notice before a date.
var dateCopyright = regexp.MustCompile(`(?i)©|\(c\)|copyright`)

// dateOtherLabel matches labels of dates that are not a publication date.
var dateOtherLabel = regexp.MustCompile(`(?i)geboren|\bborn\b|出生|生日|registriert|registered|joined|beigetreten|mitglied seit|member since|abgerufen|retrieved|accessed|引用日期|zugriff|gültig|valid until|expires|läuft ab`)

// datePublishedLabel matches labels of a publication date.
var datePublishedLabel = regexp.MustCompile(`(?i)ver(?:ö|oe)ffentlicht|publiziert|erschienen|erstellt|datum|\bdate\b|\bstand\b|published|posted|publié|publicado|pubblicato|gepubliceerd|julkaistu|opublikowano|publicerad|udgivet|publisert`)

// dateRangeNext and dateRangePrev match the text between the two dates of
// a range ("31. Dezember 2021 - 6. Januar 2022"), dateRangeDay the start
// of a range whose first date is a day without a year ("31. Januar – ").
var (
	dateRangeNext = regexp.MustCompile(`^\s*(?:[-–—]|bis\b|to\b|au\b|al\b|until\b)\s*\d`)
	dateRangePrev = regexp.MustCompile(`^\s*(?:[-–—]|bis|to|au|al|until)\s*$`)
	dateRangeDay  = regexp.MustCompile(`\d\.?(?:\s*\p{L}{3,}\.?)?\s*(?:[-–—]|bis|to|au|al|until)\s*$`)
)

// datePublishedProps and dateModifiedProps are the itemprop and RDFa
// property values of a publication and a modification date.
var (
	datePublishedProps = []string{"datepublished", "datecreated", "dc:date", "dcterms:created", "dcterms:issued", "dcterms:date"}
	dateModifiedProps  = []string{"datemodified", "dcterms:modified"}
)

// dateMarkup reads a date marked up as such: <time datetime>, itemprop or
// RDFa datePublished/dateModified, <abbr class="published" title>.
func dateMarkup(n *html.Node, names string) (t time.Time, updated, ok bool) {
	prop := strings.ToLower(attrOf(n, "itemprop") + " " + attrOf(n, "property"))
	switch {
	case dateHasWord(prop, datePublishedProps, false):
	case dateHasWord(prop, dateModifiedProps, false):
		updated = true
	case n.DataAtom == atom.Time:
		updated = strings.Contains(names, "updated") && !strings.Contains(names, "publish")
	case n.DataAtom == atom.Abbr && (strings.Contains(names, "published") || strings.Contains(names, "updated")):
		updated = !strings.Contains(names, "published")
	default:
		return time.Time{}, false, false
	}
	for _, key := range []string{"datetime", "content", "title"} {
		if v := attrOf(n, key); v != "" {
			if t, ok := date.ParseMeta(v); ok {
				return t, updated, true
			}
			if ds := visibleDates(v); len(ds) > 0 {
				return ds[0].t, updated, true
			}
		}
	}
	if text := dateShortText(n, dateMaxLine); len(text) <= dateMaxLine {
		if ds := visibleDates(text); len(ds) > 0 {
			return ds[0].t, updated, true
		}
	}
	return time.Time{}, false, false
}

// dateShortText returns the visible text of n with white space collapsed,
// stopping once it is longer than max.
func dateShortText(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() <= max; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case html.ElementNode:
				if !dateNoText[c.DataAtom] && c.DataAtom != atom.H1 {
					walk(c)
				}
			}
		}
	}
	walk(n)
	return text.CleanSpace(b.String())
}

// dateSkipWords are the class and id words of page parts whose dates are
// not the article's: comments, related and recommended articles, sidebars,
// menus, calendars. They count at the start of a word ("comment-list",
// "post_related" but not "uncommented").
var dateSkipWords = []string{"comment", "kommentar", "respond", "reply", "discussion", "disqus",
	"related", "recommend", "empfehl", "sidebar", "breadcrumb", "menu", "calendar", "kalender",
	"newsletter", "popular", "trending", "most-read", "meistgelesen", "cookie", "advert", "sponsor",
	"similar", "more-articles", "weitere"}

// dateFooterWords are the class and id words of footers, where only a
// labelled date ("Erschienen am …") is taken; they too count at the start
// of a word.
var dateFooterWords = []string{"footer"}

// dateClassWords are parts of the class and id names of elements that
// hold a date line.
var dateClassWords = []string{"date", "datum", "time", "zeit", "publish", "posted", "byline",
	"meta", "stamp", "fecha", "erstellt", "created", "submitted", "info", "subline", "author",
	"entry-header", "article-header"}

// dateUpdatedWords are parts of the class and id names of an update date.
var dateUpdatedWords = []string{"modified", "lastupdated", "last-updated", "lastmod", "geaendert", "aktualisiert"}

// dateHasWord reports whether s contains one of words; with atStart, only
// at the start of s or after a space, "-" or "_". (A strings.Index per word
// is several times faster than a regexp alternation here.)
func dateHasWord(s string, words []string, atStart bool) bool {
	for _, w := range words {
		for i := 0; i < len(s); {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			j += i
			if !atStart || j == 0 || s[j-1] == ' ' || s[j-1] == '-' || s[j-1] == '_' {
				return true
			}
			i = j + 1
		}
	}
	return false
}

// dateURL matches a day-precise date in a page address: /2023/02/08/,
// /2023-02-08-, /20230208/.
var dateURL = regexp.MustCompile(`[/_-](\d{4})([/-])(\d{2})[/-](\d{2})(?:[/_.-]|$)|/(\d{4})(\d{2})(\d{2})(?:[/_.-]|$)`)

// urlDate returns the date in a page address.
func urlDate(u string) (time.Time, bool) {
	m := dateURL.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, false
	}
	var t time.Time
	var ok bool
	if m[1] != "" {
		t, ok = date.Make(atoi(m[1]), atoi(m[3]), atoi(m[4]))
	} else {
		t, ok = date.Make(atoi(m[5]), atoi(m[6]), atoi(m[7]))
	}
	if !ok {
		return time.Time{}, false
	}
	return date.Plausible(t)
}

// choose picks the publication date among the candidates.
func (s *dateScan) choose(pageURL string) (time.Time, bool) {
	for _, updated := range []bool{false, true} {
		if c, ok := s.best(dateMarked, updated, false); ok {
			return c.t, true
		}
		if c, ok := s.best(dateClassed, updated, false); ok {
			return c.t, true
		}
		if c, ok := s.best(dateLabelled, updated, false); ok {
			return c.t, true
		}
		if !updated {
			if t, ok := urlDate(pageURL); ok {
				return t, true
			}
		}
		if c, ok := s.best(dateLoose, updated, true); ok {
			return c.t, true
		}
	}
	if c, ok := s.best(dateLoose, false, false); ok {
		return c.t, true
	}
	return time.Time{}, false
}

// dateLooseBefore and dateLooseAfter bound how far before and after the
// headline a loose date line may be, in bytes of visible text.
const (
	dateLooseBefore = 300
	dateLooseAfter  = 600
)

// best returns the candidate of a kind nearest the headline (the first
// when the page has no <h1>); near limits it to a window around it.
func (s *dateScan) best(kind dateKind, updated, near bool) (dateCand, bool) {
	var best dateCand
	bestCost := -1
	for _, c := range s.cands {
		if c.kind != kind || c.updated != updated {
			continue
		}
		cost := c.pos
		if s.h1 >= 0 {
			if c.pos >= s.h1 {
				cost = c.pos - s.h1
				if near && cost > dateLooseAfter {
					continue
				}
			} else {
				cost = 2 * (s.h1 - c.pos)
				if near && s.h1-c.pos > dateLooseBefore {
					continue
				}
			}
		} else if near && c.pos > dateLooseAfter {
			continue
		}
		if bestCost < 0 || cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best, bestCost >= 0
}

// Finding dates inside short visible texts ("Mi 08.02.2023 | 10:15 Uhr",
// "vom 8. Feb. 2023", "Publié le 8 février 2023"), in the main European
// languages. Unlike date.Parse, which reads a whole value known to be a
// date, these functions look for dates anywhere in a line of text.
