package search

import (
	"slices"
	"testing"
)

type tokenAt struct {
	word       string
	start, end int
}

func tokens(s string) []tokenAt {
	var t tokenizer
	var out []tokenAt
	t.each(s, func(w []byte, start, end int) { out = append(out, tokenAt{string(w), start, end}) })
	return out
}

func TestTokenizer_each(t *testing.T) {
	cases := []struct {
		in   string
		want []tokenAt
	}{
		{"", nil},
		{"  ,.;  ", nil},
		{"Hello, World", []tokenAt{{"hello", 0, 5}, {"world", 7, 12}}},
		{"Goïta", []tokenAt{{"goita", 0, 5}}},
		{"Goi\u0308ta", []tokenAt{{"goita", 0, 6}}}, // combining diaeresis: 6 code points
		{"Russia–Africa ties", []tokenAt{{"russia", 0, 6}, {"africa", 7, 13}, {"ties", 14, 18}}},
		{"Russia-Africa", []tokenAt{{"russia", 0, 6}, {"africa", 7, 13}}},
		{"Mali's army", []tokenAt{{"mali", 0, 4}, {"army", 7, 11}}},
		{"Mali’s army", []tokenAt{{"mali", 0, 4}, {"army", 7, 11}}},
		{"don't stop", []tokenAt{{"don", 0, 3}, {"stop", 6, 10}}},
		{"l'armée", []tokenAt{{"l", 0, 1}, {"armee", 2, 7}}},
		{"'s alone", []tokenAt{{"s", 1, 2}, {"alone", 3, 8}}},
		{"ﬁghters", []tokenAt{{"fighters", 0, 7}}}, // NFKC ligature
		{"ＷＡＧＮＥＲ", []tokenAt{{"wagner", 0, 6}}},    // fullwidth
		{"STRAßE Łódź", []tokenAt{{"strasse", 0, 6}, {"lodz", 7, 11}}},
		{"equip\u00adment", []tokenAt{{"equipment", 0, 10}}}, // soft hyphen
		{"$100 (€93)", []tokenAt{{"100", 1, 4}, {"93", 7, 9}}},
		{"bad\xffbyte", []tokenAt{{"bad", 0, 3}, {"byte", 4, 8}}},
		{"Ωμέγα", []tokenAt{{"ωμεγα", 0, 5}}},
		{"US\u00a0Treasury", []tokenAt{{"us", 0, 2}, {"treasury", 3, 11}}},
	}
	for _, c := range cases {
		if got := tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("tokens(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestNormTag(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Sahel", "sahel"},
		{"Sahel/Mali", "sahel/mali"},
		{" Sahel / Mali ", "sahel/mali"},
		{"Russia–Africa ties", "russia africa ties"},
		{"russia-africa  TIES", "russia africa ties"},
		{"Geopolitics/Russia–Africa ties", "geopolitics/russia africa ties"},
		{"//", ""},
	}
	for _, c := range cases {
		if got := normTag(c.in); got != c.want {
			t.Errorf("normTag(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSignature(t *testing.T) {
	if signature("abc") != signature("cab") {
		t.Error("signature depends on letter order")
	}
	if signature("abc") == signature("abd") {
		t.Error("signature ignores a letter")
	}
	if signature("é") == 0 || signature("1") == signature("2") {
		t.Error("signature misses non-letters")
	}
}
