package dates

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how exactly a Period is known.
type Precision string

// The precisions of a Period, from the finest to the coarsest, and the two
// kinds of span.
const (
	Day    Precision = "day"    // one day: "19 January 2023", "yesterday"
	Week   Precision = "week"   // Monday to Sunday: "last week", "two weeks ago"
	Month  Precision = "month"  // a calendar month: "in July 2022", "last month"
	Season Precision = "season" // three months: "summer 2022", "last winter"
	Year   Precision = "year"   // a calendar year: "in 2019", "two years ago"
	Decade Precision = "decade" // ten years: "the 1990s"
	Range  Precision = "range"  // from one date to another: "between 2012 and 2014"
	Open   Precision = "open"   // from a date on, with no end: "since July 2022"
)

// Period is a span of whole days: Start and End are the first and last day
// (inclusive), at midnight UTC. End is zero for an Open period. The zero
// Period (no Precision) is an expression that could not be resolved.
type Period struct {
	Start, End time.Time
	Precision  Precision
}

// Resolved reports whether p holds a date.
func (p Period) Resolved() bool { return p.Precision != "" && !p.Start.IsZero() }

// Contains reports whether the day of t falls within p.
func (p Period) Contains(t time.Time) bool {
	d := truncDay(t)
	if !p.Resolved() || d.Before(p.Start) {
		return false
	}
	return p.End.IsZero() || !d.After(p.End)
}

// String formats p as its first and last day, "2023-01-19" when they are
// the same, "2022-07-01.." for an open period and "" when unresolved.
func (p Period) String() string {
	if !p.Resolved() {
		return ""
	}
	s := p.Start.Format(time.DateOnly)
	switch {
	case p.End.IsZero():
		return s + ".."
	case p.End.Equal(p.Start):
		return s
	}
	return s + ".." + p.End.Format(time.DateOnly)
}

// maxParseLen bounds the input of Parse.
const maxParseLen = 32

// Parse reads a date that the user typed (the --event-date option):
// "2023-01-19" (a day), "2023-01" (a month) or "2023" (a year), in the
// years 1000–9999.
func Parse(s string) (Period, error) {
	if len(s) > maxParseLen {
		return Period{}, fmt.Errorf("parse event date %.32q…: longer than %d bytes", s, maxParseLen)
	}
	bad := func(why string) error {
		return fmt.Errorf("parse event date %q: %s (want YYYY-MM-DD, YYYY-MM or YYYY)", s, why)
	}
	num := func(part string, n int) (int, bool) {
		if len(part) != n {
			return 0, false
		}
		for i := 0; i < n; i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
		}
		v, err := strconv.Atoi(part)
		return v, err == nil
	}
	if s == "" {
		return Period{}, bad("empty")
	}
	y, ok := num(s[:min(4, len(s))], 4)
	if !ok || y < minYear {
		return Period{}, bad("no four-digit year from 1000")
	}
	if len(s) == 4 {
		return yearPeriod(y), nil
	}
	if s[4] != '-' {
		return Period{}, bad("year not followed by '-'")
	}
	m, ok := num(s[5:min(7, len(s))], 2)
	if !ok || m < 1 || m > 12 {
		return Period{}, bad("no month 01-12")
	}
	if len(s) == 7 {
		return monthPeriod(y, m), nil
	}
	if s[7] != '-' {
		return Period{}, bad("month not followed by '-'")
	}
	d, ok := num(s[8:], 2)
	if !ok {
		return Period{}, bad("no two-digit day")
	}
	p, ok := dayPeriod(y, m, d)
	if !ok {
		return Period{}, bad("no such day")
	}
	return p, nil
}

// date is midnight UTC of a day; time.Date normalises out-of-range values.
func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// truncDay is the day of t (in t's own location) at midnight UTC.
func truncDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return date(y, int(m), d)
}

// validDay reports whether y-m-d is a day of the calendar, in years 1–9999.
func validDay(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= date(y, m+1, 0).Day()
}

func dayPeriod(y, m, d int) (Period, bool) {
	if !validDay(y, m, d) {
		return Period{}, false
	}
	t := date(y, m, d)
	return Period{Start: t, End: t, Precision: Day}, true
}

func dayOf(t time.Time) Period {
	t = truncDay(t)
	return Period{Start: t, End: t, Precision: Day}
}

func monthPeriod(y, m int) Period {
	return Period{Start: date(y, m, 1), End: date(y, m+1, 0), Precision: Month}
}

func yearPeriod(y int) Period {
	return Period{Start: date(y, 1, 1), End: date(y, 12, 31), Precision: Year}
}

func decadePeriod(y int) Period {
	y -= y % 10
	return Period{Start: date(y, 1, 1), End: date(y+9, 12, 31), Precision: Decade}
}

// weekPeriod is the ISO week (Monday to Sunday) that holds t.
func weekPeriod(t time.Time) Period {
	t = truncDay(t)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	start := t.AddDate(0, 0, -back)
	return Period{Start: start, End: start.AddDate(0, 0, 6), Precision: Week}
}

// season numbers, in calendar order of their first month.
const (
	spring = iota
	summer
	autumn
	winter
)

// seasonPeriod is a meteorological season of the northern hemisphere:
// spring March–May, summer June–August, autumn September–November and
// winter December of year y to February of y+1.
func seasonPeriod(y, s int) Period {
	first := 3 + 3*s
	return Period{Start: date(y, first, 1), End: date(y, first+3, 0), Precision: Season}
}

// spanPeriod is the range from the start of a to the end of b.
func spanPeriod(a, b Period) (Period, bool) {
	if !a.Resolved() || !b.Resolved() || b.End.IsZero() || b.End.Before(a.Start) {
		return Period{}, false
	}
	return Period{Start: a.Start, End: b.End, Precision: Range}, true
}

// openPeriod is the open range from the start of a.
func openPeriod(a Period) Period {
	return Period{Start: a.Start, Precision: Open}
}

// Equal reports whether p and q are the same days with the same
// precision.
func (p Period) Equal(q Period) bool {
	return p.Precision == q.Precision && p.Start.Equal(q.Start) && p.End.Equal(q.End)
}
