package html

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// titleSources are the titles a page's metadata gives, and the names of
// its site, which titles carry and the article's title must not.
type titleSources struct {
	// structured are the titles of the page's markup in order of trust:
	// JSON-LD headline, Dublin Core, OpenGraph, Parse.ly, Twitter, the
	// citation and CMS titles, and the title of the sharing links.
	structured []string
	tag        string   // the <title>
	sites      []string // the outlet, the host, headings that name the site
}

// metaTitleSources gathers a page's titles.
func metaTitleSources(p metaPage, ld metaLD, outlet, host string) titleSources {
	ts := titleSources{tag: text.CleanSpace(p.title), sites: []string{outlet, host}}
	for _, c := range []string{ld.headline, p.metas["dc:title"], p.metas["dc.title"], p.metas["dcterms:title"], p.metas["dcterms.title"],
		p.metas["og:title"], p.metas["parsely-title"], p.metas["twitter:title"], p.metas["citation_title"],
		p.metas["sailthru.title"], p.metas["headline"]} {
		if c = text.CleanSpace(c); c != "" && !slices.Contains(ts.structured, c) {
			ts.structured = append(ts.structured, c)
		}
	}
	if t := titleShared(p.shared); t != "" && !slices.Contains(ts.structured, t) {
		ts.structured = append(ts.structured, t)
	}
	for _, h := range p.h1 {
		if h = metaStripSiteName(h, ts.sites, nil); metaSiteH1(h, p.title, ts.sites) {
			// The site's name shown as a heading: strip it from titles too.
			ts.sites = append(ts.sites, h)
		}
	}
	return ts
}

// titlePartSep matches the separators between the parts of a <title>
// ("Headline | Section | Site", "Site - Section - Headline", "Site >
// News > Headline", "Headline- Section-Site", "Site -Headline"): a
// separator with white space on at least one side.
var titlePartSep = regexp.MustCompile(`\s+(?:[|–—»«·•>/]+|::|--?|:)\s+|\s+(?:[|–—»«·•>/]+|::|--?\b)|(?:[|–—»«·•>:]+|::|--?)\s+`)

// titleStrongSep matches the separators of a breadcrumb or a list of
// sections ("Sportal > Golf > News", "News | Africa - Reuters.com"); a
// colon ("Daring Fireball: Colophon") is not one.
var titleStrongSep = regexp.MustCompile(`\s+(?:[|–—»«·•>/]+|::|--?)\s+`)

// titleMaxParts bounds the parts a <title> is split into.
const titleMaxParts = 12

// titleParts returns the parts of a <title> and every run of neighbouring
// parts, as they stand in it.
func titleParts(title string) []string {
	seps := titlePartSep.FindAllStringIndex(title, titleMaxParts)
	if len(seps) == 0 {
		return nil
	}
	starts := []int{0}
	ends := []int{}
	for _, s := range seps {
		ends = append(ends, s[0])
		starts = append(starts, s[1])
	}
	ends = append(ends, len(title))
	var out []string
	for i := range starts {
		for j := i; j < len(ends); j++ {
			if i == 0 && j == len(ends)-1 {
				continue // the whole title
			}
			if p := strings.TrimSpace(title[starts[i]:ends[j]]); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// titleMainPart returns the longest part of a <title>, folded, when it
// holds at least two fifths of it: the part that may be the headline.
// Parts that name the site, or are a web address, are not it.
func titleMainPart(title string, sites []string) string {
	parts := titlePartSep.Split(title, titleMaxParts+1)
	if len(parts) < 2 {
		return titleFold(title)
	}
	main := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if metaNamesSite(p, sites) || titleDomain.MatchString(p) {
			continue
		}
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(main) {
			main = p
		}
	}
	if 5*utf8.RuneCountInString(main) < 2*utf8.RuneCountInString(title) {
		return ""
	}
	return titleFold(main)
}

// titleDomain matches a web address standing as a site's name
// ("StreetInsider.com", "www.kansascity.com").
var titleDomain = regexp.MustCompile(`(?i)^(?:www\.)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|net|org|info|tv|co\.uk|com\.au|co\.za|co\.in|[a-z]{2})$`)

// titleDecor matches decoration around a title ("=> Headline <=",
// ":: Headline ::").
var titleDecor = regexp.MustCompile(`^(?:[=<>»«:|*~#¶•·-]+\s+)+|(?:\s+[=<>»«:|*~#¶•·-]+)+$|\s*¶$`)

// titleSiteNote matches a note naming the site after a title: "(from
// The Courier)", "[Archive of Our Own]".
var titleSiteNote = regexp.MustCompile(`\s*(?:\((?:from|via|von|de|aus)\s+[^()]{2,60}\)|\[[^\[\]]{2,60}\])$`)

// titleClean removes decoration, a site note whose words name one of the
// sites (or say "from"), and a date before or after a title.
func titleClean(t string, sites []string) string {
	t = titleDecor.ReplaceAllString(text.CleanSpace(t), "")
	if m := titleSiteNote.FindStringIndex(t); m != nil && m[0] > 0 {
		note := strings.Trim(t[m[0]:], " ()[]")
		if f := strings.Fields(note); len(f) > 0 && (strings.EqualFold(f[0], "from") || strings.EqualFold(f[0], "via") ||
			strings.EqualFold(f[0], "von") || strings.EqualFold(f[0], "aus") || metaNamesSite(note, sites) || titleDomain.MatchString(note)) {
			t = strings.TrimSpace(t[:m[0]])
		}
	}
	return titleWithoutMeta(t)
}

// titleWithoutMeta removes a date, time or byline that a page sets
// before or after its headline ("Wednesday, 09 January 2008 Jeremy
// Clarkson ripped off", "Fulham wrap up Hangeland capture Fri 18 Jan,
// 11:45 AM", "… (14/01/2008)"): the longest such run of words at either
// end that is a metadata line (dateline.go), when at least two words are
// left. A date that ends a title without a separator ("Weekly Edition
// for March 26, 2015") stays, and so does a name before a trailing date
// ("Reading 0-2 Portsmouth 2008-01-01 17:15").

func titleWithoutMeta(t string) string {
	if _, ok := metaLineDate(t); !ok {
		return t
	}
	words := strings.Fields(t)
	if len(words) > titleMetaMaxWords {
		return t
	}
	for i := 2; i < len(words); i++ {
		head, tail := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if !isMetaLine(tail, "") {
			continue
		}
		if trimmed := strings.TrimRight(head, " ,;|-–—@·•"); trimmed != head || strings.ContainsAny(tail[:1], "|-–—·•@") ||
			tail[0] == '(' && strings.HasSuffix(tail, ")") ||
			metaLineTime.MatchString(tail) && titleMetaStart(words[i]) {
			return trimmed
		}
	}
	// A leading run: the shortest that is a metadata line, so that a
	// name beginning the headline stays with it.
	for i := 1; i <= len(words)-2; i++ {
		if !isMetaLine(strings.Join(words[:i], " "), "") {
			continue
		}
		// The rest of the date ("Tuesday, 12 March" + "2024").
		for i < len(words)-2 && titleMetaStart(words[i]) && isMetaLine(strings.Join(words[:i+1], " "), "") {
			i++
		}
		return strings.TrimLeft(strings.Join(words[i:], " "), " ,;:|-–—")
	}
	return t
}

// titleMatch scores how well a headline the page shows matches a title
// of its metadata: 3 when it is the same (3.5 for a structured title,
// 2.5 for a line of text that is not a heading), 2
// when the title begins with it (an <h1> or headline element: the title
// is the headline and more), 1 and a little more when they say nearly the
// same (shared words), else 0. A line of text (rank 6) counts only when
// it is the same.
func titleMatch(c headCand, cr, ref titleRef, structured bool) float64 {
	if ref.fold == "" {
		return 0
	}
	a, b := cr.fold, ref.fold
	if a == b {
		if c.rank > 5 {
			return 2.5 // a line of text: a heading that matches wins
		}
		if structured {
			return 3.5
		}
		return 3
	}
	if c.rank > 5 {
		return 0
	}
	words := len(strings.Fields(a))
	if (c.rank == 1 || c.rank == 5) && words >= 3 && (strings.HasPrefix(b, a+" ") || strings.HasPrefix(b, a+":")) {
		return 2
	}
	if sim, common := titleWordSimilarity(cr.words, ref.words); common >= 2 && sim >= 0.6 {
		return 1 + sim/10
	}
	return 0
}

// titleWordSimilarity scores how nearly two titles' word sets say the
// same thing: the words they share over the words of the smaller set,
// required to be at least a third of the larger one (else 0); and the
// number of words shared. metaTitleSimilarity is its form on strings.
func titleWordSimilarity(wa, wb map[string]bool) (float64, int) {
	if len(wa) == 0 || len(wb) == 0 {
		return 0, 0
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	lo, hi := min(len(wa), len(wb)), max(len(wa), len(wb))
	if float64(common) < float64(hi)/3 {
		return 0, common
	}
	return float64(common) / float64(lo), common
}

// titleFold folds case, white space, quotes and dashes for comparing
// titles.
func titleFold(s string) string {
	return strings.ToLower(titleFolder.Replace(text.CleanSpace(s)))
}

// titleFolder replaces typographic quotes and dashes for titleFold.
var titleFolder = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "\u00a0", " ")

// titleRef is a title to match headlines against, folded once.
type titleRef struct {
	fold  string
	words map[string]bool
}

// newTitleRef folds a title for titleMatch.
func newTitleRef(t string) titleRef {
	f := titleFold(t)
	return titleRef{fold: f, words: metaTitleWords(f)}
}

// pickTitle chooses an article's title from its sources and the
// headlines its page shows (cands, with the article's text starting at
// start; -1 when unknown):
//
//  1. a headline shown on the page that matches a title of the metadata
//     or a part of <title> (the most words, then the highest heading);
//  2. else the structured title from the markup;
//  3. else the <title> without the site's name, unless it says nothing
//     of the article (the site's name, a section, a breadcrumb of short
//     parts) and a headline stands just before the article's text;
//  4. else that headline, or the page's first <h1>.
func pickTitle(ts titleSources, cands []headCand, start int, lead, byline string) string {
	ts.sites = titleNotSites(ts.sites, cands, start, lead)
	var vis []headCand
	var h1s []string
	prefixes := titlePrefixes(ts)
	exact := map[string]bool{}
	for _, r := range append(append(titleParts(ts.tag), ts.tag), ts.structured...) {
		exact[titleFold(r)] = true
	}
	for _, c := range cands {
		if start >= 0 && c.pos > start+titleNearMax && c.rank != 1 && !exact[titleFold(c.text)] {
			// Teasers and sections after the article's opening, unless
			// they are a title of the page.
			continue
		}
		t := titleClean(metaStripSite(c.text, ts.sites, nil, true), ts.sites)
		t = titleBeforeDateline(t, prefixes)
		if !headlineText(t) || metaNamesSite(t, ts.sites) || metaGenericTitle(t, ts.sites) || titleNotHeadline(t, byline) {
			continue
		}
		if c.rank >= 6 && start >= 0 && c.pos > start {
			// A line that equals a title after the article's start is
			// the site's name in a footer or a teaser, not the headline.
			continue
		}
		c.text = t
		vis = append(vis, c)
		if c.rank == 1 {
			h1s = append(h1s, t)
		}
	}
	var structured []string
	for _, s := range ts.structured {
		structured = append(structured, titleClean(metaStripSiteName(s, ts.sites, h1s), ts.sites))
	}
	tag := titleClean(metaStripSiteName(ts.tag, ts.sites, h1s), ts.sites)
	refs := append(slices.Clone(structured), tag, ts.tag)
	nWhole := len(refs)
	refs = append(refs, titleParts(ts.tag)...)
	ref := tag
	if len(structured) > 0 {
		ref = structured[0]
	}
	// A part of <title> ("Firefox", a section, a site's slogan) is the
	// headline only when it is the title's main part; a line of text
	// that only equals one is the headline only on a page without a
	// structured title.
	main := titleMainPart(ts.tag, ts.sites)
	hasParts := nWhole < len(refs)
	folded := make([]titleRef, len(refs))
	for i, r := range refs {
		folded[i] = newTitleRef(r)
	}

	best, bestScore, bestStructured, bestPart := headCand{}, 0.0, false, false
	for _, c := range vis {
		score, byStructured, byPart := 0.0, false, false
		cr := newTitleRef(c.text)
		for i, r := range folded {
			switch {
			case i >= nWhole && (main == "" || !strings.Contains(r.fold, main)) &&
				(!titleJustBefore(c, start) || cr.fold != r.fold):
				continue
			case c.rank >= 6 && i >= len(structured) && len(structured) > 0:
				continue
			}
			m := titleMatch(c, cr, r, i < len(structured))
			if (i == nWhole-1 || i == nWhole-2) && i >= len(structured) && hasParts {
				// A heading that repeats the whole <title>, site and
				// section included, yields to one that shows its part.
				m -= 0.25
			}
			if m > score {
				score, byStructured, byPart = m, i < len(structured), i >= nWhole
			}
		}
		if score > 0 && titleBetter(c, score, best, bestScore, start) {
			best, bestScore, bestStructured, bestPart = c, score, byStructured, byPart
		}
	}
	near := titleNearest(vis, start, lead, ts.tag)
	if bestScore > 0 && !bestStructured && near != nil && near.pos > best.pos && near.rank <= 5 && (near.rank <= 4 && len(strings.Fields(near.text)) >= 3 || lead != "" && !titleUnrelated(near.text, lead)) &&
		titleUnrelated(ts.tag, near.text) && titleTopHeading(vis, near) {
		// What the page shows of its <title> stands above the heading
		// that opens the article, which shares no word with it: the
		// <title> names the site or a section (a logo, a banner). A
		// heading of two words, or a headline-classed element, must
		// also speak of the article.
		return near.text
	}
	if bestScore > 0 && bestPart && near != nil && near.pos > best.pos && lead != "" &&
		titleUnrelated(best.text, lead) && !titleUnrelated(near.text, lead) && len(strings.Fields(near.text)) >= 3 {
		// The heading that matches a part of <title> says nothing of
		// the article (a section's name) and the one that opens it does.
		return near.text
	}
	if bestScore > 0 {
		return titleRunIn(best.text, ref)
	}
	if ref != "" && len(structured) > 0 {
		return titleUntruncated(ref, append(structured, tag))
	}
	if tag != "" && (near == nil || !(titleSaysLittle(ts.tag, tag, ts.sites) || titleUnrelated(tag, near.text) && titleTopHeading(vis, near))) {
		return tag
	}
	switch {
	case near != nil:
		return near.text
	case len(h1s) > 0:
		return h1s[0]
	}
	return tag
}

// titleBetter reports whether candidate c with score beats the best so
// far: a better match, then more words (the headline is the longest part
// of a title), then a higher heading, then nearer before the article.
func titleBetter(c headCand, score float64, best headCand, bestScore float64, start int) bool {
	if score != bestScore {
		return score > bestScore
	}
	if wc, wb := len(strings.Fields(c.text)), len(strings.Fields(best.text)); wc != wb {
		return wc > wb
	}
	if c.rank != best.rank {
		return c.rank < best.rank
	}
	return start >= 0 && c.pos <= start && c.pos > best.pos
}

// titleRunIn gives the metadata title ref where the headline shown is ref
// with a subtitle or a kicker run into it ("Headline Subtitle…",
// "Kicker Headline"), unless ref looks cut short by a length limit.
func titleRunIn(shown, ref string) string {
	if ref == "" || utf8.RuneCountInString(ref) >= 90 || len(shown) <= len(ref) {
		return shown
	}
	ls, lr := strings.ToLower(shown), strings.ToLower(ref)
	if strings.HasPrefix(ls, lr) {
		// A separator after ref means the page shows both as its headline.
		if rest := strings.TrimSpace(shown[len(ref):]); rest != "" && !strings.ContainsAny(rest[:1], "-–—|:(") {
			return ref
		}
		return shown
	}
	if strings.HasSuffix(ls, lr) {
		return ref
	}
	return shown
}

// titleUntruncated returns ref, or a fuller title of others when ref ends
// in an ellipsis and another begins with it.
func titleUntruncated(ref string, others []string) string {
	base, ok := metaTruncated(ref)
	if !ok {
		return ref
	}
	for _, c := range others {
		if _, trunc := metaTruncated(c); !trunc && len(c) > len(base) && strings.HasPrefix(strings.ToLower(c), strings.ToLower(base)) {
			return c
		}
	}
	return ref
}

// titleNearMax is how many text nodes may stand between the headline and
// the article's first paragraph (a byline, a date, a photo and its
// caption, sharing links).
const titleNearMax = 60

// titleNearest returns the heading or headline element that stands
// nearest before the article's text, if one does within titleNearMax.
// A heading that shares a word with the article's opening (lead) comes
// before one that does not (a name, a label); a line in bold or large
// type counts only if it does; a date or byline line never does.
func titleNearest(vis []headCand, start int, lead, pageTitle string) *headCand {
	if start < 0 {
		return nil
	}
	var near *headCand
	nearSpeaks := false
	for i := range vis {
		c := &vis[i]
		if c.rank == 6 || c.pos > start || start-c.pos > titleNearMax || len(strings.Fields(c.text)) < 2 {
			continue
		}
		if c.rank == 7 && (lead == "" || titleUnrelated(c.text, lead)) || isMetaLine(c.text, "") {
			continue
		}
		speaks := lead != "" && !titleUnrelated(c.text, lead)
		if near == nil || speaks && !nearSpeaks || speaks == nearSpeaks && c.pos > near.pos {
			near, nearSpeaks = c, speaks
		}
	}
	if near == nil {
		return nil
	}
	// A higher heading just above it is the headline, and near its
	// standfirst or first section; unless only near speaks of the
	// article and the higher one is in the page's <title> (a section's
	// name).
	for i := range vis {
		c := &vis[i]
		if c.rank <= 5 && c.rank < near.rank && c.pos < near.pos && near.pos-c.pos <= titleStandfirstGap && len(strings.Fields(c.text)) >= 2 &&
			(!nearSpeaks || !titleUnrelated(c.text, lead) || !strings.Contains(titleFold(pageTitle), titleFold(c.text))) {
			near = c
		}
	}
	return near
}

// titleStandfirstGap is how many text nodes may stand between a
// headline and the standfirst or section heading under it.
const titleStandfirstGap = 8

// titleSaysLittle reports whether a page's <title> (raw, and without
// the site's name) says nothing of its article: the site's name or a
// home-page word, or two or more short parts (sections, a breadcrumb).
func titleSaysLittle(raw, tag string, sites []string) bool {
	if metaGenericTitle(tag, sites) || metaNamesSite(tag, sites) {
		return true
	}
	parts := titleStrongSep.Split(raw, -1)
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(strings.Fields(p)) > 3 {
			return false
		}
	}
	return true
}

// titleUnrelated reports whether a <title> (without the site's name)
// shares no word of four letters or more with the headline that stands
// before the article (then it names the site or a section, not the
// article); likewise a headline and the article's opening.
func titleUnrelated(tag, head string) bool {
	wt, wh := metaTitleWords(tag), metaTitleWords(head)
	for w := range wt {
		if wh[w] && utf8.RuneCountInString(w) > 3 {
			return false
		}
	}
	return true
}

// titleTopHeading reports whether no higher heading stands before near
// in the stretch of page above the article: then near heads the article
// rather than one of its sections. A heading of one word ("Editorials")
// is a section's label and does not count.
func titleTopHeading(vis []headCand, near *headCand) bool {
	for _, c := range vis {
		if c.rank < min(near.rank, 5) && c.pos < near.pos && near.pos-c.pos <= titleNearMax && len(strings.Fields(c.text)) > 1 {
			return false
		}
	}
	return true
}

// titleJustBefore reports whether a headline of three words or more
// stands shortly before the article's text: a part of <title> that it
// equals is the headline even when another part (a long description of
// the site) is longer.
func titleJustBefore(c headCand, start int) bool {
	return start >= 0 && c.pos <= start && start-c.pos <= 2*titleNearMax && len(strings.Fields(c.text)) >= 3
}

// titleShared returns the title that most of a page's sharing links
// carry (the first of the most common), or "".
func titleShared(shared []string) string {
	best, bestN := "", 0
	for _, t := range shared {
		n := 0
		for _, u := range shared {
			if u == t {
				n++
			}
		}
		if n > bestN {
			best, bestN = t, n
		}
	}
	return best
}

// titleMetaMaxWords is the longest title titleWithoutMeta looks into: a
// headline and its dateline.
const titleMetaMaxWords = 40

// titleMetaStart reports whether a word can begin a date or time line
// set after a headline without a separator: a number, a month or a
// label ("Updated", "Monday").
func titleMetaStart(w string) bool {
	w = strings.Trim(w, ".,;:()")
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	return visibleMonth(w) > 0 || metaLineLabel.MatchString(strings.ToLower(w))
}

// titleLabel matches the labels of page tools set as headings ("Print
// friendly", "Mail this story", "Comments").
var titleLabel = regexp.MustCompile(`(?i)^(?:print(?:er)?[ -]?(?:friendly|version|this(?: story| article| page)?)?|(?:e-?)?mail (?:this|to a friend)(?: story| article| page)?|send (?:this|to a friend)(?: story| article)?|comments?|\d+ comments?|share(?: this)?(?: story| article)?|photo gallery|video|related|advertisement|druckversion|artikel (?:drucken|versenden)|imprimer|version imprimable)\s*[:.!]*$`)

// titleNotHeadline reports whether a heading is a byline ("By Name", the
// page's author line) or a tool's label, never the headline.
func titleNotHeadline(t, byline string) bool {
	if metaBylineStart.MatchString(t) || titleLabel.MatchString(t) || promptLine.MatchString(t) {
		return true
	}
	return byline != "" && (strings.EqualFold(t, byline) || metaSameSite(t, byline) && len(strings.Fields(t)) <= 4)
}

// titleNotSites returns the site names without the headings that were
// taken for the site's name (a part of <title> shown as a heading) but
// stand just before the article and speak of it: they are its headline.
func titleNotSites(sites []string, cands []headCand, start int, lead string) []string {
	if start < 0 || lead == "" || len(sites) <= 2 {
		return sites // the outlet and the host only
	}
	out := sites[:2:2]
	for _, s := range sites[2:] {
		keep := true
		for _, c := range cands {
			if c.rank <= 5 && c.pos <= start && start-c.pos <= titleNearMax && titleFold(c.text) == titleFold(s) && !titleUnrelated(s, lead) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// titlePrefixes returns the titles of a page's metadata, folded, that a
// heading may begin before its dateline: <title>, its parts and the
// structured titles, of three words or more.
func titlePrefixes(ts titleSources) []string {
	var out []string
	for _, r := range append(append(titleParts(ts.tag), ts.tag), ts.structured...) {
		if fr := titleFold(r); len(strings.Fields(fr)) >= 3 {
			out = append(out, fr)
		}
	}
	return out
}

// titleBeforeDateline returns the title of the page's metadata (one of
// prefixes, from titlePrefixes) that a heading begins with when the rest
// of the heading is its dateline ("Headline 15 Jan, 2008, 1202 hrs IST,
// PTI"), else the heading.
func titleBeforeDateline(t string, prefixes []string) string {
	if len(prefixes) == 0 {
		return t
	}
	ft := titleFold(t)
	for _, fr := range prefixes {
		if len(ft) <= len(fr) || !strings.HasPrefix(ft, fr) {
			continue
		}
		if rest := ft[len(fr):]; rest[0] == ' ' || rest[0] == ',' {
			if _, ok := metaLineDate(rest); ok {
				return strings.TrimSpace(titleCut(t, len(strings.Fields(fr))))
			}
		}
	}
	return t
}

// titleCut returns the first n words of t as they stand in it.
func titleCut(t string, n int) string {
	i, words := 0, 0
	for i < len(t) && words < n {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		for i < len(t) && t[i] != ' ' {
			i++
		}
		words++
	}
	return t[:i]
}
