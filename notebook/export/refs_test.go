package export_test

import (
	"bytes"
	"encoding/json"
	"iter"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// refArticles reads the reference fixtures: original articles written for
// Gloss with the bylines, scripts, dates and titles the reference formats
// must handle.
func refArticles(t testing.TB) []notebook.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "refs", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var arts []notebook.Article
	if err := json.Unmarshal(b, &arts); err != nil {
		t.Fatalf("articles.json: %v", err)
	}
	return arts
}

// stream yields articles as export items (no text, no annotations).
func stream(arts []notebook.Article) iter.Seq2[export.Item, error] {
	return func(yield func(export.Item, error) bool) {
		for _, a := range arts {
			if !yield(export.Item{Article: a}, nil) {
				return
			}
		}
	}
}

func TestWrite_referencesGolden(t *testing.T) {
	arts := refArticles(t)
	for _, tt := range []struct {
		format export.Format
		golden string
	}{
		{export.CSL, "refs/refs.csl.json"},
		{export.BibTeX, "refs/refs.bib"},
		{export.RIS, "refs/refs.ris"},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			var b bytes.Buffer
			st, err := export.Write(&b, stream(arts), export.Options{Format: tt.format, Now: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if st.Articles != len(arts) || st.Annotations != 0 {
				t.Errorf("stats %+v, want %d articles and no annotations", st, len(arts))
			}
			golden(t, tt.golden, b.String())
		})
	}
}
