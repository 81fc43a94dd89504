package export

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// author is one name from a byline: a person (given and family names) or,
// when the name does not look like a person's, an organisation kept as
// written.
type author struct {
	given, family string
	org           string
}

// name is the author in natural order ("Isaac Mugabi", "Reuters").
func (a author) name() string {
	if a.org != "" {
		return a.org
	}
	return strings.TrimSpace(a.given + " " + a.family)
}

// inverted is the name family first ("Mugabi, Isaac").
func (a author) inverted() string {
	if a.org != "" || a.given == "" {
		return a.name()
	}
	return a.family + ", " + a.given
}

// initials is the APA form ("Mugabi, I.", "Dupont, J.-C.").
func (a author) initials() string {
	if a.org != "" || a.given == "" {
		return a.name()
	}
	var parts []string
	for _, w := range strings.Fields(a.given) {
		var hy []string
		for _, h := range strings.Split(w, "-") {
			if r, _ := utf8.DecodeRuneInString(h); r != utf8.RuneError {
				hy = append(hy, string(r)+".")
			}
		}
		parts = append(parts, strings.Join(hy, "-"))
	}
	return a.family + ", " + strings.Join(parts, " ")
}

var (
	parenthetical = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)
	bylinePrefix  = regexp.MustCompile(`(?i)^\s*(by|written by|von|par)\s+`)
	authorSplit   = regexp.MustCompile(`\s*(?:;|,|&|\band\b|\|)\s*`)
)

// particles are lower-case name parts that belong to the family name.
var particles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "del": true,
	"della": true, "di": true, "du": true, "dos": true, "das": true, "la": true, "le": true,
	"bin": true, "ibn": true, "al": true, "el": true, "ter": true, "ten": true,
}

// orgWords are words that mark a byline name as an organisation's.
var orgWords = map[string]bool{
	"press": true, "presse": true, "agency": true, "agence": true, "news": true, "staff": true,
	"desk": true, "team": true, "editors": true, "editorial": true, "service": true, "bureau": true,
	"correspondent": true, "correspondents": true, "reporters": true, "wire": true, "online": true,
}

// parseAuthors splits a byline as printed ("By Isaac Mugabi (with Reuters
// and AP)") into authors. Parenthesised credits are dropped; names are
// split on commas, semicolons, "and" and "&".
func parseAuthors(byline string) []author {
	s := parenthetical.ReplaceAllString(byline, " ")
	s = bylinePrefix.ReplaceAllString(s, "")
	var out []author
	for _, part := range authorSplit.Split(s, -1) {
		part = strings.Join(strings.Fields(part), " ")
		if part == "" {
			continue
		}
		out = append(out, personOrOrg(part))
	}
	return out
}

// personOrOrg reads "Isaac Mugabi" as a person and "DW staff", "Agence
// France-Presse" or "Reuters" as an organisation: a person's name has two
// to five words, each capitalised except for family-name particles, no
// digits and no word such as "Press" or "Staff".
func personOrOrg(name string) author {
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 5 {
		return author{org: name}
	}
	for i, w := range words {
		for _, part := range strings.Split(strings.ToLower(w), "-") {
			if orgWords[part] {
				return author{org: name}
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		if strings.ContainsFunc(w, unicode.IsDigit) || !unicode.IsUpper(r) && !(particles[w] && i > 0 && i < len(words)-1) {
			return author{org: name}
		}
	}
	f := len(words) - 1
	for f > 1 && particles[strings.ToLower(words[f-1])] {
		f--
	}
	return author{given: strings.Join(words[:f], " "), family: strings.Join(words[f:], " ")}
}

// joinNames joins names as "A", "A and B", "A, B, and C" (serial comma),
// with conj in place of "and".
func joinNames(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " " + conj + " " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", " + conj + " " + names[len(names)-1]
}
