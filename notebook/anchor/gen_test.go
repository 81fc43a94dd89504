package anchor

import (
	"math/rand/v2"
	"strings"
)

// genLetters mixes ASCII with accented Latin and Cyrillic letters so that
// generated texts exercise multi-byte runes.
var genLetters = []rune("abcdefghijklmnoprstuvwyzéèàçöжиклмнопр")

// genWord returns a random word of 2–9 letters.
func genWord(rng *rand.Rand) string {
	n := 2 + rng.IntN(8)
	var b strings.Builder
	for range n {
		b.WriteRune(genLetters[rng.IntN(len(genLetters))])
	}
	return b.String()
}

// genSentence returns a random sentence of 6–20 words, sometimes with a
// dash, an emoji or a no-break space.
func genSentence(rng *rand.Rand) string {
	n := 6 + rng.IntN(15)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			switch rng.IntN(30) {
			case 0:
				b.WriteString(" – ")
			case 1:
				b.WriteString("\u00a0")
			case 2:
				b.WriteString(" 🙂 ")
			default:
				b.WriteByte(' ')
			}
		}
		w := genWord(rng)
		if i == 0 {
			r := []rune(w)
			w = strings.ToUpper(string(r[0])) + string(r[1:])
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// genArticle returns a text of about words words in paragraphs of 2–6
// sentences, and the byte ranges of its sentences.
func genArticle(rng *rand.Rand, words int) (string, [][2]int) {
	var b strings.Builder
	var sentences [][2]int
	count := 0
	for count < words {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for i, n := 0, 2+rng.IntN(5); i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			s := genSentence(rng)
			sentences = append(sentences, [2]int{b.Len(), b.Len() + len(s)})
			b.WriteString(s)
			count += strings.Count(s, " ") + 1
		}
	}
	return b.String(), sentences
}

// randomEdit applies one random insertion, deletion or replacement to
// text[lo:hi] (byte offsets on rune boundaries) and returns the new text
// and the change in length. Insertions are a word, or if small one to three
// letters; deletions one to three runes; replacements one rune.
func randomEdit(rng *rand.Rand, text string, lo, hi int, small bool) (string, int) {
	pos := runeFloor(text, lo+rng.IntN(hi-lo+1))
	switch rng.IntN(3) {
	case 0: // insert
		ins := genWord(rng) + " "
		if small {
			ins = string([]rune(ins)[:1+rng.IntN(3)])
		}
		return text[:pos] + ins + text[pos:], len(ins)
	case 1: // delete one to three runes, within [lo, hi)
		end := forwardRunes(text, pos, 1+rng.IntN(3))
		if end > hi {
			end = hi
		}
		return text[:pos] + text[end:], pos - end
	default: // replace one rune with a different one
		if pos >= hi {
			return text, 0
		}
		end := forwardRunes(text, pos, 1)
		var r string
		for r == "" || r == text[pos:end] {
			r = string(genLetters[rng.IntN(len(genLetters))])
		}
		return text[:pos] + r + text[end:], len(r) - (end - pos)
	}
}
