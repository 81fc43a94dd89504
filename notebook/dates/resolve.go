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

// inferYear completes a date that starts at token i and is written
// without its year. It takes the publication year, except: in a clause
// about the past ("said", "was", "-ed"), the year before when the date
// would otherwise fall more than a week (months: any time) after
// publication; in a clause about the future ("will", "is due to"), the
// year after when it would fall more than a week (months: any time)
// before; otherwise the year before when it would fall more than 90 days
// after publication ("Dec. 20" in a January article). News style writes
// the year only when it is not the current one, and this follows it. It
// returns the zero Period and false when the publication date is unknown.
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
	switch s.tense(i) {
	case future:
		if !ok || p.End.Before(s.pub.AddDate(0, 0, -slack)) {
			p, ok = mk(y + 1)
		}
	case past:
		if !ok || p.Start.After(s.pub.AddDate(0, 0, slack)) {
			p, ok = mk(y - 1)
		}
	default:
		if !ok || p.Start.After(s.pub.AddDate(0, 0, 90)) {
			p, ok = mk(y - 1)
		}
	}
	return p, ok
}

// maxCue is how many tokens tense looks at before a date, and half of
// how many it looks at after it.
const maxCue = 8

// tenseOf is what a clause says of the time of its events.
type tenseOf uint8

const (
	unknownTense tenseOf = iota
	past
	future
)

// tense tells whether the date at token i is spoken of in the past or the
// future: by the cues before it in its clause, a word of the future
// ("will", "would", "is due to", "scheduled", "expected") winning over one
// of the past ("said", "was", a verb in "-ed": "will be held"); else by
// the first cue after it in the sentence.
func (s *scanner) tense(i int) tenseOf {
	before := unknownTense
	for k := i - 1; k >= 0 && k >= i-maxCue; k-- {
		if s.t[k].isPunct(".!?;:") {
			break
		}
		if tn := cue(s.t, k); tn == future {
			return future
		} else if tn == past {
			before = past
		}
	}
	if before != unknownTense {
		return before
	}
	for k := i; k < len(s.t) && k <= i+2*maxCue; k++ {
		if s.t[k].isPunct(".!?;") && (k+1 == len(s.t) || s.t[k+1].space) {
			break
		}
		if tn := cue(s.t, k); tn != unknownTense {
			return tn
		}
	}
	return unknownTense
}

// cue tells whether token k is a word of the future or the past tense.
func cue(t []token, k int) tenseOf {
	w := &t[k]
	if w.kind != word {
		return unknownTense
	}
	if w.isWord("will", "would", "shall", "scheduled", "due", "expected", "expect", "expects", "forecast", "forecasts", "plans", "planned", "upcoming", "forthcoming", "won't", "wouldn't", "next") {
		return future
	}
	if w.isWord("set") && k+1 < len(t) && t[k+1].isWord("to") {
		return future
	}
	n := len(w.text)
	if n > 3 && (w.text[n-3:] == "'ll" || n > 5 && w.text[n-5:] == "’ll") {
		return future
	}
	if w.isWord("was", "were", "had", "did", "said", "told", "met", "took", "began", "fell", "rose", "won", "lost", "left", "came", "went", "made", "held", "gave", "struck", "saw", "found", "became", "led", "sent", "spoke", "broke", "paid", "fled", "kept", "brought", "bought", "fought", "stood", "sold", "built", "wrote", "ran", "grew", "drew", "flew", "chose", "drove", "sank", "spent", "been", "ago") {
		return past
	}
	if n >= 5 && w.text[n-2:] == "ed" && w.kind == word && !w.isWord("need", "indeed", "speed", "hundred", "united", "proceed", "exceed", "succeed", "seed", "feed", "based", "armed", "red", "bed") {
		return past
	}
	return unknownTense
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
