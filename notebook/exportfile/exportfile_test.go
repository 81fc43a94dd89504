package exportfile_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/exportfile"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// fixture is a notebook of two articles, one highlighted, with cite keys.
func fixture(t *testing.T) *notebook.Notebook {
	t.Helper()
	nb := nbtest.OpenTemp(t)
	for i, d := range []ingest.Draft{
		{Title: "Ferry crews return after the strike", Byline: "Ada Quist", Outlet: "Harbour Gazette",
			Published: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC),
			Text:      "The ferry crews went back to work on Monday.\n\nThe union said the talks would go on."},
		{Title: "Lighthouse keepers count the storms", Byline: "Bo Lind", Outlet: "Coast Weekly",
			Text: "Nine storms passed the point this winter."},
	} {
		res, err := nb.AddArticle(d)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: res.Article.ID, Quote: "the talks would go on", Note: "still open"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return nb
}

// TestWrite writes each kind of file and reads it back.
func TestWrite(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		opt       export.Options
		articles  int
		anns      int
		bib       string // the bibliography expected beside the file
		wantInOut string
	}{
		{"markdown", "notes.md", export.Options{Format: export.Markdown}, 1, 1, "", "the talks would go on"},
		{"gzipped csv", "notes.csv.gz", export.Options{Format: export.CSV}, 1, 1, "", "still open"},
		// A list of references holds every article in scope, annotated or not.
		{"references", "refs.bib", export.Options{Format: export.BibTeX}, 2, 0, "", "Lighthouse keepers"},
		{"draft for pandoc", "draft.md", export.Options{Format: export.Markdown, CiteKeys: true}, 1, 1, "draft.json", "bibliography: draft.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := fixture(t)
			path := filepath.Join(t.TempDir(), tt.file)
			res, err := exportfile.Write(context.Background(), nb, path, notebook.ExportScope{All: true}, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Articles != tt.articles || res.Annotations != tt.anns || res.Path != path {
				t.Errorf("result = %+v, want %d articles, %d annotations at %s", res, tt.articles, tt.anns, path)
			}
			out := readAll(t, path)
			if !strings.Contains(out, tt.wantInOut) {
				t.Errorf("%s lacks %q:\n%s", tt.file, tt.wantInOut, out)
			}
			wantBib := ""
			if tt.bib != "" {
				wantBib = filepath.Join(filepath.Dir(path), tt.bib)
			}
			if res.Bibliography != wantBib {
				t.Fatalf("bibliography = %q, want %q", res.Bibliography, wantBib)
			}
			if wantBib == "" {
				return
			}
			// The bibliography lists the articles the draft quotes.
			var refs []map[string]any
			if err := json.Unmarshal([]byte(readAll(t, wantBib)), &refs); err != nil || len(refs) != 1 || refs[0]["title"] != "Ferry crews return after the strike" {
				t.Errorf("bibliography: %v %v", err, refs)
			}
			if info, err := os.Stat(wantBib); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("bibliography mode: %v %v", info, err)
			}
		})
	}
}

// TestWrite_refused: what cannot be written is refused before anything is
// written, with an error naming the file.
func TestWrite_refused(t *testing.T) {
	nb := fixture(t)
	dir := t.TempDir()
	tests := []struct {
		name, file string
		opt        export.Options
		want       string
	}{
		{"draft for pandoc as HTML", "draft.html", export.Options{Format: export.HTML, CiteKeys: true}, "is Markdown, not html"},
		{"gzipped draft for pandoc", "draft.md.gz", export.Options{Format: export.Markdown, CiteKeys: true}, "without .gz"},
		{"over the notebook", nb.Path(), export.Options{Format: export.Markdown}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.file
			if !filepath.IsAbs(path) {
				path = filepath.Join(dir, path)
			}
			before, _ := os.ReadDir(dir)
			_, err := exportfile.Write(context.Background(), nb, path, notebook.ExportScope{All: true}, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), filepath.Base(path)) {
				t.Fatalf("err = %v, want one naming %s with %q", err, filepath.Base(path), tt.want)
			}
			if after, _ := os.ReadDir(dir); len(after) != len(before) {
				t.Errorf("a refused export left files: %v", after)
			}
		})
	}
}

// TestWrite_cancelled: a cancelled export stops and leaves no file.
func TestWrite_cancelled(t *testing.T) {
	nb := fixture(t)
	path := filepath.Join(t.TempDir(), "notes.md")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := exportfile.Write(ctx, nb, path, notebook.ExportScope{All: true}, export.Options{Format: export.Markdown})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a cancelled export left %s: %v", path, err)
	}
}

func readAll(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
