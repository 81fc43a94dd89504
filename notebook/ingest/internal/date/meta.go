package date

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// metaLayouts are timestamp formats found in page metadata that the
// shared Parse does not read. Layouts without a zone are read as UTC.
var metaLayouts = []string{
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006/01/02 15:04:05",
	"20060102",
	"2006-01",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 MST 2006",
}

// weekdayPrefix matches a short weekday name before a date: "Di., ",
// "Mi ", "lun. ", "Wed, ".
var weekdayPrefix = regexp.MustCompile(`^\p{L}{2,4}\.?,?\s+`)

// ParseMeta reads a publication date from page metadata: the forms of
// the shared Parse, a few more timestamp layouts and Unix times.
// Values that are not a date, or whose year is implausible, are rejected.
func ParseMeta(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if t, ok := Parse(s); ok {
		return Plausible(t)
	}
	// Unix timestamps in seconds or milliseconds (some CMS meta tags).
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		if len(s) >= 12 {
			n /= 1000
		}
		return Plausible(time.Unix(n, 0).UTC())
	}
	for _, layout := range metaLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return Plausible(t)
		}
	}
	// A date with a leading weekday in any language and a trailing time,
	// as some CMSs write their meta tags: "Di., 25.01.2022 - 14:45".
	if m := weekdayPrefix.FindString(s); m != "" {
		if t, rest, ok := ParsePrefix(s[len(m):]); ok {
			rest = strings.TrimSpace(strings.TrimLeft(rest, " -–,|"))
			if rest == "" || dateTimeTail.MatchString(rest) {
				return Plausible(t)
			}
		}
	}
	// "2023-02-08T10:00:00+0100 (CET)" and similar trailing notes.
	if i := strings.IndexAny(s, " ("); i >= 10 {
		if t, ok := ParseMeta(s[:i]); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// Plausible accepts dates from 1900 until a year from now.
func Plausible(t time.Time) (time.Time, bool) {
	if t.Year() < 1900 || t.After(time.Now().AddDate(1, 0, 0)) {
		return time.Time{}, false
	}
	return t, true
}
