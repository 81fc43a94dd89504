package reuse

import (
	"slices"
	"strings"
	"testing"
)

// normWords returns the normalised words of s and their code-point spans.
func normWords(s string) ([]string, [][2]int) {
	var sc scanner
	var ws []string
	var spans [][2]int
	sc.scan(s, func(w []byte, start, end int) bool {
		ws = append(ws, string(w))
		spans = append(spans, [2]int{start, end})
		return true
	})
	return ws, spans
}

func TestScanner_normalisation(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and spaces", "The  Minister\tSAID\n\nyesterday", "the minister said yesterday"},
		{"straight and curly quotes", `"We will stay," he said. “We will stay,” he said. «We will stay», he said. „We will stay“`, "we will stay he said we will stay he said we will stay he said we will stay"},
		{"apostrophes", "the council's vote, the council’s vote, the council`s vote", "the council s vote the council s vote the council s vote"},
		{"dashes", "Russia-Africa Russia–Africa Russia—Africa Russia―Africa Russia‐Africa", "russia africa russia africa russia africa russia africa russia africa"},
		{"diacritics", "Goïta Touré Ségou São Paulo Zürich Łódź Ærø straße", "goita toure segou sao paulo zurich lodz aero strasse"},
		{"decomposed diacritics", "Goi\u0308ta Toure\u0301", "goita toure"},
		{"soft hyphen and zero width", "inter\u00adnational co\u200bope\u200dration", "international cooperation"},
		{"thousands separators", "1,000 1.000 1 000 1\u00a0000 1\u202f000 1'000 1000", "1000 1000 1000 1000 1000 1000 1000"},
		{"millions", "2,500,000 2.500.000 2 500 000 2500000", "2500000 2500000 2500000 2500000"},
		{"decimals split alike", "3.5 3,5", "3 5 3 5"},
		{"a year is not a group", "in 2019 300 people", "in 2019 300 people"},
		{"four digits after a separator", "1,2345", "1 2345"},
		{"digits then letters", "1,000km", "1 000km"},
		{"percent", "5% 5 % 5 percent 5 per cent 5 Per  Cent 5 ٪", "5 percent 5 percent 5 percent 5 percent 5 percent 5 percent"},
		{"per alone", "per capita, per day", "per capita per day"},
		{"per then cent far away", "per, cent", "per cent"},
		{"other digits", "١٢٣ ۴۵ ４２ १२", "123 45 42 12"},
		{"fullwidth letters", "ＡＢＣ", "abc"},
		{"ligature", "ﬁnance", "finance"},
		{"han one word per character", "俄罗斯与非洲", "俄 罗 斯 与 非 洲"},
		{"kana", "ロシアとアフリカ", "ロ シ ア と ア フ リ カ"},
		{"hangul words keep spaces", "러시아 아프리카", strings.Join(mustNFKDWords("러시아 아프리카"), " ")},
		{"cjk next to latin", "Wagner集团", "wagner 集 团"},
		{"greek and cyrillic", "Αθήνα Москва́", "αθηνα москва"},
		{"empty", "", ""},
		{"punctuation only", "... -- !!! “”", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, _ := normWords(tt.in)
			if got := strings.Join(ws, " "); got != tt.want {
				t.Errorf("normWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// mustNFKDWords returns the Hangul test's expectation: the words,
// decomposed into jamo as NFKD does.
func mustNFKDWords(s string) []string {
	var sc scanner
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, string(sc.fold(nil, w)))
	}
	return out
}

func TestScanner_offsets(t *testing.T) {
	tests := []struct {
		in   string
		want [][2]int
	}{
		{"Hello, world", [][2]int{{0, 5}, {7, 12}}},
		{"«Goïta» a dit", [][2]int{{1, 6}, {8, 9}, {10, 13}}},
		{"1,000 5%", [][2]int{{0, 5}, {6, 7}, {7, 8}}},
		{"5 per cent rise", [][2]int{{0, 1}, {2, 10}, {11, 15}}},
		{"非洲 X", [][2]int{{0, 1}, {1, 2}, {3, 4}}},
		{"a\xffb", [][2]int{{0, 1}, {2, 3}}},
	}
	for _, tt := range tests {
		_, spans := normWords(tt.in)
		if !slices.Equal(spans, tt.want) {
			t.Errorf("spans of %q = %v, want %v", tt.in, spans, tt.want)
		}
	}
}

func TestScanner_longWordsAreCut(t *testing.T) {
	in := strings.Repeat("x", 150)
	ws, spans := normWords(in)
	if len(ws) != 3 || spans[0] != [2]int{0, 64} || spans[2] != [2]int{128, 150} {
		t.Errorf("150-letter run: words %d, spans %v", len(ws), spans)
	}
}

func TestTokenize_limit(t *testing.T) {
	d := tokenize("d", strings.Repeat("word ", 100), 10)
	if len(d.words) != 10 {
		t.Errorf("tokenize with limit 10 kept %d words", len(d.words))
	}
	for i, s := range d.starts {
		if int(s) != 5*i || d.lens[i] != 4 {
			t.Errorf("word %d at %d+%d, want %d+4", i, s, d.lens[i], 5*i)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"The minister's visit, on 3 March, was \"historic\".", 9}, // "minister's" is two words
		{"日本語のテキスト", 8},
	} {
		if got := CountWords(tt.s); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
