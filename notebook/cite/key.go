package cite

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-unidecode"
)

// Limits on the parts of a citation key.
const (
	maxKeyName  = 20  // letters kept from the name part
	maxKeyWord  = 20  // letters kept from the title word
	maxKeyInput = 500 // bytes of a title or outlet looked at
)

// MaxKeyLen is the longest key ValidKey accepts.
const MaxKeyLen = 128

// stopWords are title words too common to make a key (English, French,
// German, Spanish, Italian, Portuguese), compared after folding.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for from by with as is are was
		were be been it its this that these those into onto over under about after before between
		than then so if not no yes how why what when where who whom which while
		le la les l un une des du de d et ou au aux en dans sur pour par avec sans est sont ce cette ces qui que quoi
		der die das den dem des ein eine einer eines einem einen und oder im ins am zum zur vom von mit fur fuer auf aus bei nach uber ist sind
		el los las lo un una unos unas y o del al con sin por para sobre es son que como
		il lo gli i una uno e o di da nel nella con per su che
		os as um uma uns umas e ou do da dos das no na nos nas em por com sem que`) {
		stopWords[w] = true
	}
}

// fold turns text into lower-case ASCII letters and digits:
// "García-López" → "garcialopez", "王" → "wang", "Иванов" → "ivanov".
func fold(s string, limit int) string {
	if len(s) > maxKeyInput {
		s = s[:maxKeyInput]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	var b strings.Builder
	for _, c := range strings.ToLower(unidecode.Unidecode(s)) {
		if b.Len() >= limit {
			break
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// KeyBase makes a citation key before it is made unique: the first
// author's family name (read from the byline with Authors), the year and
// the first significant word of the title, folded to lower-case ASCII
// ("lindqvist2023russia"). Without a person in the byline the name part is
// the first significant word of the organisation credited, else of the
// outlet ("reuters2024grain", "harbourferry"), else "anon"; a year outside
// 1–9999 (0: unknown) is left out. The result always satisfies ValidKey
// and is at most 44 bytes long.
func KeyBase(byline, outlet, title string, year int) string {
	return KeyBaseNames(Authors(byline), outlet, title, year)
}

// KeyBaseNames is KeyBase for a byline already read with Authors.
func KeyBaseNames(names []Name, outlet, title string, year int) string {
	name := ""
	for _, au := range names {
		if au.Literal == "" {
			name = fold(au.Family, maxKeyName)
		} else {
			name = firstWord(au.Literal, maxKeyName)
		}
		if name != "" {
			break
		}
	}
	if name == "" {
		name = firstWord(outlet, maxKeyName)
	}
	if name == "" {
		name = "anon"
	}
	y := ""
	if year > 0 && year <= 9999 {
		y = strconv.Itoa(year)
	}
	return name + y + firstWord(title, maxKeyWord)
}

// firstWord is the first word of s that is not a stop word nor a number,
// folded. Text in other scripts is transliterated first, so that a
// Chinese title gives its first syllable.
func firstWord(s string, limit int) string {
	if len(s) > maxKeyInput {
		s = s[:maxKeyInput]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	words := strings.FieldsFunc(unidecode.Unidecode(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '\'' || r == '/' || r == '\t' || r == '\n' || r == '\r'
	})
	for _, w := range words {
		f := fold(w, limit)
		if f == "" || stopWords[f] || strings.Trim(f, "0123456789") == "" {
			continue
		}
		return f
	}
	return ""
}

// maxKeyTries is how many suffixes UniqueKey tries (26 + 26² + 26³ +
// 26⁴, every suffix of up to four letters).
const maxKeyTries = 26 + 26*26 + 26*26*26 + 26*26*26*26

// UniqueKey returns base if taken says it is free, else the first
// free one of base+"a" … base+"z", base+"aa" … base+"zz", and so on. An
// empty base is "anon". After every suffix of up to four letters it stops
// asking and returns base with the number of tries appended.
func UniqueKey(base string, taken func(string) bool) string {
	if base == "" {
		base = "anon"
	}
	k, _ := uniqueFrom(base, 0, taken)
	return k
}

// uniqueFrom is UniqueKey starting at the n-th candidate (0: base
// itself, 1: base+"a", …); it also returns the candidate's number.
func uniqueFrom(base string, n int, taken func(string) bool) (string, int) {
	if base == "" {
		base = "anon"
	}
	if n == 0 {
		if !taken(base) {
			return base, 0
		}
		n = 1
	}
	for ; n <= maxKeyTries; n++ {
		if k := base + letters(n); !taken(k) {
			return k, n
		}
	}
	return base + strconv.Itoa(maxKeyTries+1), maxKeyTries + 1
}

// KeySet hands out unique citation keys in bulk (a notebook's existing
// keys, then one per new article), compared without case as BibTeX does.
// Unlike calling UniqueKey for each article, it remembers where each
// base's suffixes stopped, so that ten thousand "reuters2024grain"s cost
// no more than ten thousand different keys. The zero value is empty and
// ready to use.
type KeySet struct {
	taken map[string]bool
	next  map[string]int // base → the next suffix number to try
}

// Add records a key as taken and reports whether it was free.
func (s *KeySet) Add(key string) bool {
	if s.taken == nil {
		s.taken, s.next = map[string]bool{}, map[string]int{}
	}
	k := strings.ToLower(key)
	if s.taken[k] {
		return false
	}
	s.taken[k] = true
	return true
}

// Has reports whether a key is taken.
func (s *KeySet) Has(key string) bool { return s.taken[strings.ToLower(key)] }

// Unique returns the first free key for base (as UniqueKey would) and
// takes it.
func (s *KeySet) Unique(base string) string {
	if s.taken == nil {
		s.taken, s.next = map[string]bool{}, map[string]int{}
	}
	lb := strings.ToLower(base)
	k, n := uniqueFrom(base, s.next[lb], s.Has)
	s.next[lb] = n + 1
	s.Add(k)
	return k
}

// letters is n (≥ 1) in bijective base 26: 1 → "a", 26 → "z", 27 → "aa".
func letters(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append(b, byte('a'+n%26))
		n /= 26
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// ValidKey reports whether a citation key can be written in every
// format Gloss exports and cited from pandoc Markdown: 1 to 128 ASCII
// letters, digits and "_", with "-", ":", ".", "+" and "/" inside (not at
// the end), starting with a letter, digit or "_".
func ValidKey(key string) bool {
	if key == "" || len(key) > MaxKeyLen {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
		inner := strings.IndexByte("-:.+/", c) >= 0
		if !alnum && !(inner && i > 0 && i < len(key)-1) {
			return false
		}
	}
	return true
}
