package text

import (
	"fmt"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

// BenchmarkNormalize measures the normalisation of text that is mostly
// white space (issue 13 reported 64 MB of it taking 89 s), at three sizes:
// the time per byte must stay the same as the size grows.
func BenchmarkNormalize(b *testing.B) {
	for _, ws := range []struct{ name, unit string }{
		{"blank-lines", " \n"},
		{"mixed", "\t \r\n\u00a0\n\f\u2028 "},
		{"spaces-in-line", "word" + strings.Repeat(" ", 60)},
	} {
		for _, size := range []int{1 << 20, 4 << 20, 16 << 20} {
			s := "Title\n\n" + strings.Repeat(ws.unit, size/len(ws.unit)) + "end"
			b.Run(fmt.Sprintf("%s/%dMB", ws.name, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				for b.Loop() {
					Normalize(s)
				}
			})
		}
	}
}

// BenchmarkJoin measures joining blocks whose text is mostly blank lines,
// which Join collapses within each paragraph.
func BenchmarkJoin(b *testing.B) {
	for _, size := range []int{1 << 20, 4 << 20, 16 << 20} {
		blocks := []draft.Block{{Text: "a" + strings.Repeat("\n\n\n", size/3) + "b"}}
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				Join(blocks)
			}
		})
	}
}
