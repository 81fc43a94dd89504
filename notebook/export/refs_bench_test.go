package export_test

import (
	"fmt"
	"iter"
	"runtime"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// refBenchArticles is the size of the reference benchmarks (the target is
// 10,000 articles in under 2 s).
const refBenchArticles = 10_000

var refBenchBylines = []string{
	"By Anna Keller and Jon Ruiz, with Reuters and AP", "Isaac Mugabi (with Reuters and AP)", "Staff and agencies",
	"Ana María García-López", "王小明", "Ирина Соколова, корреспондент", "Reuters", "Jean-Claude van der Berg",
	"Ilse Marten; Kofi Boateng; Martin Luther Okafor Jr.", "",
}

// refItems streams n articles without annotations; sameKey gives them all
// the same byline, year and title word (the worst case for unique keys).
func refItems(n int, sameKey bool) iter.Seq2[export.Item, error] {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	return func(yield func(export.Item, error) bool) {
		for i := 0; i < n; i++ {
			a := notebook.Article{
				ID: fmt.Sprintf("01ART%021d", i), Title: fmt.Sprintf("Tariffs & quotas %d: 50%% of {trade} under rule #%d", i, i%7),
				Byline: refBenchBylines[i%len(refBenchBylines)], Outlet: "The Meridian Post",
				URL:       fmt.Sprintf("https://meridian-post.example/a/%d?utm_source=x", i),
				Published: notebook.DateOf(base.AddDate(0, 0, -i%700)), Added: base, Language: "en", Tags: []string{"Sahel", "Trade/Tariffs"},
			}
			if sameKey {
				a.Byline, a.Published = "Reuters", notebook.DateOf(base)
			}
			if !yield(export.Item{Article: a}, nil) {
				return
			}
		}
	}
}

// BenchmarkWrite_references writes 10,000 articles as CSL-JSON, BibLaTeX
// and RIS, and once more with every article on the same key base; the
// stream alone is BenchmarkWrite_references/stream-only.
func BenchmarkWrite_references(b *testing.B) {
	cases := []struct {
		name    string
		format  export.Format
		sameKey bool
	}{
		{"csl", export.CSL, false},
		{"bibtex", export.BibTeX, false},
		{"ris", export.RIS, false},
		{"csl-same-key", export.CSL, true},
	}
	b.Run("stream-only", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			for it := range refItems(refBenchArticles, false) {
				_ = it
			}
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var w countingWriter
			runtime.GC()
			cpu := cpuTime()
			for b.Loop() {
				st, err := export.Write(&w, refItems(refBenchArticles, c.sameKey), export.Options{Format: c.format})
				if err != nil {
					b.Fatal(err)
				}
				if st.Articles != refBenchArticles {
					b.Fatalf("wrote %d articles", st.Articles)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(w.n)/float64(b.N)/(1<<20), "out-MB")
		})
	}
}

// BenchmarkWrite_pandoc compares the Markdown export with citation keys to
// the plain Markdown export on the 100,000-annotation corpus.
func BenchmarkWrite_pandoc(b *testing.B) {
	for _, c := range []struct {
		name string
		opt  export.Options
	}{
		{"md", export.Options{Format: export.Markdown}},
		{"md-citekeys", export.Options{Format: export.Markdown, CiteKeys: true, Bibliography: "draft.json"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var w countingWriter
			cpu := cpuTime()
			for b.Loop() {
				if _, err := export.Write(&w, generated(benchArticles), c.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
