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
	tableCols := 0  // columns of the table being read, or 0
	prevPipes := -1 // the previous line, when it may be a table's header
	line := 0
	for rest := src; rest != ""; {
		if err := b.Step(); err != nil {
			return sh, err
		}
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		body := strings.TrimLeft(l, " \t>")
		if fence != "" {
			if strings.HasPrefix(body, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~") {
			fence = body[:3]
			tableCols = 0
			continue
		}
		if d := lineDepth(l); d > sh.depth {
			sh.depth, sh.deepLine = d, line
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
