package pdf

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	lpdf "github.com/ledongthuc/pdf"
)

// textLine is one line of text in one column of a page.
type textLine struct {
	x0, x1   float64 // left and right edge, in points
	y        float64 // baseline, in points from the bottom of the page
	size     float64 // font size of most of the line's glyphs
	colRight float64 // right edge of the line's column
	col      int     // column index on the page (0 = left or only column)
	bold     bool    // nearly all glyphs are in a bold face
	text     string
}

// pageText is the lines of one page in reading order.
type pageText struct {
	lines []textLine
}

// buildPage rebuilds the lines of a page from its positioned glyphs and
// orders them for reading: a page set in two columns is read band by band
// (a full-width title or figure divides bands), left column first.
func buildPage(glyphs []lpdf.Text) pageText {
	gs := make([]lpdf.Text, 0, len(glyphs))
	for _, g := range glyphs {
		if g.S != "" && g.FontSize > 0 {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return pageText{}
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if d := gs[i].Y - gs[j].Y; d > 0.5 || d < -0.5 {
			return gs[i].Y > gs[j].Y
		}
		return gs[i].X < gs[j].X
	})
	// Group glyphs into rows by baseline, then split rows into segments at
	// wide gaps (column gutters, table cells).
	var segs []textLine
	rowStart := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && abs(gs[i].Y-gs[rowStart].Y) <= 0.4*gs[rowStart].FontSize {
			continue
		}
		row := gs[rowStart:i]
		sort.SliceStable(row, func(a, b int) bool { return row[a].X < row[b].X })
		segs = append(segs, segments(row)...)
		rowStart = i
	}
	return pageText{lines: readingOrder(segs)}
}

// segments splits one row of glyphs (sorted by X) into lines at gaps
// wider than one and a half times the font size.
func segments(row []lpdf.Text) []textLine {
	var out []textLine
	var b strings.Builder
	var cur textLine
	sizes := map[float64]int{}
	boldChars, chars := 0, 0
	flush := func() {
		cur.bold = chars > 0 && boldChars*10 >= chars*9
		boldChars, chars = 0, 0
		cur.text = strings.TrimSpace(spaces.ReplaceAllString(b.String(), " "))
		best := 0
		for s, n := range sizes {
			if n > best || (n == best && s > cur.size) {
				cur.size, best = s, n
			}
		}
		if cur.text != "" {
			out = append(out, cur)
		}
		b.Reset()
		clear(sizes)
	}
	prevEnd := 0.0
	// Glyphs of one font follow each other: the font's name is matched
	// once per run, not once per glyph.
	lastFont, lastBold := "", false
	for i, g := range row {
		w := g.W
		if w <= 0 {
			w = 0.5 * g.FontSize * float64(utf8.RuneCountInString(g.S))
		}
		if i > 0 {
			gap := g.X - prevEnd
			switch {
			case gap > 1.5*g.FontSize:
				flush()
			case gap > 0.18*g.FontSize && !strings.HasSuffix(b.String(), " ") && g.S != " ":
				b.WriteByte(' ')
			}
		}
		if b.Len() == 0 {
			cur = textLine{x0: g.X, y: g.Y}
		}
		b.WriteString(g.S)
		n := utf8.RuneCountInString(g.S)
		sizes[float64(int(g.FontSize*2+0.5))/2] += n
		if g.S != " " {
			chars += n
			if g.Font != lastFont || i == 0 {
				lastFont, lastBold = g.Font, boldFont.MatchString(g.Font)
			}
			if lastBold {
				boldChars += n
			}
		}
		cur.x1 = g.X + w
		prevEnd = g.X + w
	}
	flush()
	return out
}

var spaces = regexp.MustCompile(`\s+`)

// boldFont matches the names of bold font faces.
var boldFont = regexp.MustCompile(`(?i)bold|black|heavy|semibold|demi`)

// readingOrder orders a page's lines for reading and marks their
// columns. Lines arrive sorted top to bottom, left to right.
func readingOrder(segs []textLine) []textLine {
	if len(segs) == 0 {
		return nil
	}
	minX, maxX := segs[0].x0, segs[0].x1
	for _, s := range segs {
		minX, maxX = min(minX, s.x0), max(maxX, s.x1)
	}
	mid := (minX + maxX) / 2
	var left, right int
	var leftEdge float64
	for _, s := range segs {
		switch {
		case s.x1 <= mid+s.size:
			left++
			leftEdge = max(leftEdge, s.x1)
		case s.x0 >= mid-s.size:
			right++
		}
	}
	if right < 3 || left < 3 || right*5 < len(segs) {
		for i := range segs {
			segs[i].colRight = maxX
		}
		return segs
	}
	// Two columns: full-width lines split the page into bands; each band
	// is read left column first.
	out := make([]textLine, 0, len(segs))
	var bandL, bandR []textLine
	flush := func() {
		out = append(out, bandL...)
		out = append(out, bandR...)
		bandL, bandR = bandL[:0], bandR[:0]
	}
	for _, s := range segs {
		switch {
		case s.x1 <= mid+s.size:
			s.col, s.colRight = 0, leftEdge
			bandL = append(bandL, s)
		case s.x0 >= mid-s.size:
			s.col, s.colRight = 1, maxX
			bandR = append(bandR, s)
		default:
			flush()
			s.colRight = maxX
			out = append(out, s)
		}
	}
	flush()
	return out
}

// pageNumber matches a line that is only a page kindNumber ("12", "- 12 -",
// "Page 3 of 10", "Seite 4").
var pageNumber = regexp.MustCompile(`(?i)^[-–—\s]*(?:page|seite|p\.|pg\.)?\s*\d{1,4}\s*(?:(?:of|/|von)\s*\d{1,4})?[-–—\s]*$`)

// bulletPat matches a list bullet at the start of a line.
var bulletPat = regexp.MustCompile(`^(?:[•◦▪▸►‣∙·■□–-]|\d{1,2}[.)])\s+`)

// layoutPages turns pages of lines into paragraphs. Running headers and
// footers (a line at the top or bottom of most pages, numbers aside) and
// page numbers are removed; lines are joined into paragraphs, re-joining
// words hyphenated at a line break; lines set larger than the body text
// become headings. It also returns the first page's title: its largest
// lines near the top.
func layoutPages(pages []pageText) ([]draft.Block, string) {
	dropRunning(pages)
	body := bodySize(pages)
	pitch := linePitch(pages, body)
	title := titleOnFirstPage(pages, body)

	var blocks []draft.Block
	var cur []byte
	curKind := draft.Body
	var prev *textLine
	flush := func() {
		if t := strings.TrimSpace(string(cur)); t != "" {
			blocks = append(blocks, draft.Block{Kind: curKind, Text: t})
		}
		cur = cur[:0]
		curKind = draft.Body
	}
	for pi := range pages {
		for li := range pages[pi].lines {
			l := &pages[pi].lines[li]
			heading := isHeading(*l, body)
			bullet := bulletPat.MatchString(l.text)
			switch {
			case prev == nil:
			case heading:
				if curKind != draft.Heading || abs(prev.size-l.size) > 0.5 || prev.y-l.y > 2.5*l.size {
					flush()
				}
			case curKind == draft.Heading:
				flush()
			case bullet:
				flush()
			case newParagraph(*prev, *l, li == 0, curKind == draft.Item, pitch):
				flush()
			}
			text := l.text
			if heading {
				curKind = draft.Heading
			} else if bullet {
				curKind = draft.Item
				text = bulletPat.ReplaceAllString(text, "")
			}
			appendLine(&cur, text)
			prev = l
		}
	}
	flush()
	return blocks, title
}

// newParagraph decides whether line l starts a new paragraph after
// prev: a wider gap than the line pitch of the body text, a first-line indent, or a
// previous line that ended a sentence well short of the column's edge.
// Under a list item an indented line continues the item.
// Across a column or page break only the last rule applies.
func newParagraph(prev, l textLine, newPage, inItem bool, pitch float64) bool {
	sameColumn := !newPage && prev.col == l.col && prev.y > l.y
	if sameColumn {
		if gap := prev.y - l.y; gap > 1.8*l.size || (pitch > 0 && gap > 1.25*pitch && gap > pitch+2) {
			return true
		}
		// An indented line starts a paragraph, except under a list item,
		// whose following lines hang indented below the bullet.
		if !inItem && l.x0 > prev.x0+0.8*l.size && l.x0-prev.x0 < 6*l.size {
			return true
		}
	}
	t := strings.TrimRight(prev.text, " ")
	r, _ := utf8.DecodeLastRuneInString(t)
	short := prev.x1 < prev.colRight-3*prev.size
	return short && strings.ContainsRune(".!?:\"”’)", r)
}

// appendLine adds one line to a paragraph, re-joining a word that was
// hyphenated at the line break ("govern-" + "ment" → "government") but
// keeping real hyphens ("Anglo-" + "Saxon"). The paragraph is a byte slice
// so that dropping the hyphen costs nothing however long it is.
func appendLine(b *[]byte, line string) {
	s := *b
	if len(s) == 0 {
		*b = append(s, line...)
		return
	}
	first, _ := utf8.DecodeRuneInString(line)
	if bytes.HasSuffix(s, []byte("-")) && !bytes.HasSuffix(s, []byte("--")) && unicode.IsLower(first) {
		before, _ := utf8.DecodeLastRune(s[:len(s)-1])
		if unicode.IsLetter(before) {
			*b = append(s[:len(s)-1], line...)
			return
		}
	}
	s = append(s, ' ')
	*b = append(s, line...)
}

// runningKey reduces a header or footer line to what repeats from page
// to page: lower case, every kindNumber replaced by #.
func runningKey(s string) string {
	var b strings.Builder
	digit := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsDigit(r) {
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// edgeLines returns the indexes of the top two and bottom two lines of a
// page, by position.
func edgeLines(p pageText) []int {
	idx := make([]int, len(p.lines))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p.lines[idx[a]].y > p.lines[idx[b]].y })
	if len(idx) <= 4 {
		return idx
	}
	return append(idx[:2:2], idx[len(idx)-2:]...)
}

// dropRunning removes running headers and footers and page numbers.
func dropRunning(pages []pageText) {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, i := range edgeLines(p) {
			k := runningKey(p.lines[i].text)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)*2+4)/5) // on at least 40% of pages
	for pi := range pages {
		p := &pages[pi]
		drop := map[int]bool{}
		for _, i := range edgeLines(*p) {
			t := p.lines[i].text
			if pageNumber.MatchString(t) || (len(pages) >= 2 && count[runningKey(t)] >= need) {
				drop[i] = true
			}
		}
		kept := p.lines[:0]
		for i, l := range p.lines {
			if !drop[i] {
				kept = append(kept, l)
			}
		}
		p.lines = kept
	}
}

// isHeading reports whether a line is a heading: set clearly larger
// than the body, or wholly bold at body size without ending a sentence.
func isHeading(l textLine, body float64) bool {
	if len(l.text) > 200 {
		return false
	}
	if l.size >= 1.2*body {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(l.text)
	return l.bold && l.size >= 0.95*body && len(l.text) <= 120 && !strings.ContainsRune(".,;", last)
}

// linePitch returns the usual distance between the baselines of
// consecutive body-text lines, or 0 when there are too few.
func linePitch(pages []pageText, body float64) float64 {
	count := map[float64]int{}
	for _, p := range pages {
		for i := 1; i < len(p.lines); i++ {
			a, b := p.lines[i-1], p.lines[i]
			if a.col != b.col || abs(a.size-body) > 0.5 || abs(b.size-body) > 0.5 {
				continue
			}
			if d := a.y - b.y; d > 0.8*body && d < 3*body {
				count[float64(int(d*2+0.5))/2]++
			}
		}
	}
	best, pitch := 2, 0.0
	for d, n := range count {
		if n > best || (n == best && d < pitch) {
			best, pitch = n, d
		}
	}
	return pitch
}

// bodySize returns the font size of most of the text.
func bodySize(pages []pageText) float64 {
	chars := map[float64]int{}
	for _, p := range pages {
		for _, l := range p.lines {
			chars[l.size] += len(l.text)
		}
	}
	best, size := 0, 10.0
	for s, n := range chars {
		if n > best {
			best, size = n, s
		}
	}
	return size
}

// titleOnFirstPage returns the largest text among the first lines of the
// first page when it is set larger than the body.
func titleOnFirstPage(pages []pageText, body float64) string {
	if len(pages) == 0 || len(pages[0].lines) == 0 {
		return ""
	}
	lines := pages[0].lines
	if len(lines) > 15 {
		lines = lines[:15]
	}
	largest := 0.0
	for _, l := range lines {
		largest = max(largest, l.size)
	}
	if largest < 1.3*body {
		return ""
	}
	var parts []string
	for _, l := range lines {
		if abs(l.size-largest) <= 0.5 {
			parts = append(parts, l.text)
		} else if len(parts) > 0 {
			break
		}
	}
	var b []byte
	for _, p := range parts {
		appendLine(&b, p)
	}
	if t := string(b); len(t) <= 300 {
		return t
	}
	return ""
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
