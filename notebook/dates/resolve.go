package dates

import "time"

// resolve gives match m the value of the absolute date pt, taking the
// year from the publication date when pt has none.
func (s *scanner) resolve(m match, pt point) (match, bool) {
	var ok bool
	switch pt.kind {
	case ptDay:
		if pt.m == 0 {
			return match{}, false
		}
		if pt.y == 0 {
			m.rel = true
			m.p, ok = s.inferYear(m.i, true, func(y int) (Period, bool) { return dayPeriod(y, pt.m, pt.d) })
			return m, ok || !s.known
		}
		m.p, ok = dayPeriod(pt.y, pt.m, pt.d)
		return m, ok
	case ptMonth:
		if pt.y == 0 {
			m.rel = true
			m.p, ok = s.inferYear(m.i, false, func(y int) (Period, bool) { return monthPeriod(y, pt.m), true })
			return m, ok || !s.known
		}
		m.p = monthPeriod(pt.y, pt.m)
	case ptSeason:
		if pt.y == 0 {
			m.rel = true
			m.p, ok = s.inferYear(m.i, false, func(y int) (Period, bool) { return seasonPeriod(y, pt.season), true })
			return m, ok || !s.known
		}
		m.p = seasonPeriod(pt.y, pt.season)
	case ptYear:
		m.p = yearPeriod(pt.y)
	case ptDecade:
		m.p = decadePeriod(pt.y)
	case ptSpan:
		return s.resolveSpan(m, pt)
	}
	return m, true
}

// resolveSpan resolves a span written as one date: 2012-2014, 3-5 March
// 2023, January–March.
func (s *scanner) resolveSpan(m match, pt point) (match, bool) {
	mk := func(y, y2 int) (Period, bool) {
		var a, b Period
		var ok bool
		switch {
		case pt.m == 0: // years
			a, b = yearPeriod(y), yearPeriod(y2)
		case pt.d == 0: // months
			a, b = monthPeriod(y, pt.m), monthPeriod(y2, pt.m2)
		default:
			if a, ok = dayPeriod(y, pt.m, pt.d); !ok {
				return Period{}, false
			}
			if b, ok = dayPeriod(y2, pt.m2, pt.d2); !ok {
				return Period{}, false
			}
		}
		return spanPeriod(a, b)
	}
	var ok bool
	if pt.y2 != 0 {
		m.p, ok = mk(pt.y, pt.y2)
		return m, ok
	}
	m.rel = true
	wrap := pt.m > pt.m2 // November–February
	m.p, ok = s.inferYear(m.i, pt.d != 0, func(y int) (Period, bool) {
		if wrap {
			return mk(y-1, y)
		}
		return mk(y, y)
	})
	return m, ok || !s.known
}

// inferYear completes a date written without its year: it takes the
// publication year, or the year before when that puts the date more than
// a week (day dates) or any time (months, seasons) after publication; when
// the sentence speaks of the future ("will", "is due to"), it takes the
// publication year or the year after. It returns the zero Period and
// false when the publication date is unknown.
func (s *scanner) inferYear(i int, day bool, mk func(y int) (Period, bool)) (Period, bool) {
	if !s.known {
		return Period{}, false
	}
	y := s.pub.Year()
	p, ok := mk(y)
	slack := 0
	if day {
		slack = 7
	}
	if s.future(i) {
		if !ok || p.End.Before(s.pub.AddDate(0, 0, -slack)) {
			p, ok = mk(y + 1)
		}
		return p, ok
	}
	if !ok || p.Start.After(s.pub.AddDate(0, 0, slack)) {
		p, ok = mk(y - 1)
	}
	return p, ok
}

// maxCue is how many tokens future looks at on each side of a date.
const maxCue = 8

// future reports whether the clause of token i speaks of the future: one
// of the words before it (or after it, when the date opens the sentence)
// is "will", "would", "shall", "'ll", "scheduled", "due", "expected",
// "plans", "planned", "upcoming" or "set to".
func (s *scanner) future(i int) bool {
	start := true
	for k := i - 1; k >= 0 && k >= i-maxCue; k-- {
		t := &s.t[k]
		if t.isPunct(".!?;:") {
			break
		}
		if futureWord(s.t, k) {
			return true
		}
		if !t.isWord("on", "in", "by", "from", "since", "between", "during", "the", "early", "late") && !t.isPunct(",\"“'‘(") {
			start = false
		}
	}
	if !start {
		return false
	}
	for k := i; k < len(s.t) && k <= i+2*maxCue; k++ {
		if s.t[k].isPunct(".!?;") {
			break
		}
		if futureWord(s.t, k) {
			return true
		}
	}
	return false
}

// futureWord reports whether token k is a word of the future tense.
func futureWord(t []token, k int) bool {
	w := &t[k]
	if w.kind != word {
		return false
	}
	if w.isWord("will", "would", "shall", "scheduled", "due", "expected", "plans", "planned", "upcoming", "forthcoming", "won't", "wouldn't") {
		return true
	}
	if w.isWord("set") && k+1 < len(t) && t[k+1].isWord("to") {
		return true
	}
	n := len(w.text)
	return n > 3 && (w.text[n-3:] == "'ll" || n > 5 && w.text[n-5:] == "’ll")
}

// addMonths is the month n months from month m of year y.
func addMonths(y, m, n int) (int, int) {
	t := date(y, m+n, 1)
	return t.Year(), int(t.Month())
}

// weekdayOf is the number of a weekday's name, Sunday 0.
func weekdayOf(t *token) (time.Weekday, bool) {
	w := t.text
	if n := len(w); n > 2 && (w[n-2:] == "'s") {
		w = w[:n-2]
	} else if n > 4 && w[n-4:] == "’s" {
		w = w[:n-4]
	}
	for d, name := range [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if equalFoldASCII(w, name) {
			return time.Weekday(d), true
		}
	}
	return 0, false
}
