package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// metaBylinePrefix matches the word introducing a byline in a few languages.
var metaBylinePrefix = regexp.MustCompile(`(?i)^(?:(?:written|posted|reported|words|story|text)\s+by|by|von|par|por|di|door|av|af)\s*:?\s+`)

// metaBylineTail matches what often follows the names in a visible byline: a
// date, a role, an update note.
var metaBylineTail = regexp.MustCompile(`(?i)\s*(?:[|•·,]\s*)?(?:updated|published|posted|last modified|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}).*$`)

// metaIsBylineNode reports whether an element is a visible byline: a link
// with rel=author, an element with itemprop=author, or a class or id naming
// a byline or author.
func metaIsBylineNode(n *html.Node) bool {
	if strings.Contains(htmlAttr(n, "rel"), "author") || htmlAttr(n, "itemprop") == "author" {
		return true
	}
	for _, v := range []string{htmlAttr(n, "class"), htmlAttr(n, "id"), htmlAttr(n, "data-testid")} {
		v = strings.ToLower(v)
		if v == "" {
			continue
		}
		if strings.Contains(v, "byline") {
			return true
		}
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '_' || r == '-' || r == '.' }) {
			if f == "author" || f == "authors" || f == "author-name" {
				return !strings.Contains(v, "bio") && !strings.Contains(v, "image") && !strings.Contains(v, "avatar") && !strings.Contains(v, "photo")
			}
		}
		if strings.Contains(v, "author-name") || strings.Contains(v, "authorname") {
			return true
		}
	}
	return false
}

// metaCleanByline turns a visible byline ("By Jane Doe | 8 February 2023")
// into the names as printed ("Jane Doe"); it returns "" for text that does
// not look like a byline.
func metaCleanByline(s string) string {
	s = metaCleanSpace(s)
	s = metaBylinePrefix.ReplaceAllString(s, "")
	s = metaBylineTail.ReplaceAllString(s, "")
	s = strings.Trim(s, " ,;:|-–—•·")
	if s == "" || utf8.RuneCountInString(s) > 100 || len(strings.Fields(s)) > 14 || metaIsWebURL(s) {
		return ""
	}
	return s
}

// metaJoinNames joins author names, dropping duplicates (ignoring case).
func metaJoinNames(names []string) string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = metaCleanByline(n)
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return strings.Join(out, ", ")
}
