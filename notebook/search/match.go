package search

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Match qualities of a vocabulary word for a query term, best first:
// exact > prefix > typo > abbreviation (subsequence).
const (
	qualityExact  = 1.0
	qualityPrefix = 0.75 // up to 0.9 as the term covers more of the word
	qualityTypo1  = 0.6
	qualityTypo2  = 0.45
	qualitySubseq = 0.2 // up to 0.4 with sahilm/fuzzy's score
)

// maxExpansions caps the words one query term stands for (a one-letter
// prefix would otherwise stand for thousands); the best and most frequent
// are kept.
const maxExpansions = 64

// maxFuzzyRunes is the longest term matched with typos or as an
// abbreviation; longer terms match exactly or as a prefix only.
const maxFuzzyRunes = 64

// expansion is one vocabulary word a query term matches.
type expansion struct {
	term    uint32
	quality float64
}

// typoBudget returns the edit distance allowed for a term of n code points.
func typoBudget(n int) int {
	switch {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// expand matches a normalised query term against the vocabulary. With
// fuzzy false it only matches exactly and by prefix (for filters).
func (v *vocabulary) expand(term string, fuzzyToo bool) []expansion {
	var out []expansion
	if id, ok := v.lookup(term); ok {
		out = append(out, expansion{id, qualityExact})
	}
	n := utf8.RuneCountInString(term)
	if n == 0 {
		return out
	}
	k := 0
	subseq := false
	if fuzzyToo && n <= maxFuzzyRunes {
		k = typoBudget(n)
		subseq = n >= 3
	}
	qsig := signature(term)
	qhead := wordHead(term)
	prefixMask := headMask(len(term))
	_, firstLen := utf8.DecodeRuneInString(term)
	firstMask := headMask(firstLen)
	var qr, wr []rune
	var dl osa
	var abbrev []uint32
	for id, w := range v.words {
		if len(v.post[id]) == 0 || w == term {
			continue
		}
		rl := int(v.rlen[id])
		// The word's first four bytes, kept beside it, settle most prefix
		// tests without reading the word itself.
		head := v.head[id]
		if len(w) > len(term) && (head^qhead)&prefixMask == 0 && (len(term) <= 4 || strings.HasPrefix(w, term)) {
			out = append(out, expansion{uint32(id), qualityPrefix + 0.15*float64(n)/float64(max(rl, n))})
			continue
		}
		wsig := v.sig[id]
		if k > 0 && rl >= n-k && rl <= n+k && bits.OnesCount64(qsig&^wsig) <= k && bits.OnesCount64(wsig&^qsig) <= k {
			if qr == nil {
				qr = []rune(term)
			}
			wr = appendRunes(wr[:0], w)
			if d := dl.distance(qr, wr, k); d <= k {
				q := qualityTypo1
				if d == 2 {
					q = qualityTypo2
				}
				out = append(out, expansion{uint32(id), q})
				continue
			}
		}
		if subseq && rl > n && rl <= 2*n+2 && qsig&^wsig == 0 && (head^qhead)&firstMask == 0 {
			abbrev = append(abbrev, uint32(id))
		}
	}
	if len(abbrev) > 0 {
		for _, m := range fuzzy.FindFromNoSort(term, wordSource{v, abbrev}) {
			s := float64(min(max(m.Score, -20), 40)+20) / 60
			out = append(out, expansion{abbrev[m.Index], qualitySubseq + 0.2*s})
		}
	}
	if len(out) > maxExpansions {
		slices.SortFunc(out, func(a, b expansion) int {
			switch {
			case a.quality > b.quality:
				return -1
			case a.quality < b.quality:
				return 1
			}
			return len(v.post[b.term]) - len(v.post[a.term])
		})
		out = out[:maxExpansions]
	}
	return out
}

// wordHead packs the first four bytes of w (zero padded) into a uint32,
// first byte highest.
func wordHead(w string) uint32 {
	var h uint32
	for i := range 4 {
		h <<= 8
		if i < len(w) {
			h |= uint32(w[i])
		}
	}
	return h
}

// headMask selects the first n (at most 4) bytes of a wordHead.
func headMask(n int) uint32 {
	if n >= 4 {
		return 0xffffffff
	}
	return ^uint32(0) << (8 * (4 - n))
}

// wordSource lets sahilm/fuzzy read a subset of the vocabulary.
type wordSource struct {
	v   *vocabulary
	ids []uint32
}

func (s wordSource) String(i int) string { return s.v.words[s.ids[i]] }
func (s wordSource) Len() int            { return len(s.ids) }

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// osa computes the optimal string alignment distance (Damerau–Levenshtein
// where a transposed pair is not edited again), bounded by k. Its rows are
// reused between calls.
type osa struct{ prev2, prev, cur []int }

// distance returns the distance between a and b, or k+1 if it exceeds k.
func (o *osa) distance(a, b []rune, k int) int {
	if d := len(a) - len(b); d > k || -d > k {
		return k + 1
	}
	n := len(b) + 1
	o.prev2 = resize(o.prev2, n)
	o.prev = resize(o.prev, n)
	o.cur = resize(o.cur, n)
	for j := range o.prev {
		o.prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		o.cur[0] = i
		rowMin := i
		for j := 1; j < n; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(o.prev[j]+1, o.cur[j-1]+1, o.prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, o.prev2[j-2]+1)
			}
			o.cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > k {
			return k + 1
		}
		o.prev2, o.prev, o.cur = o.prev, o.cur, o.prev2
	}
	if d := o.prev[n-1]; d <= k {
		return d
	}
	return k + 1
}

func resize(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
