package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/cputime"
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

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// opTimes collects the wall-clock and thread CPU durations of operations.
// The caller locks its goroutine to its OS thread (runtime.LockOSThread)
// so the CPU times are the operation's own.
type opTimes struct{ wall, cpu []time.Duration }

func (o *opTimes) time(fn func()) {
	c, t := cputime.Thread(), time.Now()
	fn()
	o.wall = append(o.wall, time.Since(t))
	o.cpu = append(o.cpu, cputime.Thread()-c)
}

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
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// The naive scan takes about half a second a query, so it runs the
	// first nBaseline queries only; the speed-up compares the medians over
	// those same queries.
	const nBaseline = 10
	var ours, same, naive opTimes
	var err error
	for b.Loop() {
		for i, q := range queries {
			ours.time(func() { _, err = ix.Search(q, 20) })
			if err != nil {
				b.Fatal(err)
			}
			if i < nBaseline {
				same.wall = append(same.wall, ours.wall[len(ours.wall)-1])
				same.cpu = append(same.cpu, ours.cpu[len(ours.cpu)-1])
			}
		}
		for _, q := range queries[:nBaseline] {
			naive.time(func() { fuzzy.Find(q, texts) })
		}
	}
	b.ReportMetric(ms(percentile(ours.wall, 0.5)), "median-ms")
	b.ReportMetric(ms(percentile(ours.wall, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(ours.cpu, 0.5)), "cpu-median-ms")
	b.ReportMetric(ms(percentile(ours.cpu, 0.99)), "cpu-p99-ms")
	b.ReportMetric(ms(percentile(naive.wall, 0.5)), "naive-median-ms")
	b.ReportMetric(ms(percentile(naive.cpu, 0.5)), "naive-cpu-median-ms")
	b.ReportMetric(float64(percentile(naive.wall, 0.5))/float64(percentile(same.wall, 0.5)), "speedup-x")
	b.ReportMetric(float64(percentile(naive.cpu, 0.5))/float64(percentile(same.cpu, 0.5)), "cpu-speedup-x")
}

// BenchmarkBuild times building the index of the big notebook at open and
// measures the heap it holds; in the same run it times loading the same
// index from its persisted form (WriteTo/ReadIndex), the alternative.
// The documents' strings stay alive outside the index during the
// measurement; the index keeps none of their text, only their ID strings.
func BenchmarkBuild(b *testing.B) {
	docs, _ := bigCorpus(b)
	var ix *Index
	var ms0, ms1 runtime.MemStats
	var build, buildCPU, load, loadCPU time.Duration
	var file bytes.Buffer
	for b.Loop() {
		ix = nil
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		c, t := cputime.Process(), time.Now()
		ix = Build(docs)
		build += time.Since(t)
		buildCPU += cputime.Process() - c
		runtime.GC()
		runtime.ReadMemStats(&ms1)

		file.Reset()
		if _, err := ix.WriteTo(&file); err != nil {
			b.Fatal(err)
		}
		c, t = cputime.Process(), time.Now()
		loaded, err := ReadIndex(bytes.NewReader(file.Bytes()))
		load += time.Since(t)
		loadCPU += cputime.Process() - c
		if err != nil || loaded.Len() != ix.Len() {
			b.Fatalf("ReadIndex: %v", err)
		}
	}
	b.ReportMetric(build.Seconds()/float64(b.N), "build-s")
	b.ReportMetric(buildCPU.Seconds()/float64(b.N), "build-cpu-s")
	b.ReportMetric(loadCPU.Seconds()/float64(b.N), "load-cpu-s")
	b.ReportMetric(float64(int64(ms1.HeapAlloc)-int64(ms0.HeapAlloc))/(1<<20), "heap-MB")
	b.ReportMetric(load.Seconds()/float64(b.N), "load-s")
	b.ReportMetric(float64(file.Len())/(1<<20), "file-MB")
	runtime.KeepAlive(ix)
}

// BenchmarkPut times incremental updates of the big notebook's index:
// adding a new annotation, editing an existing one (its note changes) and
// deleting one. It runs on its own index, built outside the timing.
func BenchmarkPut(b *testing.B) {
	docs, _ := bigCorpus(b)
	ix := Build(docs)
	r := rand.New(rand.NewPCG(9, 9))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var news, edits, dels opTimes
	n := 0
	for b.Loop() {
		d := docs[10_000+r.IntN(100_000)]
		d.ID = fmt.Sprintf("bench-new-%d", n)
		n++
		news.time(func() { ix.Put(d) })

		e := docs[10_000+r.IntN(100_000)]
		e.Note = "edited: " + docs[10_000+r.IntN(100_000)].Quote
		edits.time(func() { ix.Put(e) })

		dels.time(func() { ix.Delete(d.ID) })
	}
	b.ReportMetric(us(percentile(news.wall, 0.5)), "new-median-µs")
	b.ReportMetric(us(percentile(news.wall, 0.99)), "new-p99-µs")
	b.ReportMetric(us(percentile(edits.wall, 0.5)), "edit-median-µs")
	b.ReportMetric(us(percentile(edits.wall, 0.99)), "edit-p99-µs")
	b.ReportMetric(us(percentile(dels.wall, 0.5)), "delete-median-µs")
	b.ReportMetric(us(percentile(dels.wall, 0.99)), "delete-p99-µs")
	b.ReportMetric(us(percentile(append(news.cpu, edits.cpu...), 0.99)), "put-cpu-p99-µs")
}
