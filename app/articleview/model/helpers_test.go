package model

import (
	"strings"
	"unicode"
)

// fakeMeasure is a predictable font: 10 units per rune at size 10, wide
// (CJK, emoji) runes 20, combining marks and joiners 0; a ZWJ sequence is one
// 20-unit glyph. Bold adds 1 per rune, so faces are distinguishable.
func fakeMeasure(s string, f Face) float32 {
	var w float32
	if strings.ContainsRune(s, '\u200d') {
		return 20 * f.Size / 10
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\u200d', r == '\ufe0f':
		case r >= 0x1100 && (unicode.Is(unicode.Han, r) || r >= 0x1f300):
			w += 20
		case r == '\n':
		default:
			w += 10
			if f.Bold {
				w++
			}
		}
	}
	return w * f.Size / 10
}

// testMetrics gives a column exactly width units wide (no padding, no
// reading-measure limit) at text size 10.
var testMetrics = Metrics{TextSize: 10, Padding: 0, MaxChars: 10000}

func layoutOf(text string, width float32) *Layout {
	return NewLayout(NewMeasurer(fakeMeasure), testMetrics, width, NewDocument(text, nil))
}

func lineTexts(l *Layout) []string {
	var out []string
	for i := l.Body; i < len(l.Lines); i++ {
		out = append(out, l.Text(i))
	}
	return out
}
