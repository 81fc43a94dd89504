package notebook_test

import (
	"fmt"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/annotin"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// benchArticles fills a notebook with n short articles, each with its
// own URL, in batches.
func benchArticles(b *testing.B, n int) *notebook.Notebook {
	b.Helper()
	nb := nbtest.OpenTemp(b)
	for i := 0; i < n; i += 500 {
		var ds []ingest.Draft
		for j := i; j < min(n, i+500); j++ {
			ds = append(ds, ingest.Draft{
				Title: fmt.Sprintf("Report number %d", j), URL: fmt.Sprintf("https://www.news%d.example/section/story-%d/", j%37, j),
				Text: fmt.Sprintf("Paragraph one of story %d.\n\nThe council met on day %d and voted.", j, j),
			})
		}
		if _, err := nb.AddArticles(ds); err != nil {
			b.Fatal(err)
		}
	}
	return nb
}

// benchRound makes every benchmark round's source IDs new (also across
// -count runs), so that no record is skipped as imported before.
var benchRound int

// benchRecords are r page notes on articles spread over the notebook,
// their URLs as a reader's browser had them (http, no www., tracking
// parameters); round makes their source IDs new.
func benchRecords(r, n, round int) []annotin.Record {
	recs := make([]annotin.Record, r)
	for i := range recs {
		j := i * (n / r)
		recs[i] = annotin.Record{
			Source: annotin.Hypothesis, SourceID: fmt.Sprintf("r%d-%d", round, i),
			URL:  fmt.Sprintf("http://news%d.example/section/story-%d?utm_source=feed&fbclid=x%d", j%37, j, i),
			Note: "a page note",
		}
	}
	return recs
}

// BenchmarkImportAnnotations_match measures how imported records find
// their articles in a 10,000-article notebook: through the match index
// the store keeps (the whole import of 100 records, writes included)
// against the scan it replaces (reading every article's metadata and
// normalising its URL, matching alone, no writes), in the same run.
func BenchmarkImportAnnotations_match(b *testing.B) {
	const n, r = 10_000, 100
	nb := benchArticles(b, n)
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			benchRound++
			rep, err := nb.ImportAnnotations("bench.json", annotin.Hypothesis, benchRecords(r, n, benchRound))
			if err != nil || rep.Matched != r {
				b.Fatalf("%+v %v", rep, err)
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		recs := benchRecords(r, n, -1)
		for b.Loop() {
			arts, err := nb.Articles(notebook.ListOptions{})
			if err != nil {
				b.Fatal(err)
			}
			byURL := make(map[string]string, len(arts))
			for _, a := range arts {
				byURL[annotin.NormalizeURL(a.URL)] = a.ID
			}
			found := 0
			for _, rec := range recs {
				if byURL[annotin.NormalizeURL(rec.URL)] != "" {
					found++
				}
			}
			if found != r {
				b.Fatalf("scan found %d", found)
			}
		}
	})
}

// BenchmarkAddArticles_pending measures what attaching pending
// annotations adds to an import: 500 articles added to a notebook holding
// 10,000 pending annotations (none of them theirs) against the same
// notebook without pending annotations.
func BenchmarkAddArticles_pending(b *testing.B) {
	for _, pending := range []int{0, 10_000} {
		b.Run(fmt.Sprintf("pending=%d", pending), func(b *testing.B) {
			nb := nbtest.OpenTemp(b)
			if pending > 0 {
				recs := make([]annotin.Record, pending)
				for i := range recs {
					recs[i] = annotin.Record{Source: annotin.Readwise, SourceID: fmt.Sprint(i), URL: fmt.Sprintf("https://elsewhere.example/p/%d", i), Title: fmt.Sprintf("Elsewhere %d", i), Quote: "some words"}
				}
				if _, err := nb.ImportAnnotations("p.csv", annotin.Readwise, recs); err != nil {
					b.Fatal(err)
				}
			}
			for i := 0; b.Loop(); i++ {
				ds := make([]ingest.Draft, 500)
				for j := range ds {
					ds[j] = ingest.Draft{Title: fmt.Sprintf("Story %d-%d", i, j), URL: fmt.Sprintf("https://news.example/%d/%d", i, j), Text: fmt.Sprintf("Text of story %d-%d.", i, j)}
				}
				if _, err := nb.AddArticles(ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
