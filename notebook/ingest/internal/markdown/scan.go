package markdown

import (
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
)

// sourceShape is what scan learns about a Markdown source before it is
// parsed.
type sourceShape struct {
	depth    int // the deepest nesting of lists and block quotes a line opens
	deepLine int // the line (from 1) where depth was reached
	cells    int // table cells goldmark would build: rows × columns, summed
	columns  int // the most columns of a table row
	// markers is the most inline markers (emphasis, link, code and HTML
	// delimiters) in one paragraph: goldmark's delimiter processing costs
	// more than their number in time.
	markers int
	// breaks are the offsets of lines where a chunk of the source may
	// start and be parsed on its own: after a blank line, at the margin,
	// outside any container, fenced code or HTML block.
	breaks []int
	// refs are the link reference definitions, which every chunk needs.
	refs []string
}

// scan measures the nesting and the tables of a Markdown source in one
// pass over its lines, outside fenced code blocks. The nesting of a line
// is an upper bound of the containers it can open: one per ">" and per
// list marker ("-", "*", "+", "1." or "1)" before a space) at its start,
// plus one per two columns of indentation before a marker (a nested list
// item is indented by at least two columns per level). A table is a
// delimiter row ("|---|:-:|"); goldmark gives every row after it as many
// cells as the delimiter row has columns, so its cost is rows × columns.
func scan(b *budget.Budget, src string) (sourceShape, error) {
	var sh sourceShape
	fence := ""     // the open fence ("```" or "~~~"), or ""
	htmlEnd := ""   // what ends the open HTML block ("-->", "</pre>"…), or ""
	tableCols := 0  // columns of the table being read, or 0
	prevPipes := -1 // the previous line, when it may be a table's header
	markers := 0    // inline markers in the paragraph being read
	blank := true   // the previous line was blank (or there was none)
	line := 0
	for off, rest := 0, src; rest != ""; {
		if err := b.Step(); err != nil {
			return sh, err
		}
		start := off
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		off += len(l) + 1
		line++
		body := strings.TrimLeft(l, " \t>")
		if fence != "" {
			if strings.HasPrefix(body, fence) {
				fence = ""
			}
			continue
		}
		if htmlEnd != "" {
			if strings.Contains(strings.ToLower(l), htmlEnd) {
				htmlEnd = ""
			}
			blank = false
			continue
		}
		if strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~") {
			fence = body[:3]
			tableCols = 0
			blank = false
			continue
		}
		d := lineDepth(l)
		if d > sh.depth {
			sh.depth, sh.deepLine = d, line
		}
		if strings.TrimSpace(body) != "" && blank && d == 0 && l[0] != ' ' && l[0] != '\t' {
			sh.breaks = append(sh.breaks, start)
		}
		if strings.TrimSpace(body) == "" {
			blank, markers = true, 0
		} else {
			blank = false
			markers += countMarkers(l)
			sh.markers = max(sh.markers, markers)
		}
		if e := htmlBlockEnd(strings.TrimLeft(l, " ")); e != "" && !strings.Contains(strings.ToLower(l), e) {
			htmlEnd = e
		}
		if isRefDef(l) {
			sh.refs = append(sh.refs, l)
		}
		switch {
		case strings.TrimSpace(body) == "":
			tableCols, prevPipes = 0, -1
			continue
		case tableCols > 0:
			sh.cells += tableCols
		case prevPipes >= 0 && delimiterRow(body):
			tableCols = rowCells(body)
			sh.cells += 2 * tableCols // the header and the delimiter
		}
		sh.columns = max(sh.columns, tableCols)
		prevPipes = strings.Count(body, "|")
	}
	return sh, nil
}

// lineDepth returns the nesting a line can open (see scan); a line
// without a container marker opens none.
func lineDepth(l string) int {
	markers, col := 0, 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			col++
			i++
		case c == '\t':
			col += 4 - col%4
			i++
		case c == '>':
			markers++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			markers++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				markers++
				i = j + 1
				continue
			}
			return nestingOf(markers, col)
		default:
			return nestingOf(markers, col)
		}
	}
	return nestingOf(markers, col)
}

// nestingOf is the nesting of a line with markers container markers and col
// columns of white space in its prefix.
func nestingOf(markers, col int) int {
	if markers == 0 {
		return 0
	}
	return markers + col/2
}

// delimiterRow reports whether a line is a table's delimiter row: only
// pipes, dashes, colons and white space, with at least one dash and one
// pipe.
func delimiterRow(s string) bool {
	if !strings.Contains(s, "-") || !strings.Contains(s, "|") {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|', '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// rowCells counts the cells of a table row: the pipes between them, plus
// one, less a leading and a trailing pipe.
func rowCells(row string) int {
	row = strings.TrimSpace(row)
	n := strings.Count(row, "|") + 1
	if strings.HasPrefix(row, "|") {
		n--
	}
	if len(row) > 1 && strings.HasSuffix(row, "|") {
		n--
	}
	return max(n, 1)
}

// countMarkers counts the bytes of a line that may delimit inline markup.
func countMarkers(l string) int {
	n := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '*', '_', '[', ']', '`', '~', '<', '!':
			n++
		}
	}
	return n
}

// htmlBlockEnd returns what ends the HTML block a line (without its
// indentation) starts when that block may hold blank lines (CommonMark's
// kinds 1 to 5: script, pre, style, textarea, comments, processing
// instructions, declarations, CDATA), or "".
func htmlBlockEnd(l string) string {
	if !strings.HasPrefix(l, "<") {
		return ""
	}
	low := strings.ToLower(l[:min(len(l), 12)])
	for _, tag := range []string{"script", "pre", "style", "textarea"} {
		if strings.HasPrefix(low, "<"+tag) && (len(low) == len(tag)+1 || strings.ContainsRune(" \t>", rune(low[len(tag)+1]))) {
			return "</" + tag + ">"
		}
	}
	switch {
	case strings.HasPrefix(l, "<!--"):
		return "-->"
	case strings.HasPrefix(l, "<?"):
		return "?>"
	case strings.HasPrefix(l, "<![CDATA["):
		return "]]>"
	case len(l) > 2 && l[1] == '!' && (l[2] >= 'A' && l[2] <= 'Z' || l[2] >= 'a' && l[2] <= 'z'):
		return ">"
	}
	return ""
}

// isRefDef reports whether a line is a link reference definition:
// "[label]: destination", indented at most three spaces.
func isRefDef(l string) bool {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || !strings.HasPrefix(t, "[") {
		return false
	}
	i := strings.Index(t, "]:")
	return i > 1 && !strings.ContainsAny(t[1:i], "[]")
}
