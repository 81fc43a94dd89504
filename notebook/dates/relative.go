package dates

import (
	"time"
)

// unit is a length of time named in a relative expression.
type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
	uDecade
)

// unitWord reads "day", "weeks", "year"… at token k.
func unitWord(t *token) unit {
	switch {
	case t.isWord("day", "days"):
		return uDay
	case t.isWord("week", "weeks"):
		return uWeek
	case t.isWord("month", "months"):
		return uMonth
	case t.isWord("year", "years"):
		return uYear
	case t.isWord("decade", "decades"):
		return uDecade
	}
	return uNone
}

// maxAgo bounds the count in "N years ago".
const maxAgo = 1000

// countAt reads a count at token k: digits or a number word ("two", "a").
func countAt(t *token) (int, bool) {
	if t.kind == num && t.suffix == "" && allDigits(t.digits) && len(t.digits) <= 3 {
		return t.value(), true
	}
	if t.kind != word {
		return 0, false
	}
	for n, w := range [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"} {
		if equalFoldASCII(t.text, w) && n > 0 {
			return n, true
		}
	}
	switch {
	case t.isWord("a", "an"):
		return 1, true
	case t.isWord("thirty"):
		return 30, true
	case t.isWord("forty"):
		return 40, true
	case t.isWord("fifty"):
		return 50, true
	}
	return 0, false
}

// relativeAt reads a relative expression at token i.
func (s *scanner) relativeAt(i int) (match, bool) {
	t := &s.t[i]
	if t.kind == num {
		return s.agoAt(i)
	}
	if t.kind != word {
		return match{}, false
	}
	m := match{i: i, rel: true}
	day := func(n int, j int) (match, bool) {
		m.j = j
		if s.known {
			m.p = dayOf(s.pub.AddDate(0, 0, n))
		}
		return m, true
	}
	switch {
	case t.isWord("yesterday", "yesterday's"):
		return day(-1, i+1)
	case t.isWord("today", "today's", "tonight", "tonight's"):
		if t.isWord("today") && s.nowadays(i) {
			return match{}, false
		}
		return day(0, i+1)
	case t.isWord("tomorrow", "tomorrow's"):
		return day(1, i+1)
	case t.isWord("the") && s.words(i+1, "day", "before", "yesterday"):
		return day(-2, i+4)
	case t.isWord("the") && s.words(i+1, "day", "after", "tomorrow"):
		return day(2, i+4)
	case t.isWord("over", "at") && s.words(i+1, "the", "weekend"):
		return s.weekend(m, 0, i+3)
	case t.isWord("last", "this", "next"):
		if i > 0 && s.t[i-1].isWord("the") { // "the last year": the past twelve months
			return match{}, false
		}
		return s.deicticAt(m, i)
	case t.isWord("earlier", "later", "early", "late") && i+1 < len(s.t) && s.t[i+1].isWord("this", "last", "next"):
		if r, ok := s.deicticAt(m, i+1); ok {
			switch r.p.Precision {
			case Week, Month, Year, "":
				r.i = i
				return r, true
			}
		}
		return match{}, false
	}
	if wd, ok := weekdayOf(t); ok && t.capitalised() {
		return s.weekdayAt(m, i, wd, 0)
	}
	return s.agoAt(i)
}

// nowadays reports whether "today" at token i means the present age, not
// the day: after "of" ("the Africa of today"), or inside a sentence before
// a verb in the present ("hip hop today is", "Mali today has").
func (s *scanner) nowadays(i int) bool {
	if i == 0 {
		return false
	}
	if s.t[i-1].isWord("of") {
		return true
	}
	if s.t[i-1].kind != word || i+1 >= len(s.t) {
		return false
	}
	return s.t[i+1].isWord("is", "are", "remains", "remain", "has", "have", "faces", "face", "looks", "seems")
}

// words reports whether the tokens from k are the words ws.
func (s *scanner) words(k int, ws ...string) bool {
	if k+len(ws) > len(s.t) {
		return false
	}
	for n, w := range ws {
		if !s.t[k+n].isWord(w) {
			return false
		}
	}
	return true
}

// deicticAt reads "last week", "this month", "next year", "last summer",
// "last July", "next Tuesday", "last night", "this morning", the word
// "last", "this" or "next" being at token i.
func (s *scanner) deicticAt(m match, i int) (match, bool) {
	if i+1 >= len(s.t) {
		return match{}, false
	}
	dir := 0
	switch {
	case s.t[i].isWord("last"):
		dir = -1
	case s.t[i].isWord("next"):
		dir = 1
	}
	n := &s.t[i+1]
	m.j = i + 2
	y, mo, _ := s.pub.Date()
	set := func(p Period) (match, bool) {
		if s.known {
			m.p = p
		}
		return m, true
	}
	switch unitWord(n) {
	case uDay:
		return match{}, false
	case uWeek:
		return set(weekPeriod(s.pub.AddDate(0, 0, 7*dir)))
	case uMonth:
		yy, mm := addMonths(y, int(mo), dir)
		return set(monthPeriod(yy, mm))
	case uYear:
		return set(yearPeriod(y + dir))
	case uDecade:
		return match{}, false
	}
	switch {
	case n.isWord("weekend"):
		return s.weekend(m, dir, i+2)
	case n.isWord("night") && dir == -1:
		return set(dayOf(s.pub.AddDate(0, 0, -1)))
	case n.isWord("morning", "afternoon", "evening") && dir == 0:
		return set(dayOf(s.pub))
	}
	if sn, ok := seasonWord(n); ok {
		if !s.known {
			return m, true
		}
		return set(s.season(sn, dir))
	}
	if mw, ok := months[n.lower()]; ok && mw.en && mw.use == useFull && n.capitalised() {
		if !s.known {
			return m, true
		}
		yy := y
		switch {
		case dir < 0 && mw.month >= int(mo):
			yy--
		case dir > 0 && mw.month <= int(mo):
			yy++
		}
		return set(monthPeriod(yy, mw.month))
	}
	if wd, ok := weekdayOf(n); ok {
		return s.weekdayAt(m, i+1, wd, dir)
	}
	return match{}, false
}

// season is the season sn last (dir -1), this (0) or next (1) year from
// the publication date.
func (s *scanner) season(sn, dir int) Period {
	y := s.pub.Year()
	if sn == winter && s.pub.Month() <= 2 {
		y-- // January and February are in the winter that began in December
	}
	this := seasonPeriod(y, sn)
	switch {
	case dir < 0:
		if !this.End.Before(s.pub) {
			return seasonPeriod(y-1, sn)
		}
	case dir > 0:
		if !this.Start.After(s.pub) {
			return seasonPeriod(y+1, sn)
		}
	}
	return this
}

// weekdayAt resolves the weekday wd named at token k: the most recent one
// (the publication day itself included) or, when the sentence speaks of
// the future, the next one; dir -1 ("last Tuesday") and 1 ("next Tuesday")
// exclude the publication day. A date after the weekday ("Tuesday, 19
// January") is taken instead.
func (s *scanner) weekdayAt(m match, k int, wd time.Weekday, dir int) (match, bool) {
	m.j = k + 1
	j := k + 1
	if j < len(s.t) && s.t[j].isPunct(",") {
		j++
	}
	if j < len(s.t) && dir == 0 {
		if pt, ok := s.absAt(j); ok && pt.kind == ptDay && pt.m != 0 {
			return s.resolve(match{i: m.i, j: pt.j}, pt)
		}
	}
	if !s.known {
		return m, true
	}
	back := (int(s.pub.Weekday()) - int(wd) + 7) % 7 // days since the last wd, 0 if today
	fwd := (int(wd) - int(s.pub.Weekday()) + 7) % 7
	switch {
	case dir < 0:
		if back == 0 {
			back = 7
		}
		m.p = dayOf(s.pub.AddDate(0, 0, -back))
	case dir > 0:
		if fwd == 0 {
			fwd = 7
		}
		m.p = dayOf(s.pub.AddDate(0, 0, fwd))
	case s.tense(m.i) == future:
		m.p = dayOf(s.pub.AddDate(0, 0, fwd))
	default:
		m.p = dayOf(s.pub.AddDate(0, 0, -back))
	}
	return m, true
}

// weekend resolves a weekend, Saturday and Sunday: the last one (dir -1),
// the next one (1), or (0) the one the publication day is in, else the
// last one or, when the sentence speaks of the future, the next one.
func (s *scanner) weekend(m match, dir int, j int) (match, bool) {
	m.j = j
	if !s.known {
		return m, true
	}
	wd := int(s.pub.Weekday())
	back := (wd + 1) % 7 // days since Saturday: Saturday 0, Sunday 1, Monday 2…
	sat := s.pub.AddDate(0, 0, -back)
	switch {
	case dir < 0:
		if back <= 1 {
			sat = sat.AddDate(0, 0, -7)
		}
	case dir > 0:
		sat = sat.AddDate(0, 0, 7)
	case back > 1 && s.tense(m.i) == future:
		sat = sat.AddDate(0, 0, 7)
	}
	m.p = Period{Start: sat, End: sat.AddDate(0, 0, 1), Precision: Range}
	return m, true
}

// agoAt reads "two years ago", "a week ago", "3 days ago" at token i.
func (s *scanner) agoAt(i int) (match, bool) {
	if i+2 >= len(s.t) {
		return match{}, false
	}
	n, ok := countAt(&s.t[i])
	if !ok || n > maxAgo {
		return match{}, false
	}
	u := unitWord(&s.t[i+1])
	if u == uNone || !s.t[i+2].isWord("ago") {
		return match{}, false
	}
	m := match{i: i, j: i + 3, rel: true}
	if s.known {
		m.p = s.offset(u, -n)
	}
	// "a year ago this week": the week (month) of the publication date,
	// n units back.
	if i+4 < len(s.t) && s.t[i+3].isWord("this") && u > uDay {
		if v := unitWord(&s.t[i+4]); v == uWeek || v == uMonth && u > uMonth {
			m.j = i + 5
			if s.known {
				back := s.shift(u, -n)
				if v == uWeek {
					m.p = weekPeriod(back)
				} else {
					m.p = monthPeriod(back.Year(), int(back.Month()))
				}
			}
		}
	}
	return m, true
}

// shift is the publication day moved by n units.
func (s *scanner) shift(u unit, n int) time.Time {
	switch u {
	case uWeek:
		return s.pub.AddDate(0, 0, 7*n)
	case uMonth:
		return s.pub.AddDate(0, n, 0)
	case uYear:
		return s.pub.AddDate(n, 0, 0)
	case uDecade:
		return s.pub.AddDate(10*n, 0, 0)
	}
	return s.pub.AddDate(0, 0, n)
}

// inFuture reads "in two weeks", "in three years" at token i ("in"), in a
// sentence that speaks of the future.
func (s *scanner) inFuture(i int) (match, bool) {
	if i+2 >= len(s.t) {
		return match{}, false
	}
	n, ok := countAt(&s.t[i+1])
	if !ok || n > maxAgo || s.t[i+1].isWord("a", "an") {
		return match{}, false
	}
	u := unitWord(&s.t[i+2])
	if u == uNone || s.tense(i) != future {
		return match{}, false
	}
	m := match{i: i, j: i + 3, rel: true}
	if i+3 < len(s.t) && s.t[i+3].isWord("time") || i+4 < len(s.t) && s.t[i+3].isPunct("'’") && s.t[i+4].isWord("time") {
		m.j = i + 4
		if !s.t[i+3].isWord("time") {
			m.j = i + 5
		}
	}
	if s.known {
		m.p = s.offset(u, n)
	}
	return m, true
}

// offset is the period n units from the publication date, with the unit's
// precision (a year for decades).
func (s *scanner) offset(u unit, n int) Period {
	y, mo, _ := s.pub.Date()
	switch u {
	case uDay:
		return dayOf(s.pub.AddDate(0, 0, n))
	case uWeek:
		return weekPeriod(s.pub.AddDate(0, 0, 7*n))
	case uMonth:
		yy, mm := addMonths(y, int(mo), n)
		return monthPeriod(yy, mm)
	case uYear:
		return yearPeriod(y + n)
	}
	return yearPeriod(y + 10*n)
}
