package notebook_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/internal/testutil/cputime"
	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/dates"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Sentences of the generated articles, each with a date expression of a
// different kind (and some with none), written for the benchmark.
var timelineSentences = []string{
	"The convoy reached the northern town on March %d, %d, after two days on the road.",
	"Officials said the talks had stalled since July %d.",
	"A spokesman confirmed last week that the base would close.",
	"The agreement signed in %d was never ratified by parliament.",
	"Prices rose sharply two years ago, traders recalled.",
	"Between %d and %d the ministry tripled its budget for drones.",
	"The committee will meet again next month to review the figures.",
	"Nobody in the village remembered a harvest as poor as this one.",
}

var bigTimeline struct {
	once sync.Once
	path string
}

// timelineFixture builds (once, kept in the temp dir between runs) a
// notebook of 10,000 articles and 100,000 highlights, each over one
// sentence of its article.
func timelineFixture(b *testing.B) string {
	bigTimeline.once.Do(func() {
		path := filepath.Join(os.TempDir(), "gloss-bench-timeline-10k-100k.db")
		bigTimeline.path = path
		if _, err := os.Stat(path); err == nil {
			return
		}
		db := nbtest.Store(b, path+".tmp")
		nb := notebook.New(db)
		r := rand.New(rand.NewPCG(5, 6))
		now := time.Now().UTC()
		n := 0
		type span struct {
			start, end int
			quote      string
		}
		for start := 0; start < 10000; start += 500 {
			drafts := make([]ingest.Draft, 0, 500)
			spans := make([][]span, 0, 500)
			for i := start; i < start+500; i++ {
				var sb strings.Builder
				var sp []span
				for j := range 10 {
					if j > 0 {
						sb.WriteString("\n\n")
					}
					s := fmt.Sprintf(timelineSentences[r.IntN(len(timelineSentences))], 1+r.IntN(28), 1990+r.IntN(30))
					s = strings.ReplaceAll(s, "%!d(MISSING)", "2001")
					at := utf8.RuneCountInString(sb.String())
					sb.WriteString(s)
					sp = append(sp, span{at, at + utf8.RuneCountInString(s), s})
				}
				drafts = append(drafts, ingest.Draft{
					Title: fmt.Sprintf("Dispatch %d", i), Outlet: fmt.Sprintf("Outlet %d", i%20),
					Published: time.Date(2015+i%10, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
					Text:      sb.String(), Tags: []string{fmt.Sprintf("Theme %d", i%7)},
				})
				spans = append(spans, sp)
			}
			rs, err := nb.AddArticles(drafts)
			if err != nil {
				b.Fatal(err)
			}
			// The highlights in one transaction per batch (one Highlight
			// call each would take minutes of fsyncs).
			err = db.Update(func(tx notebook.Tx) error {
				for k, res := range rs {
					for _, s := range spans[k] {
						n++
						a := notebook.Annotation{ID: fmt.Sprintf("01TIMELINE%016d", n), ArticleID: res.Article.ID,
							Start: s.start, End: s.end, Quote: s.quote, Color: notebook.Colors[n%8],
							Status: notebook.Anchored, Created: now, Updated: now}
						if err := tx.PutAnnotation(a); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := nb.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	})
	return bigTimeline.path
}

// reportCPU reports the process CPU time per operation (the wall time on a
// shared machine includes waiting for a core); call the result when done.
func reportCPU(b *testing.B) func() {
	start := cputime.Process()
	return func() { b.ReportMetric(float64(cputime.Process()-start)/float64(b.N)/1e6, "cpu-ms/op") }
}

// BenchmarkTimeline_100k: the timeline of every highlight of a notebook of
// 10,000 articles and 100,000 highlights, with the event-date index built
// (target ≤ 1 s). The baseline reads each passage's date at timeline time,
// as a tool without the index would.
func BenchmarkTimeline_100k(b *testing.B) {
	path := timelineFixture(b)
	nb := nbtest.Open(b, path)
	if err := nb.WarmEvents(); err != nil {
		b.Fatal(err)
	}
	b.Run("index", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			dated, undated, err := nb.Timeline(notebook.ExportScope{All: true}, notebook.LanesTag)
			if err != nil || len(dated)+len(undated) != 100000 {
				b.Fatalf("%d + %d items, %v", len(dated), len(undated), err)
			}
		}
	})
	b.Run("baseline-read-each-passage", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			n := 0
			for set, err := range nb.Excerpts(notebook.ExportScope{All: true}) {
				if err != nil {
					b.Fatal(err)
				}
				for _, an := range set.Annotations {
					pub := set.Article.Published.Time()
					if len(dates.ForPassage(set.Text, an.Start, an.End, pub, !pub.IsZero())) > 0 {
						n++
					}
				}
			}
			if n == 0 {
				b.Fatal("no dates")
			}
		}
	})
}

// BenchmarkHighlight_eventDate: a highlight with the event-date index
// loaded (its date is read as the highlight commits) against one without
// (target: the date costs ≤ 1 ms).
func BenchmarkHighlight_eventDate(b *testing.B) {
	for _, warm := range []bool{false, true} {
		b.Run(fmt.Sprintf("index=%v", warm), func(b *testing.B) {
			nb := nbtest.OpenTemp(b)
			text := strings.Repeat(fmt.Sprintf(timelineSentences[0], 3, 2021)+" ", 400)
			res, err := nb.AddArticle(ingest.Draft{Title: "Long dispatch", Text: text})
			if err != nil {
				b.Fatal(err)
			}
			if warm {
				if err := nb.WarmEvents(); err != nil {
					b.Fatal(err)
				}
			}
			defer reportCPU(b)()
			i := 0
			for b.Loop() {
				at := (i % 390) * 82
				if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: res.Article.ID, Start: at, End: at + 40}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
