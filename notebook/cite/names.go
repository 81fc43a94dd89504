package cite

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is one author read from a byline: a person (Family and Given names,
// and a Suffix such as "Jr."), or, when the credit is not a person's, an
// organisation kept as written in Literal ("Reuters", "DW staff").
type Name struct {
	Family, Given, Suffix string
	Literal               string
}

// Authors reads the authors from a byline as printed ("By Anna Keller and
// Jon Ruiz, with Reuters and AP"). A byline names people, agencies, or
// both; agencies and outlets count as authors only when no person is
// named. Credits in parentheses or after "with" or "additional reporting
// by" are dropped when the byline names someone else; generic credits
// ("Staff and agencies", "our correspondent") give no name at all, for the
// caller to fall back on the outlet. Role descriptions ("Africa
// correspondent") and places ("in Bamako") are dropped. Names in scripts
// without spaces between family and given names (Chinese, Japanese,
// Korean) are split after the family name, the first character (or two
// for a known two-character surname or a four-character name).
func Authors(byline string) []Name {
	return parseAuthors(byline)
}

// Display is the name in natural order ("Amara Lindqvist", "王小明",
// "Reuters"): given names first, except in Chinese, Japanese and Korean.
func (a Name) Display() string {
	if a.Literal != "" {
		return a.Literal
	}
	var s string
	if isCJK(a.Family) {
		s = a.Family + a.Given
	} else {
		s = strings.TrimSpace(a.Given + " " + a.Family)
	}
	if a.Suffix != "" {
		s += " " + a.Suffix
	}
	return s
}

// Inverted is the name family first, as bibliographies sort it
// ("Lindqvist, Amara", "van der Berg, Jean-Claude"); an organisation and a
// CJK name are as Display gives them.
func (a Name) Inverted() string {
	if a.Literal != "" || a.Given == "" || isCJK(a.Family) {
		return a.Display()
	}
	s := a.Family + ", " + a.Given
	if a.Suffix != "" {
		s += ", " + a.Suffix
	}
	return s
}

// Initials is the APA form, family name and initials ("Lindqvist, A.",
// "Dupont, J.-C."); an organisation and a CJK name are as Display gives
// them.
func (a Name) Initials() string {
	if a.Literal != "" || a.Given == "" || isCJK(a.Family) {
		return a.Display()
	}
	var parts []string
	for _, w := range strings.Fields(a.Given) {
		var hy []string
		for _, h := range strings.Split(w, "-") {
			if r, _ := utf8.DecodeRuneInString(h); r != utf8.RuneError {
				hy = append(hy, string(r)+".")
			}
		}
		parts = append(parts, strings.Join(hy, "-"))
	}
	s := a.Family + ", " + strings.Join(parts, " ")
	if a.Suffix != "" {
		s += ", " + a.Suffix
	}
	return s
}

// maxByline is the longest byline read (the rest is ignored), and
// maxAuthors the most names kept.
const (
	maxByline  = 2000
	maxAuthors = 100
)

var (
	parenthetical = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
	bylinePrefix  = regexp.MustCompile(`(?i)^\s*(?:by|written by|words by|text by|reported by|von|par|por|door)[:\s]\s*`)
	// creditClause starts the credits that follow the authors: ", with
	// Reuters and AP", "; additional reporting by …".
	creditClause = regexp.MustCompile(`(?i)(?:[,;.]?\s+|^)(?:with\s+(?:additional\s+)?(?:reporting\s+(?:by|from)\s+)?|(?:additional\s+)?reporting\s+(?:by|from)\s+|contributing:?\s+|mit\s+|avec\s+)`)
	placeSuffix  = regexp.MustCompile(`\s+(?:in|aus|à|en)\s+\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*)*$`)
)

// particles are lower-case name parts that belong to the family name.
var particles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "del": true,
	"della": true, "di": true, "du": true, "dos": true, "das": true, "la": true, "le": true,
	"bin": true, "ibn": true, "al": true, "el": true, "ter": true, "ten": true,
}

// suffixes end a person's name without being the family name.
var suffixes = map[string]bool{"jr.": true, "jr": true, "sr.": true, "sr": true, "ii": true, "iii": true, "iv": true}

// orgWords are words that mark a byline name as an organisation's.
var orgWords = map[string]bool{
	"press": true, "presse": true, "agency": true, "agence": true, "news": true, "staff": true,
	"desk": true, "team": true, "editors": true, "editorial": true, "service": true, "bureau": true,
	"wire": true, "online": true, "media": true, "newsroom": true, "redaktion": true, "rédaction": true,
	"times": true, "journal": true, "gazette": true, "herald": true, "tribune": true, "daily": true,
	"weekly": true, "magazine": true, "radio": true, "tv": true, "television": true, "network": true,
	"channel": true, "institute": true, "university": true, "ministry": true, "foundation": true,
	"review": true, "monitor": true, "observer": true, "telegraph": true, "chronicle": true, "bulletin": true,
}

// articleWords start an organisation's name, never a person's ("The
// Meridian Post", "Die Zeit").
var articleWords = map[string]bool{"the": true, "die": true, "der": true, "das": true, "les": true, "los": true, "las": true}

// roleWords mark a part of a byline as a description of the author
// ("Africa correspondent"), not a name.
var roleWords = map[string]bool{
	"correspondent": true, "correspondents": true, "reporter": true, "reporters": true, "editor": true,
	"writer": true, "columnist": true, "contributor": true, "analyst": true, "photographer": true,
	"producer": true, "korrespondent": true, "korrespondentin": true, "envoyé": true, "envoyée": true,
	"корреспондент": true, "корреспондентка": true, "редактор": true, "обозреватель": true,
}

// generic are credits that name nobody ("Staff and agencies" splits into
// two of them).
var generic = map[string]bool{
	"staff": true, "agencies": true, "agency": true, "wires": true, "wire services": true,
	"news agencies": true, "news wires": true, "staff writer": true, "staff writers": true,
	"staff reporter": true, "our correspondent": true, "our correspondents": true, "our reporter": true,
	"a correspondent": true, "special correspondent": true, "agences": true, "agenturen": true,
	"anonymous": true, "unknown": true, "n/a": true,
}

// agencies are news agencies and wire services named alone ("Reuters",
// "AFP"): organisations even though some look like a person's name.
var agencies = map[string]bool{
	"reuters": true, "ap": true, "afp": true, "dpa": true, "efe": true, "ansa": true, "xinhua": true,
	"tass": true, "kyodo": true, "bloomberg": true, "upi": true, "pa": true, "anadolu": true,
	"kna": true, "epd": true, "yonhap": true, "pti": true, "ians": true, "apa": true, "lusa": true,
	"interfax": true, "bernama": true, "associated press": true, "agence france-presse": true,
	"agence france presse": true, "press association": true, "pa media": true, "ria novosti": true,
	"deutsche presse-agentur": true, "europa press": true, "sapa": true, "nan": true,
}

// parseAuthors implements Authors.
func parseAuthors(byline string) []Name {
	s := byline
	if len(s) > maxByline {
		s = s[:maxByline]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	var credits []string
	s = parenthetical.ReplaceAllStringFunc(s, func(m string) string {
		credits = append(credits, m[1:len(m)-1])
		return " "
	})
	s = stripPrefix(strings.TrimSpace(s))
	if hasCreditWord(s) {
		if loc := creditClause.FindStringIndex(s); loc != nil {
			credits = append(credits, s[loc[1]:])
			s = s[:loc[0]]
		}
	}
	people, orgs := splitNames(s)
	if len(people) > 0 {
		return people
	}
	if len(orgs) > 0 {
		return orgs
	}
	for _, c := range credits {
		c = stripPrefix(creditClause.ReplaceAllString(strings.TrimSpace(c), ""))
		p, o := splitNames(c)
		people, orgs = append(people, p...), append(orgs, o...)
	}
	if len(people) > 0 {
		return people
	}
	return orgs
}

// creditWords start a credit clause (see creditClause); a byline without
// any of them skips the regular expression.
var creditWords = []string{"with", "reporting", "contributing", "mit ", "avec "}

func hasCreditWord(s string) bool {
	low := strings.ToLower(s)
	for _, w := range creditWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// prefixWords start a byline ("By …", see bylinePrefix).
var prefixWords = []string{"by", "written", "words", "text", "reported", "von", "par", "por", "door"}

// stripPrefix removes "By", "Von", "Par" … from the start of s.
func stripPrefix(s string) string {
	low := strings.ToLower(s)
	for _, w := range prefixWords {
		if strings.HasPrefix(low, w) {
			return bylinePrefix.ReplaceAllString(s, "")
		}
	}
	return s
}

// splitNames splits a list of names and sorts them into people and
// organisations, dropping generic credits and role descriptions.
func splitNames(s string) (people, orgs []Name) {
	for _, part := range splitList(s) {
		if len(people)+len(orgs) >= maxAuthors {
			break
		}
		if strings.Contains(part, " in ") || strings.Contains(part, " aus ") || strings.Contains(part, " à ") || strings.Contains(part, " en ") {
			part = placeSuffix.ReplaceAllString(part, "")
		}
		part = strings.Trim(strings.TrimSpace(part), ":-–— ")
		if last := part[strings.LastIndexByte(part, ' ')+1:]; strings.HasSuffix(last, ".") && utf8.RuneCountInString(last) > 4 {
			part = strings.TrimSuffix(part, ".") // a sentence's full stop, not "Jr." or "J."
		}
		part = stripPrefix(part)
		low := strings.ToLower(part)
		if part == "" || generic[low] || isRole(low) {
			continue
		}
		if a := personOrOrg(part); a.Literal != "" {
			orgs = append(orgs, a)
		} else {
			people = append(people, a)
		}
	}
	return people, orgs
}

// splitList splits a list of names at ";", ",", "&", "|", "·", " / "
// and the words "and", "und" and "et".
func splitList(s string) []string {
	var parts []string
	var cur []string
	flush := func() {
		parts = append(parts, strings.Join(cur, " "))
		cur = cur[:0]
	}
	for _, w := range strings.Fields(s) {
		switch w {
		case "and", "und", "et", "&", "|", "·", "/":
			flush()
			continue
		}
		for {
			i := strings.IndexAny(w, ";,&|·")
			if i < 0 {
				break
			}
			if i > 0 {
				cur = append(cur, w[:i])
			}
			flush()
			_, size := utf8.DecodeRuneInString(w[i:])
			w = w[i+size:]
		}
		if w != "" {
			cur = append(cur, w)
		}
	}
	flush()
	return parts
}

// isRole reports whether a lower-cased part describes a role.
func isRole(low string) bool {
	for _, w := range strings.Fields(low) {
		if roleWords[w] {
			return true
		}
	}
	return false
}

// personOrOrg reads "Amara Lindqvist" as a person and "DW staff", "Agence
// France-Presse" or "Reuters" as an organisation: a person's name has two
// to five words, each capitalised (or in a script without case) except for
// family-name particles, no digits and no word such as "Press" or "Staff";
// a one-word name in Chinese, Japanese or Korean characters is a person's
// too.
func personOrOrg(name string) Name {
	if agencies[strings.ToLower(name)] {
		return Name{Literal: name}
	}
	words := strings.Fields(name)
	if len(words) == 1 && isCJK(name) {
		return splitCJK(name)
	}
	if len(words) < 2 || len(words) > 6 {
		return Name{Literal: name}
	}
	var suffix string
	if suffixes[strings.ToLower(words[len(words)-1])] && len(words) > 2 {
		suffix, words = words[len(words)-1], words[:len(words)-1]
	}
	if len(words) > 5 || articleWords[strings.ToLower(words[0])] {
		return Name{Literal: name}
	}
	for i, w := range words {
		for _, part := range strings.Split(strings.ToLower(w), "-") {
			if orgWords[part] {
				return Name{Literal: name}
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		caseless := unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r)
		if strings.ContainsFunc(w, unicode.IsDigit) || !unicode.IsUpper(r) && !caseless && !(particles[w] && i > 0 && i < len(words)-1) {
			return Name{Literal: name}
		}
	}
	if isCJK(words[0]) { // family name first: "王 小明"
		return Name{Family: words[0], Given: strings.Join(words[1:], " "), Suffix: suffix}
	}
	f := len(words) - 1
	for f > 1 && particles[strings.ToLower(words[f-1])] {
		f--
	}
	return Name{Given: strings.Join(words[:f], " "), Family: strings.Join(words[f:], " "), Suffix: suffix}
}

// cjkSurnames are two-character Chinese family names.
var cjkSurnames = map[string]bool{
	"欧阳": true, "司马": true, "诸葛": true, "上官": true, "司徒": true, "东方": true, "皇甫": true,
	"令狐": true, "慕容": true, "尉迟": true, "公孙": true, "夏侯": true, "长孙": true, "宇文": true,
	"歐陽": true, "司馬": true, "諸葛": true, "東方": true, "長孫": true,
}

// isCJK reports whether s starts with a Han, Hiragana, Katakana or Hangul
// character.
func isCJK(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// splitCJK splits a name written without a space, family name first.
func splitCJK(name string) Name {
	runes := []rune(name)
	if len(runes) < 2 || len(runes) > 5 {
		return Name{Literal: name}
	}
	f := 1
	if cjkSurnames[string(runes[:2])] || len(runes) == 4 && unicode.Is(unicode.Han, runes[0]) {
		f = 2
	}
	return Name{Family: string(runes[:f]), Given: string(runes[f:])}
}
