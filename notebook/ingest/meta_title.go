package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// metaTitleSeparators split a page title from its site name, strongest first.
var metaTitleSeparators = []string{" | ", " || ", " :: ", " « ", " » ", " · ", " • ", " — ", " – ", " - ", " / "}

// metaChooseTitle picks the article title: the JSON-LD headline, then
// OpenGraph and other meta titles, then <title>, then the first <h1>; the
// site name is removed from whichever is used. A truncated headline
// ("…") gives way to a longer source that starts the same way.
func metaChooseTitle(p metaPage, ld metaLD, outlet string) string {
	cands := []string{ld.headline, p.metas["og:title"], p.metas["twitter:title"],
		p.metas["dc.title"], p.metas["citation_title"], p.metas["sailthru.title"], p.metas["headline"]}
	titleTag := metaStripSiteName(p.title, outlet, p.h1)
	var title string
	for _, c := range cands {
		if c = metaCleanSpace(c); c != "" {
			title = metaStripSiteName(c, outlet, p.h1)
			break
		}
	}
	if title == "" {
		title = titleTag
	}
	if title == "" && len(p.h1) > 0 {
		title = p.h1[0]
	}
	if base, ok := metaTruncated(title); ok {
		for _, c := range append(cands, titleTag, strings.Join(p.h1, "\x00")) {
			for _, c := range strings.Split(c, "\x00") {
				c = metaStripSiteName(metaCleanSpace(c), outlet, p.h1)
				if _, trunc := metaTruncated(c); !trunc && len(c) > len(base) && strings.HasPrefix(strings.ToLower(c), strings.ToLower(base)) {
					return c
				}
			}
		}
	}
	return title
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
func metaStripSiteName(title, outlet string, h1 []string) string {
	title = metaCleanSpace(title)
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
		if outlet != "" {
			changed := false
			for len(parts) > 1 && metaSameSite(parts[len(parts)-1], outlet) {
				parts, changed = parts[:len(parts)-1], true
			}
			for len(parts) > 1 && metaSameSite(parts[0], outlet) {
				parts, changed = parts[1:], true
			}
			if changed {
				return strings.TrimSpace(strings.Join(parts, sep))
			}
		}
		if len(parts) == 2 || sep == " | " || sep == " || " || sep == " :: " {
			// Drop short site-like parts at either end, keeping the longest.
			for len(parts) > 1 && metaSiteLike(parts[len(parts)-1], parts[:len(parts)-1]) {
				parts = parts[:len(parts)-1]
			}
			for len(parts) > 1 && metaSiteLike(parts[0], parts[1:]) {
				parts = parts[1:]
			}
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
	return words <= 4 && n <= 40 && restLen > n && (restLen >= 2*n || strings.Contains(part, "."))
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
	pageTitle = metaCleanSpace(pageTitle)
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
