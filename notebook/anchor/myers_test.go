package anchor

import (
	"math/rand/v2"
	"testing"
)

// naiveSearch is the textbook O(nm) dynamic programme (Sellers) for the
// smallest edit distance of p to a substring of t ending at each position.
func naiveSearch(p, t []rune) []int {
	m := len(p)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	out := make([]int, len(t))
	for j, c := range t {
		diag := col[0] // top row stays 0
		for i := 1; i <= m; i++ {
			old := col[i]
			cost := 1
			if p[i-1] == c {
				cost = 0
			}
			col[i] = min(diag+cost, col[i]+1, col[i-1]+1)
			diag = old
		}
		out[j] = col[m]
	}
	return out
}

func TestPattern_Scan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcé–Ж🙂 ")
	randRunes := func(n int) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return r
	}
	for trial := 0; trial < 300; trial++ {
		// Pattern lengths across block boundaries: 1..200 (up to 4 words).
		m := 1 + rng.IntN(200)
		if trial%3 == 0 {
			m = []int{1, 63, 64, 65, 127, 128, 129}[trial%7]
		}
		p := randRunes(m)
		text := randRunes(rng.IntN(300))
		// Plant a mutated copy of p so that small distances occur.
		if len(text) > 0 && trial%2 == 0 {
			at := rng.IntN(len(text))
			mut := append([]rune(nil), p...)
			for e := 0; e < m/10; e++ {
				mut[rng.IntN(len(mut))] = alphabet[rng.IntN(len(alphabet))]
			}
			text = append(text[:at], append(mut, text[at:]...)...)
		}
		want := naiveSearch(p, text)
		got := make([]int, len(text))
		for i := range got {
			got[i] = -1
		}
		k := m // report everything <= m (every column is <= m)
		newPattern(p).scan(text, k, func(end, d int) { got[end-1] = d })
		for j := range want {
			if got[j] != want[j] {
				t.Fatalf("trial %d (m=%d): distance at end %d = %d, want %d", trial, m, j+1, got[j], want[j])
			}
		}
	}
}

func TestPattern_Distance(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	alphabet := []rune("abé🙂Ж ")
	for trial := 0; trial < 300; trial++ {
		p := make([]rune, 1+rng.IntN(150))
		for i := range p {
			p[i] = alphabet[rng.IntN(len(alphabet))]
		}
		text := make([]rune, rng.IntN(170))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := newPattern(p).distance(text), levenshtein(p, text); got != want {
			t.Fatalf("trial %d: distance(%d runes, %d runes) = %d, want %d", trial, len(p), len(text), got, want)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"kitten", "sitting", 3}, {"café", "cafe", 1}, {"🙂a", "a🙂", 2},
	}
	for _, tt := range tests {
		if got := levenshtein([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
