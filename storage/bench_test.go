package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

var bigNotebook struct {
	once sync.Once
	path string
}

// bigFixture builds a notebook of 10,000 articles (~500 words) and 100,000
// annotations, as cli's benchmarks do. It is deterministic, so it is kept
// in the temp dir and reused while it still checks out.
func bigFixture(b *testing.B) string {
	bigNotebook.once.Do(func() {
		path := filepath.Join(os.TempDir(), "gloss-storage-bench-10k-100k.db")
		bigNotebook.path = path
		if db, err := OpenReadOnly(path); err == nil {
			n := 0
			db.View(func(tx notebook.Tx) error {
				return tx.ForEachArticle(func(notebook.Article) error { n++; return nil })
			})
			db.Close()
			if n == 10000 {
				return
			}
		}
		os.Remove(path)
		os.Remove(MarkerPath(path))
		db, err := Open(path)
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
					URL:       fmt.Sprintf("https://ledger.example/%d", i),
					Published: time.Date(2020+i%5, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
					Text:      fixtureText(r, i+1, 500), Tags: []string{"Transport/Ferries"},
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
		now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
		for start := 0; start < 100000; start += 10000 {
			err := db.Update(func(tx notebook.Tx) error {
				for i := start; i < start+10000; i++ {
					a := notebook.Annotation{
						ID: fmt.Sprintf("01BENCH%019d", i), ArticleID: ids[i%len(ids)], Start: 10, End: 60,
						Quote: "generated quote " + fmt.Sprint(i), Color: notebook.Yellow, Status: notebook.Anchored,
						Created: now, Updated: now,
					}
					if i%2 == 0 {
						a.Note = "a note about the harbour ledger"
						a.Tags = []string{"Follow up"}
					}
					if err := tx.PutAnnotation(a); err != nil {
						return err
					}
				}
				return tx.PutTag(notebook.Tag{Name: "Follow up"})
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := nb.Close(); err != nil {
			b.Fatal(err)
		}
	})
	return bigNotebook.path
}

// openWithoutWalk is how Open worked before issue 13, the baseline: the
// header checked, bbolt opened read-write, the schema read.
func openWithoutWalk(path string) (*bolt.DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, _ := f.Stat()
	err = validateFile(f, st.Size())
	f.Close()
	if err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout})
	if err != nil {
		return nil, err
	}
	err = db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bMeta).Get(keySchema) == nil {
			return fmt.Errorf("no schema")
		}
		return nil
	})
	return db, err
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start: on a machine
// shared with other work, wall time also counts the waits for a core.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkOpen opens and closes the big notebook read-write: the header
// check, the read-only open, the walk of the page structure, and the
// read-write reopen. Its baseline, BenchmarkOpen_BaselineNoWalk, is the
// open of before (no walk); the difference is the cost of the structural
// check at every open.
func BenchmarkOpen(b *testing.B) {
	path := bigFixture(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if d := db.Damage(); d != "" {
			b.Fatal(d)
		}
		db.Close()
	}
}

// BenchmarkOpen_BaselineNoWalk is the open of before issue 13.
func BenchmarkOpen_BaselineNoWalk(b *testing.B) {
	path := bigFixture(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		db, err := openWithoutWalk(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkOpenReadOnly is the open of read commands.
func BenchmarkOpenReadOnly(b *testing.B) {
	path := bigFixture(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		db, err := OpenReadOnly(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkWalkQuick is the structural walk alone, as every open runs it.
func BenchmarkWalkQuick(b *testing.B) {
	path := bigFixture(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		raw, err := newRawFile(f, st.Size(), false)
		if err != nil {
			b.Fatal(err)
		}
		if w := walkFile(raw, walkBranches, nil); w.damaged() {
			b.Fatal(w.problems[0])
		}
		raw.close()
	}
}

// BenchmarkWalkPages is the walk before the first write of a read-write
// notebook: every page's header and element table, and the free pages.
func BenchmarkWalkPages(b *testing.B) {
	path := bigFixture(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		raw, err := mapRawFile(f, st.Size(), false)
		if err != nil {
			b.Fatal(err)
		}
		if w := walkFile(raw, walkPages, nil); w.damaged() {
			b.Fatal(w.problems[0])
		}
		raw.close()
	}
}

// BenchmarkBoltTxCheck is bbolt's own consistency check (Tx.Check) on the
// big notebook, measured as the alternative structural check at open: the
// file opened read-only and checked, as an open would do.
func BenchmarkBoltTxCheck(b *testing.B) {
	path := bigFixture(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: LockTimeout})
		if err != nil {
			b.Fatal(err)
		}
		db.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				b.Fatal(err)
			}
			return nil
		})
		db.Close()
	}
}

// BenchmarkCheck is the full check: every page and every record decoded,
// every hash and reference verified.
func BenchmarkCheck(b *testing.B) {
	path := bigFixture(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		ps, err := CheckFile(path)
		if err != nil || len(ps) != 0 {
			b.Fatalf("%v %v", err, ps)
		}
	}
}

// BenchmarkSalvage copies the whole big notebook.
func BenchmarkSalvage(b *testing.B) {
	path := bigFixture(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		if _, err := Salvage(path, filepath.Join(b.TempDir(), "s.db")); err != nil {
			b.Fatal(err)
		}
	}
}
