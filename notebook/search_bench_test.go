package notebook_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// BenchmarkNotebook_Search_hugeArticle: a search over a notebook holding
// one huge article costs about what it costs without it (it took ~15 s and
// 800 MB per search with a 49 MB article).
func BenchmarkNotebook_Search_hugeArticle(b *testing.B) {
	sample := string(testutil.Sample(b))
	for _, size := range []int{0, 48 << 20} {
		b.Run(fmt.Sprintf("article=%dMB", size>>20), func(b *testing.B) {
			nb := nbtest.OpenTemp(b)
			for i := range 200 {
				d := ingest.Draft{Title: fmt.Sprintf("Story %d", i), Text: fmt.Sprintf("Story number %d.\n\n%s", i, sample)}
				if _, err := nb.AddArticle(d); err != nil {
					b.Fatal(err)
				}
			}
			if size > 0 {
				var sb strings.Builder
				for i := 0; sb.Len() < size; i++ {
					fmt.Fprintf(&sb, "Part %d.\n\n%s\n\n", i, sample)
				}
				if _, err := nb.AddArticle(ingest.Draft{Title: "Everything", Text: sb.String()}); err != nil {
					b.Fatal(err)
				}
			}
			queries := []string{"Orlovsky", "drones wheat", "ouagadougou partnership", "sanctons"}
			if _, err := nb.Search(queries[0], 20); err != nil { // builds the index
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := nb.Search(queries[i%len(queries)], 20); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
