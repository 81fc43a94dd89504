package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

const crashArticles = 3000

// crashDraft is the i-th article of the crash test, the same every time.
func crashDraft(i int) ingest.Draft {
	words := strings.Repeat(fmt.Sprintf("paragraph of article %d about the Sahel. ", i), 40)
	return ingest.Draft{Title: fmt.Sprintf("Article %d", i), Text: words + "\n\nEnd of article " + fmt.Sprint(i), MediaType: "text/plain"}
}

// runImportForever imports every crash article in batches of 100, as a
// bulk import does, then starts over (all duplicates), until killed.
func runImportForever(path string) {
	db, err := Open(path)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	nb := notebook.New(db)
	fmt.Println("READY")
	for {
		for start := 0; start < crashArticles; start += 100 {
			batch := make([]ingest.Draft, 0, 100)
			for i := start; i < start+100; i++ {
				batch = append(batch, crashDraft(i))
			}
			if _, err := nb.AddArticles(batch); err != nil {
				fmt.Println("ERR", err)
				os.Exit(4)
			}
		}
	}
}

// TestCrash_KillDuringBulkImport kills a process in the middle of bulk
// imports (SIGKILL, at several moments) and checks that the notebook opens,
// passes check, holds only whole articles, and that importing again
// completes the work without duplicates.
func TestCrash_KillDuringBulkImport(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "nb.db")
	for round, delay := range []time.Duration{30 * time.Millisecond, 150 * time.Millisecond, 400 * time.Millisecond} {
		cmd := helperProcess(t, "import", path)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 64)
		n, _ := out.Read(buf)
		if !strings.Contains(string(buf[:n]), "READY") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: helper: %q", round, buf[:n])
		}
		time.Sleep(delay)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()

		db, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if p, err := db.Check(); err != nil || len(p) != 0 {
			t.Fatalf("round %d: check after kill: %v %v", round, p, err)
		}
		count := 0
		db.View(func(tx notebook.Tx) error {
			return tx.ForEachArticle(func(a notebook.Article) error {
				count++
				b, err := tx.Body(a.ID)
				if err != nil || !strings.HasSuffix(b.Text, "End of article "+strings.TrimPrefix(a.Title, "Article ")) {
					t.Errorf("round %d: article %s is partial: %v", round, a.Title, err)
				}
				return nil
			})
		})
		if count%100 != 0 {
			t.Errorf("round %d: %d articles: a batch was half applied", round, count)
		}
		t.Logf("round %d: killed after %v with %d articles stored", round, delay, count)
		db.Close()
	}
	// Import everything again: the work completes, nothing is duplicated.
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	nb := notebook.New(db)
	drafts := make([]ingest.Draft, crashArticles)
	for i := range drafts {
		drafts[i] = crashDraft(i)
	}
	if _, err := nb.AddArticles(drafts); err != nil {
		t.Fatal(err)
	}
	arts, err := nb.Articles(notebook.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != crashArticles {
		t.Errorf("after re-import: %d articles, want %d", len(arts), crashArticles)
	}
}
