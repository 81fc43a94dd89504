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

// pdfLine is one line of text in one column of a page.
type pdfLine struct {
	x0, x1   float64 // left and right edge, in points
	y        float64 // baseline, in points from the bottom of the page
	size     float64 // font size of most of the line's glyphs
	colRight float64 // right edge of the line's column
	col      int     // column index on the page (0 = left or only column)
	bold     bool    // nearly all glyphs are in a bold face
	text     string
}

// pdfPage is the lines of one page in reading order.
type pdfPage struct {
	lines []pdfLine
}

// pdfBuildPage rebuilds the lines of a page from its positioned glyphs and
// orders them for reading: a page set in two columns is read band by band
// (a full-width title or figure divides bands), left column first.
func pdfBuildPage(glyphs []lpdf.Text) pdfPage {
	gs := make([]lpdf.Text, 0, len(glyphs))
	for _, g := range glyphs {
		if g.S != "" && g.FontSize > 0 {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return pdfPage{}
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if d := gs[i].Y - gs[j].Y; d > 0.5 || d < -0.5 {
			return gs[i].Y > gs[j].Y
		}
		return gs[i].X < gs[j].X
	})
	// Group glyphs into rows by baseline, then split rows into segments at
	// wide gaps (column gutters, table cells).
	var segs []pdfLine
	rowStart := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && pdfAbs(gs[i].Y-gs[rowStart].Y) <= 0.4*gs[rowStart].FontSize {
			continue
		}
		row := gs[rowStart:i]
		sort.SliceStable(row, func(a, b int) bool { return row[a].X < row[b].X })
		segs = append(segs, pdfSegments(row)...)
		rowStart = i
	}
	return pdfPage{lines: pdfReadingOrder(segs)}
}

// pdfSegments splits one row of glyphs (sorted by X) into lines at gaps
// wider than one and a half times the font size.
func pdfSegments(row []lpdf.Text) []pdfLine {
	var out []pdfLine
	var b strings.Builder
	var cur pdfLine
	sizes := map[float64]int{}
	boldChars, chars := 0, 0
	flush := func() {
		cur.bold = chars > 0 && boldChars*10 >= chars*9
		boldChars, chars = 0, 0
		cur.text = strings.TrimSpace(pdfSpaces.ReplaceAllString(b.String(), " "))
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
			cur = pdfLine{x0: g.X, y: g.Y}
		}
		b.WriteString(g.S)
		n := utf8.RuneCountInString(g.S)
		sizes[float64(int(g.FontSize*2+0.5))/2] += n
		if g.S != " " {
			chars += n
			if pdfBoldFont.MatchString(g.Font) {
				boldChars += n
			}
		}
		cur.x1 = g.X + w
		prevEnd = g.X + w
	}
	flush()
	return out
}

var pdfSpaces = regexp.MustCompile(`\s+`)

// pdfBoldFont matches the names of bold font faces.
var pdfBoldFont = regexp.MustCompile(`(?i)bold|black|heavy|semibold|demi`)

// pdfReadingOrder orders a page's lines for reading and marks their
// columns. Lines arrive sorted top to bottom, left to right.
func pdfReadingOrder(segs []pdfLine) []pdfLine {
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
	out := make([]pdfLine, 0, len(segs))
	var bandL, bandR []pdfLine
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

// pdfPageNumber matches a line that is only a page number ("12", "- 12 -",
// "Page 3 of 10", "Seite 4").
var pdfPageNumber = regexp.MustCompile(`(?i)^[-–—\s]*(?:page|seite|p\.|pg\.)?\s*\d{1,4}\s*(?:(?:of|/|von)\s*\d{1,4})?[-–—\s]*$`)

// pdfBullet matches a list bullet at the start of a line.
var pdfBullet = regexp.MustCompile(`^(?:[•◦▪▸►‣∙·■□–-]|\d{1,2}[.)])\s+`)

// pdfLayout turns pages of lines into paragraphs. Running headers and
// footers (a line at the top or bottom of most pages, numbers aside) and
// page numbers are removed; lines are joined into paragraphs, re-joining
// words hyphenated at a line break; lines set larger than the body text
// become headings. It also returns the first page's title: its largest
// lines near the top.
func pdfLayout(pages []pdfPage) ([]draft.Block, string) {
	pdfDropRunning(pages)
	body := pdfBodySize(pages)
	pitch := pdfLinePitch(pages, body)
	title := pdfFirstPageTitle(pages, body)

	var blocks []draft.Block
	var cur []byte
	curKind := draft.Body
	var prev *pdfLine
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
			heading := pdfIsHeading(*l, body)
			bullet := pdfBullet.MatchString(l.text)
			switch {
			case prev == nil:
			case heading:
				if curKind != draft.Heading || pdfAbs(prev.size-l.size) > 0.5 || prev.y-l.y > 2.5*l.size {
					flush()
				}
			case curKind == draft.Heading:
				flush()
			case bullet:
				flush()
			case pdfNewParagraph(*prev, *l, li == 0, curKind == draft.Item, pitch):
				flush()
			}
			text := l.text
			if heading {
				curKind = draft.Heading
			} else if bullet {
				curKind = draft.Item
				text = pdfBullet.ReplaceAllString(text, "")
			}
			pdfAppendLine(&cur, text)
			prev = l
		}
	}
	flush()
	return blocks, title
}

// pdfNewParagraph decides whether line l starts a new paragraph after
// prev: a wider gap than the line pitch of the body text, a first-line indent, or a
// previous line that ended a sentence well short of the column's edge.
// Under a list item an indented line continues the item.
// Across a column or page break only the last rule applies.
func pdfNewParagraph(prev, l pdfLine, newPage, inItem bool, pitch float64) bool {
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

// pdfAppendLine adds one line to a paragraph, re-joining a word that was
// hyphenated at the line break ("govern-" + "ment" → "government") but
// keeping real hyphens ("Anglo-" + "Saxon"). The paragraph is a byte slice
// so that dropping the hyphen costs nothing however long it is.
func pdfAppendLine(b *[]byte, line string) {
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

// pdfRunningKey reduces a header or footer line to what repeats from page
// to page: lower case, every number replaced by #.
func pdfRunningKey(s string) string {
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

// pdfEdgeLines returns the indexes of the top two and bottom two lines of a
// page, by position.
func pdfEdgeLines(p pdfPage) []int {
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

// pdfDropRunning removes running headers and footers and page numbers.
func pdfDropRunning(pages []pdfPage) {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, i := range pdfEdgeLines(p) {
			k := pdfRunningKey(p.lines[i].text)
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
		for _, i := range pdfEdgeLines(*p) {
			t := p.lines[i].text
			if pdfPageNumber.MatchString(t) || (len(pages) >= 2 && count[pdfRunningKey(t)] >= need) {
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

// pdfIsHeading reports whether a line is a heading: set clearly larger
// than the body, or wholly bold at body size without ending a sentence.
func pdfIsHeading(l pdfLine, body float64) bool {
	if len(l.text) > 200 {
		return false
	}
	if l.size >= 1.2*body {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(l.text)
	return l.bold && l.size >= 0.95*body && len(l.text) <= 120 && !strings.ContainsRune(".,;", last)
}

// pdfLinePitch returns the usual distance between the baselines of
// consecutive body-text lines, or 0 when there are too few.
func pdfLinePitch(pages []pdfPage, body float64) float64 {
	count := map[float64]int{}
	for _, p := range pages {
		for i := 1; i < len(p.lines); i++ {
			a, b := p.lines[i-1], p.lines[i]
			if a.col != b.col || pdfAbs(a.size-body) > 0.5 || pdfAbs(b.size-body) > 0.5 {
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

// pdfBodySize returns the font size of most of the text.
func pdfBodySize(pages []pdfPage) float64 {
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

// pdfFirstPageTitle returns the largest text among the first lines of the
// first page when it is set larger than the body.
func pdfFirstPageTitle(pages []pdfPage, body float64) string {
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
		if pdfAbs(l.size-largest) <= 0.5 {
			parts = append(parts, l.text)
		} else if len(parts) > 0 {
			break
		}
	}
	var b []byte
	for _, p := range parts {
		pdfAppendLine(&b, p)
	}
	if t := string(b); len(t) <= 300 {
		return t
	}
	return ""
}

func pdfAbs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
