package model

import (
	"github.com/glossnotes/gloss/internal/testutil"

	"strings"
	"testing"

	"github.com/go-text/typesetting/segmenter"
)

func TestDocument_WordAt(t *testing.T) {
	d := NewDocument("Mali's  junta, café 42.5 日本語\n\nNext", nil)
	tests := []struct {
		i    int
		want string
	}{
		{0, "Mali's"},
		{4, "Mali's"},
		{6, "  "},
		{7, "  "},
		{13, ","},
		{15, "café"},
		{20, "42.5"},
		{25, "日"}, // UAX #29 makes every ideograph a word
		{26, "本"},
		{28, "\n"},
		{30, "Next"},
		{99, "Next"},
	}
	for _, tt := range tests {
		s, e := d.WordAt(tt.i)
		if got := d.Slice(s, e); got != tt.want {
			t.Errorf("WordAt(%d) = %d..%d %q, want %q", tt.i, s, e, got, tt.want)
		}
	}
	rtl := NewDocument("قال الوزير: «نعم» 2024 שלום", nil)
	for _, tt := range []struct {
		i    int
		want string
	}{
		{0, "قال"}, {5, "الوزير"}, {10, ":"}, {13, "نعم"}, {18, "2024"}, {23, "שלום"},
	} {
		s, e := rtl.WordAt(tt.i)
		if got := rtl.Slice(s, e); got != tt.want {
			t.Errorf("right-to-left WordAt(%d) = %q, want %q", tt.i, got, tt.want)
		}
	}
	if s, e := NewDocument("", nil).WordAt(0); s != 0 || e != 0 {
		t.Errorf("WordAt on empty text = %d, %d", s, e)
	}
}

func TestDocument_wordMoves(t *testing.T) {
	d := NewDocument("one, two  three\n\nfour", nil)
	next := []struct{ from, want int }{{0, 3}, {3, 8}, {4, 8}, {8, 15}, {15, 21}, {21, 21}}
	for _, tt := range next {
		if got := d.NextWordEnd(tt.from); got != tt.want {
			t.Errorf("NextWordEnd(%d) = %d, want %d", tt.from, got, tt.want)
		}
	}
	prev := []struct{ from, want int }{{21, 17}, {17, 10}, {10, 5}, {7, 5}, {5, 0}, {2, 0}, {0, 0}}
	for _, tt := range prev {
		if got := d.PrevWordStart(tt.from); got != tt.want {
			t.Errorf("PrevWordStart(%d) = %d, want %d", tt.from, got, tt.want)
		}
	}
}

func TestDocument_ParagraphRange(t *testing.T) {
	d := NewDocument("ab\n\ncd\n\nef", nil)
	for _, tt := range []struct{ off, s, e int }{{0, 0, 2}, {2, 0, 2}, {3, 0, 2}, {4, 4, 6}, {9, 8, 10}, {10, 8, 10}} {
		if s, e := d.ParagraphRange(tt.off); s != tt.s || e != tt.e {
			t.Errorf("ParagraphRange(%d) = %d, %d, want %d, %d", tt.off, s, e, tt.s, tt.e)
		}
	}
}

// TestAnalyseASCII_matchesSegmenter checks the ASCII fast path against the
// UAX #14/#29 segmenter on every ASCII paragraph of the sample article and
// on tricky prose: line-break opportunities, grapheme boundaries and word
// membership must be identical.
func TestAnalyseASCII_matchesSegmenter(t *testing.T) {
	paras := strings.Split(string(testutil.Sample(t)), "\n\n")
	paras = append(paras,
		"well-known, e.g. U.S.-led (L) \"quoted\" and/or 1,000.5 -5 a--b x - y",
		"end. Next! (Paren) [br] {c} 'single' it's 50% $30 #tag @me a+b a=b",
		"line\nbreak\n\nnot here", "tab\tsep; semi: colon? q! ok...",
		"http://example.com/a/b?c=d&e=f path/to/file 3/4 10:30",
		"odd?5 a/4 a-4 x!y (a) [b] c; d's 'e' 3.5% -start",
		"/x a:b 1'000 1.2.3 a.b.c x_y a1b2 don't 'quoted' rock'n'roll 12:30 A.",
	)
	checked := 0
	for _, p := range paras {
		r := []rune(p)
		if len(r) == 0 || !isASCII(r) {
			continue
		}
		checked++
		fast := &Document{runes: r, attrs: make([]attr, len(r)+1), word: make([]bool, len(r))}
		fast.analyseASCII(0, len(r))
		var seg segmenter.Segmenter
		seg.Init(r)
		want := make([]attr, len(r)+1)
		for it := seg.GraphemeIterator(); it.Next(); {
			want[it.Grapheme().Offset] |= attrGrapheme
		}
		for it := seg.LineIterator(); it.Next(); {
			l := it.Line()
			if end := l.Offset + len(l.Text); end < len(r) {
				want[end] |= attrLine
				if l.IsMandatoryBreak {
					want[end] |= attrMandatory
				}
			}
		}
		wantWord := make([]bool, len(r))
		for it := seg.WordIterator(); it.Next(); {
			w := it.Word()
			for k := range w.Text {
				wantWord[w.Offset+k] = true
			}
		}
		for i := 0; i < len(r); i++ {
			if fast.word[i] != wantWord[i] {
				t.Errorf("paragraph %q: rune %d %q in context %q: fast word=%v, segmenter word=%v",
					trimForLog(p), i, string(r[i]), string(r[max(0, i-6):min(len(r), i+4)]), fast.word[i], wantWord[i])
			}
			if fast.attrs[i] != want[i] {
				t.Errorf("paragraph %q: before %q (rune %d, context %q) fast=%03b segmenter=%03b",
					trimForLog(p), string(r[i]), i, string(r[max(0, i-6):min(len(r), i+4)]), fast.attrs[i], want[i])
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d ASCII paragraphs checked", checked)
	}
}

func trimForLog(s string) string {
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}
