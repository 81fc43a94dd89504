package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// metaDateLayouts are timestamp formats found in page metadata that the
// shared parseDate does not read. Layouts without a zone are read as UTC.
var metaDateLayouts = []string{
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

// metaWeekdayPrefix matches a short weekday name before a date: "Di., ",
// "Mi ", "lun. ", "Wed, ".
var metaWeekdayPrefix = regexp.MustCompile(`^\p{L}{2,4}\.?,?\s+`)

// metaParseDate reads a publication date from page metadata: the forms of
// the shared parseDate, a few more timestamp layouts and Unix times.
// Values that are not a date, or whose year is implausible, are rejected.
func metaParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if t, ok := parseDate(s); ok {
		return metaPlausible(t)
	}
	// Unix timestamps in seconds or milliseconds (some CMS meta tags).
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		if len(s) >= 12 {
			n /= 1000
		}
		return metaPlausible(time.Unix(n, 0).UTC())
	}
	for _, layout := range metaDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return metaPlausible(t)
		}
	}
	// A date with a leading weekday in any language and a trailing time,
	// as some CMSs write their meta tags: "Di., 25.01.2022 - 14:45".
	if m := metaWeekdayPrefix.FindString(s); m != "" {
		if t, rest, ok := parseDatePrefix(s[len(m):]); ok {
			rest = strings.TrimSpace(strings.TrimLeft(rest, " -–,|"))
			if rest == "" || dateTimeTail.MatchString(rest) {
				return metaPlausible(t)
			}
		}
	}
	// "2023-02-08T10:00:00+0100 (CET)" and similar trailing notes.
	if i := strings.IndexAny(s, " ("); i >= 10 {
		if t, ok := metaParseDate(s[:i]); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// metaPlausible accepts dates from 1900 until a year from now.
func metaPlausible(t time.Time) (time.Time, bool) {
	if t.Year() < 1900 || t.After(time.Now().AddDate(1, 0, 0)) {
		return time.Time{}, false
	}
	return t, true
}

// metaLanguage normalises a language value ("en_US", "EN", "de-DE") to a
// BCP 47 tag, or returns "" when it is not one.
func metaLanguage(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	if s == "" || len(s) > 35 {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil || tag == language.Und {
		return ""
	}
	return tag.String()
}
