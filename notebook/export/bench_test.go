package export_test

import (
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/storage"
)

// Benchmark corpus: benchArticles articles of benchParas paragraphs, with
// benchPerArticle annotations each (100,000 in all).
const (
	benchArticles   = 1000
	benchPerArticle = 100
	benchParas      = 40
)

var benchWords = strings.Fields("the junta Moscow Bamako Wagner Sahel security cooperation minister " +
	"aircraft delivered militants insurgency France troops analysts sanctions economic Lavrov " +
	"Diop said would continue support partners region government agreement defense signed")

func benchText(r *rand.Rand) string {
	paras := make([]string, benchParas)
	for p := range paras {
		var b strings.Builder
		for s := 0; s < 4; s++ {
			n := 8 + r.IntN(12)
			for w := 0; w < n; w++ {
				word := benchWords[r.IntN(len(benchWords))]
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				b.WriteString(word)
				if w < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		paras[p] = strings.TrimSpace(b.String())
	}
	return strings.Join(paras, "\n\n")
}

// benchTexts are a few generated article texts that the benchmark
// articles share, so that making the stream costs little next to the
// export itself.
var benchTexts = sync.OnceValues(func() ([]string, [][]rune) {
	r := rand.New(rand.NewPCG(1, 7))
	texts, runes := make([]string, 16), make([][]rune, 16)
	for i := range texts {
		texts[i] = benchText(r)
		runes[i] = []rune(texts[i])
	}
	return texts, runes
})

// benchItem makes article i with its annotations.
func benchItem(i int) export.Item {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	texts, allRunes := benchTexts()
	text, runes := texts[i%16], allRunes[i%16]
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	it := export.Item{
		Article: notebook.Article{
			ID: fmt.Sprintf("01ART%021d", i), Title: fmt.Sprintf("Article %d about the Sahel", i),
			Byline: "Isaac Mugabi (with Reuters and AP)", Outlet: "DW", URL: fmt.Sprintf("https://example.org/a/%d", i),
			Published: notebook.DateOf(base.AddDate(0, 0, -i)), Added: base, Tags: []string{"Sahel"},
		},
		Text: text,
	}
	for j := 0; j < benchPerArticle; j++ {
		start := r.IntN(len(runes) - 200)
		end := start + 20 + r.IntN(120)
		a := notebook.Annotation{
			ID: fmt.Sprintf("01ANN%011d%010d", i, j), ArticleID: it.Article.ID, Start: start, End: end,
			Quote: string(runes[start:end]), Prefix: string(runes[max(0, start-32):start]), Suffix: string(runes[end:min(len(runes), end+32)]),
			Color: notebook.Colors[j%len(notebook.Colors)], Status: notebook.Anchored,
			Created: base.Add(time.Duration(i*benchPerArticle+j) * time.Second),
		}
		a.Updated = a.Created
		if j%3 == 0 {
			a.Note = "A note with *emphasis* about " + benchWords[j%len(benchWords)] + " <b>and HTML</b>."
		}
		if j%4 == 0 {
			a.Tags = []string{"Russia–Africa ties", "Sahel/Mali"}
		}
		if j%50 == 49 {
			a.Status = notebook.Orphaned
		}
		it.Annotations = append(it.Annotations, a)
	}
	return it
}

// generated streams n articles, built one at a time.
func generated(n int) iter.Seq2[export.Item, error] {
	return func(yield func(export.Item, error) bool) {
		for i := 0; i < n; i++ {
			if !yield(benchItem(i), nil) {
				return
			}
		}
	}
}

// liveHeap passes a stream through and, every 50 items, collects garbage
// and records the live heap into peak: the memory the export really holds
// (plus the program's baseline, see heapBaseline).
func liveHeap(items iter.Seq2[export.Item, error], peak *uint64) iter.Seq2[export.Item, error] {
	return func(yield func(export.Item, error) bool) {
		var ms runtime.MemStats
		i := 0
		for it, err := range items {
			if i%50 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				*peak = max(*peak, ms.HeapAlloc)
			}
			i++
			if !yield(it, err) {
				return
			}
		}
	}
}

// countingWriter discards output but counts it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite exports 100,000 annotations (1,000 articles) in every
// format from a generated stream. The stream's own cost is in
// BenchmarkWrite_streamOnly, to subtract. cpu-s/op is the CPU time used
// (the wall clock is unreliable on a shared machine).
func BenchmarkWrite(b *testing.B) {
	cases := []struct {
		name string
		opt  export.Options
	}{
		{"md", export.Options{Format: export.Markdown}},
		{"md-sentence-chicago", export.Options{Format: export.Markdown, Context: export.SentenceContext, Citation: export.Chicago}},
		{"html", export.Options{Format: export.HTML}},
		{"csv", export.Options{Format: export.CSV}},
		{"json", export.Options{Format: export.JSON}},
		{"txt", export.Options{Format: export.Text}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var w countingWriter
			runtime.GC()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := export.Write(&w, generated(benchArticles), c.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(w.n)/float64(b.N)/(1<<20), "out-MB")
		})
	}
}

// BenchmarkWrite_streamOnly is the cost of generating the stream alone.
func BenchmarkWrite_streamOnly(b *testing.B) {
	cpu := cpuTime()
	for b.Loop() {
		for it := range generated(benchArticles) {
			_ = it
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// heapBaseline is the live heap before an export (the test binary's own
// globals: parsers, language tables).
func heapBaseline() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkWrite_liveHeap shows that memory is bounded: the live heap
// while exporting 10,000 and 100,000 annotations is about the same.
func BenchmarkWrite_liveHeap(b *testing.B) {
	for _, format := range []export.Format{export.Markdown, export.HTML, export.JSON} {
		for _, articles := range []int{benchArticles / 10, benchArticles} {
			b.Run(fmt.Sprintf("%s-%dk", format, articles*benchPerArticle/1000), func(b *testing.B) {
				var peak uint64
				base := heapBaseline()
				for b.Loop() {
					if _, err := export.Write(io.Discard, liveHeap(generated(articles), &peak), export.Options{Format: format}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "live-heap-MB")
			})
		}
	}
}

// cpuTime is the CPU time (user and system, all threads, GC included) the
// process has used: on a shared machine it measures the work done better
// than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var (
	benchDBOnce sync.Once
	benchDBPath string
	benchDBErr  error
)

// benchNotebook writes the generated corpus into a real notebook file
// once per process (straight through the store, in batches).
func benchNotebook(b *testing.B) string {
	benchDBOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gloss-export-bench")
		if err != nil {
			benchDBErr = err
			return
		}
		benchDBPath = filepath.Join(dir, "nb.db")
		db, err := storage.Open(benchDBPath)
		if err != nil {
			benchDBErr = err
			return
		}
		defer db.Close()
		for start := 0; start < benchArticles && benchDBErr == nil; start += 100 {
			benchDBErr = db.Update(func(tx notebook.Tx) error {
				for i := start; i < start+100; i++ {
					it := benchItem(i)
					it.Article.TextHash = fmt.Sprintf("hash%d", i)
					it.Article.Chars = utf8.RuneCountInString(it.Text)
					if err := tx.PutArticle(it.Article); err != nil {
						return err
					}
					if err := tx.PutBody(it.Article.ID, notebook.Body{Text: it.Text}); err != nil {
						return err
					}
					for _, a := range it.Annotations {
						if err := tx.PutAnnotation(a); err != nil {
							return err
						}
					}
				}
				return nil
			})
		}
	})
	if benchDBErr != nil {
		b.Fatal(benchDBErr)
	}
	return benchDBPath
}

// BenchmarkExport_fromNotebook is the whole path of `gloss export --all`:
// Notebook.Excerpts reading a bbolt notebook of 100,000 annotations one
// article per transaction, then Write.
func BenchmarkExport_fromNotebook(b *testing.B) {
	path := benchNotebook(b)
	db, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	nb := notebook.New(db)
	for _, format := range []export.Format{export.Markdown, export.CSV, export.JSON} {
		b.Run(string(format), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := export.Write(io.Discard, nb.Excerpts(notebook.ExportScope{All: true}), export.Options{Format: format}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
	b.Run("md-live-heap", func(b *testing.B) {
		var peak uint64
		base := heapBaseline()
		for b.Loop() {
			if _, err := export.Write(io.Discard, liveHeap(nb.Excerpts(notebook.ExportScope{All: true}), &peak), export.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "live-heap-MB")
	})
}

// TestMain removes the benchmark notebook after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDBPath != "" {
		os.RemoveAll(filepath.Dir(benchDBPath))
	}
	os.Exit(code)
}
