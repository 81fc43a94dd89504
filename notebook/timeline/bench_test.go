package timeline

import (
	"io"
	"math/rand"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil/cputime"
)

// BenchmarkCompute_100k: a timeline of 100,000 items sorted, laned and
// ticked (the target is ≤ 1 s).
func BenchmarkCompute_100k(b *testing.B) {
	src := randomItems(rand.New(rand.NewSource(1)), 100_000)
	items := make([]Item, len(src))
	cpu := cputime.Process()
	for b.Loop() {
		copy(items, src)
		Compute(items, 1200)
	}
	b.ReportMetric(float64((cputime.Process()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkWriteSVG_100k: the SVG of 100,000 items (about 40 MB).
func BenchmarkWriteSVG_100k(b *testing.B) {
	items := randomItems(rand.New(rand.NewSource(1)), 100_000)
	for b.Loop() {
		if err := WriteSVG(io.Discard, items, Options{Width: 1200}); err != nil {
			b.Fatal(err)
		}
	}
}
