package export

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/cite"
)

// CitationStyle is a way of citing an article.
type CitationStyle string

// Citation styles.
const (
	// DefaultCitation is a readable line: byline as printed, title, outlet,
	// date, ¶N, URL.
	DefaultCitation CitationStyle = "default"
	// Chicago is the Chicago Manual of Style, notes and bibliography: an
	// article's citation is its bibliography entry, an excerpt's is a note
	// with the paragraph ("para. 3").
	Chicago CitationStyle = "chicago"
	// APA is APA 7th edition: an article's citation is its reference-list
	// entry, an excerpt's is the parenthetical in-text citation with the
	// paragraph ("(Mugabi, 2023, para. 3)").
	APA CitationStyle = "apa"
)

// ParseCitationStyle checks a style name ("" is the default style).
func ParseCitationStyle(s string) (CitationStyle, error) {
	switch c := CitationStyle(strings.ToLower(strings.TrimSpace(s))); c {
	case "":
		return DefaultCitation, nil
	case DefaultCitation, Chicago, APA:
		return c, nil
	}
	return "", fmt.Errorf("citation style %q: want default, chicago or apa", s)
}

// Span is a run of a citation's text, in italics or not.
type Span struct {
	Text   string
	Italic bool
}

// Citation is a formatted citation. Print it with String (plain text),
// Markdown or HTML.
type Citation []Span

// String returns the citation as plain text.
func (c Citation) String() string {
	var b strings.Builder
	for _, s := range c {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Markdown returns the citation in Markdown, italics as *…*, other
// characters escaped so they print as written.
func (c Citation) Markdown() string {
	var b strings.Builder
	for _, s := range c {
		if s.Italic {
			b.WriteString("*" + escapeMarkdown(s.Text) + "*")
		} else {
			b.WriteString(escapeMarkdown(s.Text))
		}
	}
	return b.String()
}

// HTML returns the citation as escaped HTML with <i> for italics.
func (c Citation) HTML() template.HTML {
	var b strings.Builder
	for _, s := range c {
		if s.Italic {
			b.WriteString("<i>" + template.HTMLEscapeString(s.Text) + "</i>")
		} else {
			b.WriteString(template.HTMLEscapeString(s.Text))
		}
	}
	return template.HTML(b.String())
}

// citer builds citations of one article in one style.
type citer struct {
	style   CitationStyle
	a       *notebook.Article
	authors []cite.Name
}

// builder accumulates spans.
type builder struct{ c Citation }

func (b *builder) add(text string, italic bool) {
	if text == "" {
		return
	}
	if n := len(b.c); n > 0 && b.c[n-1].Italic == italic {
		b.c[n-1].Text += text
		return
	}
	b.c = append(b.c, Span{text, italic})
}
func (b *builder) plain(s string)  { b.add(s, false) }
func (b *builder) italic(s string) { b.add(s, true) }

// endsSentence reports whether s already ends with closing punctuation.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "”’\"'"))
	return r == '.' || r == '?' || r == '!'
}

// punct appends p to s unless s already ends a sentence (“Why?” takes no
// added comma or period).
func punct(s, p string) string {
	if endsSentence(s) {
		return s
	}
	return s + p
}

func longDate(t time.Time) string { return t.Format("January 2, 2006") }

// reference is the citation of the whole article.
func (c *citer) reference() Citation { return c.cite(0, false) }

// excerpt is the citation of an excerpt at paragraph para (0: unknown,
// as for an orphan).
func (c *citer) excerpt(para int) Citation { return c.cite(para, true) }

func (c *citer) cite(para int, excerpt bool) Citation {
	var b builder
	switch {
	case c.style == Chicago && excerpt:
		c.chicagoNote(&b, para)
	case c.style == Chicago:
		c.chicagoBibliography(&b)
	case c.style == APA && excerpt:
		c.apaInText(&b, para)
	case c.style == APA:
		c.apaReference(&b)
	default:
		c.readable(&b, para)
	}
	return b.c
}

// readable: Byline, “Title”, Outlet, February 8, 2023, ¶3, URL
func (c *citer) readable(b *builder, para int) {
	a := c.a
	parts := []string{a.Byline, "“" + a.Title + "”", a.Outlet}
	if !a.Published.IsZero() {
		parts = append(parts, longDate(a.Published.Time()))
	}
	if para > 0 {
		parts = append(parts, "¶"+strconv.Itoa(para))
	}
	parts = append(parts, a.URL)
	sep := ""
	for _, p := range parts {
		if p != "" && p != "“”" {
			b.plain(sep + p)
			sep = ", "
		}
	}
}

// chicagoDate is the publication date, else the access date.
func (c *citer) chicagoDate() string {
	if !c.a.Published.IsZero() {
		return longDate(c.a.Published.Time())
	}
	if !c.a.Added.IsZero() {
		return "accessed " + longDate(c.a.Added)
	}
	return ""
}

// chicagoNote: Amara Lindqvist, “Title,” *DW*, February 8, 2023, para. 3, URL.
func (c *citer) chicagoNote(b *builder, para int) {
	var names []string
	for _, au := range c.authors {
		names = append(names, au.Display())
	}
	if len(names) > 3 {
		names = []string{names[0] + " et al."}
	}
	rest := []string{c.chicagoDate()}
	if para > 0 {
		rest = append(rest, "para. "+strconv.Itoa(para))
	}
	rest = append(rest, c.a.URL)
	if n := joinNames(names, "and"); n != "" {
		b.plain(n + ", ")
	}
	title := "“" + punct(c.a.Title, ",") + "”"
	tail := nonEmpty(rest)
	if c.a.Outlet == "" && len(tail) == 0 {
		b.plain("“" + punct(c.a.Title, ".") + "”")
		return
	}
	b.plain(title + " ")
	sep := ""
	if c.a.Outlet != "" {
		b.italic(c.a.Outlet)
		sep = ", "
	}
	for _, t := range tail {
		b.plain(sep + t)
		sep = ", "
	}
	b.plain(".")
}

// chicagoBibliography: Lindqvist, Amara. “Title.” *DW*, February 8, 2023. URL.
func (c *citer) chicagoBibliography(b *builder) {
	var names []string
	for i, au := range c.authors {
		if i == 0 {
			names = append(names, au.Inverted())
		} else {
			names = append(names, au.Display())
		}
	}
	if len(names) > 10 {
		names = append(names[:7:7], "et al.")
	}
	if n := joinNames(names, "and"); n != "" {
		if len(names) == 2 {
			n = names[0] + ", and " + names[1] // the first name is inverted
		}
		b.plain(punct(n, ".") + " ")
	}
	b.plain("“" + punct(c.a.Title, ".") + "”")
	if c.a.Outlet != "" {
		b.plain(" ")
		b.italic(c.a.Outlet)
		if d := c.chicagoDate(); d != "" {
			b.plain(", " + d)
		}
		b.plain(".")
	} else if d := c.chicagoDate(); d != "" {
		b.plain(" " + strings.ToUpper(d[:1]) + d[1:] + ".")
	}
	if c.a.URL != "" {
		b.plain(" " + c.a.URL + ".")
	}
}

// apaDate is "(2023, February 8)" or "(n.d.)".
func (c *citer) apaDate() string {
	if c.a.Published.IsZero() {
		return "(n.d.)"
	}
	return "(" + c.a.Published.Time().Format("2006, January 2") + ")"
}

// apaReference: Lindqvist, A. (2023, February 8). *Title*. DW. URL
func (c *citer) apaReference(b *builder) {
	var names []string
	for _, au := range c.authors {
		names = append(names, au.Initials())
	}
	if len(names) > 20 {
		names = append(names[:19:19], "… "+names[len(names)-1])
	}
	switch len(names) {
	case 0:
		b.italic(punct(c.a.Title, "."))
		b.plain(" " + c.apaDate() + ".")
	default:
		n := names[0]
		if len(names) > 1 {
			n = strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
		}
		b.plain(punct(n, ".") + " " + c.apaDate() + ". ")
		b.italic(punct(c.a.Title, "."))
	}
	if c.a.Outlet != "" {
		b.plain(" " + punct(c.a.Outlet, "."))
	}
	if c.a.URL != "" {
		b.plain(" " + c.a.URL)
	}
}

// apaInText: (Lindqvist, 2023, para. 3)
func (c *citer) apaInText(b *builder, para int) {
	year := "n.d."
	if !c.a.Published.IsZero() {
		year = strconv.Itoa(c.a.Published.Time().Year())
	}
	b.plain("(")
	switch len(c.authors) {
	case 0:
		b.italic(shortTitle(c.a.Title))
	case 1:
		b.plain(familyOrName(c.authors[0]))
	case 2:
		b.plain(familyOrName(c.authors[0]) + " & " + familyOrName(c.authors[1]))
	default:
		b.plain(familyOrName(c.authors[0]) + " et al.")
	}
	b.plain(", " + year)
	if para > 0 {
		b.plain(", para. " + strconv.Itoa(para))
	}
	b.plain(")")
}

// familyOrName is a person's family name or an organisation's name.
func familyOrName(a cite.Name) string {
	if a.Family != "" {
		return a.Family
	}
	return a.Display()
}

// shortTitle is the first words of a title, for an in-text citation.
func shortTitle(t string) string {
	const words = 5
	f := strings.Fields(t)
	if len(f) <= words {
		return t
	}
	return strings.Join(f[:words], " ") + "…"
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
