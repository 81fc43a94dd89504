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

// testPattern prepares p for searching text, numbering the symbols of both.
func testPattern(p, text []rune) (*pattern, []int32) {
	sym, _ := encodeText(string(p) + string(text))
	return newPattern(sym.encode(p), sym.n), sym.encode(text)
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
	for trial := 0; trial < 600; trial++ {
		// Pattern lengths across block boundaries: 1..200 (up to 4 words).
		m := 1 + rng.IntN(200)
		if trial%3 == 0 {
			m = []int{1, 63, 64, 65, 127, 128, 129}[trial%7]
		}
		textLen := rng.IntN(300)
		if trial%5 == 4 { // long patterns: many blocks, band added and removed
			m, textLen = 200+rng.IntN(500), 1500
		}
		p := randRunes(m)
		text := randRunes(textLen)
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
		pt, ids := testPattern(p, text)
		// Every value (k = m, full computation), then with the cut-off for
		// bounds from 0 to m/2: exactly the values <= k are reported.
		for _, k := range []int{m, 0, m / 8, m / 4, m / 2} {
			for i := range got {
				got[i] = -1
			}
			pt.scan(ids, k, func(end, d int) { got[end-1] = d })
			for j := range want {
				if w := want[j]; (w <= k && got[j] != w) || (w > k && got[j] != -1) {
					t.Fatalf("trial %d (m=%d, k=%d): distance at end %d = %d, want %d", trial, m, k, j+1, got[j], w)
				}
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
		pt, ids := testPattern(p, text)
		if got, want := pt.distance(ids), levenshtein(p, text); got != want {
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

func TestSymbols(t *testing.T) {
	sym, ids := encodeText("aé\xffé🙂a")
	want := []int32{'a', 128, 129, 128, 130, 'a'} // \xff decodes as U+FFFD
	if len(ids) != len(want) {
		t.Fatalf("ids = %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("ids = %v, want %v", ids, want)
		}
	}
	if sym.n != 131 {
		t.Errorf("n = %d, want 131", sym.n)
	}
	if got := sym.encode([]rune("é🙂Ж")); got[0] != 128 || got[1] != 130 || got[2] != -1 {
		t.Errorf("encode = %v, want [128 130 -1]", got)
	}
	// A pattern rune absent from the text matches nothing.
	pt := newPattern(sym.encode([]rune("Жa")), sym.n)
	var ends []int
	pt.scan(ids, 1, func(end, d int) {
		if d == 1 {
			ends = append(ends, end)
		}
	})
	if len(ends) != 2 || ends[0] != 1 || ends[1] != 6 {
		t.Errorf("one-error matches of \"Жa\" end at %v, want [1 6]", ends)
	}
}
