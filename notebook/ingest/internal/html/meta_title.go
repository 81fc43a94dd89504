package html

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// metaTitleSeparators split a page title from its site name, strongest first.
var metaTitleSeparators = []string{" | ", " || ", " :: ", " « ", " » ", " · ", " • ", " — ", " – ", " - ", " / ", " @ "}

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
	// The site's name in a note after the title ("… [Archive of Our
	// Own]") with the heading "Archive of Our Own beta".
	if m := titleSiteNote.FindString(pageTitle); m != "" && metaSameSite(strings.Trim(m, " ()[]"), h) {
		return true
	}
	parts := metaTitleParts(pageTitle)
	if len(parts) < 2 {
		return false
	}
	longest := 0
	for _, part := range parts {
		longest = max(longest, utf8.RuneCountInString(part))
	}
	for i, part := range parts {
		if !strings.EqualFold(part, h) {
			continue
		}
		// The site's name usually ends a title ("Headline | Site"); a
		// leading part is the headline more often than not, and so is
		// the longest part between others ("Section | Headline | Site"),
		// or a last part beside which the others look like a site's or
		// section's name ("StreetInsider.com - Headline"), or the longest
		// last part of a breadcrumb ("Site / Section / Headline").
		if i == 0 {
			return false
		}
		if i < len(parts)-1 {
			return utf8.RuneCountInString(part) < longest
		}
		others := slices.Delete(slices.Clone(parts), i, i+1)
		if len(parts) >= 3 && utf8.RuneCountInString(part) == longest {
			return false // "Site / Section / Headline"
		}
		for _, o := range others {
			if !metaSiteLike(o, []string{part}) {
				return true
			}
		}
		return false
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
	sim, _ := titleWordSimilarity(metaTitleWords(a), metaTitleWords(b))
	return sim
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
	return metaStripSite(title, sites, h1, false)
}

// metaStripSite is metaStripSiteName; with knownOnly, only parts that
// name one of the sites are removed.
func metaStripSite(title string, sites []string, h1 []string, knownOnly bool) string {
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
			// The rest may carry another site name at a weaker separator
			// ("Post @ Blog :: Host").
			return metaStripSite(strings.TrimSpace(strings.Join(parts, sep)), sites, h1, true)
		}
		if !knownOnly && (len(parts) == 2 || sep == " | " || sep == " || " || sep == " :: ") {
			// Drop short site-like parts at either end, keeping the longest.
			for len(parts) > 1 && metaSiteLike(parts[len(parts)-1], parts[:len(parts)-1]) {
				parts = parts[:len(parts)-1]
			}
			// A leading part is stripped only when it names the outlet
			// (above): "SW082 – Title" and "Topic - Title" keep it.
			return strings.TrimSpace(strings.Join(parts, sep))
		}
		if !knownOnly {
			return title
		}
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
