package notebook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/internal/testutil/cputime"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
)

// The speed targets of issue 20: the first sync of a notebook of 10,000
// articles and 100,000 annotations within 60 s, an incremental sync of 10
// changed records within 2 s (local remote), and a compact working copy
// (texts stored once). GLOSS_SYNC_BENCH_ARTICLES makes the notebook
// smaller for a quick run.

const (
	syncBenchArticles = 10_000
	syncBenchAnns     = 10
)

func syncBenchCount() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv("GLOSS_SYNC_BENCH_ARTICLES"), &n); err == nil && n > 0 {
		return n
	}
	return syncBenchArticles
}

// syncBenchBundle writes a bundle of n articles of about 3,000 characters
// (paragraphs of words drawn at random, so that texts differ as real ones
// do) with syncBenchAnns highlights each, and returns the texts'
// total size in bytes.
func syncBenchBundle(n int) ([]byte, int64) {
	rng := rand.New(rand.NewPCG(20, 20))
	words := strings.Fields("harbour ledger permit river market drought cooperative tariff rumour ferry grain barge inspection ministry window season fisher cold store manager school exercise book friday union price flour northern delay trader rule week port council budget rainfall village mayor clinic road bridge election")
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	var textBytes int64
	buf.WriteString(`{"gloss_bundle":1,"exported":"2024-03-01T10:00:00Z","articles":[`)
	type record struct {
		Article     notebook.Article      `json:"article"`
		Body        notebook.Body         `json:"body"`
		Annotations []notebook.Annotation `json:"annotations,omitempty"`
	}
	for i := 0; i < n; i++ {
		var text strings.Builder
		fmt.Fprintf(&text, "Dispatch %d from the river towns.", i)
		for p := 0; p < 8; p++ {
			text.WriteString("\n\n")
			for w := 0; w < 60; w++ {
				if w > 0 {
					text.WriteByte(' ')
				}
				text.WriteString(words[rng.IntN(len(words))])
			}
			text.WriteByte('.')
		}
		body := text.String()
		textBytes += int64(len(body))
		id := fmt.Sprintf("01J0000000000000000%07X", i+1)
		r := record{
			Article: notebook.Article{ID: id, Title: fmt.Sprintf("Dispatch %d", i), Byline: "Ines Carvalho", Outlet: "The Lagos Ledger",
				URL: fmt.Sprintf("https://ledger.example.org/dispatch-%d", i), Added: t0, Updated: t0, Version: 1,
				TextHash: sha(body), Chars: utf8.RuneCountInString(body), MediaType: "text/plain"},
			Body: notebook.Body{Text: body},
		}
		for k := 0; k < syncBenchAnns; k++ {
			start := 40 + k*200
			quote := string([]rune(body)[start : start+30])
			r.Annotations = append(r.Annotations, notebook.Annotation{ID: fmt.Sprintf("01J1000000000000000%07X", i*syncBenchAnns+k+1), ArticleID: id,
				Start: start, End: start + 30, Quote: quote, Color: notebook.Yellow, Status: notebook.Anchored,
				Note: fmt.Sprintf("note %d on dispatch %d", k, i), Tags: []string{words[k]}, Created: t0, Updated: t0})
		}
		if i > 0 {
			buf.WriteString(",\n")
		}
		data, _ := json.Marshal(r)
		buf.Write(data)
	}
	buf.WriteString(`],"tags":[],"trash":[]}` + "\n")
	return buf.Bytes(), textBytes
}

// syncBenchNotebook returns the path of a closed notebook of n articles (made
// once per run and copied by the callers) and the texts' total size.
var syncBenchCache = map[int]struct {
	path  string
	texts int64
}{}

func syncBenchNotebook(b *testing.B, n int) (string, int64) {
	if c, ok := syncBenchCache[n]; ok {
		return c.path, c.texts
	}
	dir, err := os.MkdirTemp("", "gloss-sync-bench-")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "big.db")
	data, texts := syncBenchBundle(n)
	db := nbtest.Store(b, path)
	nb := notebook.New(db)
	if _, err := nb.MergeBundle(bytes.NewReader(data)); err != nil {
		b.Fatal(err)
	}
	nb.Close()
	syncBenchCache[n] = struct {
		path  string
		texts int64
	}{path, texts}
	return path, texts
}

func syncCopyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

func syncBareRemote(b *testing.B, dir string) string {
	remote := filepath.Join(dir, "team.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", remote).CombinedOutput(); err != nil {
		b.Fatalf("git init: %v %s", err, out)
	}
	return remote
}

// syncDirBytes is the size of the files under dir.
func syncDirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// syncTreeBytes sums the sizes of the files of the working copy's main
// branch: the texts' files and the rest (records).
func syncTreeBytes(b *testing.B, dir string) (texts, records int64) {
	out, err := exec.Command("git", "--git-dir="+dir, "ls-tree", "-r", "-l", "main").Output()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		meta, path, ok := strings.Cut(line, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 {
			continue
		}
		var n int64
		fmt.Sscan(f[3], &n)
		if strings.HasPrefix(path, "texts/") {
			texts += n
		} else {
			records += n
		}
	}
	return texts, records
}

// cpuClock measures CPU time: this process's and its finished children's
// (git).
type cpuClock struct{ self, kids time.Duration }

func cpuNow() cpuClock { return cpuClock{cputime.Process(), childrenCPU()} }

func (c cpuClock) since() (self, kids time.Duration) {
	now := cpuNow()
	return now.self - c.self, now.kids - c.kids
}

// syncTimes adds up the wall and CPU time (Gloss's, and git's) of the
// syncs a benchmark measures.
type syncTimes struct{ wall, self, kids time.Duration }

// add runs fn and adds its times.
func (t *syncTimes) add(fn func()) {
	start, cpu := time.Now(), cpuNow()
	fn()
	s, k := cpu.since()
	t.wall += time.Since(start)
	t.self += s
	t.kids += k
}

// report reports the times per sync.
func (t *syncTimes) report(b *testing.B) {
	b.ReportMetric(t.wall.Seconds()/float64(b.N), "s/sync")
	b.ReportMetric(t.self.Seconds()/float64(b.N), "cpu-s/sync")
	b.ReportMetric(t.kids.Seconds()/float64(b.N), "git-cpu-s/sync")
}

// heapPeak samples the live heap every 10 ms until stop is called, which
// returns the highest sample in bytes.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var high uint64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			high = max(high, sample[0].Value.Uint64())
			select {
			case <-done:
				peak <- high
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-peak
	}
}

func syncBenchNeedsGit(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
}

// BenchmarkSync_first: the first sync (gloss sync init) of a notebook of
// 10,000 articles and 100,000 annotations to an empty local remote, and a
// clone of it into an empty notebook. Reported: seconds and CPU seconds
// (Gloss, and git) per sync, the peak live heap, and the working copy's
// size on disk against the texts' total size (and the sizes of the
// text and record files it holds, uncompressed).
func BenchmarkSync_first(b *testing.B) {
	syncBenchNeedsGit(b)
	n := syncBenchCount()
	src, texts := syncBenchNotebook(b, n)
	b.Run(fmt.Sprintf("articles=%d/init", n), func(b *testing.B) {
		var times syncTimes
		var copyBytes, textFiles, recordFiles int64
		var peak uint64
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dir := b.TempDir()
			path := filepath.Join(dir, "nb.db")
			syncCopyFile(b, src, path)
			remote := syncBareRemote(b, dir)
			nb := nbtest.Open(b, path)
			runtime.GC()
			b.StartTimer()
			heap := heapPeak()
			times.add(func() {
				if _, err := nb.SyncInit(context.Background(), remote, false); err != nil {
					b.Fatal(err)
				}
			})
			peak = max(peak, heap())
			b.StopTimer()
			copyBytes = syncDirBytes(notebook.SyncDir(path))
			textFiles, recordFiles = syncTreeBytes(b, notebook.SyncDir(path))
			nb.Close()
			b.StartTimer()
		}
		times.report(b)
		b.ReportMetric(float64(copyBytes)/1e6, "copy-MB")
		b.ReportMetric(float64(texts)/1e6, "texts-MB")
		b.ReportMetric(float64(textFiles)/1e6, "text-files-MB")
		b.ReportMetric(float64(recordFiles)/1e6, "record-files-MB")
		b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	})
	b.Run(fmt.Sprintf("articles=%d/clone", n), func(b *testing.B) {
		dir := b.TempDir()
		path := filepath.Join(dir, "nb.db")
		syncCopyFile(b, src, path)
		remote := syncBareRemote(b, dir)
		nb := nbtest.Open(b, path)
		if _, err := nb.SyncInit(context.Background(), remote, false); err != nil {
			b.Fatal(err)
		}
		var times syncTimes
		var peak uint64
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			clone := nbtest.Open(b, filepath.Join(b.TempDir(), "clone.db"))
			runtime.GC()
			b.StartTimer()
			heap := heapPeak()
			times.add(func() {
				if _, err := clone.SyncInit(context.Background(), remote, false); err != nil {
					b.Fatal(err)
				}
			})
			peak = max(peak, heap())
			b.StopTimer()
			clone.Close()
			b.StartTimer()
		}
		times.report(b)
		b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	})
}

// BenchmarkSync_incremental: a sync of 10 changed records (5 article
// notes, 5 highlight notes) of a notebook of 10,000 articles and 100,000
// annotations to a local remote, after another notebook pushed 10 changes
// of its own (so the sync also fetches, merges and applies); and an idle
// sync (nothing to send or receive).
func BenchmarkSync_incremental(b *testing.B) {
	syncBenchNeedsGit(b)
	n := syncBenchCount()
	src, _ := syncBenchNotebook(b, n)
	dir := b.TempDir()
	remote := syncBareRemote(b, dir)
	ours, theirs := filepath.Join(dir, "ours.db"), filepath.Join(dir, "theirs.db")
	syncCopyFile(b, src, ours)
	a := nbtest.Open(b, ours)
	if _, err := a.SyncInit(context.Background(), remote, false); err != nil {
		b.Fatal(err)
	}
	other := nbtest.Open(b, theirs)
	if _, err := other.SyncInit(context.Background(), remote, false); err != nil {
		b.Fatal(err)
	}
	arts, err := a.Articles(notebook.ListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	change := func(nb *notebook.Notebook, round, offset int) {
		for k := 0; k < 5; k++ {
			art := arts[(round*37+k*101+offset)%len(arts)]
			if _, err := nb.SetArticleNote(art.ID, fmt.Sprintf("round %d note %d", round, k)); err != nil {
				b.Fatal(err)
			}
			anns, err := nb.Annotations(art.ID)
			if err != nil || len(anns) == 0 {
				b.Fatal(err)
			}
			if _, err := nb.EditAnnotation(anns[0].ID, notebook.AnnotationUpdate{Note: ptr(fmt.Sprintf("round %d", round))}); err != nil {
				b.Fatal(err)
			}
		}
	}
	round := 0
	b.Run(fmt.Sprintf("articles=%d/changed=10", n), func(b *testing.B) {
		var times syncTimes
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			round++
			change(other, round, 7)
			if _, err := other.Sync(context.Background()); err != nil {
				b.Fatal(err)
			}
			change(a, round, 0)
			b.StartTimer()
			var rep notebook.SyncReport
			times.add(func() {
				var err error
				if rep, err = a.Sync(context.Background()); err != nil {
					b.Fatal(err)
				}
			})
			if rep.Sent < 10 || rep.Received < 10 {
				b.Fatalf("sync sent %d and received %d files, want 10 each", rep.Sent, rep.Received)
			}
		}
		times.report(b)
	})
	b.Run(fmt.Sprintf("articles=%d/idle", n), func(b *testing.B) {
		var times syncTimes
		for i := 0; i < b.N; i++ {
			times.add(func() {
				if _, err := a.Sync(context.Background()); err != nil {
					b.Fatal(err)
				}
			})
		}
		times.report(b)
	})
}
