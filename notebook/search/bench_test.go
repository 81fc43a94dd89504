package search

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"
)

// The benchmark notebook: 10,000 articles of ≈800 words and 100,000
// annotations (quotes of ≈200 characters, half with a 20-word note).
var bigSpec = corpusSpec{seed: 42, articles: 10_000, annotations: 100_000, articleWords: 800, vocab: 60_000}

var (
	bigOnce sync.Once
	bigDocs []Doc
	bigIdx  *Index
)

func bigCorpus(b *testing.B) ([]Doc, *Index) {
	b.Helper()
	bigOnce.Do(func() {
		bigDocs = genCorpus(bigSpec)
		bigIdx = Build(bigDocs)
	})
	return bigDocs, bigIdx
}

// benchQueries returns n queries of 1–3 words taken from the corpus's
// annotations, most with a typo, some shortened to a prefix.
func benchQueries(docs []Doc, n int) []string {
	r := rand.New(rand.NewPCG(7, 7))
	var annotations []int
	for i := range docs {
		if docs[i].Kind == KindAnnotation && docs[i].Quote != "" {
			annotations = append(annotations, i)
		}
	}
	var out []string
	for len(out) < n {
		d := &docs[annotations[r.IntN(len(annotations))]]
		ws := words(d.Quote)
		k := 1 + len(out)%3
		if len(ws) < k {
			continue
		}
		at := r.IntN(len(ws) - k + 1)
		q := slices.Clone(ws[at : at+k])
		i := r.IntN(k)
		w := []rune(q[i])
		switch {
		case len(w) >= 5 && r.IntN(4) != 0: // a typo: transposition or substitution
			j := 1 + r.IntN(len(w)-2)
			if r.IntN(2) == 0 {
				w[j], w[j+1] = w[j+1], w[j]
			} else {
				w[j] = 'x'
			}
		case len(w) >= 6: // a prefix, as while typing
			w = w[:3+r.IntN(2)]
		}
		q[i] = string(w)
		out = append(out, strings.Join(q, " "))
	}
	return out
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkSearch times queries of 1–3 words with typos on the big
// notebook, and in the same run a naive fuzzy.Find over the same
// annotation texts (quote and note), the baseline.
func BenchmarkSearch(b *testing.B) {
	docs, ix := bigCorpus(b)
	queries := benchQueries(docs, 60)
	var texts []string
	for i := range docs {
		if docs[i].Kind == KindAnnotation {
			texts = append(texts, docs[i].Quote+" "+docs[i].Note)
		}
	}
	var ours, naive []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, q := range queries {
			t := time.Now()
			if _, err := ix.Search(q, 20); err != nil {
				b.Fatal(err)
			}
			ours = append(ours, time.Since(t))
		}
		for _, q := range queries[:10] {
			t := time.Now()
			fuzzy.Find(q, texts)
			naive = append(naive, time.Since(t))
		}
	}
	b.StopTimer()
	b.ReportMetric(ms(percentile(ours, 0.5)), "median-ms")
	b.ReportMetric(ms(percentile(ours, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(naive, 0.5)), "naive-median-ms")
	b.ReportMetric(float64(percentile(naive, 0.5))/float64(percentile(ours, 0.5)), "speedup-x")
}

// BenchmarkBuild times building the index of the big notebook at open and
// measures the heap it holds. The documents' strings stay alive outside
// the index during the measurement; the index keeps none of their text,
// only their ID strings.
func BenchmarkBuild(b *testing.B) {
	docs, _ := bigCorpus(b)
	var ix *Index
	var ms0, ms1 runtime.MemStats
	var total time.Duration
	for b.Loop() {
		ix = nil
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		t := time.Now()
		ix = Build(docs)
		total += time.Since(t)
		runtime.GC()
		runtime.ReadMemStats(&ms1)
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "build-s")
	b.ReportMetric(float64(int64(ms1.HeapAlloc)-int64(ms0.HeapAlloc))/(1<<20), "heap-MB")
	runtime.KeepAlive(ix)
}
