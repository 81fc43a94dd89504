package reuse

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// The benchmark corpus: 10,000 generated articles of about 800 words
// (3,000 originals, 4,000 articles that copy from them, 3,000 unrelated),
// a third of them with one of three boilerplate footers.
var benchSpec = genSpec{
	seed: 99, originals: 3000, derived: 4000, unrelated: 3000, articleWords: 940,
	footerRate: 0.3, maxSubRate: 0.2, minCopyWords: 20, maxCopyWords: 200, repeatRate: 0.1,
}

var (
	benchOnce   sync.Once
	benchCorpus *corpus
)

func benchDocs(b *testing.B) *corpus {
	benchOnce.Do(func() { benchCorpus = generate(benchSpec) })
	return benchCorpus
}

// buildIndex puts the articles from two goroutines and merges the
// fingerprints (the first read does).
func buildIndex(b *testing.B, arts []*gArticle) *Index {
	ix := New(Options{})
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(arts); i += workers {
				if err := ix.Put(arts[i].id, arts[i].text); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	ix.Len()
	ix.rlock()
	ix.mu.RUnlock()
	return ix
}

func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func BenchmarkBuild(b *testing.B) {
	c := benchDocs(b)
	b.ResetTimer()
	var ix *Index
	for range b.N {
		ix = nil
		before := heapAlloc()
		t0, cpu0 := time.Now(), processCPU()
		ix = buildIndex(b, c.arts)
		b.ReportMetric(time.Since(t0).Seconds(), "build-s")
		b.ReportMetric((processCPU() - cpu0).Seconds(), "build-cpu-s")
		b.ReportMetric(float64(heapAlloc()-before)/(1<<20), "heap-MB")
	}
	b.StopTimer()
	words := 0
	for _, d := range ix.slots {
		words += len(d.words)
	}
	b.ReportMetric(float64(words)/float64(len(c.arts)), "words/article")
	var buf bytes.Buffer
	buf.Grow(64 << 20)
	t0, c0 := time.Now(), processCPU()
	if _, err := ix.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(t0).Seconds(), "save-s")
	b.ReportMetric((processCPU() - c0).Seconds(), "save-cpu-s")
	b.ReportMetric(float64(buf.Len())/(1<<20), "file-MB")
	t0, c0 = time.Now(), processCPU()
	if _, err := Read(&buf); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(t0).Seconds(), "load-s")
	b.ReportMetric((processCPU() - c0).Seconds(), "load-cpu-s")
	runtime.KeepAlive(ix)
}

var (
	benchIxOnce  sync.Once
	benchIx      *Index
	benchIxBuild time.Duration // process CPU time of the build
)

func benchIndex(b *testing.B) (*corpus, *Index) {
	c := benchDocs(b)
	benchIxOnce.Do(func() {
		c0 := processCPU()
		benchIx = buildIndex(b, c.arts)
		benchIxBuild = processCPU() - c0
	})
	return c, benchIx
}

// BenchmarkPassages measures the reuse of one article against the other
// 9,999: 300 articles (a third of each kind), and, as the baseline, the
// naive comparison of the first 10 of them with every other article.
func BenchmarkPassages(b *testing.B) {
	c, ix := benchIndex(b)
	var sample []*gArticle
	for i := 0; i < len(c.arts) && len(sample) < 300; i += len(c.arts) / 300 {
		sample = append(sample, c.arts[i])
	}
	b.ResetTimer()
	var wall, cpu []time.Duration
	found := 0
	for range b.N {
		runtime.LockOSThread()
		for _, a := range sample {
			t0, c0 := time.Now(), threadCPU()
			found += len(ix.Passages(a.id))
			cpu = append(cpu, threadCPU()-c0)
			wall = append(wall, time.Since(t0))
		}
		runtime.UnlockOSThread()
	}
	b.StopTimer()
	b.ReportMetric(ms(percentile(wall, 0.5)), "median-ms")
	b.ReportMetric(ms(percentile(wall, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(cpu, 0.5)), "cpu-median-ms")
	b.ReportMetric(ms(percentile(cpu, 0.99)), "cpu-p99-ms")
	b.ReportMetric(float64(found)/float64(b.N*len(sample)), "passages/article")

	// The naive baseline: the same alignments against every document.
	ix.rlock()
	defer ix.mu.RUnlock()
	var naive []time.Duration
	var idx []time.Duration
	for _, a := range sample[:10] {
		q := ix.newQuery()
		q.reset(ix.byID[a.id])
		t0 := time.Now()
		n := 0
		for _, d := range ix.slots {
			if d != nil && d != q.gd.d {
				n += len(q.alignWith(d))
			}
		}
		naive = append(naive, time.Since(t0))
		t0 = time.Now()
		m := 0
		q.reset(ix.byID[a.id])
		for _, s := range q.candidates(false) {
			m += len(q.alignWith(ix.slots[s]))
		}
		idx = append(idx, time.Since(t0))
		if n != m {
			b.Errorf("%s: naive finds %d aligned pairs, the index %d", a.id, n, m)
		}
	}
	b.ReportMetric(ms(percentile(naive, 0.5)), "naive-median-ms")
	b.ReportMetric(float64(percentile(naive, 0.5))/float64(percentile(idx, 0.5)), "speedup-x")
}

// BenchmarkClusters measures all clusters across the 10,000 articles, and
// estimates the naive comparison of all pairs: it aligns 40 sampled
// articles with every other article (40 rows of the pair matrix, 400,000
// pair alignments, each on one core) and scales the mean row to the
// 10,000 × 9,999 / 2 pairs. Running all 50 million would take about an
// hour on one core.
func BenchmarkClusters(b *testing.B) {
	c, ix := benchIndex(b)
	b.ResetTimer()
	var n int
	var cpu time.Duration
	for range b.N {
		t0, c0 := time.Now(), processCPU()
		n = len(ix.Clusters())
		cpu = processCPU() - c0
		b.ReportMetric(time.Since(t0).Seconds(), "clusters-s")
		b.ReportMetric(cpu.Seconds(), "clusters-cpu-s")
	}
	b.StopTimer()
	b.ReportMetric(float64(n), "clusters")
	ix.rlock()
	defer ix.mu.RUnlock()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	q := ix.newQuery()
	var row time.Duration
	const rows = 40
	for i := range rows {
		d := ix.byID[c.arts[i*len(c.arts)/rows].id]
		c0 := threadCPU()
		q.reset(d)
		for _, o := range ix.slots {
			if o != nil && o != d {
				q.alignWith(o)
			}
		}
		row += threadCPU() - c0
	}
	naive := row.Seconds() / rows * float64(len(c.arts)) / 2
	b.ReportMetric(naive, "naive-est-cpu-s")
	b.ReportMetric(benchIxBuild.Seconds(), "build-cpu-s")
	b.ReportMetric(naive/(cpu+benchIxBuild).Seconds(), "speedup-est-x")
}

// BenchmarkNaive compares the index (build and all clusters) with the
// naive pairwise comparison on 2,000 articles generated like the main
// corpus (600 originals, 800 derived, 600 unrelated), checking that the
// results are equal. Both use all cores. Run it alone (-bench Naive) so
// that the main corpus is not in memory.
func BenchmarkNaive(b *testing.B) {
	spec := benchSpec
	spec.originals, spec.derived, spec.unrelated = 600, 800, 600
	c := generate(spec)
	arts := c.arts
	docs := map[string]string{}
	for _, a := range arts {
		docs[a.id] = a.text
	}
	b.ResetTimer()
	for range b.N {
		runtime.GC()
		t0, c0 := time.Now(), processCPU()
		ix := buildIndex(b, arts)
		got := ix.Clusters()
		idx, idxCPU := time.Since(t0), processCPU()-c0
		ix = nil
		runtime.GC()
		t0, c0 = time.Now(), processCPU()
		_, want := Naive(docs, Options{})
		naive, naiveCPU := time.Since(t0), processCPU()-c0
		if !slices.EqualFunc(got, want, func(a, b Cluster) bool { return a.Key == b.Key && slices.Equal(a.Members, b.Members) }) {
			b.Errorf("index and naive clusters differ: %d and %d", len(got), len(want))
		}
		b.ReportMetric(float64(len(arts)), "articles")
		b.ReportMetric(float64(len(got)), "clusters")
		b.ReportMetric(idx.Seconds(), "index-s")
		b.ReportMetric(idxCPU.Seconds(), "index-cpu-s")
		b.ReportMetric(naive.Seconds(), "naive-s")
		b.ReportMetric(naiveCPU.Seconds(), "naive-cpu-s")
		b.ReportMetric(naive.Seconds()/idx.Seconds(), "speedup-x")
		b.ReportMetric(naiveCPU.Seconds()/idxCPU.Seconds(), "cpu-speedup-x")
	}
}

// BenchmarkPut measures replacing one article of the full index, including
// the merge at the next read, and deleting one.
func BenchmarkPut(b *testing.B) {
	c, ix := benchIndex(b)
	b.ResetTimer()
	var put, putCPU, del []time.Duration
	for i := range b.N {
		a := c.arts[(i*7919)%len(c.arts)]
		t0, c0 := time.Now(), processCPU()
		if err := ix.Put(a.id, a.text); err != nil {
			b.Fatal(err)
		}
		ix.Len()
		ix.rlock()
		ix.mu.RUnlock()
		put = append(put, time.Since(t0))
		putCPU = append(putCPU, processCPU()-c0)
		t0 = time.Now()
		ix.Delete(a.id)
		del = append(del, time.Since(t0))
		if err := ix.Put(a.id, a.text); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	ix.rlock()
	ix.mu.RUnlock()
	b.ReportMetric(ms(percentile(put, 0.5)), "put-median-ms")
	b.ReportMetric(ms(percentile(put, 0.99)), "put-p99-ms")
	b.ReportMetric(ms(percentile(putCPU, 0.5)), "put-cpu-median-ms")
	b.ReportMetric(ms(percentile(del, 0.5)), "delete-median-ms")
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(p*float64(len(s)-1))]
}
