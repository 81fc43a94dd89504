package html

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// metaTitleSeparators split a page title from its site name, strongest first.
var metaTitleSeparators = []string{" | ", " || ", " :: ", " « ", " » ", " · ", " • ", " — ", " – ", " - ", " / "}

// metaChooseTitle picks the article title. The structured title comes
// first: the JSON-LD headline, then OpenGraph and other meta titles, then
// <title>, each with the site name removed. But the headline a reader sees
// is the page's <h1>, and structured titles are often tuned for search or
// sharing ("Kicker: Headline", a shortened or reworded headline, a
// truncated one), so an <h1> that says nearly the same thing wins, as does
// the only <h1> of a page whose titles are generic; an <h1> that is just the
// site's name never does.
func metaChooseTitle(p metaPage, ld metaLD, outlet, host string) string {
	sites := []string{outlet, host}
	cands := []string{ld.headline, p.metas["og:title"], p.metas["twitter:title"],
		p.metas["dc.title"], p.metas["citation_title"], p.metas["sailthru.title"], p.metas["headline"]}
	var h1s []string
	for _, h := range p.h1 {
		h = metaStripSiteName(h, sites, nil)
		switch {
		case metaSiteH1(h, p.title, sites):
			// The site's name shown as a heading: strip it from titles too.
			sites = append(sites, h)
		case utf8.RuneCountInString(h) >= 2 && utf8.RuneCountInString(h) <= 300:
			h1s = append(h1s, h)
		}
	}
	var structured string
	for _, c := range cands {
		if c = text.CleanSpace(c); c != "" {
			structured = metaStripSiteName(c, sites, h1s)
			break
		}
	}
	titleTag := metaStripSiteName(p.title, sites, h1s)
	ref := structured
	if ref == "" {
		ref = titleTag
	}
	// Compare each <h1> with every structured title and the <title>: sites
	// often give the headline in one place and a variant for search or
	// sharing in another (Wikipedia's JSON-LD "headline" is the article's
	// one-line description).
	refs := []string{ref, titleTag}
	for _, c := range cands {
		if c = text.CleanSpace(c); c != "" {
			refs = append(refs, metaStripSiteName(c, sites, h1s))
		}
	}
	best, bestScore := "", 0.0
	for _, h := range h1s {
		for _, r := range refs {
			if sc := metaTitleSimilarity(h, r); sc > bestScore {
				best, bestScore = h, sc
			}
		}
	}
	if best != "" && bestScore >= 0.5 {
		// An <h1> that is the structured title plus a subtitle run into it
		// ("Headline Subtitle…") gives way to the structured title, unless
		// that looks cut short by a length limit.
		// Likewise a kicker run into it ("Kicker Headline").
		if ref != "" && utf8.RuneCountInString(ref) < 90 && len(best) > len(ref) &&
			(strings.HasPrefix(strings.ToLower(best), strings.ToLower(ref)) ||
				strings.HasSuffix(strings.ToLower(best), strings.ToLower(ref))) {
			return ref
		}
		return best
	}
	if len(h1s) == 1 && (ref == "" || metaGenericTitle(ref, sites)) {
		return h1s[0]
	}
	if ref != "" {
		if base, ok := metaTruncated(ref); ok {
			for _, c := range append(cands, titleTag) {
				c = metaStripSiteName(text.CleanSpace(c), sites, h1s)
				if _, trunc := metaTruncated(c); !trunc && len(c) > len(base) && strings.HasPrefix(strings.ToLower(c), strings.ToLower(base)) {
					return c
				}
			}
		}
		return ref
	}
	if len(h1s) > 0 {
		return h1s[0]
	}
	return ""
}

// metaSiteH1 reports whether an <h1> is the site's name rather than a
// headline: it names the outlet or host, or it is a later part of the
// page's <title> next to a longer part.
func metaSiteH1(h, pageTitle string, sites []string) bool {
	if metaNamesSite(h, sites) {
		return true
	}
	pageTitle = text.CleanSpace(pageTitle)
	if pageTitle == "" || strings.EqualFold(h, pageTitle) {
		return false
	}
	parts := metaTitleParts(pageTitle)
	if len(parts) < 2 {
		return false
	}
	for i, part := range parts {
		if !strings.EqualFold(part, h) {
			continue
		}
		// The site's name usually ends a title ("Headline | Site"); a
		// leading part is the headline more often than not.
		return i > 0
	}
	return false
}

// metaGenericTitle reports whether a title says little about the article: a
// home-page word ("Home", "Willkommen"), or the outlet's own name.
func metaGenericTitle(t string, sites []string) bool {
	k := metaSiteKey(t)
	switch k {
	case "home", "homepage", "start", "startseite", "index", "welcome", "willkommen", "accueil", "blog", "news", "aboutus", "about":
		return true
	}
	return metaNamesSite(t, sites)
}

// metaNamesSite reports whether part names one of the sites (the outlet,
// the host name).
func metaNamesSite(part string, sites []string) bool {
	for _, s := range sites {
		if s != "" && metaSameSite(part, s) {
			return true
		}
	}
	return false
}

// metaTitleParts splits a page title at every site-name separator.
func metaTitleParts(t string) []string {
	parts := []string{t}
	for _, sep := range append(metaTitleSeparators, " : ", " › ", " ‹ ") {
		var next []string
		for _, p := range parts {
			for _, q := range strings.Split(p, sep) {
				if q = strings.TrimSpace(q); q != "" {
					next = append(next, q)
				}
			}
		}
		parts = next
	}
	return parts
}

// metaTitleSimilarity scores how nearly two titles say the same thing: the
// words they share over the words of the shorter one, required to be at
// least a third of the longer one.
func metaTitleSimilarity(a, b string) float64 {
	wa, wb := metaTitleWords(a), metaTitleWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	lo, hi := min(len(wa), len(wb)), max(len(wa), len(wb))
	if float64(common) < float64(hi)/3 {
		return 0
	}
	return float64(common) / float64(lo)
}

// metaTitleWords returns the set of lower-case words of a title.
func metaTitleWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out[w] = true
	}
	return out
}

// metaTruncated reports whether a title ends in an ellipsis, and returns it
// without one.
func metaTruncated(t string) (string, bool) {
	for _, e := range []string{"…", "..."} {
		if strings.HasSuffix(t, e) {
			return strings.TrimSpace(strings.TrimSuffix(t, e)), true
		}
	}
	return t, false
}

// metaStripSiteName removes a site name from a title ("Title | Outlet",
// "Outlet - Title"). With a known outlet only a part that matches it is
// removed; otherwise the title is split at the strongest separator and a
// short site-like part is removed. When a visible <h1> equals one part, that
// part is the title.
func metaStripSiteName(title string, sites []string, h1 []string) string {
	title = text.CleanSpace(title)
	if title == "" {
		return ""
	}
	for _, h := range h1 {
		if strings.EqualFold(h, title) {
			return title
		}
	}
	for _, sep := range metaTitleSeparators {
		if !strings.Contains(title, sep) {
			continue
		}
		parts := strings.Split(title, sep)
		// An <h1> that is exactly the title minus leading or trailing parts.
		for i := 0; i < len(parts); i++ {
			for j := len(parts); j > i; j-- {
				if i == 0 && j == len(parts) {
					continue
				}
				cand := strings.Join(parts[i:j], sep)
				for _, h := range h1 {
					if strings.EqualFold(h, cand) {
						return cand
					}
				}
			}
		}
		changed := false
		for len(parts) > 1 && metaNamesSite(parts[len(parts)-1], sites) {
			parts, changed = parts[:len(parts)-1], true
		}
		for len(parts) > 1 && metaNamesSite(parts[0], sites) {
			parts, changed = parts[1:], true
		}
		if changed {
			return strings.TrimSpace(strings.Join(parts, sep))
		}
		if len(parts) == 2 || sep == " | " || sep == " || " || sep == " :: " {
			// Drop short site-like parts at either end, keeping the longest.
			for len(parts) > 1 && metaSiteLike(parts[len(parts)-1], parts[:len(parts)-1]) {
				parts = parts[:len(parts)-1]
			}
			// A leading part is stripped only when it names the outlet
			// (above): "SW082 – Title" and "Topic - Title" keep it.
			return strings.TrimSpace(strings.Join(parts, sep))
		}
		return title
	}
	return title
}

// metaSiteLike reports whether part looks like a site or section name next
// to the rest of a title: short, and shorter than the rest.
func metaSiteLike(part string, rest []string) bool {
	part = strings.TrimSpace(part)
	n := utf8.RuneCountInString(part)
	words := len(strings.Fields(part))
	restLen := utf8.RuneCountInString(strings.Join(rest, " "))
	if part == "" {
		return true
	}
	if words > 4 || n > 40 || restLen <= n {
		return false
	}
	return restLen >= 2*n || strings.Contains(part, ".")
}

// metaSameSite reports whether a title part names the outlet (ignoring case,
// spaces, punctuation and a leading "The" or a domain ending).
func metaSameSite(part, outlet string) bool {
	a, b := metaSiteKey(part), metaSiteKey(outlet)
	if a == "" || b == "" {
		return false
	}
	return a == b || (len(a) >= 4 && strings.Contains(b, a)) || (len(b) >= 4 && strings.Contains(a, b) && len(a) <= len(b)+12)
}

// metaSiteKey reduces a site name to lower-case letters and digits.
func metaSiteKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimPrefix(s, "www.")
	for _, tld := range []string{".com", ".org", ".net", ".co.uk", ".de", ".fr", ".io"} {
		s = strings.TrimSuffix(s, tld)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// metaSuffixOutlet guesses the outlet from the part of <title> that was
// removed to get the article title ("Title | Outlet" → "Outlet").
func metaSuffixOutlet(pageTitle, title string) string {
	pageTitle = text.CleanSpace(pageTitle)
	if title == "" || pageTitle == title || !strings.HasPrefix(pageTitle, title) {
		return ""
	}
	rest := strings.TrimSpace(pageTitle[len(title):])
	for _, sep := range metaTitleSeparators {
		if s := strings.TrimSpace(sep); strings.HasPrefix(rest, s) {
			rest = strings.TrimSpace(rest[len(s):])
			parts := strings.Split(rest, sep)
			rest = strings.TrimSpace(parts[len(parts)-1])
			if len(strings.Fields(rest)) <= 5 {
				return rest
			}
			return ""
		}
	}
	return ""
}
