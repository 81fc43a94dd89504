package html

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html"
)

// metaBylinePrefix matches the words introducing a byline in a few
// languages ("By", "Written by", "Veröffentlicht von", "Autor:", "~").
var metaBylinePrefix = regexp.MustCompile(`(?i)^(?:[~–—-]\s*|(?:(?:written|posted|reported|words|story|text|published)\s+by|by|von|par|por|di|door|av|af|(?:veröffentlicht|eingestellt|geschrieben|verfasst|publiziert|gepostet)\s+von|autor(?:in)?|author|verfasser(?:in)?|text)\s*:?\s+|(?:autor(?:in)?|author|text)\s*:\s*)`)

// metaBylineTail matches what often follows the names in a visible byline: a
// date, a role, an update note, a separator and whatever comes after it.
var metaBylineTail = regexp.MustCompile(`(?i)\s*(?:\s[|•·]\s.*|,?\s+(?:am|on|at|le|el|il|op)\s*$|(?:[|•·,]\s*)?(?:updated|published|posted|last modified|aktualisiert|veröffentlicht|\d{1,2}\.?\s+(?:jan|feb|mar|mär|apr|may|mai|jun|jul|aug|sep|oct|okt|nov|dec|dez)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}).*)$`)

// metaBylineLabel matches a byline element holding only its label.
var metaBylineLabel = regexp.MustCompile(`(?i)^(?:by|von|par|por|autor(?:in)?|author|posted|published|publiziert|veröffentlicht|eingestellt|written|name|e-?mail)\b`)

// metaIsBylineNode reports whether an element is a visible byline: a link
// with rel=author, an element with itemprop=author, or a class or id naming
// a byline or author.
func metaIsBylineNode(n *html.Node) bool {
	if strings.Contains(attrOf(n, "rel"), "author") || attrOf(n, "itemprop") == "author" {
		return true
	}
	for _, v := range []string{attrOf(n, "class"), attrOf(n, "id"), attrOf(n, "data-testid")} {
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
	s = text.CleanSpace(s)
	s = metaBylinePrefix.ReplaceAllString(s, "")
	s = metaBylineTail.ReplaceAllString(s, "")
	s = strings.Trim(s, " ,;:|-–—•·~/")
	if s == "" || metaBylineLabel.MatchString(s) || strings.Contains(s, "@") || utf8.RuneCountInString(s) > 100 || len(strings.Fields(s)) > 14 || metaIsWebURL(s) {
		return ""
	}
	return s
}

// metaBylineMore matches what continues a list of names after the first:
// a comma or a conjunction ("Jane Doe and John Roe", "Jane Doe, John Roe").
var metaBylineMore = regexp.MustCompile(`(?i)^\s*(?:[,;&+/]|(?:and|und|et|y|e|en|och|og|with|mit|avec|con)\s)`)

// metaBylineCandidates cleans the visible byline texts, found in document
// order. A byline container is found before the name element inside it, so
// a container whose text is that name plus more than further names ("Ben
// Silverman Games Editor", a role) gives way to the name itself.
func metaBylineCandidates(texts []string) []string {
	out := make([]string, 0, len(texts))
	for i, t := range texts {
		c := metaCleanByline(t)
		if i+1 < len(texts) && c != "" {
			next := metaCleanByline(texts[i+1])
			if next != "" && len(next) < len(c) && strings.HasPrefix(c, next) && !metaBylineMore.MatchString(c[len(next):]) {
				c = next
			}
		}
		out = append(out, c)
	}
	return out
}

// JoinNames joins author names, dropping duplicates (ignoring case).
func JoinNames(names []string) string {
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

// metaAccountNames are CMS account names that are not authors.
var metaAccountNames = map[string]bool{
	"admin": true, "administrator": true, "wordpressadmin": true, "webmaster": true,
	"user": true, "editor": true, "root": true, "guest": true,
}

// metaOrgWords are words that name an organisation or a publication rather
// than a person; metaArticles are articles that start a publication's name
// ("The Honest Sorcerer", "El Colombiano") but not a person's.
var (
	metaOrgWords = regexp.MustCompile(`(?i)\b(?:news|nachrichten|noticias|nouvelles|notizie|times|post|daily|weekly|tribune|herald|gazette|journal|review|today|magazin(?:e)?|zeitung|illustrierte|blatt|online|media|medien|verlag|press(?:e)?|redaktion|redacción|rédaction|editorial|blog|tv|radio|channel|network|group|gruppe|team|staff|foundation|stiftung|institut(?:e)?|verband|verein|society|association|agency|agentur|office|ministry|ministerium|gmbh|ag|inc|ltd|llc|e\.\s?v)\b`)
	metaArticles = regexp.MustCompile(`(?i)^(?:the|a|an|der|die|das|el|la|le|les|los|las|il|lo|de|het)\s`)
)

// metaPersonName reports whether a name reads like one person's: two to
// four words, each a capitalised word or an initial ("Jane Doe", "J. R.
// Stone", "Wolfgang Schmale"), with no word of an organisation and no
// leading article. A personal blog is often named after its author, so
// such a name is kept as the byline even when it is also the site's name.
func metaPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 || metaOrgWords.MatchString(s) || metaArticles.MatchString(s) {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		if len(r) > 1 && strings.ToUpper(w) == w && !strings.HasSuffix(w, ".") {
			return false // an acronym ("BBC News", "IT Finanzmagazin")
		}
		for _, c := range r[1:] {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return true
}

// metaBylineWithoutSite removes a trailing site name from a byline ("Rob
// Picheta, CNN" → "Rob Picheta") and returns "" for a byline that is only
// the site's name or a CMS account. sites is the outlet, then the host.
func metaBylineWithoutSite(b string, sites []string) string {
	b = strings.TrimSpace(b)
	if b == "" || metaAccountNames[strings.ToLower(b)] {
		return ""
	}
	// A person's blog is often named after them ("janedoe.example"), so a
	// byline is taken for the host name only when it is written as one.
	for i, s := range sites {
		if metaNamesSite(b, []string{s}) && (i == 0 || strings.Contains(b, ".")) && !metaPersonName(b) {
			return ""
		}
	}
	for _, sep := range []string{", ", " - ", " | ", " / "} {
		if i := strings.LastIndex(b, sep); i > 0 && metaNamesSite(b[i+len(sep):], sites) {
			return strings.TrimSpace(b[:i])
		}
	}
	if i := strings.LastIndex(b, " ("); i > 0 && strings.HasSuffix(b, ")") && metaNamesSite(b[i+2:len(b)-1], sites) {
		return strings.TrimSpace(b[:i])
	}
	return b
}
