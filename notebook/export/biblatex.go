package export

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/glossnotes/gloss/notebook/cite"
)

// bibTypes maps CSL types to BibLaTeX entry types and entrysubtype.
var bibTypes = map[string][2]string{
	typeNewspaper: {"article", "newspaper"},
	typeMagazine:  {"article", "magazine"},
	typeJournal:   {"article", ""},
	typeWebpage:   {"online", ""},
	typeBook:      {"book", ""},
	typeChapter:   {"incollection", ""},
	typeDocument:  {"misc", ""},
}

// babelLanguages maps ISO 639-1 codes to the babel/polyglossia names
// BibLaTeX's langid takes.
var babelLanguages = map[string]string{
	"en": "english", "fr": "french", "de": "ngerman", "es": "spanish", "it": "italian", "pt": "portuguese",
	"nl": "dutch", "ru": "russian", "uk": "ukrainian", "pl": "polish", "cs": "czech", "sv": "swedish",
	"da": "danish", "nb": "norsk", "no": "norsk", "fi": "finnish", "el": "greek", "tr": "turkish",
	"ar": "arabic", "he": "hebrew", "hu": "magyar", "ro": "romanian", "ca": "catalan", "ja": "japanese",
}

// latexEscape escapes LaTeX's special characters; other characters,
// Unicode included, are kept (biber reads UTF-8). Line breaks and other
// control characters become spaces.
func latexEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '&', '%', '$', '#', '_', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\\':
			b.WriteString(`\textbackslash{}`)
		default:
			if r < ' ' || r == 0x7f {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// bibURL makes a URL safe in a verbatim field: characters that would
// unbalance braces or end the field, spaces and non-ASCII are
// percent-encoded.
func bibURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("{}\\\"", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// bibName writes a name as BibLaTeX reads it: "Family, Suffix, Given" for
// a person, an organisation in braces so it is not split into names.
func bibName(n cite.Name) string {
	if n.Literal != "" {
		return "{" + latexEscape(n.Literal) + "}"
	}
	parts := []string{latexEscape(n.Family)}
	if strings.Contains(strings.ToLower(" "+n.Family+" "), " and ") {
		parts[0] = "{" + parts[0] + "}"
	}
	if n.Suffix != "" {
		parts = append(parts, latexEscape(n.Suffix))
	}
	if n.Given != "" {
		parts = append(parts, latexEscape(n.Given))
	}
	return strings.Join(parts, ", ")
}

// bibKeyword writes a tag for the keywords list (a comma in a tag is
// kept inside braces).
func bibKeyword(t string) string {
	t = latexEscape(oneLine(t))
	if strings.Contains(t, ",") {
		return "{" + t + "}"
	}
	return t
}

// writeBibLaTeX writes one BibLaTeX entry per article.
func writeBibLaTeX(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	var streamErr error
	var b strings.Builder
	for r := range references(items, opt, &streamErr) {
		b.Reset()
		typ := bibTypes[r.typ]
		fmt.Fprintf(&b, "@%s{%s,\n", typ[0], r.key)
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %-12s = {%s},\n", name, value)
			}
		}
		if typ[1] != "" {
			field("entrysubtype", typ[1])
		}
		names := make([]string, len(r.names))
		for i, n := range r.names {
			names[i] = bibName(n)
		}
		field("author", strings.Join(names, " and "))
		if r.title != "" {
			// Braced twice so that no style or reader changes its case:
			// a headline is cited as it was printed.
			field("title", "{"+latexEscape(r.title)+"}")
		}
		switch typ[0] {
		case "article":
			field("journaltitle", latexEscape(r.container))
		case "online":
			field("organization", latexEscape(r.container))
		default:
			field("howpublished", latexEscape(r.container))
		}
		field("publisher", latexEscape(r.publisher))
		field("date", r.issued.String())
		field("doi", bibURL(r.doi))
		field("url", bibURL(r.url))
		if !r.accessed.IsZero() {
			field("urldate", r.accessed.UTC().Format("2006-01-02"))
		}
		if lang := babelLanguages[baseLanguage(r.language)]; lang != "" {
			field("langid", lang)
		}
		kws := make([]string, 0, len(r.tags))
		for _, t := range r.tags {
			kws = append(kws, bibKeyword(t))
		}
		field("keywords", strings.Join(kws, ", "))
		b.WriteString("}\n\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return streamErr
}

// baseLanguage is the language subtag of a BCP 47 tag, lower-cased
// ("en-GB" → "en").
func baseLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}
