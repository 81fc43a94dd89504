package timeline

import (
	"strconv"
	"time"
)

// Unit is the calendar unit of the axis ticks.
type Unit string

// The tick units, finest first.
const (
	Days    Unit = "day"
	Weeks   Unit = "week"
	Months  Unit = "month"
	Years   Unit = "year"
	Decades Unit = "decade"
)

// Tick is one mark of the time axis.
type Tick struct {
	At    time.Time // the first day of the unit, midnight UTC
	X     float64   // pixels from the left end of the axis
	Label string    // "1990s", "2023", "Jan 2023", "16 Jan"
	Unit  Unit
	// Major marks the start of the next larger unit (a January among
	// months, a Monday that starts a month among days…), for a stronger
	// line.
	Major bool
}

// MinTickSpacing is the least distance in pixels between two ticks.
const MinTickSpacing = 70

// step is one candidate spacing of the ticks.
type step struct {
	unit Unit
	n    int     // units per tick (for decades: years per tick)
	days float64 // approximate days per tick
}

var steps = []step{
	{Days, 1, 1}, {Days, 2, 2}, {Weeks, 1, 7}, {Weeks, 2, 14},
	{Months, 1, 30.44}, {Months, 3, 91.3}, {Months, 6, 182.6},
	{Years, 1, 365.25}, {Years, 2, 730.5}, {Years, 5, 1826},
	{Decades, 10, 3652}, {Decades, 20, 7305}, {Decades, 50, 18262},
	{Decades, 100, 36525}, {Decades, 200, 73050}, {Decades, 500, 182625}, {Decades, 1000, 365250},
}

// Ticks returns the axis ticks for the days from..to (inclusive) drawn
// over widthPx pixels: the finest unit (days, weeks, months, years,
// decades and multiples of them) whose ticks are at least MinTickSpacing
// pixels apart. from and to may come in either order; the result is nil
// when widthPx < 1.
func Ticks(from, to time.Time, widthPx int) []Tick {
	if widthPx < 1 {
		return nil
	}
	from, to = day(from), day(to)
	if to.Before(from) {
		from, to = to, from
	}
	sc := newScale(from, to, float64(widthPx))
	span := sc.days
	maxTicks := max(1, widthPx/MinTickSpacing)
	st := niceYears(span / float64(maxTicks) / 365.25) // beyond the table: 2000, 5000, 10000… years
	for _, s := range steps {
		if span/s.days <= float64(maxTicks) {
			st = s
			break
		}
	}
	var out []Tick
	end := to.AddDate(0, 0, 1)
	for t := first(from, st); !t.After(end) && len(out) <= maxTicks+2; t = next(t, st) {
		if t.Before(from) {
			continue
		}
		newYear := len(out) == 0 || out[len(out)-1].At.Year() != t.Year()
		out = append(out, Tick{At: t, X: sc.x(t), Label: label(t, st, newYear), Unit: st.unit, Major: major(t, st)})
	}
	return out
}

// niceYears is a step of decades of at least years years: 1, 2 or 5
// times a power of ten.
func niceYears(years float64) step {
	for p := 10; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if n := m * p; float64(n) >= years || n >= 1e9 {
				return step{Decades, n, float64(n) * 365.25}
			}
		}
	}
}

// first is the first tick boundary on or before t.
func first(t time.Time, s step) time.Time {
	y, m, _ := t.Date()
	switch s.unit {
	case Days:
		return t
	case Weeks:
		back := (int(t.Weekday()) + 6) % 7
		return t.AddDate(0, 0, -back)
	case Months:
		mm := (int(m)-1)/s.n*s.n + 1
		return time.Date(y, time.Month(mm), 1, 0, 0, 0, 0, time.UTC)
	}
	n := s.n
	yy := y - mod(y, n)
	return time.Date(yy, 1, 1, 0, 0, 0, 0, time.UTC)
}

func mod(a, n int) int { return ((a % n) + n) % n }

// next is the tick after t.
func next(t time.Time, s step) time.Time {
	switch s.unit {
	case Days:
		return t.AddDate(0, 0, s.n)
	case Weeks:
		return t.AddDate(0, 0, 7*s.n)
	case Months:
		return t.AddDate(0, s.n, 0)
	}
	return t.AddDate(s.n, 0, 0)
}

// label names the tick at t; newYear says it is the first tick of the
// axis or of its year, and so shows the year ("16 Jan 2023", then "23
// Jan").
func label(t time.Time, s step, newYear bool) string {
	switch s.unit {
	case Days, Weeks:
		if newYear {
			return t.Format("2 Jan 2006")
		}
		return t.Format("2 Jan")
	case Months:
		return t.Format("Jan 2006")
	case Years:
		return strconv.Itoa(t.Year())
	}
	if s.n == 10 {
		return strconv.Itoa(t.Year()) + "s"
	}
	return strconv.Itoa(t.Year())
}

// major reports whether t starts the next larger unit.
func major(t time.Time, s step) bool {
	switch s.unit {
	case Days, Weeks:
		return t.Day() <= 7*s.n && (s.unit == Weeks || t.Day() == 1)
	case Months:
		return t.Month() == time.January
	case Years:
		return t.Year()%10 == 0
	}
	return t.Year()%(10*s.n) == 0
}

// scale maps days to pixels.
type scale struct {
	from  time.Time
	days  float64 // days covered, at least 1
	width float64
}

// newScale maps the days from..to (inclusive) onto width pixels.
func newScale(from, to time.Time, width float64) scale {
	return scale{from: from, days: max(daysBetween(from, to)+1, 1), width: width}
}

// x is the pixel position of the start of t's day.
func (s scale) x(t time.Time) float64 {
	return daysBetween(s.from, t) / s.days * s.width
}

// daysBetween is the number of days from a to b, for any years (a
// time.Duration holds only 292 years).
func daysBetween(a, b time.Time) float64 {
	return float64(b.Unix()-a.Unix()) / 86400
}
