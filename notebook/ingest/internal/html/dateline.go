package html

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pages repeat their metadata inside the text: bylines, datelines and
// timestamps ("Nov. 20, 2019, 9:28 AM UTC", "Associated Press - January
// 11, 2008 4:13 PM ET", "Published 4:00 am CST, Wednesday…", "Tom Ellis in
// Rio de Janeiro / Thursday January 10, 2008 / The Courier"). They belong
// in the metadata, which Gloss reads from the markup, not in the body. A
// metadata line is recognised by its form, in any language: it holds a
// date, a time of day or a "3 hours ago", and what is left once those,
// the labels ("Published", "Updated", "By", "Stand") and separators are
// taken away is a few words that are all names (capitalised), or nothing.

// metaLineMaxWords is the longest line taken for a metadata line.
const metaLineMaxWords = 24

// metaLineMaxRest is the most words a metadata line may hold besides its
// date, time and labels (an agency, a reporter's name and place).
const metaLineMaxRest = 8

var (
	// metaLineTime matches a time of day: "4:13 PM", "14:25:06 GMT",
	// "10.15 Uhr", "9h30", "7:40am".
	metaLineTime = regexp.MustCompile(`(?i)(?:^|[^\d])\d{1,2}(?::\d{2}(?::\d{2})?|[.h]\d{2}\s*(?:uhr|h\b|[ap]\.?m\b))\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?\b(?:[a-z]{1,4}t|utc|gmt|cet|cest|mez|mesz|[+-]\d{2}:?\d{2})\b\)?)?`)
	// metaLineAgo matches a relative time: "3 days ago", "vor 2 Stunden",
	// "il y a 5 minutes", "hace 3 horas".
	metaLineAgo = regexp.MustCompile(`(?i)\b\d{1,3}\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+ago\b|\bvor\s+\d{1,3}\s+(?:sekunden|minuten|stunden|tagen|wochen)\b|\bil y a\s+\d{1,3}\s+(?:secondes?|minutes?|heures?|jours?)\b|\bhace\s+\d{1,3}\s+(?:segundos?|minutos?|horas?|días?)\b`)
	// metaLineLabel matches the labels of a metadata line, in the main
	// languages of the press, and the weekday names around its date.
	metaLineLabel = regexp.MustCompile(`(?i)^(?:` +
		`by|posted|published|updated|last|modified|filed|first|created|on|at|in|from|and|` +
		`von|am|um|veröffentlicht|aktualisiert|zuletzt|stand|erstellt|` +
		`par|le|publié|mis|à|jour|modifié|` +
		`por|el|publicado|actualizado|` +
		`di|il|pubblicato|aggiornato|alle|ore|` +
		`door|op|gepubliceerd|bijgewerkt|` +
		`mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|` +
		`montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|` +
		`lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|` +
		`lunes|martes|miércoles|jueves|viernes|sábado|domingo|` +
		`lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica` +
		`)$`)
	// metaLineSmall are the lower-case words a name may hold ("Rio de
	// Janeiro", "Ludwig van Beethoven", "Staff and agencies").
	metaLineSmall = map[string]bool{"de": true, "da": true, "do": true, "dos": true, "del": true, "della": true, "di": true,
		"van": true, "von": true, "der": true, "den": true, "du": true, "des": true, "la": true, "le": true, "of": true,
		"the": true, "and": true, "y": true, "e": true, "et": true, "und": true, "agencies": true, "staff": true, "in": true}
)

// metaLineDate reports whether a line holds a date, a time of day or a
// relative time, and returns the line with them blanked out.
func metaLineDate(line string) (string, bool) {
	if !strings.ContainsAny(line, "0123456789") {
		return line, false // every date, time and "3 days ago" has a digit
	}
	found := false
	if ds := visibleDates(line); len(ds) > 0 {
		found = true
		var b strings.Builder
		prev := 0
		for _, d := range ds {
			b.WriteString(line[prev:d.start])
			b.WriteByte(' ')
			prev = d.end
		}
		b.WriteString(line[prev:])
		line = b.String()
	}
	for _, re := range []*regexp.Regexp{metaLineTime, metaLineAgo} {
		if re.MatchString(line) {
			found = true
			line = re.ReplaceAllString(line, " ")
		}
	}
	// A month and day without a year ("Jan. 10", "10 January").
	words := strings.FieldsFunc(line, metaLineSplit)
	for i, w := range words {
		if visibleMonth(w) == 0 || len(w) < 3 {
			continue
		}
		near := func(j int) bool {
			if j < 0 || j >= len(words) {
				return false
			}
			n := atoi(strings.TrimRight(words[j], "stndrh"))
			return n >= 1 && n <= 31
		}
		if near(i-1) || near(i+1) {
			found = true
			line = strings.Replace(line, w, " ", 1)
		}
	}
	return line, found
}

// metaLineSplit separates the words of a metadata line.
func metaLineSplit(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("|/·•–—-,;:()[]", r)
}

// isMetaLine reports whether one line of text is a metadata line: a
// byline, dateline or timestamp. title is the article's title, which some
// pages repeat beside the date.
func isMetaLine(line, title string) bool {
	if utf8.RuneCountInString(line) > 200 || len(strings.Fields(line)) > metaLineMaxWords {
		return false
	}
	rest, ok := metaLineDate(line)
	if !ok {
		return false
	}
	var left []string
	for _, w := range strings.FieldsFunc(rest, metaLineSplit) {
		w = strings.Trim(w, ".'\"’“”«»")
		if w == "" || metaLineLabel.MatchString(w) || (countAlnum(w) == 0) {
			continue
		}
		left = append(left, w)
	}
	if len(left) == 0 {
		return true
	}
	if title != "" && metaTitleSimilarity(strings.Join(left, " "), title) >= 0.9 {
		return true // the headline repeated beside its date
	}
	if len(left) > metaLineMaxRest {
		return false
	}
	for _, w := range left {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !metaLineSmall[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// dropMetaLines removes the metadata lines of a paragraph and reports
// what is left ("" when it was all metadata).
func dropMetaLines(text, title string) string {
	if !strings.Contains(text, "\n") {
		if isMetaLine(text, title) {
			return ""
		}
		return text
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !isMetaLine(l, title) {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}
