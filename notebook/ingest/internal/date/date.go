// Package date reads the dates the importers meet: whole values known to
// be dates (front matter, <meta> content, PDF information), date lines of
// a saved page ("Published 8 February 2023 | 4 min read"), and the
// plausibility rule every importer applies.
package date

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/dates"
)

// Date parsing shared by the importers. Every function here is pure and
// accepts any string: a string that is not a date gives ok == false, never a
// panic.
//
// Accepted forms (month names in English, full or abbreviated, any case,
// optionally followed by a period: "Feb.", "Sept"):
//
//	2023-02-08, 2023/02/08, 2023-02-08T14:30:00Z (and other ISO 8601 / RFC 3339 times)
//	Wed, 08 Feb 2023 14:30:00 +0100          (RFC 5322 / HTTP dates)
//	February 8, 2023   Feb. 8, 2023   Feb 8th 2023
//	8 February 2023    8th of Feb 2023   08-Feb-2023
//	08.02.2023                                (day first, as in Europe)
//	08/02/2023, 2/8/2023                      (only when unambiguous, see below)
//
// Numeric dates with slashes or dashes are read month-first in the US and
// day-first elsewhere, so they are accepted only when one reading is
// impossible (a number above 12) or both agree (03/03/2023); "08/02/2023"
// gives ok == false rather than a guess. A leading weekday ("Wednesday,") is
// skipped. Textual and numeric dates give UTC midnight of that day (a time of
// day after them is ignored); ISO and RFC 5322 timestamps keep their time and
// offset. Years outside 1900–2199 are refused.

var (
	monthPat = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	// dateDMY matches "8 February 2023", "8th of Feb. 2023", "08-Feb-2023".
	dateDMY = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+` + monthPat + `,?[\s-]+(\d{4})\b`)
	// dateMDY matches "February 8, 2023", "Feb. 8 2023", "Feb 8th, 2023".
	dateMDY = regexp.MustCompile(`(?i)^` + monthPat + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// dateYMD matches "2023-02-08", "2023/2/8", "2023.02.08".
	dateYMD = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})[-/.](\d{1,2})\b`)
	// dateNumeric matches "08.02.2023", "08/02/2023", "2-8-2023".
	dateNumeric = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})\b`)
	// dateWeekday matches a leading weekday name: "Wednesday, ", "Wed ".
	dateWeekday = regexp.MustCompile(`(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+`)
	// dateTimeTail matches what may follow a date within the same value: a
	// time of day with an optional zone, e.g. ", 3:45 PM GMT", " at 10.15 CET".
	dateTimeTail = regexp.MustCompile(`(?i)^,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\(?(?:[a-z]{2,5})?(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?\s*$`)
)

var (
	// dateLabel matches a label before a date on a saved page's date line:
	// "Published: ", "Last updated on ", "Date ".
	dateLabel = regexp.MustCompile(`(?i)^(?:(?:first\s+)?published|(?:last\s+)?updated|(?:last\s+)?modified|posted|dated?|created|issued)(?:\s+on)?\s*[:\-–]?\s*`)
	// dateLineTail matches what may follow the date on a date line besides a
	// time: a separator and a short remark, as in "| 4 min read".
	dateLineTail = regexp.MustCompile(`^(?:[|·•–—]|-\s)`)
)

// isoLayouts are the timestamp layouts tried, in order, by Parse.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
}

// Parse parses a whole string as a date or timestamp in one of the forms
// listed at the top of date.go, with nothing else around it but white space
// and an optional time of day. It is meant for values that are known to be
// dates, such as front matter or <meta> content.
func Parse(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if !strings.ContainsAny(s, "0123456789") {
		return time.Time{}, false
	}
	// Timestamps: ISO ones start "2023-02-08" followed by a time, RFC 5322
	// ones always hold a time; the checks skip the layouts for plain dates.
	if hasTime := strings.Contains(s, ":"); hasTime && len(s) > 10 && s[4] == '-' {
		for _, layout := range isoLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return checkYear(t)
			}
		}
	} else if hasTime {
		if t, err := mail.ParseDate(s); err == nil {
			return checkYear(t)
		}
	}
	t, rest, ok := ParsePrefix(s)
	if !ok || (rest != "" && !dateTimeTail.MatchString(rest)) {
		return time.Time{}, false
	}
	return t, true
}

// ParsePrefix parses a date at the start of s (after an optional
// weekday) and returns it with the rest of s, trimmed of white space. It
// does not read times of day: they are left in rest.
func ParsePrefix(s string) (t time.Time, rest string, ok bool) {
	s = dateWeekday.ReplaceAllString(strings.TrimSpace(s), "")
	var y, m, d int
	var n int // length of the match
	if mm := dateYMD.FindStringSubmatch(s); mm != nil {
		y, m, d = atoi(mm[1]), atoi(mm[3]), atoi(mm[4])
		n = len(mm[0])
	} else if mm := dateMDY.FindStringSubmatch(s); mm != nil {
		m, d, y = monthNumber(mm[1]), atoi(mm[2]), atoi(mm[3])
		n = len(mm[0])
	} else if mm := dateDMY.FindStringSubmatch(s); mm != nil {
		d, m, y = atoi(mm[1]), monthNumber(mm[2]), atoi(mm[3])
		n = len(mm[0])
	} else if mm := dateNumeric.FindStringSubmatch(s); mm != nil {
		a, b := atoi(mm[1]), atoi(mm[3])
		y = atoi(mm[4])
		switch {
		case mm[2] == ".": // 08.02.2023 is day first wherever it is written
			d, m = a, b
		case a == b || b > 12:
			m, d = a, b
		case a > 12:
			d, m = a, b
		default:
			return time.Time{}, "", false // ambiguous: 08/02/2023
		}
		n = len(mm[0])
	} else {
		return time.Time{}, "", false
	}
	t, ok = Make(y, m, d)
	if !ok {
		return time.Time{}, "", false
	}
	return t, strings.TrimSpace(s[n:]), true
}

// Make returns UTC midnight of y-m-d, or ok == false when there is no
// such day (February 30) or the year is out of range.
func Make(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return checkYear(t)
}

// checkYear refuses times whose year is implausible for an article.
func checkYear(t time.Time) (time.Time, bool) {
	if t.Year() < 1900 || t.Year() > 2199 {
		return time.Time{}, false
	}
	return t, true
}

// monthNumber returns 1–12 for a month name or abbreviation as matched by
// monthPat (with or without a final period), or 0. The names are those of
// dates.MonthNumber, the one table of month names in Gloss.
func monthNumber(s string) int {
	m, _ := dates.MonthNumber(s)
	return m
}

// atoi converts a string of at most a few ASCII digits; regexps guarantee
// the input, so failure gives 0, which the range checks then refuse.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// ParseLine reports whether a whole line of text is a date line such as
// "February 8, 2023", "Published 8 February 2023 at 10:15" or
// "Feb. 8, 2023 | 4 min read", and returns the date. updated is true when the
// line is labelled as an update or modification date rather than the
// publication date. Lines longer than 100 bytes are never date lines.
func ParseLine(line string) (t time.Time, updated, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 100 {
		return time.Time{}, false, false
	}
	if m := dateLabel.FindString(line); m != "" {
		lm := strings.ToLower(m)
		updated = strings.Contains(lm, "updated") || strings.Contains(lm, "modified")
		line = line[len(m):]
	}
	if t, ok := Parse(line); ok {
		return t, updated, true
	}
	t, rest, ok := ParsePrefix(line)
	if !ok {
		return time.Time{}, false, false
	}
	if rest == "" || dateTimeTail.MatchString(rest) || dateLineTail.MatchString(rest) {
		return t, updated, true
	}
	// A time followed by a separator: "8 Feb 2023, 10:15 | 3 min read".
	if i := strings.IndexAny(rest, "|·•"); i > 0 && dateTimeTail.MatchString(strings.TrimSpace(rest[:i])) {
		return t, updated, true
	}
	return time.Time{}, false, false
}
