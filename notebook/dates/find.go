package dates

import (
	"strings"
	"time"
)

// Expr is a date expression found in a text.
type Expr struct {
	// Start and End are the code-point offsets of the expression in the
	// text given (End exclusive).
	Start, End int
	// Evidence is the expression as written: "on January 19", "since July
	// 2022", "last week".
	Evidence string
	// Relative is true when the value was worked out from the publication
	// date: "last week", "on Tuesday", "two years ago", and dates written
	// without a year ("Jan. 19", "in March").
	Relative bool
	// Period is the resolved value. It is the zero Period (Resolved
	// reports false) for a relative expression when the publication date
	// is unknown.
	Period Period
}

// Resolved reports whether e has a value.
func (e Expr) Resolved() bool { return e.Period.Resolved() }

// MaxExprs bounds the number of expressions Find returns for one text.
const MaxExprs = 10000

// Find returns the date expressions in text, in order, resolved against
// the publication date published (its day; the time and location are
// ignored). When pubKnown is false, expressions that depend on the
// publication date are still returned, with Relative set and a zero
// Period.
//
// Find makes one pass over the text and looks at most a dozen words ahead
// at any place, so its time is linear in the length of the text; it never
// fails, and returns at most MaxExprs expressions.
func Find(text string, published time.Time, pubKnown bool) []Expr {
	s := newScanner(text, 0, published, pubKnown)
	return s.scan(nil)
}

// scanner holds the tokens of a text and the publication date.
type scanner struct {
	text  string
	t     []token
	pub   time.Time
	known bool
	// lastEnd is the token index just after the last expression found,
	// so that "in 2012 and 2014" takes the second year too.
	lastEnd int
}

func newScanner(text string, runeBase int, published time.Time, pubKnown bool) *scanner {
	s := &scanner{text: text, pub: truncDay(published), known: pubKnown, lastEnd: -1}
	if !pubKnown {
		s.pub = time.Time{}
	}
	s.t = tokenize(text, runeBase, make([]token, 0, len(text)/3+8))
	return s
}

// scan appends the expressions of the whole text to out.
func (s *scanner) scan(out []Expr) []Expr {
	for i := 0; i < len(s.t) && len(out) < MaxExprs; {
		if m, ok := s.match(i); ok {
			out = append(out, s.expr(m))
			s.lastEnd = m.j
			i = m.j
			continue
		}
		i++
	}
	return out
}

// expr turns a match into an Expr.
func (s *scanner) expr(m match) Expr {
	a, b := &s.t[m.i], &s.t[m.j-1]
	e := Expr{Start: a.r0, End: b.r1, Evidence: s.text[a.b0:b.b1], Relative: m.rel}
	if m.p.Resolved() {
		e.Period = m.p
	}
	return e
}

// match is an expression found over the tokens [i, j).
type match struct {
	i, j int
	p    Period
	rel  bool
}

// match finds the expression that starts at token i, if any.
func (s *scanner) match(i int) (match, bool) {
	t := &s.t[i]
	if t.kind == punct && !t.isPunct("'’") {
		return match{}, false
	}
	if m, ok := s.rangeAt(i); ok {
		return m, true
	}
	// A preposition that does not change the meaning is part of the
	// evidence: "on January 19", "in July 2022", "during the 1990s".
	if t.isWord("on", "in", "during", "throughout") && i+1 < len(s.t) {
		if m, ok := s.pointAt(i+1, true); ok {
			if m.i == i+1 { // not after a "the" that pointAt left out
				m.i = i
			}
			return m, true
		}
		if t.isWord("in") {
			if m, ok := s.inFuture(i); ok {
				return m, true
			}
		}
		return match{}, false
	}
	return s.pointAt(i, s.triggered(i))
}

// pointAt finds a single date (not a range) at token i: a relative
// expression or an absolute date, with its modifiers. triggered says a
// word before it makes a lone year or month a date ("in 2019", "by
// March").
func (s *scanner) pointAt(i int, triggered bool) (match, bool) {
	if m, ok := s.relativeAt(i); ok {
		return m, true
	}
	j := i
	// "the 1990s", "the summer of 2022", "early 2019", "the late 1990s".
	if s.t[j].isWord("the") && j+1 < len(s.t) {
		j++
	}
	if s.t[j].isWord("early", "late", "mid", "mid-") && j+1 < len(s.t) {
		j++
		triggered = true
	}
	pt, ok := s.absAt(j)
	if !ok {
		return match{}, false
	}
	if j > i && s.t[i].isWord("the") && j == i+1 && pt.kind == ptYear && !triggered {
		// "the 2016 election": a year before a word in lower case.
		if s.yearBeforeNoun(pt.j) {
			return s.resolve(match{i: j, j: pt.j}, pt)
		}
		return match{}, false
	}
	if j == i && pt.kind == ptYear && !triggered && i > 0 && s.t[i-1].isWord("a", "an", "its", "their", "his", "her", "our", "this", "that") && s.yearBeforeNoun(pt.j) {
		triggered = true // "a 2019 report", "its 2020 budget"
	}
	if j > i && s.t[i].isWord("the") && pt.kind != ptDecade && pt.kind != ptSeason {
		i++ // "the" is evidence only for "the 1990s", "the summer of 2022"
	}
	if !triggered && pt.kind == ptYear && i > 0 && s.t[i-1].isWord("of") {
		// "the storms of 2005", "the treaty of 1959", not "a total of
		// 2000 soldiers"
		triggered = pt.j >= len(s.t) || s.t[pt.j].kind != word ||
			!countNoun(s.t[pt.j].lower()) && !strings.HasSuffix(s.t[pt.j].text, "s")
	}
	switch pt.kind {
	case ptYear:
		if !triggered && !s.yearFollower(pt.j) {
			return match{}, false
		}
	case ptMonth, ptSeason:
		if !triggered && pt.y == 0 {
			return match{}, false
		}
	case ptDay:
		if pt.y == 0 && pt.m == 0 {
			return match{}, false // a lone day number
		}
	}
	return s.resolve(match{i: i, j: pt.j}, pt)
}

// triggered reports whether the word before token i lets a lone year or
// month name at i be a date: "by 2030", "until March", "before 2019",
// "the end of 2019", "in 2012 and 2014".
func (s *scanner) triggered(i int) bool {
	if i == 0 {
		return false
	}
	p := &s.t[i-1]
	if p.isWord("by", "until", "till", "before", "after", "around", "circa", "since", "from", "between", "in", "during", "throughout", "early", "late", "mid") {
		return true
	}
	if p.isPunct("(") {
		return true
	}
	if p.isWord("to") && i >= 2 && s.t[i-2].isWord("back") { // "dates back to 2009"
		return true
	}
	if p.isWord("as") && i >= 2 && s.t[i-2].isWord("early", "late", "recently", "far") { // "as early as 2012"
		return true
	}
	if p.isWord("and", "or", "to", "through") || p.isPunct(",&") {
		return s.lastEnd == i-1
	}
	if p.isWord("of") && i >= 2 && s.t[i-2].isWord("end", "start", "beginning", "middle", "half", "quarter", "course", "rest", "spring", "summer", "autumn", "fall", "winter", "part", "months", "weeks", "first", "last") {
		return true
	}
	return false
}

// yearBeforeNoun reports whether the token at j, after a year, is a word
// in lower case that does not count things: "the 2016 election", not "the
// 2000 soldiers".
func (s *scanner) yearBeforeNoun(j int) bool {
	return j < len(s.t) && s.t[j].kind == word && !s.t[j].capitalised() && !countNoun(s.t[j].lower())
}

// yearFollower reports whether the token at j makes the lone year before
// it a date: "2019's".
func (s *scanner) yearFollower(j int) bool {
	return j+1 < len(s.t) && s.t[j].isPunct("'’") && !s.t[j].space && s.t[j+1].isWord("s")
}

// countNoun reports whether w is a word that a number before it counts
// ("the 2000 soldiers"), so that the number is not a year.
func countNoun(w string) bool {
	switch w {
	case "people", "soldiers", "troops", "workers", "jobs", "tonnes", "tons", "units", "vehicles", "homes", "houses", "families", "refugees", "residents", "members", "cases", "deaths", "votes", "men", "women", "children", "copies", "seats", "euros", "dollars", "pounds":
		return true
	}
	return false
}
