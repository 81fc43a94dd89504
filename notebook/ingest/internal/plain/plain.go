// Package plain imports plain text: a saved page's text, a pasted article
// or a note. See the steps below.
package plain

// Plain-text import: a .txt file is usually a web page saved as text, with
// navigation left over at the top, the headline, a byline and a date, then
// the article. parseText recognises that shape without knowing the site:
//
//  1. The text is decoded and normalised (text.Decode, text.Normalize) and split into
//     paragraphs at blank lines.
//  2. Clutter lines are removed anywhere in the file: a whole line that is
//     only "Skip to …", "Share", "Advertisement", a cookie notice, "3 min
//     read" and the like (see isClutter in clutter.go). List numbering
//     and bullets before them ("1. Skip to content") are ignored. A line
//     that merely contains such a word is never removed.
//  3. The header is the run of short paragraphs before the first paragraph
//     of prose (at most maxHeaderParas of them; see isProsePara). In it: a line that is a
//     URL becomes Draft.URL; a date line ("February 8, 2023", "Published
//     08.02.2023 10:15") becomes Draft.Published (a publication date wins
//     over an "Updated" one); a "By …" line, or a line of names next to the
//     date line, becomes Draft.Byline (a date on the same line, as in "By
//     Jane Doe | 8 Feb 2023", is read too); the first line that looks like a
//     headline becomes Draft.Title. These lines are removed from the text;
//     any other header lines stay in it as paragraphs.
//  4. The remaining paragraphs become the text. Lines inside a paragraph are
//     joined with a space (saved and e-mailed text is often hard-wrapped),
//     except list lines ("- item", "• item", "2. item"), which become Item
//     paragraphs (bullets are dropped, numbers kept).
//  5. Photo captions: a paragraph of at most three lines whose last line
//     ends with a credit ("…in UkraineImage: Alexander Shcherbak/dpa") is a
//     Caption paragraph holding the caption without its credit; the lines
//     before it are the photo's alt text, which repeats the picture, and are
//     dropped. When the credit stands alone on its line, the line before it
//     is the caption.
//  6. Headings: a one-line paragraph of at most 12 words that starts with a
//     capital letter or digit, has no final punctuation and is followed by a
//     paragraph of prose is a Heading ("Stronger economic ties"). Without
//     the prose after it (a related-video title at the end of a page, a list
//     of links) it stays Body.
//
//  7. The tail: after the last paragraph of prose, an editing or
//     reporting credit ("Edited by: …", "(Reporting by …; Editing by …)",
//     "Redaktion: …") and a short title-like line (a related video's or
//     story's title) are dropped, at most three of them (see tail.go):
//     they are the page's, not the article's, as the HTML importer holds
//     too.

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// maxHeaderParas is how many paragraphs at the top of a text file may hold
// the title, byline and date.
const maxHeaderParas = 6

// ParseFile is the importer of plain-text files: data is decoded (see
// text.Decode) and read by Parse. name is used in messages.
func ParseFile(b *budget.Budget, name string, data []byte) (draft.Article, error) {
	s, warnings, err := text.Decode(name, data)
	if err != nil {
		return draft.Article{}, err
	}
	d, err := Parse(b, s)
	if err != nil {
		return draft.Article{}, err
	}
	if d.Text == "" {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrNoText)
	}
	d.Warnings = append(warnings, d.Warnings...)
	return d, nil
}

// txtLine is one non-blank line of a text file.
type txtLine struct {
	text string // without leading or trailing white space
}

// txtPara is one paragraph (lines between blank lines) of a text file.
type txtPara []txtLine

// Parse turns decoded plain text into an article, following the steps at
// the top of plain.go, within the budget b.
func Parse(b *budget.Budget, s string) (draft.Article, error) {
	paras, err := splitPlain(b, s)
	if err != nil {
		return draft.Article{}, err
	}
	h, rest, leftover := plainHeader(paras)
	d := draft.Article{Title: h.title, Byline: h.byline, URL: h.url, Published: h.published}
	d.Text, d.Kinds = text.Join(trimTail(plainBlocks(rest, leftover)))
	if d.Title == "" {
		d.Warnings = append(d.Warnings, "no title found")
	}
	return d, nil
}

// lineCost is the memory charged per line of a text file, besides its
// bytes: its place in a paragraph and in a block.
const lineCost = 64

// splitPlain normalises s, splits it into paragraphs and lines and drops
// clutter lines and the paragraphs they leave empty. It charges the
// budget for the copies of the text it and the steps after it build.
func splitPlain(b *budget.Budget, s string) ([]txtPara, error) {
	if err := b.Alloc(4 * int64(len(s))); err != nil {
		return nil, err
	}
	s = text.Normalize(s)
	var paras []txtPara
	for p := range strings.SplitSeq(s, "\n\n") {
		var para txtPara
		for l := range strings.SplitSeq(p, "\n") {
			if err := b.Step(); err != nil {
				return nil, err
			}
			t := strings.TrimSpace(l)
			if t == "" || isClutter(t) {
				continue
			}
			if err := b.Alloc(lineCost); err != nil {
				return nil, err
			}
			para = append(para, txtLine{text: t})
		}
		if len(para) > 0 {
			paras = append(paras, para)
		}
	}
	return paras, nil
}

// headerRole is what a header line was recognised as.
type headerRole uint8

const (
	roleNone headerRole = iota
	roleTitle
	roleByline
	roleDate
	roleURL
)

// headerInfo is the metadata read from the header of a text file.
type headerInfo struct {
	title, byline, url string
	published          time.Time
}

// plainHeader reads the title, byline, date and URL from the header
// paragraphs and returns them with the paragraphs that make up the text:
// the header's unrecognised lines (leftover paragraphs of them) followed by
// the rest of the file.
func plainHeader(paras []txtPara) (h headerInfo, rest []txtPara, leftover int) {
	n := 0
	for n < len(paras) && n < maxHeaderParas && !isProsePara(paras[n]) {
		n++
	}
	type hline struct {
		para int
		text string
		role headerRole
	}
	var lines []hline
	for i, p := range paras[:n] {
		for _, l := range p {
			lines = append(lines, hline{para: i, text: l.text})
		}
	}

	pubIsUpdate := false
	setDate := func(t time.Time, updated bool) {
		if h.published.IsZero() || (pubIsUpdate && !updated) {
			h.published, pubIsUpdate = t, updated
		}
	}
	// First pass: lines that say what they are.
	for i := range lines {
		l := &lines[i]
		if u, ok := urlLine(l.text); ok {
			l.role = roleURL
			if h.url == "" {
				h.url = u
			}
			continue
		}
		if t, updated, ok := date.ParseLine(l.text); ok {
			l.role = roleDate
			setDate(t, updated)
			continue
		}
		if names, t, updated, hasDate, ok := bylineLine(l.text); ok && h.byline == "" {
			l.role = roleByline
			h.byline = names
			if hasDate {
				setDate(t, updated)
			}
		}
	}
	// The title: the first headline-like line, preferring one of three or
	// more words over a section label such as "Africa" above it.
	title := -1
	for i, l := range lines {
		if l.role == roleNone && isTitleLike(l.text) {
			if title < 0 {
				title = i
			}
			if len(strings.Fields(l.text)) >= 3 {
				title = i
				break
			}
		}
	}
	if title >= 0 {
		lines[title].role = roleTitle
		h.title = lines[title].text
	}
	// Second pass: a line of names just before or after the date line.
	if h.byline == "" {
		for i, l := range lines {
			if l.role != roleNone || !looksLikeNames(l.text) {
				continue
			}
			if (i > 0 && lines[i-1].role == roleDate) || (i+1 < len(lines) && lines[i+1].role == roleDate) {
				lines[i].role = roleByline
				h.byline = l.text
				break
			}
		}
	}

	for i, p := range paras[:n] {
		var kept txtPara
		j := 0
		for _, l := range lines {
			if l.para != i {
				continue
			}
			if l.role == roleNone {
				kept = append(kept, p[j])
			}
			j++
		}
		if len(kept) > 0 {
			rest = append(rest, kept)
		}
	}
	leftover = len(rest)
	return h, append(rest, paras[n:]...), leftover
}

// isProsePara reports whether a paragraph is article prose rather than
// header lines: it has twenty words or more, or it is hard-wrapped (a line
// after the first starts in lower case, continuing a sentence). Header lines
// such as a title, "By Jane Doe" and a date each start in upper case or
// with a digit.
func isProsePara(p txtPara) bool {
	words := 0
	for i, l := range p {
		words += len(strings.Fields(l.text))
		if r, _ := utf8.DecodeRuneInString(l.text); i > 0 && unicode.IsLower(r) {
			return true
		}
	}
	return words >= 20
}

// isTitleLike reports whether a header line could be a headline: not too
// long, not starting in lower case, not ending like a clause (",", ";",
// ":", ".").
func isTitleLike(s string) bool {
	if len(s) < 2 || len(s) > 250 || len(strings.Fields(s)) > 30 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(",;:.", last)
}

var (
	// bylinePrefix matches the label of an explicit byline.
	bylinePrefix = regexp.MustCompile(`(?i)^(?:by|written\s+by|words\s+by|reported\s+by|reporting\s+by|story\s+by|text\s+by|authors?)\s*:?\s+`)
	// urlLinePat matches a line that is only a web address, possibly labelled.
	urlLinePat = regexp.MustCompile(`(?i)^(?:(?:source|url|link|original|saved\s+from|from)\s*:?\s*)?<?(https?://\S+?)>?$`)
)

// urlLine reports whether line is a web address on its own ("https://…",
// "<https://…>", "Source: https://…") and returns the address.
func urlLine(line string) (string, bool) {
	m := urlLinePat.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return "", false
	}
	u, err := url.Parse(m[1])
	if err != nil || u.Host == "" {
		return "", false
	}
	return m[1], true
}

// bylineLine reports whether line is a byline: "By Jane Doe", "Words by
// Jane Doe and John Roe", or names with a date ("Jane Doe | 8 Feb 2023",
// "By Jane Doe, February 8, 2023"). It returns the names and the date when
// the line has one.
func bylineLine(line string) (names string, t time.Time, updated, hasDate, ok bool) {
	s := line
	labelled := false
	if m := bylinePrefix.FindString(s); m != "" {
		s, labelled = s[len(m):], true
	}
	if n, dt, upd, found := splitNamesDate(s); found {
		s, t, updated, hasDate = n, dt, upd, true
	}
	if !labelled && !hasDate {
		return "", time.Time{}, false, false, false
	}
	s = strings.TrimSpace(s)
	if !looksLikeNames(s) {
		return "", time.Time{}, false, false, false
	}
	return s, t, updated, hasDate, true
}

// dateSeparators split names from a date on one line.
var dateSeparators = []string{"|", "·", "•", " — ", " – ", " - ", ","}

// splitNamesDate splits "Jane Doe | February 8, 2023" into the text before a
// separator and the date line after it.
func splitNamesDate(s string) (names string, t time.Time, updated, ok bool) {
	for _, sep := range dateSeparators {
		for i := strings.Index(s, sep); i >= 0; {
			if t, upd, ok := date.ParseLine(s[i+len(sep):]); ok {
				return strings.TrimSpace(s[:i]), t, upd, true
			}
			next := strings.Index(s[i+len(sep):], sep)
			if next < 0 {
				break
			}
			i += len(sep) + next
		}
	}
	return "", time.Time{}, false, false
}

// nameParticles are lower-case words that occur inside personal names.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "du": true, "del": true, "della": true, "der": true,
	"den": true, "van": true, "von": true, "la": true, "le": true, "bin": true, "ibn": true,
	"al": true, "el": true, "y": true, "dos": true, "das": true, "ter": true, "ten": true,
}

// nameSplit separates the names in a byline.
var nameSplit = regexp.MustCompile(`\s*(?:,|;|&|\band\b|\bund\b|\bwith\b)\s*`)

// looksLikeNames reports whether s reads as a list of personal names, such
// as "Isaac Mugabi (with Reuters and AP)" or "Jane Doe, John Roe and
// Ann-Marie O'Neil": each name is one to five words, each capitalised apart
// from particles like "de" and "van", no digits, no sentence punctuation at
// the end. Parenthesised remarks are ignored.
func looksLikeNames(s string) bool {
	if s == "" || len(s) > 120 || strings.ContainsAny(s, "0123456789@:") {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(".!?;,", last) {
		return false
	}
	s = stripParens(s)
	words := 0
	parts := 0
	for _, part := range nameSplit.Split(s, -1) {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		if len(f) > 5 {
			return false
		}
		parts++
		for i, w := range f {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				continue
			}
			if i == 0 || !nameParticles[w] {
				return false
			}
		}
		words += len(f)
	}
	return parts > 0 && words <= 15
}

// stripParens removes parenthesised parts: "A (with B)" → "A ".
func stripParens(s string) string {
	var sb strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

var (
	// listItem matches a list line: a bullet (dropped) or a number (kept).
	listItem = regexp.MustCompile(`^(?:([-*•◦▪‣])|\d{1,3}[.)])\s+\S`)
	// photoCredit matches a photo credit at the end of a caption line, glued
	// to the caption or not: "…in UkraineImage: Alexander Shcherbak/dpa".
	photoCredit = regexp.MustCompile(`\s*(?:(?:Image|Photo|Picture|Photograph|Illustration)s?(?: credits?)?|Credits?|Foto|Bild)\s*:\s*\S[^\n]{0,100}$`)
)

// plainBlocks turns the paragraphs of a text file after its title, byline
// and date into blocks: list items, captions, headings and body paragraphs
// (steps 4–6 at the top of plain.go). The first header paragraphs are lines
// left over from the header (a section label, say), which are never taken
// for headings.
func plainBlocks(paras []txtPara, header int) []draft.Block {
	blocks := make([]draft.Block, 0, len(paras))
	headingOK := make([]bool, 0, len(paras)) // the block may be a heading
	for pi, p := range paras {
		if c, ok := captionOf(p); ok {
			if c != "" {
				blocks = append(blocks, draft.Block{Text: c, Kind: draft.Caption})
				headingOK = append(headingOK, false)
			}
			continue
		}
		var cur []string
		flush := func(kind draft.Kind) {
			if len(cur) > 0 {
				blocks = append(blocks, draft.Block{Text: strings.Join(cur, " "), Kind: kind})
				headingOK = append(headingOK, len(p) == 1 && pi >= header)
				cur = cur[:0]
			}
		}
		curKind := draft.Body
		for _, l := range p {
			if m := listItem.FindStringSubmatchIndex(l.text); m != nil {
				flush(curKind)
				curKind = draft.Item
				t := l.text
				if m[2] >= 0 { // bullet: drop it
					t = strings.TrimSpace(t[m[3]:])
				}
				cur = append(cur, t)
				continue
			}
			cur = append(cur, l.text)
		}
		flush(curKind)
	}
	for i := range blocks {
		if blocks[i].Kind == draft.Body && headingOK[i] && isHeadingLike(blocks[i].Text) &&
			i+1 < len(blocks) && blocks[i+1].Kind == draft.Body && isProse(blocks[i+1].Text) {
			blocks[i].Kind = draft.Heading
		}
	}
	return blocks
}

// creditWindow bounds the length of a photo credit with its label.
const creditWindow = 160

// captionOf reports whether p is a photo caption (step 5 at the top of
// plain.go) and returns the caption text, which is empty when there is only
// a credit.
func captionOf(p txtPara) (string, bool) {
	if len(p) > 3 {
		return "", false
	}
	last := p[len(p)-1].text
	if len(last) > 400 || !strings.Contains(last, ":") {
		return "", false
	}
	// The credit is in the last creditWindow bytes; matching only those keeps
	// the cost independent of the caption's length.
	from := max(0, len(last)-creditWindow)
	for from > 0 && !utf8.RuneStart(last[from]) {
		from--
	}
	loc := photoCredit.FindStringIndex(last[from:])
	if loc == nil {
		return "", false
	}
	loc[0] += from
	if end, _ := utf8.DecodeLastRuneInString(last); strings.ContainsRune(".!?\"”", end) {
		return "", false
	}
	caption := strings.TrimSpace(last[:loc[0]])
	if caption == "" && len(p) > 1 {
		caption = p[len(p)-2].text
	}
	return caption, true
}

// isHeadingLike reports whether a one-line paragraph could be a section
// heading: at most 12 words and 100 bytes, starting with an upper-case
// letter or a digit, not ending with punctuation.
func isHeadingLike(s string) bool {
	if len(s) > 100 || len(strings.Fields(s)) > 12 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsPunct(last) || last == ')'
}

// isProse reports whether a paragraph reads as running text: it ends like a
// sentence (".", "!", "?", "…", or a closing quote or bracket after one) and
// has at least eight words, or it has thirty words or more.
func isProse(s string) bool {
	n := len(strings.Fields(s))
	if n >= 30 {
		return true
	}
	if n < 8 {
		return false
	}
	s = strings.TrimRight(s, "\"'”’»)]")
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:", last)
}

// LeadingURL returns the web address on the first non-blank line of s and
// the text after that line, or "" and s unchanged when that line is not a
// web address.
func LeadingURL(s string) (u, rest string) {
	rest = s
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if strings.TrimSpace(line) == "" {
			rest = after
			continue
		}
		if u, ok := urlLine(line); ok {
			return u, after
		}
		break
	}
	return "", s
}
