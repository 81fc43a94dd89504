package search

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Query is a parsed search query. Everything in it must hold for a
// document to match (AND); an empty Query matches every document.
type Query struct {
	// Terms are normalised words matched fuzzily (exact, prefix, typo,
	// abbreviation).
	Terms []string
	// Phrases are quoted word sequences that must occur exactly, adjacent
	// and in order, in one field (a quoted single word matches exactly).
	Phrases [][]string
	// Exclude lists negated words and phrases (-word, -"a phrase"): a
	// document containing one of them exactly does not match.
	Exclude [][]string
	// Filters are the operators (tag:, color:, in:, …).
	Filters []Filter
}

// Filter is one operator of a query, such as tag:Sahel or -is:orphan.
type Filter struct {
	Op     string // "tag", "color", "in", "by", "outlet", "creator", "has", "is", "after" or "before"
	Value  string // as written, without quotes
	Negate bool   // written with a leading "-"

	norm string   // tag: normalised path; color:, has:, is: normalised value
	ws   []string // in:, by:, outlet: normalised words
	day  int64    // after:, before: days since 1970-01-01
}

// Limits that keep a pasted essay from stalling the search.
const (
	maxQueryWords   = 32
	maxQueryFilters = 32
)

// Operators lists the query operators, for help texts.
var Operators = []string{"tag", "color", "in", "by", "outlet", "creator", "has", "is", "after", "before"}

var operatorAlias = map[string]string{"colour": "color", "title": "in", "author": "by", "site": "outlet"}

// IsEmpty reports whether q has no words, phrases, exclusions or filters.
func (q Query) IsEmpty() bool {
	return len(q.Terms) == 0 && len(q.Phrases) == 0 && len(q.Exclude) == 0 && len(q.Filters) == 0
}

// hasText reports whether q has words or phrases that select documents.
func (q Query) hasText() bool { return len(q.Terms) > 0 || len(q.Phrases) > 0 }

// ErrQueryTooLong is returned (wrapped) for queries with too many words or
// operators.
var ErrQueryTooLong = errors.New("query too long")

var smartQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`,
	"\u00ab", `"`, "\u00bb", `"`, "\uff02", `"`)

// ParseQuery parses a search query:
//
//	word             fuzzy word (typos, prefixes and abbreviations forgiven)
//	"exact phrase"   exact words, adjacent and in order
//	-word -"phrase"  must not occur
//	tag:Sahel        tagged Sahel or Sahel/…; tag:"Russia–Africa ties"
//	color:red        highlight colour
//	in:word          the article's title contains the word
//	by:word          the byline or the outlet contains the word
//	outlet:word      the outlet contains the word
//	has:note has:tag is:orphan is:highlight is:article
//	after:2023-01-01 before:2023-03   article published on or after / before
//
// Any operator can be negated (-tag:Sahel). Unbalanced quotes run to the
// end of the query and invalid UTF-8 is read as spaces. Unknown operators,
// missing values, bad dates and over-long queries are errors that say what
// is wrong.
func ParseQuery(q string) (Query, error) {
	var out Query
	s := smartQuotes.Replace(strings.ToValidUTF8(q, " "))
	nwords := 0
	addWords := func(ws []string) {
		nwords += len(ws)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		neg := false
		if s[i] == '-' {
			neg = true
			i++
			if i == len(s) {
				break
			}
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				continue
			}
		}
		if s[i] == '"' {
			var text string
			text, i = quoted(s, i)
			ws := words(text)
			if len(ws) == 0 {
				continue
			}
			addWords(ws)
			if neg {
				out.Exclude = append(out.Exclude, ws)
			} else {
				out.Phrases = append(out.Phrases, ws)
			}
			continue
		}
		if op, j := operator(s, i); op != "" {
			var value string
			if j < len(s) && s[j] == '"' {
				value, i = quoted(s, j)
			} else {
				i = wordEnd(s, j)
				value = s[j:i]
			}
			f, err := newFilter(op, value, neg)
			if err != nil {
				return Query{}, err
			}
			out.Filters = append(out.Filters, f)
			continue
		}
		j := wordEnd(s, i)
		ws := words(s[i:j])
		i = j
		if len(ws) == 0 {
			continue
		}
		addWords(ws)
		if neg {
			// -Russia-Africa excludes the pair as a phrase, not each word.
			out.Exclude = append(out.Exclude, ws)
		} else {
			out.Terms = append(out.Terms, ws...)
		}
	}
	if nwords > maxQueryWords {
		return Query{}, fmt.Errorf("%w: %d words, at most %d are searched", ErrQueryTooLong, nwords, maxQueryWords)
	}
	if len(out.Filters) > maxQueryFilters {
		return Query{}, fmt.Errorf("%w: %d operators, at most %d", ErrQueryTooLong, len(out.Filters), maxQueryFilters)
	}
	return out, nil
}

// quoted returns the text between the quote at s[i] and the next quote (or
// the end of s) and the index after the closing quote.
func quoted(s string, i int) (string, int) {
	rest := s[i+1:]
	if j := strings.IndexByte(rest, '"'); j >= 0 {
		return rest[:j], i + 1 + j + 1
	}
	return rest, len(s)
}

// wordEnd returns the index of the first space or quote at or after i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '"' {
			break
		}
		i += size
	}
	return i
}

// operator recognises "name:" at s[i]; it returns the lower-cased name and
// the index after the colon, or "" when s[i:] does not start with
// letters and a colon.
func operator(s string, i int) (string, int) {
	j := i
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z') {
		j++
	}
	if j == i || j >= len(s) || s[j] != ':' {
		return "", i
	}
	return strings.ToLower(s[i:j]), j + 1
}

func newFilter(op, value string, neg bool) (Filter, error) {
	if a, ok := operatorAlias[op]; ok {
		op = a
	}
	f := Filter{Op: op, Value: value, Negate: neg}
	known := false
	for _, o := range Operators {
		known = known || o == op
	}
	if !known {
		return Filter{}, fmt.Errorf("unknown operator %q: use one of %s: (or put the text in quotes to search for it)",
			op+":", strings.Join(Operators, ":, "))
	}
	if strings.TrimSpace(value) == "" {
		return Filter{}, fmt.Errorf("operator %s: needs a value, as in %s", op, example[op])
	}
	switch op {
	case "tag":
		f.norm = normTag(value)
		if f.norm == "" {
			return Filter{}, fmt.Errorf("tag:%s: no letters or digits in the tag name", value)
		}
	case "color":
		f.norm = strings.Join(words(value), " ")
		if f.norm == "" {
			return Filter{}, fmt.Errorf("color:%s: not a colour name", value)
		}
	case "in", "by", "outlet", "creator":
		f.ws = words(value)
		if len(f.ws) == 0 {
			return Filter{}, fmt.Errorf("%s:%s: no letters or digits to look for", op, value)
		}
		if len(f.ws) > maxQueryWords {
			return Filter{}, fmt.Errorf("%w: %s: has %d words, at most %d", ErrQueryTooLong, op, len(f.ws), maxQueryWords)
		}
	case "has":
		f.norm = strings.ToLower(value)
		switch f.norm {
		case "note", "tag", "tags":
		default:
			return Filter{}, fmt.Errorf("has:%s: unknown; use has:note or has:tag", value)
		}
	case "is":
		f.norm = strings.ToLower(value)
		switch f.norm {
		case "orphan", "orphaned", "highlight", "annotation", "article":
		default:
			return Filter{}, fmt.Errorf("is:%s: unknown; use is:orphan, is:highlight or is:article", value)
		}
	case "after", "before":
		d, err := parseDay(value)
		if err != nil {
			return Filter{}, fmt.Errorf("%s:%s: %w", op, value, err)
		}
		f.day = d
	}
	return f, nil
}

var example = map[string]string{
	"tag": "tag:Sahel", "color": "color:red", "in": "in:Mali", "by": "by:Mugabi", "outlet": "outlet:DW", "creator": "creator:amara",
	"has": "has:note", "is": "is:orphan", "after": "after:2023-01-01", "before": "before:2023-03",
}

// parseDay reads YYYY, YYYY-MM or YYYY-MM-DD as the first day of that
// period, in days since 1970-01-01.
func parseDay(s string) (int64, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Unix() / 86400, nil
		}
	}
	return 0, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// dayOf returns the calendar date of t (in its own location) in days since
// 1970-01-01.
func dayOf(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
