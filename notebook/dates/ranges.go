package dates

// rangeAt reads a range or an open range that starts with a word at token
// i: "between 2012 and 2014", "from January to March 2023", "from 3 to 5
// March", "since July 2022", "since last year", "from 2019 onwards".
func (s *scanner) rangeAt(i int) (match, bool) {
	t := &s.t[i]
	switch {
	case t.isWord("since"):
		if i+1 >= len(s.t) {
			return match{}, false
		}
		a, ok := s.endpoint(i + 1)
		if !ok {
			return match{}, false
		}
		a.i = i
		if a.p.Resolved() {
			a.p = openPeriod(a.p)
		}
		return a, true
	case t.isWord("between", "from"):
		if i+1 >= len(s.t) {
			return match{}, false
		}
		and := []string{"and"}
		if t.isWord("from") {
			and = []string{"to", "until", "till", "through", "thru", "and"}
		}
		ai, aj, apt, arel, ok := s.rangeStart(i + 1)
		if !ok {
			return match{}, false
		}
		if t.isWord("from") && aj < len(s.t) && s.t[aj].isWord("onwards", "onward", "on") && !arel {
			a, ok := s.resolve(match{i: ai, j: aj}, apt)
			if !ok || !a.p.Resolved() && s.known {
				return match{}, false
			}
			if a.p.Resolved() {
				a.p = openPeriod(a.p)
			}
			a.i, a.j = i, aj+1
			return a, true
		}
		if aj+1 >= len(s.t) || !(s.t[aj].isWord(and...) || s.t[aj].isPunct("-–—")) {
			return match{}, false
		}
		b, ok := s.endpoint(aj + 1)
		if !ok {
			return match{}, false
		}
		m := match{i: i, j: b.j, rel: b.rel || arel}
		if !s.known && m.rel {
			return m, true
		}
		a, ok := s.complete(apt, ai, aj, b)
		if !ok {
			return match{}, false
		}
		m.rel = m.rel || a.rel
		if m.p, ok = spanPeriod(a.p, b.p); !ok {
			return match{}, false
		}
		return m, true
	}
	return match{}, false
}

// endpoint reads the date that ends a range or follows "since": an
// absolute date, which may be a lone year or month ("since 2019", "until
// March"), or a relative expression ("since last year").
func (s *scanner) endpoint(k int) (match, bool) {
	return s.pointAt(k, true)
}

// rangeStart reads the first date of a range, which may lack the parts
// that the second gives: "3" in "between 3 and 5 March", "January" in
// "from January to March 2023". A relative first date is resolved at
// once (arel true, apt zero, its value in the match that complete
// returns).
func (s *scanner) rangeStart(k int) (ai, aj int, apt point, arel bool, ok bool) {
	if m, ok := s.relativeAt(k); ok {
		return k, m.j, point{kind: ptSpan, j: m.j}, true, true
	}
	j := k
	if s.t[j].isWord("the") && j+1 < len(s.t) {
		j++
	}
	if s.t[j].isWord("early", "late", "mid") && j+1 < len(s.t) {
		j++
	}
	pt, ok := s.absAt(j)
	if !ok {
		return 0, 0, point{}, false, false
	}
	return k, pt.j, pt, false, true
}

// complete resolves the first date of a range, taking the parts it lacks
// from the second date b: its month and year for a lone day, its year for
// a month or a day without one.
func (s *scanner) complete(apt point, ai, aj int, b match) (match, bool) {
	if apt.kind == ptSpan && apt.m == 0 && apt.y == 0 {
		// a relative first date: read it again
		m, ok := s.relativeAt(ai)
		return m, ok && m.p.Resolved()
	}
	if !b.p.Resolved() {
		return match{}, false
	}
	by, bm, _ := b.p.End.Date()
	a := match{i: ai, j: aj}
	switch apt.kind {
	case ptDay:
		if apt.m == 0 { // "between 3 and 5 March"
			if b.p.Precision != Day {
				return match{}, false
			}
			apt.m, apt.y = int(bm), by
			a.rel = b.rel
		} else if apt.y == 0 {
			apt.y = by
			a.rel = b.rel
		}
	case ptMonth, ptSeason:
		if apt.y == 0 {
			apt.y = by
			a.rel = b.rel
		}
	}
	p, ok := s.resolve(a, apt)
	if !ok || !p.p.Resolved() {
		return match{}, false
	}
	// "from November to February 2023": the first date is the year before.
	if p.p.Start.After(b.p.End) && (apt.kind == ptDay || apt.kind == ptMonth || apt.kind == ptSeason) {
		apt.y--
		if p, ok = s.resolve(a, apt); !ok || !p.p.Resolved() {
			return match{}, false
		}
	}
	p.rel = p.rel || a.rel
	return p, true
}
