package dates

import (
	"strings"
	"unicode/utf8"
)

// ptKind is the kind of an absolute date as written.
type ptKind uint8

const (
	ptDay    ptKind = iota // 19 January 2023, Jan. 19, 2023-01-19, 19 (a lone day number, in a range)
	ptMonth                // July 2022, in July, mid-January
	ptSeason               // summer 2022, the summer of 2022
	ptYear                 // 2019
	ptDecade               // the 1990s, the '90s
	ptSpan                 // 2012-2014, 3-5 March 2023, March 3-5, January–March 2023
)

// point is an absolute date as written, with the parts it gives (0 for a
// part not written: the year of "Jan. 19" comes from the publication
// date). A ptSpan has its last day, month or year in d2, m2, y2.
type point struct {
	kind       ptKind
	y, m, d    int
	y2, m2, d2 int
	season     int
	j          int // the token after the date
}

// Year numbers read as years, in a text with a trigger word.
const (
	minYear = 1000
	maxYear = 2199
)

// absAt reads an absolute date written at token j.
func (s *scanner) absAt(j int) (point, bool) {
	t := &s.t[j]
	switch t.kind {
	case num:
		if strings.ContainsFunc(t.digits, isNumSep) {
			return s.compoundAt(j)
		}
		if y, ok := s.yearAt(j, true); ok {
			if t.suffix == "s" && y%10 == 0 {
				return point{kind: ptDecade, y: y, j: j + 1}, true
			}
			if t.suffix == "" {
				return point{kind: ptYear, y: y, j: j + 1}, true
			}
			return point{}, false
		}
		d, ok := s.dayAt(j)
		if !ok {
			return point{}, false
		}
		if pt, ok := s.monthAfterDay(j+1, d); ok {
			return pt, true
		}
		return point{kind: ptDay, d: d, j: j + 1}, true
	case punct:
		// '90s
		if t.isPunct("'’") && j+1 < len(s.t) && !s.t[j+1].space {
			n := &s.t[j+1]
			if n.kind == num && len(n.digits) == 2 && allDigits(n.digits) && n.suffix == "s" && n.value()%10 == 0 {
				y := 1900 + n.value()
				if s.known && 2000+n.value() <= s.pub.Year() {
					y = 2000 + n.value()
				} else if !s.known && n.value() < 30 {
					y = 2000 + n.value()
				}
				return point{kind: ptDecade, y: y, j: j + 2}, true
			}
		}
		return point{}, false
	}
	if mw, k, ok := s.monthAt(j); ok {
		return s.afterMonth(j, k, mw)
	}
	if pt, ok := s.holidayAt(j); ok {
		return pt, true
	}
	if sn, ok := seasonWord(t); ok {
		k := j + 1
		if k < len(s.t) && s.t[k].isWord("of") {
			k++
		}
		if y, ok := s.yearAt(k, false); ok {
			return point{kind: ptSeason, season: sn, y: y, j: k + 1}, true
		}
		if t.isWord("fall") {
			return point{}, false
		}
		return point{kind: ptSeason, season: sn, j: j + 1}, true
	}
	if strings.ContainsFunc(t.text, isDash) {
		return s.dashWordAt(j)
	}
	return point{}, false
}

// afterMonth reads what follows a month name at token j (k is the token
// after the name and its period): a day and year, a day, a year or
// nothing.
func (s *scanner) afterMonth(j, k int, mw monthWord) (point, bool) {
	if k < len(s.t) {
		n := &s.t[k]
		if d, ok := s.dayAt(k); ok {
			pt := point{kind: ptDay, m: mw.month, d: d, j: k + 1}
			y := k + 1
			if y < len(s.t) && s.t[y].isPunct(",") {
				y++
			}
			if yy, ok := s.yearAt(y, false); ok {
				pt.y, pt.j = yy, y+1
				return pt, true
			}
			if mw.use <= useAbbr {
				return pt, true
			}
			return point{}, false
		}
		// March 3-5, 2023
		if n.kind == num && n.suffix == "" {
			if a, b, ok := dayDash(n.digits); ok {
				pt := point{kind: ptSpan, m: mw.month, d: a, m2: mw.month, d2: b, j: k + 1}
				y := k + 1
				if y < len(s.t) && s.t[y].isPunct(",") {
					y++
				}
				if yy, ok := s.yearAt(y, false); ok {
					pt.y, pt.y2, pt.j = yy, yy, y+1
					return pt, true
				}
				if mw.use <= useAbbr {
					return pt, true
				}
				return point{}, false
			}
		}
	}
	if mw.use > useAbbr {
		return point{}, false
	}
	y := k
	if y < len(s.t) && s.t[y].isWord("of", "de", "del") {
		y++
	}
	if yy, ok := s.yearAt(y, false); ok {
		return point{kind: ptMonth, m: mw.month, y: yy, j: y + 1}, true
	}
	if mw.en && mw.use == useFull && s.t[j].capitalised() {
		return point{kind: ptMonth, m: mw.month, j: k}, true
	}
	return point{}, false
}

// monthAfterDay reads the month (and year) after a day number whose next
// token is k: "19 January 2023", "19. Januar", "19 de enero de 2023", "19th
// of January".
func (s *scanner) monthAfterDay(k, d int) (point, bool) {
	if k < len(s.t) && s.t[k].isPunct(".") && !s.t[k].space {
		k++
	}
	if k < len(s.t) && s.t[k].isWord("of", "de") {
		k++
	}
	mw, k2, ok := s.monthAt(k)
	if !ok {
		return point{}, false
	}
	y := k2
	if y < len(s.t) && (s.t[y].isPunct(",") || s.t[y].isWord("de", "del", "of")) {
		y++
	}
	if yy, ok := s.yearAt(y, false); ok {
		return point{kind: ptDay, y: yy, m: mw.month, d: d, j: y + 1}, true
	}
	if mw.use <= useAbbr {
		return point{kind: ptDay, m: mw.month, d: d, j: k2}, true
	}
	return point{}, false
}

// monthAt reads a month name at token j, with its abbreviation period; it
// returns the token after them.
func (s *scanner) monthAt(j int) (monthWord, int, bool) {
	if j >= len(s.t) || s.t[j].kind != word || len(s.t[j].text) > maxMonthLen {
		return monthWord{}, 0, false
	}
	t := &s.t[j]
	w := t.lower()
	if i := strings.LastIndexAny(w, "'’"); i > 0 && elided[w[:i]] {
		_, n := utf8.DecodeRuneInString(w[i:])
		w = w[i+n:] // "nell'agosto", "d'août"
	}
	mw, ok := months[w]
	if !ok || mw.cap && !t.capitalised() {
		return monthWord{}, 0, false
	}
	k := j + 1
	// The period of an abbreviation ("Jan.", "févr.") is part of it.
	if k < len(s.t) && s.t[k].isPunct(".") && !s.t[k].space && mw.use != useFull {
		k++
	}
	return mw, k, true
}

// elided are the Italian and French words that lose their vowel before a
// month name that starts with one: "nell'agosto", "dell'ottobre", "d'avril".
var elided = map[string]bool{"l": true, "d": true, "dell": true, "nell": true, "all": true, "dall": true, "sull": true}

// dayAt reads a day of the month at token j: 1–31, with an ordinal suffix
// ("19th", "1er", "1º") or none.
func (s *scanner) dayAt(j int) (int, bool) {
	if j >= len(s.t) {
		return 0, false
	}
	t := &s.t[j]
	if t.kind != num || len(t.digits) > 2 || !allDigits(t.digits) {
		return 0, false
	}
	switch strings.ToLower(t.suffix) {
	case "", "st", "nd", "rd", "th", "er", "e", "re", "º", "°", "o", "ª":
	default:
		return 0, false
	}
	d := t.value()
	if d < 1 || d > 31 {
		return 0, false
	}
	// a time ("19 h"), a share ("19 %") or a quantity is not a day.
	if j+1 < len(s.t) && (s.t[j+1].isPunct("%:") || s.t[j+1].isWord("percent", "per", "h", "pm", "am", "p", "a")) {
		return 0, false
	}
	return d, true
}

// yearAt reads a year at token j: four digits in [minYear, maxYear], not
// an amount ("$2019", "2019 %"). With suffix, a letter suffix ("1990s") is
// allowed and left to the caller.
func (s *scanner) yearAt(j int, suffix bool) (int, bool) {
	if j >= len(s.t) {
		return 0, false
	}
	t := &s.t[j]
	if t.kind != num || len(t.digits) != 4 || !allDigits(t.digits) || (!suffix && t.suffix != "") {
		return 0, false
	}
	y := t.value()
	if y < minYear || y > maxYear {
		return 0, false
	}
	if j > 0 && !t.space && s.t[j-1].isPunct("$€£¥#№+-") {
		return 0, false
	}
	if j+1 < len(s.t) {
		n := &s.t[j+1]
		if n.isPunct("%") || n.isWord("percent", "per", "km", "kg", "metres", "meters", "kilometres", "kilometers", "miles", "hectares", "litres", "liters", "barrels", "megawatts", "feet", "ft", "mph", "mw", "gw", "bn", "million", "billion", "m", "hp", "cc", "tonnes", "tons") {
			return 0, false
		}
	}
	return y, true
}

// compoundAt reads a number with separators at token j: 2023-01-19,
// 19.01.2023, 2012-2014, 2012–14, or a day span before a month.
func (s *scanner) compoundAt(j int) (point, bool) {
	t := &s.t[j]
	var parts [4]string
	var seps [3]rune
	n := 0
	start := 0
	for i, r := range t.digits {
		if isNumSep(r) {
			if n == 3 {
				return point{}, false
			}
			parts[n], seps[n] = t.digits[start:i], r
			n++
			start = i + utf8.RuneLen(r)
		}
	}
	parts[n] = t.digits[start:]
	n++
	atoi := func(p string) int {
		v := 0
		for i := 0; i < len(p) && i < 4; i++ {
			v = v*10 + int(p[i]-'0')
		}
		return v
	}
	if len(parts[0]) > 4 || len(parts[1]) > 4 || n > 3 || (t.suffix != "" && n == 3) {
		return point{}, false
	}
	switch n {
	case 3:
		a, b, c := parts[0], parts[1], parts[2]
		if seps[0] != seps[1] || seps[0] == ',' || seps[0] == ':' {
			return point{}, false
		}
		switch {
		case len(a) == 4 && len(b) <= 2 && len(c) <= 2: // 2023-01-19
			if _, ok := dayPeriod(atoi(a), atoi(b), atoi(c)); ok {
				return point{kind: ptDay, y: atoi(a), m: atoi(b), d: atoi(c), j: j + 1}, true
			}
		case len(a) <= 2 && len(b) <= 2 && len(c) == 4: // 19.01.2023, 19/01/2023
			x, y, yr := atoi(a), atoi(b), atoi(c)
			d, m := x, y
			if seps[0] != '.' {
				switch {
				case x == y || x > 12:
				case y > 12:
					d, m = y, x
				default:
					return point{}, false // 08/02/2023: day and month cannot be told apart
				}
			}
			if _, ok := dayPeriod(yr, m, d); ok && yr >= minYear {
				return point{kind: ptDay, y: yr, m: m, d: d, j: j + 1}, true
			}
		}
		return point{}, false
	case 2:
		a, b := parts[0], parts[1]
		if !isDash(seps[0]) && seps[0] != '/' {
			return point{}, false
		}
		if len(a) == 4 && (len(b) == 4 || len(b) == 2) && (t.suffix == "" || t.suffix == "s") {
			y1, y2 := atoi(a), atoi(b)
			if len(b) == 2 {
				y2 += y1 - y1%100
			}
			if y1 < minYear || y1 > maxYear {
				return point{}, false
			}
			if y2 > y1 && y2-y1 <= 100 {
				if t.suffix == "s" { // 1980-90s: not handled
					return point{}, false
				}
				return point{kind: ptSpan, y: y1, y2: y2, j: j + 1}, true
			}
			if len(b) == 2 && isDash(seps[0]) && y2 <= y1 && atoi(b) >= 1 && atoi(b) <= 12 && t.suffix == "" { // 2023-01
				return point{kind: ptMonth, y: y1, m: atoi(b), j: j + 1}, true
			}
			return point{}, false
		}
		if x, y, ok := dayDash(t.digits); ok && t.suffix == "" {
			// 3-5 March 2023
			if pt, ok := s.monthAfterDay(j+1, y); ok && pt.m != 0 {
				return point{kind: ptSpan, d: x, m: pt.m, y: pt.y, d2: y, m2: pt.m, y2: pt.y, j: pt.j}, true
			}
		}
	}
	return point{}, false
}

// dayDash reads "3-5", two day numbers joined by a dash, the first before
// the second.
func dayDash(digits string) (int, int, bool) {
	for i, r := range digits {
		if !isDash(r) {
			continue
		}
		a, b := digits[:i], digits[i+utf8.RuneLen(r):]
		if len(a) == 0 || len(a) > 2 || len(b) == 0 || len(b) > 2 || !allDigits(a) || !allDigits(b) {
			return 0, 0, false
		}
		x, y := int(a[0]-'0'), int(b[0]-'0')
		if len(a) == 2 {
			x = x*10 + int(a[1]-'0')
		}
		if len(b) == 2 {
			y = y*10 + int(b[1]-'0')
		}
		if x < 1 || y > 31 || x >= y {
			return 0, 0, false
		}
		return x, y, true
	}
	return 0, 0, false
}

// dashWordAt reads a word with a dash at token j: "mid-2019",
// "mid-January", "mid-1990s", "January–March".
func (s *scanner) dashWordAt(j int) (point, bool) {
	t := &s.t[j]
	i := strings.IndexFunc(t.text, isDash)
	_, n := utf8.DecodeRuneInString(t.text[i:])
	a, b := t.text[:i], t.text[i+n:]
	if strings.ContainsFunc(b, isDash) {
		return point{}, false
	}
	if equalFoldASCII(a, "mid") || equalFoldASCII(a, "early") || equalFoldASCII(a, "late") {
		if (len(b) == 4 || len(b) == 5 && b[4] == 's') && allDigits(b[:4]) {
			y := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
			if y < minYear || y > maxYear {
				return point{}, false
			}
			if len(b) == 5 {
				if y%10 != 0 {
					return point{}, false
				}
				return point{kind: ptDecade, y: y, j: j + 1}, true
			}
			return point{kind: ptYear, y: y, j: j + 1}, true
		}
		mw, ok := months[toLower(b)]
		if !ok || mw.use != useFull {
			return point{}, false
		}
		pt := point{kind: ptMonth, m: mw.month, j: j + 1}
		if y, ok := s.yearAt(j+1, false); ok {
			pt.y, pt.j = y, j+2
		}
		return pt, true
	}
	ma, oka := months[toLower(a)]
	mb, okb := months[toLower(b)]
	if !oka || !okb || ma.use == useWeak || mb.use == useWeak || ma.month == mb.month {
		return point{}, false
	}
	pt := point{kind: ptSpan, m: ma.month, m2: mb.month, j: j + 1}
	k := j + 1
	if k < len(s.t) && s.t[k].isWord("of", "de") {
		k++
	}
	if y, ok := s.yearAt(k, false); ok {
		pt.y, pt.y2, pt.j = y, y, k+1
		if ma.month > mb.month {
			pt.y--
		}
	}
	return pt, true
}

// seasonWord reads a season's name.
func seasonWord(t *token) (int, bool) {
	switch {
	case t.isWord("spring"):
		return spring, true
	case t.isWord("summer"):
		return summer, true
	case t.isWord("autumn"), t.isWord("fall"):
		return autumn, true
	case t.isWord("winter"):
		return winter, true
	}
	return 0, false
}

// holidayAt reads a holiday on a fixed day, with or without its year:
// "Christmas Day", "Christmas Eve", "New Year's Day", "New Year's Eve".
func (s *scanner) holidayAt(j int) (point, bool) {
	pt := point{kind: ptDay}
	switch {
	case s.t[j].isWord("christmas") && j+1 < len(s.t) && s.t[j+1].isWord("day", "eve"):
		pt.m, pt.d, pt.j = 12, 25, j+2
		if s.t[j+1].isWord("eve") {
			pt.d = 24
		}
	case s.t[j].isWord("new") && j+2 < len(s.t) && s.t[j+1].isWord("year's", "year’s") && s.t[j+2].isWord("day", "eve"):
		pt.m, pt.d, pt.j = 1, 1, j+3
		if s.t[j+2].isWord("eve") {
			pt.m, pt.d = 12, 31
		}
	default:
		return point{}, false
	}
	if !s.t[j].capitalised() {
		return point{}, false
	}
	if y, ok := s.yearAt(pt.j, false); ok {
		pt.y, pt.j = y, pt.j+1
	}
	return pt, true
}
