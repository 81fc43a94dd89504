package cli

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/importer"
	"github.com/glossnotes/gloss/notebook/ingest"
	"github.com/glossnotes/gloss/storage"
)

var benchWords = strings.Fields(`the of and to in a is that for on with as by at from his her was were
Russia Mali Sahel Wagner junta Bamako Moscow Lavrov military cooperation security Niger Burkina
Faso government minister foreign said told reporters agreement defense troops France withdrawal
insurgency jihadist attack village army soldiers mercenaries contract gold mine aid grain fuel
sanctions United Nations mission MINUSMA election transition president colonel Goita coup
economic trade partnership analysts report human rights investigation civilians killed`)

// articleText makes a news-like article of about n words in paragraphs.
func articleText(r *rand.Rand, i, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Generated article number %d about the Sahel\n\nBy Reporter %d\nMarch %d, 2023\n\n", i, i%37, 1+i%28)
	for w := 0; w < n; w++ {
		if w > 0 && w%60 == 0 {
			b.WriteString(".\n\n")
		} else if w > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(benchWords[r.IntN(len(benchWords))])
	}
	b.WriteString(".\n")
	return b.String()
}

var importDir struct {
	once sync.Once
	dir  string
}

// importFixture writes 2,000 plain-text articles of ~500 words once.
func importFixture(b *testing.B) string {
	importDir.once.Do(func() {
		dir, err := os.MkdirTemp("", "gloss-import-bench")
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < 2000; i++ {
			sub := filepath.Join(dir, fmt.Sprintf("batch%02d", i/100))
			os.MkdirAll(sub, 0o755)
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("a%04d.txt", i)), []byte(articleText(r, i, 500)), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		importDir.dir = dir
	})
	return importDir.dir
}

// BenchmarkImportDir measures `gloss import DIR` of 2,000 plain-text
// articles of ~500 words into an empty notebook (target ≤ 3 s).
func BenchmarkImportDir(b *testing.B) {
	dir := importFixture(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), fmt.Sprintf("nb%d.db", i))
		b.StartTimer()
		if code := Run([]string{"--db", db, "import", dir}, strings.NewReader(""), io.Discard, io.Discard, testDeps); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkImportDir_BaselineOneTxPerFile is the naive way — parse and add
// each file in its own transaction, one after the other — for comparison.
func BenchmarkImportDir_BaselineOneTxPerFile(b *testing.B) {
	dir := importFixture(b)
	paths, _ := importer.Collect([]string{dir})
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		nb := notebook.New(nbtest.Store(b, filepath.Join(b.TempDir(), fmt.Sprintf("nb%d.db", i))))
		b.StartTimer()
		for _, p := range paths {
			d, err := ingest.File(p)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := nb.AddArticle(d); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		nb.Close()
		b.StartTimer()
	}
}

var bigNotebook struct {
	once sync.Once
	path string
}

// bigFixture builds a notebook of 10,000 articles (~500 words) and 100,000
// annotations, written in large batches. It is deterministic, so it is kept
// in the temp dir and reused by later runs while it still opens and holds
// the right number of articles.
func bigFixture(b *testing.B) string {
	bigNotebook.once.Do(func() {
		path := filepath.Join(os.TempDir(), "gloss-bench-10k-100k.db")
		bigNotebook.path = path
		if db, err := storage.Open(path); err == nil {
			arts, err := notebook.New(db).Articles(notebook.ListOptions{})
			db.Close()
			if err == nil && len(arts) == 10000 {
				return
			}
		}
		os.Remove(path)
		db, err := storage.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		nb := notebook.New(db)
		r := rand.New(rand.NewPCG(3, 4))
		var ids []string
		for start := 0; start < 10000; start += 500 {
			drafts := make([]ingest.Draft, 0, 500)
			for i := start; i < start+500; i++ {
				drafts = append(drafts, ingest.Draft{
					Title: fmt.Sprintf("Generated article %d", i), Byline: "Reporter", Outlet: "Outlet " + fmt.Sprint(i%20),
					Published: time.Date(2020+i%5, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
					Text:      articleText(r, i, 500), Tags: []string{"Sahel/Mali"},
				})
			}
			rs, err := nb.AddArticles(drafts)
			if err != nil {
				b.Fatal(err)
			}
			for _, res := range rs {
				ids = append(ids, res.Article.ID)
			}
		}
		now := time.Now().UTC()
		for start := 0; start < 100000; start += 10000 {
			err := db.Update(func(tx notebook.Tx) error {
				for i := start; i < start+10000; i++ {
					a := notebook.Annotation{
						ID: fmt.Sprintf("01BENCH%019d", i), ArticleID: ids[i%len(ids)], Start: 10, End: 60,
						Quote: "generated quote " + fmt.Sprint(i), Color: notebook.Yellow, Status: notebook.Anchored,
						Created: now, Updated: now,
					}
					if i%2 == 0 {
						a.Note = "a note about Wagner and the junta in Bamako"
						a.Tags = []string{"Russia–Africa ties"}
					}
					if err := tx.PutAnnotation(a); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		nb.Close()
		syscall.Sync() // let writeback finish before anything is timed
	})
	return bigNotebook.path
}

// BenchmarkOpenAndList opens a notebook of 10,000 articles and 100,000
// annotations and lists its articles with their highlight counts (target
// ≤ 200 ms).
//
// It also reports the memory the listing itself holds (the Go heap retained
// by the 10,000 listed articles, after a GC) next to what it allocates in
// passing.
func BenchmarkOpenAndList(b *testing.B) {
	path := bigFixture(b)
	var before, after runtime.MemStats
	var retained uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		db, err := storage.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		arts, err := notebook.New(db).Articles(notebook.ListOptions{})
		if err != nil || len(arts) != 10000 {
			b.Fatalf("%d articles, %v", len(arts), err)
		}
		db.Close()
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		retained = max(retained, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
		runtime.KeepAlive(arts)
		b.StartTimer()
	}
	b.ReportMetric(float64(retained)/(1<<20), "list-heap-MB")
}

// BenchmarkListProcess runs the real `gloss list` and `gloss list --json`
// on the big notebook as child processes and reports their peak resident
// memory (target ≤ 100 MB) and wall time including process start. The
// baseline is `gloss --help`: what the program takes before it opens a
// notebook.
func BenchmarkListProcess(b *testing.B) {
	path := bigFixture(b)
	bin := filepath.Join(b.TempDir(), "gloss")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	probe := buildRSSProbe(b)
	for _, run := range []struct {
		name string
		args []string
	}{
		{"baseline-help", []string{"--help"}},
		{"list", []string{"--db", path, "list"}},
		{"list-json", []string{"--db", path, "--json", "list"}},
	} {
		b.Run(run.name, func(b *testing.B) {
			var maxRSS int64
			for b.Loop() {
				out, err := exec.Command(probe, append([]string{bin}, run.args...)...).Output()
				if err != nil {
					b.Fatalf("%s: %v", run.name, err)
				}
				kb, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
				if err != nil {
					b.Fatalf("probe output %q: %v", out, err)
				}
				maxRSS = max(maxRSS, kb)
			}
			b.ReportMetric(float64(maxRSS)/1024, "maxRSS-MB")
		})
	}
}

// rssProbeSource is a tiny program that runs a command, discarding its
// output, and prints the command's peak resident memory in KB. Measuring
// through it rather than from the benchmark itself matters: Linux counts a
// child's peak from the moment it is forked, when it still shares the
// memory of its parent, so a child of the (large) test process would
// report at least the test process's own size.
const rssProbeSource = `package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
}
`

// buildRSSProbe builds the program of rssProbeSource and returns its path.
func buildRSSProbe(b *testing.B) string {
	dir := b.TempDir()
	for name, text := range map[string]string{"go.mod": "module rssprobe\n\ngo 1.26\n", "main.go": rssProbeSource} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command("go", "build", "-o", "probe", ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build the memory probe: %v\n%s", err, out)
	}
	return filepath.Join(dir, "probe")
}
