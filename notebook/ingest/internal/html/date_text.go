package html

// Dates in the visible text of a page, in the main European languages:
// the parsing behind findVisibleDate.

import (
	"regexp"
	"strconv"
	"time"

	"github.com/glossnotes/gloss/notebook/dates"
	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
)

// visibleMonth returns the month (1–12) that a word names in any of the
// languages of dates.MonthNumber, the one table of month names in Gloss,
// or 0.
func visibleMonth(word string) int {
	m, _ := dates.MonthNumber(word)
	return m
}

// atoi converts a string of a few ASCII digits (the regexps guarantee
// them); failure gives 0, which date.Make then refuses.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// visibleDateRE finds a date in a line of text. Its alternatives, each
// with its own groups:
//
//	1-3   2023-02-08, 2023/2/8, 2023.02.08 (year first)
//	4-6   2023年2月8日, 2023년 2월 8일
//	7-9   08.02.2023, 8. 2. 2023, 08.02.23 (day first, dotted)
//	10-12 08/02/2023, 2-8-2023 (read only when unambiguous)
//	13-15 8. Februar 2023, 8 de febrero de 2023, 1er mars 2023, 8-Feb-2023
//	16-18 February 8, 2023, Feb. 8th 2023
//
// Every alternative starts after a character that is not a digit (or a
// letter, for month names) and ends before one that is not a digit. Month
// names are matched as any word and looked up with visibleMonth: an
// alternation of all the names makes the regexp ten times slower.
var visibleDateRE = regexp.MustCompile(`(?:^|[^\d.])(?:` +
	`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)` +
	`|(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]` +
	`|(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?:[^\d.]|\.\D|\.?$)` +
	`|(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\D|$)` +
	`|(\d{1,2})(?:\.|er|st|nd|rd|th)?[\s-]*(?:de\s+|of\s+)?(\p{L}{3,12})\.?,?[\s-]*(?:de\s+)?(\d{4})(?:\D|$)` +
	`)` +
	`|(?:^|[^\p{L}])(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:\D|$)`)

// visibleFound is one date found in a text, with the byte offsets of its
// match.
type visibleFound struct {
	t          time.Time
	start, end int
}

// visibleDates returns the day-precise dates in s, in order. Dates whose
// day and month cannot be told apart (08/02/2023) and impossible dates are
// left out; two-digit years are read as 19xx or 20xx, whichever is not in
// the future.
func visibleDates(s string) []visibleFound {
	if !visibleMayHaveDate(s) {
		return nil
	}
	var out []visibleFound
	// Each search starts at the end of the previous date rather than of
	// its match, which may have taken the separator before the next date.
	for from, i := 0, 0; from < len(s) && i < 8; i++ {
		m := visibleDateRE.FindStringSubmatchIndex(s[from:])
		if m == nil {
			break
		}
		for j := range m {
			if m[j] >= 0 {
				m[j] += from
			}
		}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		first := 16 // the first group of the alternative that matched
		for _, f := range []int{1, 4, 7, 10, 13} {
			if m[2*f] >= 0 {
				first = f
				break
			}
		}
		// A match that is not a date (a word that is no month name, an
		// ambiguous day and month) may hide one that starts after its
		// first part.
		from = m[2*first+1]
		var y, mo, d int
		switch first {
		case 1, 4:
			y, mo, d = atoi(g(first)), atoi(g(first+1)), atoi(g(first+2))
		case 7:
			d, mo, y = atoi(g(7)), atoi(g(8)), visibleYear(g(9))
		case 10:
			a, b := atoi(g(10)), atoi(g(11))
			y = atoi(g(12))
			switch {
			case a == b || b > 12:
				mo, d = a, b
			case a > 12:
				d, mo = a, b
			default:
				continue
			}
		case 13:
			d, mo, y = atoi(g(13)), visibleMonth(g(14)), atoi(g(15))
		default:
			mo, d, y = visibleMonth(g(16)), atoi(g(17)), atoi(g(18))
		}
		t, ok := date.Make(y, mo, d)
		if !ok {
			continue
		}
		// The match may take one character on either side of the date;
		// the date is from the alternative's first group to its last.
		end := m[2*(first+2)+1]
		if first == 4 {
			end = m[1]
		}
		from = end
		if t, ok = date.Plausible(t); ok {
			out = append(out, visibleFound{t: t, start: m[2*first], end: end})
		}
	}
	return out
}

// visibleMayHaveDate is a fast test that s may hold a date: it has a run
// of four digits (a year) or two dotted numbers before a third
// ("08.02.23").
func visibleMayHaveDate(s string) bool {
	run, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			run++
			if run == 4 || (dots == 2 && run == 2) {
				return true
			}
			continue
		case c == '.' && run > 0 && run <= 2:
			dots++
		case c == ' ' && dots > 0 && i > 0 && s[i-1] == '.':
			// "8. 2. 2023"
			continue
		default:
			dots = 0
		}
		run = 0
	}
	return false
}

// visibleYear reads a four- or two-digit year.
func visibleYear(s string) int {
	y := atoi(s)
	if len(s) != 2 {
		return y
	}
	if 2000+y <= time.Now().Year()+1 {
		return 2000 + y
	}
	return 1900 + y
}

// visibleUpdated matches a label saying that the date after it is when the
// page was updated or modified, not first published.
var visibleUpdated = regexp.MustCompile(`(?i)aktualisiert|update|geändert|modified|zuletzt|letzte änderung|bearbeitet|mis à jour|modifié|actualizado|actualización|aggiornat|bijgewerkt|gewijzigd|päivitetty|zaktualizowano|uppdaterad|opdateret|oppdatert|revised|edited`)
